/**
 * Messages for later: chat.scheduleMessage (at most 120 days ahead, never in the past),
 * chat.deleteScheduledMessage, chat.scheduledMessages.list, and drafts.create (the hosted
 * MCP server's message drafts). A scheduled message stays pending: the session clock
 * moves one second per call, so a run never reaches its post time.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { cursorParams, flag, integer, jsonValue, need, optional } from "../inputs.js";
import { requireConversation, requireWritable } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, newSlackId } from "../state.js";
import { messageContent, postTarget, threadParent } from "./chat.js";

const MAX_AHEAD_SECONDS = 120 * 24 * 3600;

export const chatScheduleMessage = slackMethod({
  method: "chat.scheduleMessage",
  description: "Schedule a message for `post_at` (Unix seconds, in the future, at most 120 days ahead).",
  tier: "semantic",
  input: z.object({
    channel: need("channel_not_found"),
    post_at: integer,
    text: optional,
    blocks: jsonValue,
    attachments: jsonValue,
    thread_ts: optional,
    reply_broadcast: flag,
    as_user: flag,
    link_names: flag,
    unfurl_links: flag,
  }),
  handle(ctx, input) {
    const channel = postTarget(ctx, input.channel);
    if (input.post_at === undefined) throw slackError("invalid_time");
    const content = messageContent(input);
    const postAt = Math.floor(input.post_at);
    const now = ctx.clock.unix();
    if (postAt <= now) throw slackError("time_in_past");
    if (postAt > now + MAX_AHEAD_SECONDS) throw slackError("time_too_far");
    if (input.thread_ts) threadParent(channel, input.thread_ts);
    const id = newSlackId(ctx.ids, "Q");
    const user = actorId(ctx);
    ctx.state.scheduled_messages.push({ id, channel: channel.id, post_at: postAt, date_created: now, text: content.text, user, ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}), ...(content.blocks ? { blocks: content.blocks } : {}), ...(content.attachments ? { attachments: content.attachments } : {}) });
    return {
      channel: channel.id,
      scheduled_message_id: id,
      post_at: postAt,
      message: { type: "delayed_message", text: content.text, user, bot_id: null, team: ctx.state.team.id, ...(content.blocks ? { blocks: content.blocks } : {}) },
    };
  },
});

export const chatDeleteScheduledMessage = slackMethod({
  method: "chat.deleteScheduledMessage",
  description: "Cancel a scheduled message.",
  tier: "semantic",
  input: z.object({ channel: need("channel_not_found"), scheduled_message_id: need("invalid_scheduled_message_id"), as_user: flag }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const scheduled = ctx.state.scheduled_messages.find((s) => s.id === input.scheduled_message_id && s.channel === channel.id);
    if (!scheduled || scheduled.user !== actorId(ctx)) throw slackError("invalid_scheduled_message_id");
    ctx.state.scheduled_messages = ctx.state.scheduled_messages.filter((s) => s !== scheduled);
    ctx.state.deleted.scheduled_messages.push(scheduled);
    return {};
  },
});

export const chatScheduledMessagesList = slackMethod({
  method: "chat.scheduledMessages.list",
  description: "The caller's pending scheduled messages, optionally in one `channel` and between `oldest` and `latest` post times; cursor-paged.",
  tier: "semantic",
  read: true,
  paginate: { items: "scheduled_messages" },
  input: z.object({ channel: optional, oldest: integer, latest: integer, team_id: optional, ...cursorParams }),
  handle(ctx, input) {
    const channel = input.channel ? requireConversation(ctx, input.channel) : undefined;
    const actor = actorId(ctx);
    const found = ctx.state.scheduled_messages
      .filter((s) => s.user === actor && (!channel || s.channel === channel.id) && (input.oldest === undefined || s.post_at >= input.oldest) && (input.latest === undefined || s.post_at <= input.latest))
      .sort((a, b) => a.post_at - b.post_at);
    return { scheduled_messages: found.map((s) => ({ id: s.id, channel_id: s.channel, post_at: s.post_at, date_created: s.date_created, text: s.text })) };
  },
});

export const draftsCreate = slackMethod({
  method: "drafts.create",
  description: "Save a message draft in a conversation for a person to review and send (what the hosted MCP server's slack_send_message_draft does); nothing is posted.",
  tier: "shape",
  input: z.object({ channel: need("channel_not_found"), text: need("no_text"), thread_ts: optional }),
  handle(ctx, input) {
    const channel = requireWritable(ctx, input.channel);
    if (input.text.length > 40_000) throw slackError("msg_too_long");
    if (input.thread_ts) threadParent(channel, input.thread_ts);
    const draft = { id: newSlackId(ctx.ids, "Dr"), channel: channel.id, user: actorId(ctx), text: input.text, ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}), created: ctx.clock.unix() };
    ctx.state.drafts.push(draft);
    return { draft: { id: draft.id, channel_id: draft.channel, text: draft.text, date_created: draft.created, ...(draft.thread_ts ? { thread_ts: draft.thread_ts } : {}) } };
  },
});

export const scheduledOperations = [chatScheduleMessage, chatDeleteScheduledMessage, chatScheduledMessagesList, draftsCreate];
