/**
 * Reading conversations: list, info, history, replies, members, and the DM side (open,
 * close, mark). Private channels, DMs and group DMs exist only for their members.
 * History is newest first and holds top-level messages and broadcast replies; replies
 * are the parent then its replies, oldest first. Both are cursor-paged.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { csv, cursorParams, flag, need, optional } from "../inputs.js";
import { findUser, requireConversation, requireMessage } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, canSee, compareTs, newSlackId, type SlackChannel, type SlackContext, type SlackMessage } from "../state.js";
import { wireChannel, wireMessage } from "../wire/objects.js";

const CONVERSATION_TYPES = ["public_channel", "private_channel", "mpim", "im"] as const;

export function typeOf(channel: SlackChannel): (typeof CONVERSATION_TYPES)[number] {
  if (channel.is_im) return "im";
  if (channel.is_mpim) return "mpim";
  return channel.is_private ? "private_channel" : "public_channel";
}

export function requestedTypes(types: string[] | undefined): Set<string> {
  const wanted = types && types.length > 0 ? types : ["public_channel"];
  for (const type of wanted) if (!(CONVERSATION_TYPES as readonly string[]).includes(type)) throw slackError("invalid_types");
  return new Set(wanted);
}

export const conversationsList = slackMethod({
  method: "conversations.list",
  description:
    "List conversations the caller can see, by `types` (public_channel default, private_channel, mpim, im), without archived ones if `exclude_archived`; cursor-paged. `query` (pome: the hosted MCP channel search) keeps names containing it.",
  tier: "semantic",
  read: true,
  paginate: { items: "channels" },
  input: z.object({ types: csv, exclude_archived: flag, team_id: optional, query: optional, ...cursorParams }),
  handle(ctx, input) {
    const viewer = actorId(ctx);
    const types = requestedTypes(input.types);
    const query = input.query?.replace(/^#/, "").toLowerCase();
    const channels = ctx.state.channels.filter(
      (c) => types.has(typeOf(c)) && canSee(c, viewer) && !(input.exclude_archived && c.is_archived) && (!query || c.name.includes(query)),
    );
    return { channels: channels.map((c) => wireChannel(ctx.state, c, viewer)) };
  },
});

export const conversationsInfo = slackMethod({
  method: "conversations.info",
  description: "A conversation's details (`include_num_members` adds its member count).",
  tier: "semantic",
  read: true,
  input: z.object({ channel: need("channel_not_found"), include_num_members: flag, include_locale: flag }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    return { channel: wireChannel(ctx.state, channel, actorId(ctx), { numMembers: input.include_num_members === true }) };
  },
});

export const conversationsMembers = slackMethod({
  method: "conversations.members",
  description: "User ids of a conversation's members; cursor-paged.",
  tier: "semantic",
  read: true,
  paginate: { items: "members" },
  input: z.object({ channel: need("channel_not_found"), ...cursorParams }),
  handle(ctx, input) {
    return { members: [...requireConversation(ctx, input.channel).members] };
  },
});

/** Messages within `oldest`..`latest` (exclusive unless `inclusive`). */
function inWindow(message: SlackMessage, input: { oldest?: string; latest?: string; inclusive?: boolean }): boolean {
  if (input.oldest !== undefined && input.oldest !== "") {
    const c = compareTs(message.ts, input.oldest);
    if (c < 0 || (c === 0 && !input.inclusive)) return false;
  }
  if (input.latest !== undefined && input.latest !== "") {
    const c = compareTs(message.ts, input.latest);
    if (c > 0 || (c === 0 && !input.inclusive)) return false;
  }
  return true;
}

const windowParams = { oldest: optional, latest: optional, inclusive: flag };

export const conversationsHistory = slackMethod({
  method: "conversations.history",
  description: "A conversation's messages, newest first (top-level messages and broadcast replies), between `oldest` and `latest`; cursor-paged with `has_more`.",
  tier: "semantic",
  read: true,
  paginate: { items: "messages" },
  input: z.object({ channel: need("channel_not_found"), include_all_metadata: flag, ...windowParams, ...cursorParams }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const messages = channel.messages
      .filter((m) => (!m.thread_ts || m.thread_ts === m.ts || m.subtype === "thread_broadcast") && inWindow(m, input))
      .sort((a, b) => compareTs(b.ts, a.ts));
    return {
      messages: messages.map((m) => wireMessage(ctx.state, channel, m)),
      has_more: false,
      pin_count: channel.pins.length,
      channel_actions_ts: null,
      channel_actions_count: 0,
    };
  },
});

