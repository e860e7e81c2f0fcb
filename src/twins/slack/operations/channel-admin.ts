/**
 * Changing channels: create, join, leave, invite, kick, archive, unarchive, rename,
 * setTopic, setPurpose, with Slack's name rules (lower-case letters, digits, `-` and `_`,
 * at most 80 characters, unique) and the system messages Slack posts (`channel_join`,
 * `channel_topic` …). DMs answer `method_not_supported_for_channel_type`.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { csv, flag, need, optional } from "../inputs.js";
import { findUser, requireConversation, requireUser } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, newSlackId, nextTs, type SlackChannel, type SlackContext } from "../state.js";
import { wireChannel } from "../wire/objects.js";

/** Slack's answer to a channel name it will not take, or null for a good one. */
export function nameProblem(name: string): string | null {
  if (name === "") return "invalid_name_required";
  if (name.length > 80) return "invalid_name_maxlength";
  if (!/^[a-z0-9_-]+$/.test(name)) return "invalid_name_specials";
  if (/^[-_]/.test(name) || /^\d+$/.test(name)) return "invalid_name_punctuation";
  return null;
}

function checkName(ctx: SlackContext, name: string, except?: SlackChannel): void {
  const problem = nameProblem(name);
  if (problem) throw slackError(problem);
  if (ctx.state.channels.some((c) => c !== except && !c.is_im && !c.is_mpim && c.name === name)) throw slackError("name_taken");
}

/** A system message in the channel (joins, topic changes …), by `user`. */
export function systemMessage(ctx: SlackContext, channel: SlackChannel, user: string, subtype: string, text: string): void {
  channel.messages.push({ type: "message", ts: nextTs(ctx.ids, ctx.clock, channel), user, text, subtype, reactions: [] });
}

function requireChannel(ctx: SlackContext, ref: string): SlackChannel {
  const channel = requireConversation(ctx, ref);
  if (channel.is_im || channel.is_mpim) throw slackError("method_not_supported_for_channel_type");
  return channel;
}

export const conversationsCreate = slackMethod({
  method: "conversations.create",
  description: "Create a public or private (`is_private`) channel; the caller is its creator and first member. `user_ids` (CSV) are invited too.",
  tier: "semantic",
  input: z.object({ name: need("invalid_name_required"), is_private: flag, user_ids: csv, team_id: optional }),
  handle(ctx, input) {
    const name = input.name.replace(/^#/, "");
    checkName(ctx, name);
    const actor = actorId(ctx);
    const invited = (input.user_ids ?? []).map((ref) => requireUser(ctx.state, ref).id);
    const now = ctx.clock.unix();
    const isPrivate = input.is_private === true;
    const channel: SlackChannel = {
      id: newSlackId(ctx.ids, "C"),
      name,
      is_channel: !isPrivate,
      is_group: isPrivate,
      is_im: false,
      is_mpim: false,
      is_private: isPrivate,
      is_archived: false,
      is_general: false,
      created: now,
      creator: actor,
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      members: [...new Set([actor, ...invited])],
      is_open: true,
      last_read: "0000000000.000000",
      messages: [],
      pins: [],
      bookmarks: [],
    };
    ctx.state.channels.push(channel);
    systemMessage(ctx, channel, actor, "channel_join", `<@${actor}> has joined the channel`);
    return { channel: wireChannel(ctx.state, channel, actor) };
  },
});

export const conversationsJoin = slackMethod({
  method: "conversations.join",
  description: "Join a public channel (already a member: ok with `warning: already_in_channel`).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found") }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    if (channel.is_archived) throw slackError("is_archived");
    if (channel.members.includes(actor)) return { channel: wireChannel(ctx.state, channel, actor), warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } };
    if (channel.is_private) throw slackError("method_not_supported_for_channel_type");
    channel.members.push(actor);
    systemMessage(ctx, channel, actor, "channel_join", `<@${actor}> has joined the channel`);
    return { channel: wireChannel(ctx.state, channel, actor) };
  },
});

export const conversationsLeave = slackMethod({
  method: "conversations.leave",
  description: "Leave a channel (not a member: ok with `not_in_channel: true`; #general cannot be left).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found") }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    if (channel.is_general) throw slackError("cant_leave_general");
    if (channel.is_archived) throw slackError("is_archived");
    if (!channel.members.includes(actor)) return { not_in_channel: true };
    if (channel.is_private && channel.members.length === 1) throw slackError("last_member");
    channel.members = channel.members.filter((m) => m !== actor);
    systemMessage(ctx, channel, actor, "channel_leave", `<@${actor}> has left the channel`);
    return {};
  },
});

