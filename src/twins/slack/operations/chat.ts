/**
 * Messages: chat.postMessage (text, blocks, attachments, threads, broadcast replies, a
 * user id as channel for a DM), update, delete, postEphemeral, meMessage, getPermalink.
 * Every ts comes from the session clock and is strictly increasing in its conversation.
 * Only a message's author may edit or delete it (an admin's user token may delete any).
 * What an edit replaced stays on the message (`previous_versions`) and what a delete
 * removed goes to `state.deleted`, out of every answer but in the snapshot, so a criterion
 * about what was said cannot be evaded by saying it and then taking it back.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { flag, jsonArray, jsonValue, MAX_TEXT_LENGTH, need, optional } from "../inputs.js";
import { findUser, requireConversation, requireMessage, requireUser, requireWritable, userById } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, compareTs, nextTs, type SlackChannel, type SlackContext, type SlackMessage } from "../state.js";
import { permalink, wireMessage } from "../wire/objects.js";
import { openConversation } from "./conversations.js";

/** The conversation a post goes to: a channel, or the DM with a user named by id (`U…`) or `@name`. */
export function postTarget(ctx: SlackContext, ref: string): SlackChannel {
  const actor = actorId(ctx);
  if (/^[UW][A-Z0-9_]+$/.test(ref) || ref.startsWith("@")) {
    const user = findUser(ctx.state, ref);
    if (user) return openConversation(ctx, user.id === actor ? [actor, actor] : [actor, user.id]).channel;
  }
  return requireWritable(ctx, ref);
}

export interface MessageContent {
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
}

/** Text, blocks and attachments checked as Slack does: something to show, at most 40,000 characters of text. */
export function messageContent(input: MessageContent): Pick<SlackMessage, "text" | "blocks" | "attachments"> {
  const blocks = jsonArray(input.blocks, "invalid_blocks");
  const attachments = jsonArray(input.attachments, "invalid_attachments");
  const text = input.text ?? "";
  if (text.length > MAX_TEXT_LENGTH) throw slackError("msg_too_long");
  if (blocks && blocks.length > 50) throw slackError("invalid_blocks");
  if (text.trim() === "" && !blocks?.length && !attachments?.length) throw slackError("no_text");
  return { text, ...(blocks?.length ? { blocks } : {}), ...(attachments?.length ? { attachments } : {}) };
}

/** The thread parent a reply names: the message `thread_ts`, or the parent of the reply it names. */
export function threadParent(channel: SlackChannel, threadTs: string): SlackMessage {
  const named = channel.messages.find((m) => m.ts === threadTs);
  if (!named) throw slackError("thread_not_found");
  if (named.thread_ts && named.thread_ts !== named.ts) return requireMessage(channel, named.thread_ts, "thread_not_found");
  return named;
}

/** Append a message (a reply updates its parent's thread fields). */
export function appendMessage(ctx: SlackContext, channel: SlackChannel, fields: Omit<SlackMessage, "type" | "ts" | "reactions" | "user"> & { thread_ts?: string; user?: string }): SlackMessage {
  const user = fields.user ?? actorId(ctx);
  const author = userById(ctx.state, user);
  const message: SlackMessage = {
    type: "message",
    ts: nextTs(ctx.ids, ctx.clock, channel),
    ...fields,
    user,
    ...(author?.bot_id ? { bot_id: author.bot_id } : {}),
    reactions: [],
  };
  if (message.thread_ts) {
    const parent = threadParent(channel, message.thread_ts);
    message.thread_ts = parent.ts;
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    parent.reply_users = [...new Set([...(parent.reply_users ?? []), user])];
    parent.latest_reply = message.ts;
  }
  channel.messages.push(message);
  if (channel.is_im || channel.is_mpim) channel.is_open = true;
  return message;
}

const postInput = z.object({
  channel: need("channel_not_found"),
  text: optional,
  blocks: jsonValue,
  attachments: jsonValue,
  thread_ts: optional,
  reply_broadcast: flag,
  username: optional,
  icon_emoji: optional,
  icon_url: optional,
  as_user: flag,
  mrkdwn: flag,
  parse: optional,
  link_names: flag,
  unfurl_links: flag,
  unfurl_media: flag,
  metadata: jsonValue,
});

export const chatPostMessage = slackMethod({
  method: "chat.postMessage",
  description: "Post a message (text, blocks, attachments) to a conversation, or as a thread reply (`thread_ts`, `reply_broadcast` to show it in the channel too).",
  tier: "semantic",
  input: postInput,
  handle(ctx, input) {
    const channel = postTarget(ctx, input.channel);
    const content = messageContent(input);
    if (input.thread_ts) threadParent(channel, input.thread_ts);
    const icons: Record<string, string> | undefined = input.icon_emoji ? { emoji: input.icon_emoji } : input.icon_url ? { image_64: input.icon_url } : undefined;
    const message = appendMessage(ctx, channel, {
      ...content,
      ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}),
      ...(input.thread_ts && input.reply_broadcast ? { subtype: "thread_broadcast" } : {}),
      ...(input.username ? { username: input.username } : {}),
      ...(icons ? { icons } : {}),
    });
    return { channel: channel.id, ts: message.ts, message: wireMessage(ctx.state, channel, message) };
  },
});

