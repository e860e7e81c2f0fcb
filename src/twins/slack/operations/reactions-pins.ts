/**
 * Reactions (add, remove, get, list) and pins (add, remove, list) on messages. Emoji
 * names may come with colons (`:tada:`); a name outside Slack's emoji characters is
 * `invalid_name`.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { cursorParams, flag, need, optional } from "../inputs.js";
import { requireConversation, requireMessage, requireUser } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, canSee, compareTs } from "../state.js";
import { wireMessage } from "../wire/objects.js";

/** `:thumbsup::skin-tone-2:` → `thumbsup::skin-tone-2`; null when it cannot be an emoji name. */
export function emojiName(raw: string): string | null {
  const name = raw.trim().replace(/^:/, "").replace(/:$/, "");
  return /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name) ? name : null;
}

const target = { channel: need("channel_not_found"), timestamp: need("no_item_specified") };

export const reactionsAdd = slackMethod({
  method: "reactions.add",
  description: "Add an emoji reaction (`name`, with or without colons) to a message.",
  tier: "semantic",
  input: z.object({ ...target, name: need("invalid_name") }),
  handle(ctx, input) {
    const name = emojiName(input.name);
    if (!name) throw slackError("invalid_name");
    const channel = requireConversation(ctx, input.channel);
    if (channel.is_archived) throw slackError("is_archived");
    const message = requireMessage(channel, input.timestamp);
    const actor = actorId(ctx);
    const reaction = message.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(actor)) throw slackError("already_reacted");
    if (reaction) reaction.users.push(actor);
    else message.reactions.push({ name, users: [actor] });
    return {};
  },
});

export const reactionsRemove = slackMethod({
  method: "reactions.remove",
  description: "Remove the caller's reaction from a message.",
  tier: "semantic",
  input: z.object({ ...target, name: need("invalid_name") }),
  handle(ctx, input) {
    const name = emojiName(input.name);
    if (!name) throw slackError("invalid_name");
    const channel = requireConversation(ctx, input.channel);
    const message = requireMessage(channel, input.timestamp);
    const actor = actorId(ctx);
    const reaction = message.reactions.find((r) => r.name === name);
    if (!reaction?.users.includes(actor)) throw slackError("no_reaction");
    reaction.users = reaction.users.filter((u) => u !== actor);
    if (reaction.users.length === 0) message.reactions = message.reactions.filter((r) => r !== reaction);
    return {};
  },
});

export const reactionsGet = slackMethod({
  method: "reactions.get",
  description: "A message with its reactions.",
  tier: "semantic",
  read: true,
  input: z.object({ ...target, full: flag }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const message = requireMessage(channel, input.timestamp);
    return { type: "message", channel: channel.id, message: { ...wireMessage(ctx.state, channel, message), reactions: message.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })) } };
  },
});

export const reactionsList = slackMethod({
  method: "reactions.list",
  description: "Messages a user (default: the caller) reacted to, newest first, in conversations the caller can see; cursor-paged.",
  tier: "semantic",
  read: true,
  paginate: { items: "items" },
  input: z.object({ user: optional, full: flag, team_id: optional, ...cursorParams }),
  handle(ctx, input) {
    const viewer = actorId(ctx);
    const user = input.user ? requireUser(ctx.state, input.user).id : viewer;
    const items = ctx.state.channels
      .filter((c) => canSee(c, viewer))
      .flatMap((channel) => channel.messages.filter((m) => m.reactions.some((r) => r.users.includes(user))).map((message) => ({ channel, message })))
      .sort((a, b) => compareTs(b.message.ts, a.message.ts))
      .map(({ channel, message }) => ({ type: "message", channel: channel.id, message: wireMessage(ctx.state, channel, message) }));
    return { items };
  },
});

export const pinsAdd = slackMethod({
  method: "pins.add",
  description: "Pin a message to its conversation.",
  tier: "semantic",
  input: z.object(target),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    if (channel.is_archived) throw slackError("is_archived");
    const message = requireMessage(channel, input.timestamp);
    if (channel.pins.some((p) => p.ts === message.ts)) throw slackError("already_pinned");
    channel.pins.push({ ts: message.ts, created: ctx.clock.unix(), created_by: actorId(ctx) });
    return {};
  },
});

export const pinsRemove = slackMethod({
  method: "pins.remove",
  description: "Unpin a message.",
  tier: "semantic",
  input: z.object(target),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const message = requireMessage(channel, input.timestamp);
    if (!channel.pins.some((p) => p.ts === message.ts)) throw slackError("no_pin");
    channel.pins = channel.pins.filter((p) => p.ts !== message.ts);
    return {};
  },
});

export const pinsList = slackMethod({
  method: "pins.list",
  description: "The pinned messages of a conversation, newest pin first.",
  tier: "semantic",
  read: true,
  input: z.object({ channel: need("channel_not_found") }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel);
    const items = [...channel.pins]
      .reverse()
      .map((pin) => ({ pin, message: channel.messages.find((m) => m.ts === pin.ts) }))
      .filter((entry) => entry.message !== undefined)
      .map(({ pin, message }) => ({ type: "message", created: pin.created, created_by: pin.created_by, channel: channel.id, message: wireMessage(ctx.state, channel, message!) }));
    return { items };
  },
});

export const reactionAndPinOperations = [reactionsAdd, reactionsRemove, reactionsGet, reactionsList, pinsAdd, pinsRemove, pinsList];