export const conversationsInvite = slackMethod({
  method: "conversations.invite",
  description: "Invite users (`users`, CSV of ids) to a channel the caller is in.",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), users: csv, force: flag }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    if (channel.is_archived) throw slackError("is_archived");
    if (!channel.members.includes(actor)) throw slackError("not_in_channel");
    const refs = input.users ?? [];
    if (refs.length === 0) throw slackError("no_user");
    if (refs.length > 1000) throw slackError("too_many_users");
    const users = refs.map((ref) => {
      const user = findUser(ctx.state, ref);
      if (!user) throw slackError("user_not_found");
      if (user.deleted) throw slackError("user_is_deleted");
      return user.id;
    });
    if (users.includes(actor)) throw slackError("cant_invite_self");
    const fresh = [...new Set(users)].filter((id) => !channel.members.includes(id));
    if (fresh.length === 0) throw slackError("already_in_channel");
    for (const id of fresh) {
      channel.members.push(id);
      systemMessage(ctx, channel, id, "channel_join", `<@${id}> has joined the channel`);
    }
    return { channel: wireChannel(ctx.state, channel, actor) };
  },
});

export const conversationsKick = slackMethod({
  method: "conversations.kick",
  description: "Remove a user from a channel.",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), user: need("user_not_found") }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    const user = requireUser(ctx.state, input.user);
    if (user.id === actor) throw slackError("cant_kick_self");
    if (channel.is_general) throw slackError("cant_kick_from_general");
    if (channel.is_archived) throw slackError("is_archived");
    if (!channel.members.includes(user.id)) throw slackError("not_in_channel");
    channel.members = channel.members.filter((m) => m !== user.id);
    systemMessage(ctx, channel, user.id, "channel_leave", `<@${user.id}> has left the channel`);
    return {};
  },
});

export const conversationsArchive = slackMethod({
  method: "conversations.archive",
  description: "Archive a channel (#general cannot be archived).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found") }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    if (channel.is_archived) throw slackError("already_archived");
    if (channel.is_general) throw slackError("cant_archive_general");
    channel.is_archived = true;
    systemMessage(ctx, channel, actor, "channel_archive", `<@${actor}> archived the channel`);
    return {};
  },
});

export const conversationsUnarchive = slackMethod({
  method: "conversations.unarchive",
  description: "Unarchive a channel.",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found") }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    if (!channel.is_archived) throw slackError("not_archived");
    channel.is_archived = false;
    systemMessage(ctx, channel, actor, "channel_unarchive", `<@${actor}> un-archived the channel`);
    return {};
  },
});

export const conversationsRename = slackMethod({
  method: "conversations.rename",
  description: "Rename a channel (Slack's name rules; `name_taken` for a name in use).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), name: need("invalid_name_required") }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const channel = requireChannel(ctx, input.channel);
    if (channel.is_archived) throw slackError("is_archived");
    if (!channel.members.includes(actor) && channel.creator !== actor) throw slackError("not_in_channel");
    const name = input.name.replace(/^#/, "");
    checkName(ctx, name, channel);
    const old = channel.name;
    channel.name = name;
    systemMessage(ctx, channel, actor, "channel_name", `<@${actor}> renamed the channel from "${old}" to "${name}"`);
    return { channel: wireChannel(ctx.state, channel, actor) };
  },
});

const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string({ error: "invalid_arguments" }));
const topicInput = z.object({ channel: need("channel_not_found"), topic: text });
const purposeInput = z.object({ channel: need("channel_not_found"), purpose: text });

function setter(field: "topic" | "purpose", input: z.ZodType<{ channel: string; topic?: string; purpose?: string }>) {
  return slackMethod({
    method: field === "topic" ? "conversations.setTopic" : "conversations.setPurpose",
    description: `Set a conversation's ${field} (at most 250 characters); Slack posts a \`channel_${field}\` message.`,
    tier: "semantic",
    input,
    handle(ctx, args) {
      const actor = actorId(ctx);
      const channel = requireConversation(ctx, args.channel);
      if (channel.is_archived) throw slackError("is_archived");
      const value = args[field] ?? "";
      if (value.length > 250) throw slackError("too_long");
      channel[field] = { value, creator: actor, last_set: ctx.clock.unix() };
      systemMessage(ctx, channel, actor, `channel_${field}`, `set the channel ${field}: ${value}`);
      return { channel: wireChannel(ctx.state, channel, actor) };
    },
  });
}

export const conversationsSetTopic = setter("topic", topicInput);
export const conversationsSetPurpose = setter("purpose", purposeInput);

export const channelAdminOperations = [
  conversationsCreate,
  conversationsJoin,
  conversationsLeave,
  conversationsInvite,
  conversationsKick,
  conversationsArchive,
  conversationsUnarchive,
  conversationsRename,
  conversationsSetTopic,
  conversationsSetPurpose,
];