export const conversationsReplies = slackMethod({
  method: "conversations.replies",
  description: "A thread: its parent (`ts`) first, then the replies oldest first, between `oldest` and `latest`; cursor-paged with `has_more`.",
  tier: "semantic",
  read: true,
  paginate: { items: "messages" },
  input: z.object({ channel: need("channel_not_found"), ts: need("thread_not_found"), ...windowParams, ...cursorParams }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const parent = requireMessage(channel, input.ts, "thread_not_found");
    const root = parent.thread_ts && parent.thread_ts !== parent.ts ? requireMessage(channel, parent.thread_ts, "thread_not_found") : parent;
    const replies = channel.messages.filter((m) => m.thread_ts === root.ts && m.ts !== root.ts).sort((a, b) => compareTs(a.ts, b.ts));
    const thread = [root, ...replies].filter((m) => m === root || inWindow(m, input));
    return { messages: thread.map((m) => wireMessage(ctx.state, channel, m)), has_more: false };
  },
});

/** The DM or group DM of exactly these members, opening it when it does not exist. */
export function openConversation(ctx: SlackContext, memberIds: string[]): { channel: SlackChannel; existed: boolean } {
  const members = [...new Set(memberIds)];
  const key = [...members].sort().join(",");
  const existing = ctx.state.channels.find((c) => (c.is_im || c.is_mpim) && [...c.members].sort().join(",") === key);
  if (existing) {
    const existed = existing.is_open;
    existing.is_open = true;
    return { channel: existing, existed };
  }
  const im = members.length <= 2;
  const now = ctx.clock.unix();
  const actor = actorId(ctx);
  const channel: SlackChannel = {
    id: newSlackId(ctx.ids, im ? "D" : "C"),
    name: im ? members.join("-") : `mpdm-${members.map((id) => ctx.state.users.find((u) => u.id === id)?.name ?? id).join("--")}-1`,
    is_channel: false,
    is_group: !im,
    is_im: im,
    is_mpim: !im,
    is_private: true,
    is_archived: false,
    is_general: false,
    created: now,
    creator: actor,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
    members,
    ...(im ? { user: members.find((m) => m !== actor) ?? actor } : {}),
    is_open: true,
    last_read: "0000000000.000000",
    messages: [],
    pins: [],
    bookmarks: [],
  };
  ctx.state.channels.push(channel);
  return { channel, existed: false };
}

export const conversationsOpen = slackMethod({
  method: "conversations.open",
  description: "Open (or find) a DM with one user or a group DM with 2–8 (`users`), or resume one by `channel`.",
  tier: "semantic",
  input: z.object({ users: csv, channel: optional, return_im: flag, prevent_creation: flag }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    if (input.channel !== undefined && input.channel !== "") {
      const channel = requireConversation(ctx, input.channel);
      if (!channel.is_im && !channel.is_mpim) throw slackError("method_not_supported_for_channel_type");
      const wasOpen = channel.is_open;
      channel.is_open = true;
      return { ...(wasOpen ? { no_op: true, already_open: true } : {}), channel: input.return_im ? wireChannel(ctx.state, channel, actor) : { id: channel.id } };
    }
    const refs = input.users ?? [];
    if (refs.length === 0) throw slackError("users_list_not_supplied");
    if (refs.length > 8) throw slackError("too_many_users");
    const ids = refs.map((ref) => {
      const user = findUser(ctx.state, ref);
      if (!user || user.deleted) throw slackError("user_not_found");
      return user.id;
    });
    const members = [actor, ...ids.filter((id) => id !== actor)];
    if (members.length === 1) members.push(actor);
    const { channel, existed } = openConversation(ctx, members);
    return { ...(existed ? { no_op: true, already_open: true } : {}), channel: input.return_im || !existed ? wireChannel(ctx.state, channel, actor) : { id: channel.id } };
  },
});

export const conversationsClose = slackMethod({
  method: "conversations.close",
  description: "Close a DM or group DM (it stays, and reopens with conversations.open).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found") }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    if (!channel.is_im && !channel.is_mpim) throw slackError("method_not_supported_for_channel_type");
    if (!channel.is_open) return { no_op: true, already_closed: true };
    channel.is_open = false;
    return {};
  },
});

export const conversationsMark = slackMethod({
  method: "conversations.mark",
  description: "Move the caller's read cursor in a conversation to `ts`.",
  tier: "shape",
  input: z.object({ channel: need("channel_not_found"), ts: need("invalid_timestamp") }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    if (!/^\d{1,10}(\.\d{1,6})?$/.test(input.ts)) throw slackError("invalid_timestamp");
    channel.last_read = input.ts;
    return {};
  },
});

export const conversationReadOperations = [conversationsList, conversationsInfo, conversationsMembers, conversationsHistory, conversationsReplies, conversationsOpen, conversationsClose, conversationsMark];