export const chatMeMessage = slackMethod({
  method: "chat.meMessage",
  description: "Post a /me message (subtype `me_message`).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), text: need("no_text") }),
  handle(ctx, input) {
    const channel = postTarget(ctx, input.channel);
    const content = messageContent({ text: input.text });
    const message = appendMessage(ctx, channel, { ...content, subtype: "me_message" });
    return { channel: channel.id, ts: message.ts };
  },
});

export const chatUpdate = slackMethod({
  method: "chat.update",
  description: "Edit a message the caller posted (text, blocks, attachments); it gets `edited: {user, ts}`.",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), ts: need("message_not_found"), text: optional, blocks: jsonValue, attachments: jsonValue, as_user: flag, parse: optional, link_names: flag }),
  handle(ctx, input) {
    const channel = requireWritable(ctx, input.channel);
    const message = requireMessage(channel, input.ts);
    if (message.user !== actorId(ctx) || message.subtype === "tombstone") throw slackError("cant_update_message");
    const content = messageContent({ text: input.text ?? (input.blocks || input.attachments ? "" : message.text), blocks: input.blocks ?? message.blocks, attachments: input.attachments ?? message.attachments });
    const editTs = `${ctx.clock.unix()}.000000`;
    message.previous_versions = [...(message.previous_versions ?? []), { text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), ...(message.attachments ? { attachments: message.attachments } : {}), replaced_at: editTs }];
    message.text = content.text;
    if (content.blocks) message.blocks = content.blocks;
    else delete message.blocks;
    if (content.attachments) message.attachments = content.attachments;
    else delete message.attachments;
    message.edited = { user: actorId(ctx), ts: editTs };
    return { channel: channel.id, ts: message.ts, text: message.text, message: wireMessage(ctx.state, channel, message) };
  },
});

export const chatDelete = slackMethod({
  method: "chat.delete",
  description: "Delete a message the caller posted (an admin's user token may delete any); a thread parent with replies leaves a tombstone.",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), ts: need("message_not_found"), as_user: flag }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const message = requireMessage(channel, input.ts);
    const actor = actorId(ctx);
    const admin = ctx.credential === "user" && userById(ctx.state, actor)?.is_admin === true;
    if (message.subtype === "tombstone" || (message.user !== actor && !admin)) throw slackError("cant_delete_message");
    if (channel.is_archived) throw slackError("is_archived");
    ctx.state.deleted.messages.push({ channel: channel.id, message: structuredClone(message), deleted_by: actor });
    if ((message.reply_count ?? 0) > 0) {
      Object.assign(message, { text: "This message was deleted.", subtype: "tombstone", reactions: [] });
      delete message.blocks;
      delete message.attachments;
      delete message.files;
      delete message.previous_versions;
    } else {
      channel.messages = channel.messages.filter((m) => m !== message);
      channel.pins = channel.pins.filter((p) => p.ts !== message.ts);
      const parent = message.thread_ts && message.thread_ts !== message.ts ? channel.messages.find((m) => m.ts === message.thread_ts) : undefined;
      if (parent) {
        const replies = channel.messages.filter((m) => m.thread_ts === parent.ts && m.ts !== parent.ts);
        parent.reply_count = replies.length;
        parent.reply_users = [...new Set(replies.map((m) => m.user))];
        parent.latest_reply = replies.map((m) => m.ts).sort(compareTs).at(-1);
        if (replies.length === 0) {
          delete parent.reply_count;
          delete parent.reply_users;
          delete parent.latest_reply;
        }
      }
    }
    return { channel: channel.id, ts: message.ts };
  },
});

export const chatPostEphemeral = slackMethod({
  method: "chat.postEphemeral",
  description: "Show a message to one member of a conversation only (not kept in history).",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), user: need("user_not_found"), text: optional, blocks: jsonValue, attachments: jsonValue, thread_ts: optional, as_user: flag, icon_emoji: optional, username: optional }),
  handle(ctx, input) {
    const channel = requireWritable(ctx, input.channel);
    const user = requireUser(ctx.state, input.user);
    if (!channel.members.includes(user.id)) throw slackError("user_not_in_channel");
    const content = messageContent(input);
    const ts = nextTs(ctx.ids, ctx.clock, channel);
    ctx.state.ephemeral_messages.push({ channel: channel.id, user: user.id, from: actorId(ctx), ts, text: content.text, ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}) });
    return { message_ts: ts };
  },
});

export const chatGetPermalink = slackMethod({
  method: "chat.getPermalink",
  description: "A message's permalink.",
  tier: "semantic",
  read: true,
  input: z.object({ channel: need("channel_not_found"), message_ts: need("message_not_found") }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const message = requireMessage(channel, input.message_ts);
    return { channel: channel.id, permalink: permalink(ctx.state, channel, message) };
  },
});

export const chatOperations = [chatPostMessage, chatMeMessage, chatUpdate, chatDelete, chatPostEphemeral, chatGetPermalink];
