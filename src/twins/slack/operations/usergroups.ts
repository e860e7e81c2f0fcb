/** User groups (`@handle` mentions): list, create, and their members (users.list, users.update). */
import { z } from "zod";
import { slackError } from "../errors.js";
import { csv, flag, need, optional } from "../inputs.js";
import { findUser } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, newSlackId, type SlackContext, type Usergroup } from "../state.js";
import { wireUsergroup } from "../wire/objects.js";

function requireGroup(ctx: SlackContext, id: string): Usergroup {
  const group = ctx.state.usergroups.find((g) => g.id === id || g.handle === id.replace(/^@/, ""));
  if (!group) throw slackError("no_such_subteam");
  return group;
}

function userIds(ctx: SlackContext, refs: string[]): string[] {
  return [
    ...new Set(
      refs.map((ref) => {
        const user = findUser(ctx.state, ref);
        if (!user) throw slackError("invalid_users");
        return user.id;
      }),
    ),
  ];
}

export const usergroupsList = slackMethod({
  method: "usergroups.list",
  description: "The workspace's user groups (`include_users` adds member ids).",
  tier: "semantic",
  read: true,
  input: z.object({ include_users: flag, include_count: flag, include_disabled: flag, team_id: optional }),
  handle(ctx, input) {
    return { usergroups: ctx.state.usergroups.map((g) => wireUsergroup(ctx.state, g, { users: input.include_users === true })) };
  },
});

export const usergroupsCreate = slackMethod({
  method: "usergroups.create",
  description: "Create a user group (`name`, `handle`, `description`, default `channels`).",
  tier: "semantic",
  input: z.object({ name: need("invalid_name"), handle: optional, description: optional, channels: csv, team_id: optional }),
  handle(ctx, input) {
    const handle = (input.handle ?? input.name).toLowerCase().replace(/[^a-z0-9._-]+/g, "-");
    if (ctx.state.usergroups.some((g) => g.name === input.name)) throw slackError("name_already_exists");
    if (ctx.state.usergroups.some((g) => g.handle === handle) || ctx.state.users.some((u) => u.name === handle)) throw slackError("handle_already_exists");
    const now = ctx.clock.unix();
    const group: Usergroup = { id: newSlackId(ctx.ids, "S"), name: input.name, handle, description: input.description ?? "", users: [], channels: input.channels ?? [], created_by: actorId(ctx), date_create: now, date_update: now };
    ctx.state.usergroups.push(group);
    return { usergroup: wireUsergroup(ctx.state, group, { users: true }) };
  },
});

export const usergroupsUsersList = slackMethod({
  method: "usergroups.users.list",
  description: "Member ids of a user group.",
  tier: "semantic",
  read: true,
  input: z.object({ usergroup: need("no_such_subteam"), include_disabled: flag, team_id: optional }),
  handle(ctx, input) {
    return { users: [...requireGroup(ctx, input.usergroup).users] };
  },
});

export const usergroupsUsersUpdate = slackMethod({
  method: "usergroups.users.update",
  description: "Replace a user group's members (`users`, CSV of ids).",
  tier: "semantic",
  input: z.object({ usergroup: need("no_such_subteam"), users: csv, include_count: flag, team_id: optional }),
  handle(ctx, input) {
    const group = requireGroup(ctx, input.usergroup);
    if (!input.users || input.users.length === 0) throw slackError("invalid_users");
    group.users = userIds(ctx, input.users);
    group.date_update = ctx.clock.unix();
    return { usergroup: wireUsergroup(ctx.state, group, { users: true }) };
  },
});

export const usergroupOperations = [usergroupsList, usergroupsCreate, usergroupsUsersList, usergroupsUsersUpdate];
