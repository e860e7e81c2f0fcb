/**
 * Finding workspace objects the way Slack answers for them: a conversation the caller
 * cannot see is `channel_not_found` (private channels and DMs exist only for members), a
 * missing message is `message_not_found`, an unknown user `user_not_found`.
 * Conversations are found by id, or by name with or without `#` (the earlier twin's
 * agents pass names; chat.postMessage takes them on Slack too).
 */
import { slackError } from "./errors.js";
import { actorId, canSee, type SlackChannel, type SlackContext, type SlackMessage, type SlackState, type SlackUser } from "./state.js";

export function findConversation(state: SlackState, ref: string): SlackChannel | undefined {
  const trimmed = ref.trim();
  const byId = state.channels.find((c) => c.id === trimmed);
  if (byId) return byId;
  const name = trimmed.replace(/^#/, "").toLowerCase();
  return state.channels.find((c) => !c.is_im && !c.is_mpim && c.name === name);
}

/** A conversation the caller can see. */
export function requireConversation(ctx: SlackContext, ref: string): SlackChannel {
  const channel = findConversation(ctx.state, ref);
  if (!channel || !canSee(channel, actorId(ctx))) throw slackError("channel_not_found");
  return channel;
}

/** A conversation the caller can post to: visible and not archived. */
export function requireWritable(ctx: SlackContext, ref: string): SlackChannel {
  const channel = requireConversation(ctx, ref);
  if (channel.is_archived) throw slackError("is_archived");
  return channel;
}

export function findMessage(channel: SlackChannel, ts: string): SlackMessage | undefined {
  return channel.messages.find((m) => m.ts === ts);
}

export function requireMessage(channel: SlackChannel, ts: string | undefined, code = "message_not_found"): SlackMessage {
  const message = ts === undefined ? undefined : findMessage(channel, ts);
  if (!message) throw slackError(code);
  return message;
}

/** A user by id, `@name`, name or email. */
export function findUser(state: SlackState, ref: string): SlackUser | undefined {
  const trimmed = ref.trim().replace(/^<@([^>|]+)(\|[^>]*)?>$/, "$1");
  const name = trimmed.replace(/^@/, "").toLowerCase();
  return (
    state.users.find((u) => u.id === trimmed) ??
    state.users.find((u) => u.name.toLowerCase() === name) ??
    state.users.find((u) => u.email !== null && u.email.toLowerCase() === name)
  );
}

export function requireUser(state: SlackState, ref: string | undefined, code = "user_not_found"): SlackUser {
  const user = ref === undefined ? undefined : findUser(state, ref);
  if (!user) throw slackError(code);
  return user;
}

export function userById(state: SlackState, id: string): SlackUser | undefined {
  return state.users.find((u) => u.id === id);
}
