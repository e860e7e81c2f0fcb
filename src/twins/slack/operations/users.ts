/**
 * People: users.list (without emails), info and lookupByEmail (with them), profile.get,
 * profile.set (the caller's own; another's only with an admin's user token),
 * conversations, getPresence, setPresence.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { csv, cursorParams, flag, jsonValue, need, optional } from "../inputs.js";
import { requireUser, userById } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, canSee } from "../state.js";
import { wireChannel, wireProfile, wireUser } from "../wire/objects.js";
import { requestedTypes, typeOf } from "./conversations.js";

export const usersList = slackMethod({
  method: "users.list",
  description: "Every user of the workspace (deleted ones too, flagged); cursor-paged. `query` (pome: the hosted MCP user search) keeps users whose name, real name, display name or email contains it.",
  tier: "semantic",
  read: true,
  paginate: { items: "members" },
  input: z.object({ include_locale: flag, team_id: optional, query: optional, ...cursorParams }),
  handle(ctx, input) {
    const query = input.query?.replace(/^@/, "").toLowerCase();
    const members = ctx.state.users.filter((u) => !query || [u.name, u.real_name, u.display_name, u.email ?? ""].some((field) => field.toLowerCase().includes(query)));
    return { members: members.map((u) => wireUser(ctx.state, u, { email: false })), cache_ts: ctx.clock.unix() };
  },
});

export const usersInfo = slackMethod({
  method: "users.info",
  description: "A user by id.",
  tier: "semantic",
  read: true,
  input: z.object({ user: need("user_not_found"), include_locale: flag }),
  handle(ctx, input) {
    return { user: wireUser(ctx.state, requireUser(ctx.state, input.user)) };
  },
});

export const usersLookupByEmail = slackMethod({
  method: "users.lookupByEmail",
  description: "A user by email address.",
  tier: "semantic",
  read: true,
  input: z.object({ email: need("users_not_found") }),
  handle(ctx, input) {
    const email = input.email.trim().toLowerCase();
    const user = ctx.state.users.find((u) => u.email !== null && u.email.toLowerCase() === email);
    if (!user) throw slackError("users_not_found");
    return { user: wireUser(ctx.state, user) };
  },
});

export const usersProfileGet = slackMethod({
  method: "users.profile.get",
  description: "A user's profile (default: the caller's).",
  tier: "semantic",
  read: true,
  input: z.object({ user: optional, include_labels: flag }),
  handle(ctx, input) {
    const user = input.user ? requireUser(ctx.state, input.user) : userById(ctx.state, actorId(ctx));
    if (!user) throw slackError("user_not_found");
    const { team: _team, ...profile } = wireProfile(ctx.state, user);
    return { profile };
  },
});

const SETTABLE = new Set(["real_name", "display_name", "title", "phone", "status_text", "status_emoji", "status_expiration", "first_name", "last_name", "pronouns", "skype"]);

export const usersProfileSet = slackMethod({
  method: "users.profile.set",
  description: "Set fields of the caller's profile (`profile` JSON, or `name` + `value`); another user's only with an admin's user token.",
  tier: "semantic",
  input: z.object({ user: optional, profile: jsonValue, name: optional, value: optional }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const user = input.user ? requireUser(ctx.state, input.user) : userById(ctx.state, actor)!;
    if (user.id !== actor && !(ctx.credential === "user" && userById(ctx.state, actor)?.is_admin)) throw slackError("not_admin");
    let changes: Record<string, unknown> = {};
    if (input.profile !== undefined && input.profile !== "") {
      let parsed = input.profile;
      if (typeof parsed === "string") {
        try {
          parsed = JSON.parse(parsed);
        } catch {
          throw slackError("invalid_profile");
        }
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw slackError("invalid_profile");
      changes = parsed as Record<string, unknown>;
    } else if (input.name !== undefined) changes = { [input.name]: input.value ?? "" };
    else throw slackError("invalid_profile");
    for (const [key, value] of Object.entries(changes)) {
      if (!SETTABLE.has(key)) throw slackError("invalid_profile");
      if (key === "real_name") user.real_name = String(value);
      else if (key === "display_name") user.display_name = String(value);
      else if (key === "title") user.title = String(value);
      else user.profile[key] = value;
    }
    user.updated = ctx.clock.unix();
    const { team: _team, ...profile } = wireProfile(ctx.state, user);
    return { profile, username: user.name };
  },
});

export const usersConversations = slackMethod({
  method: "users.conversations",
  description: "Conversations a user (default: the caller) is a member of, that the caller can see, by `types`; cursor-paged.",
  tier: "semantic",
  read: true,
  paginate: { items: "channels" },
  input: z.object({ user: optional, types: csv, exclude_archived: flag, team_id: optional, ...cursorParams }),
  handle(ctx, input) {
    const viewer = actorId(ctx);
    const user = input.user ? requireUser(ctx.state, input.user).id : viewer;
    const types = requestedTypes(input.types);
    const channels = ctx.state.channels.filter((c) => c.members.includes(user) && canSee(c, viewer) && types.has(typeOf(c)) && !(input.exclude_archived && c.is_archived));
    return { channels: channels.map((c) => wireChannel(ctx.state, c, viewer)) };
  },
});

export const usersGetPresence = slackMethod({
  method: "users.getPresence",
  description: "A user's presence (default: the caller's): active or away.",
  tier: "semantic",
  read: true,
  input: z.object({ user: optional }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const user = input.user ? requireUser(ctx.state, input.user) : userById(ctx.state, actor)!;
    const active = user.presence === "active" && !user.deleted;
    return {
      presence: active ? "active" : "away",
      ...(user.id === actor ? { online: active, auto_away: false, manual_away: user.presence === "away", connection_count: active ? 1 : 0, last_activity: ctx.clock.unix() } : {}),
    };
  },
});

export const usersSetPresence = slackMethod({
  method: "users.setPresence",
  description: "Set the caller's presence: `auto` (active) or `away`.",
  tier: "semantic",
  input: z.object({ presence: z.enum(["auto", "away"], { error: "invalid_presence" }) }),
  handle(ctx, input) {
    const user = userById(ctx.state, actorId(ctx))!;
    user.presence = input.presence === "away" ? "away" : "active";
    return {};
  },
});

export const userOperations = [usersList, usersInfo, usersLookupByEmail, usersProfileGet, usersProfileSet, usersConversations, usersGetPresence, usersSetPresence];
