/**
 * Seed → state. Users, members, authors and reactors may be named by user name or id; a
 * `pome-agent` user (`U_PRIMARY`, admin) is added when the seed has none, as the earlier
 * twin did. Objects keep the ids they are given; others get deterministic Slack ids.
 * Messages without a ts get one from the session clock in seed order (so every seeded
 * message is older than anything the agent posts); parents keep reply counts.
 */
import { findUser } from "../lookup.js";
import { compareTs, newSlackId, nextTs, type SeedContext, type SlackChannel, type SlackMessage, type SlackReaction, type SlackState, type SlackUser } from "../state.js";
import type { MessageSeed, SlackSeed } from "./schema.js";

export { slackSeedSchema, CHANNEL_NAME, type SlackSeed, type SlackSeedInput } from "./schema.js";
export { defaultSlackSeed } from "./default.js";

export const PRIMARY_USER_ID = "U_PRIMARY";
export const PRIMARY_USER_NAME = "pome-agent";

function seedUsers(seed: SlackSeed, { clock, ids }: SeedContext): SlackUser[] {
  const users: SlackUser[] = seed.users.map((u) => ({
    id: u.id ?? newSlackId(ids, "U"),
    name: u.name,
    real_name: u.real_name || u.name,
    display_name: u.display_name,
    email: u.email ?? null,
    title: u.title,
    is_bot: u.is_bot,
    is_admin: u.is_admin || u.is_owner,
    is_owner: u.is_owner,
    deleted: u.deleted,
    tz: u.tz,
    bot_id: u.is_bot ? newSlackId(ids, "B") : null,
    presence: u.presence,
    profile: u.profile,
    updated: clock.unix(),
  }));
  if (!users.some((u) => u.id === PRIMARY_USER_ID || u.name === PRIMARY_USER_NAME)) {
    users.unshift({
      id: PRIMARY_USER_ID,
      name: PRIMARY_USER_NAME,
      real_name: "Pome Agent",
      display_name: "",
      email: `${PRIMARY_USER_NAME}@${seed.team.domain}.slack.com`,
      title: "",
      is_bot: false,
      is_admin: true,
      is_owner: false,
      deleted: false,
      tz: "America/Los_Angeles",
      bot_id: null,
      presence: "active",
      profile: {},
      updated: clock.unix(),
    });
  }
  return users;
}

function reactionsOf(state: SlackState, seeds: MessageSeed["reactions"]): SlackReaction[] {
  const out: SlackReaction[] = [];
  for (const seed of seeds) {
    const name = seed.name.replace(/^:|:$/g, "");
    const users = ("user" in seed ? [seed.user] : seed.users).map((ref) => findUser(state, ref)!.id);
    const existing = out.find((r) => r.name === name);
    if (existing) existing.users.push(...users.filter((u) => !existing.users.includes(u)));
    else out.push({ name, users: [...new Set(users)] });
  }
  return out;
}

function seedMessages(state: SlackState, channel: SlackChannel, seeds: MessageSeed[], context: SeedContext): void {
  const pinned: string[] = [];
  const add = (m: Omit<MessageSeed, "replies" | "thread_ts"> & { thread_ts?: string }, extra: Partial<SlackMessage> = {}): SlackMessage => {
    const author = findUser(state, m.user)!;
    const message: SlackMessage = {
      type: "message",
      ts: m.ts ?? nextTs(context.ids, context.clock, channel),
      user: author.id,
      text: m.text,
      ...(m.subtype ? { subtype: m.subtype } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.attachments ? { attachments: m.attachments } : {}),
      ...(m.files ? { files: m.files } : {}),
      ...(m.edited ? { edited: { user: findUser(state, m.edited.user)!.id, ts: m.edited.ts } } : {}),
      ...(author.bot_id ? { bot_id: author.bot_id } : {}),
      reactions: reactionsOf(state, m.reactions),
      ...extra,
    };
    channel.messages.push(message);
    if (m.pinned) pinned.push(message.ts);
    return message;
  };
  for (const seed of seeds) {
    const parent = add(seed);
    for (const reply of seed.replies) add({ ...reply, thread_ts: parent.ts }, reply.reply_broadcast ? { subtype: "thread_broadcast" } : {});
  }
  channel.messages.sort((a, b) => compareTs(a.ts, b.ts));
  // Thread bookkeeping from the replies present, whichever way the seed linked them.
  for (const message of channel.messages) {
    if (!message.thread_ts || message.thread_ts === message.ts) continue;
    const parent = channel.messages.find((m) => m.ts === message.thread_ts);
    if (!parent) continue;
    parent.thread_ts = parent.ts;
    parent.reply_count = (parent.reply_count ?? 0) + 1;
    parent.reply_users = [...new Set([...(parent.reply_users ?? []), message.user])];
    if (!parent.latest_reply || compareTs(message.ts, parent.latest_reply) > 0) parent.latest_reply = message.ts;
  }
  const now = context.clock.unix();
  channel.pins = pinned.map((ts) => ({ ts, created: now, created_by: channel.creator }));
  const newest = channel.messages.at(-1);
  channel.last_read = newest?.ts ?? "0000000000.000000";
}

const emptyTopic = (value: string, creator: string, now: number) => ({ value, creator: value ? creator : "", last_set: value ? now : 0 });

export function createSlackState(seed: SlackSeed, context: SeedContext): SlackState {
  const { clock, ids } = context;
  const now = clock.unix();
  const state: SlackState = {
    team: { id: seed.team.id ?? newSlackId(ids, "T"), name: seed.team.name, domain: seed.team.domain },
    users: [],
    channels: [],
    files: [],
    scheduled_messages: [],
    ephemeral_messages: [],
    drafts: [],
    usergroups: [],
    emoji: { ...seed.emoji },
    actors: { bot: PRIMARY_USER_ID, user: PRIMARY_USER_ID },
    deleted: { messages: [], files: [], scheduled_messages: [], bookmarks: [] },
  };
  state.users = seedUsers(seed, context);
  const primary = findUser(state, PRIMARY_USER_NAME) ?? findUser(state, PRIMARY_USER_ID)!;
  state.actors = {
    bot: seed.tokens.bot ? findUser(state, seed.tokens.bot)!.id : primary.id,
    user: seed.tokens.user ? findUser(state, seed.tokens.user)!.id : primary.id,
  };

  const pending: Array<[SlackChannel, MessageSeed[]]> = [];
  for (const c of seed.channels) {
    const creator = c.creator ? findUser(state, c.creator)!.id : primary.id;
    const channel: SlackChannel = {
      id: c.id ?? newSlackId(ids, "C"),
      name: c.name,
      is_channel: !c.is_private,
      is_group: c.is_private,
      is_im: false,
      is_mpim: false,
      is_private: c.is_private,
      is_archived: c.is_archived,
      is_general: c.name === "general",
      created: c.created ?? now,
      creator,
      topic: emptyTopic(c.topic, creator, now),
      purpose: emptyTopic(c.purpose, creator, now),
      members: [...new Set(c.members.map((ref) => findUser(state, ref)!.id))],
      is_open: true,
      last_read: "0000000000.000000",
      messages: [],
      pins: [],
      bookmarks: c.bookmarks.map((b) => ({ id: b.id ?? newSlackId(ids, "Bk"), title: b.title, link: b.link, emoji: b.emoji ?? null, type: "link" as const, created: now, updated: now, updated_by: creator })),
    };
    state.channels.push(channel);
    pending.push([channel, c.messages]);
  }
  for (const dm of seed.dms) {
    const members = [...new Set(dm.users.map((ref) => findUser(state, ref)!.id))];
    const im = members.length === 2;
    const channel: SlackChannel = {
      id: dm.id ?? newSlackId(ids, im ? "D" : "C"),
      name: im ? members.join("-") : `mpdm-${members.map((id) => findUser(state, id)!.name).join("--")}-1`,
      is_channel: false,
      is_group: !im,
      is_im: im,
      is_mpim: !im,
      is_private: true,
      is_archived: false,
      is_general: false,
      created: now,
      creator: members[0],
      topic: emptyTopic("", members[0], now),
      purpose: emptyTopic("", members[0], now),
      members,
      ...(im ? { user: members[1] } : {}),
      is_open: true,
      last_read: "0000000000.000000",
      messages: [],
      pins: [],
      bookmarks: [],
    };
    state.channels.push(channel);
    pending.push([channel, dm.messages]);
  }
  for (const [channel, messages] of pending) seedMessages(state, channel, messages, context);

  for (const f of seed.files) {
    const filetype = f.filetype ?? (f.name.includes(".") ? f.name.split(".").pop()!.toLowerCase() : "text");
    state.files.push({
      id: f.id ?? newSlackId(ids, "F"),
      created: f.created ?? now,
      name: f.name,
      title: f.title ?? f.name,
      mimetype: f.mimetype ?? (filetype === "text" || filetype === "txt" ? "text/plain" : "application/octet-stream"),
      filetype,
      user: findUser(state, f.user)!.id,
      size: f.size ?? Buffer.byteLength(f.content ?? ""),
      content: f.content ?? null,
      state: "complete",
      channels: f.channels.map((ref) => state.channels.find((c) => c.id === ref || c.name === ref.replace(/^#/, ""))?.id).filter((id): id is string => id !== undefined),
    });
  }
  for (const g of seed.usergroups) {
    state.usergroups.push({
      id: g.id ?? newSlackId(ids, "S"),
      name: g.name,
      handle: g.handle,
      description: g.description,
      users: [...new Set(g.users.map((ref) => findUser(state, ref)!.id))],
      channels: [],
      created_by: primary.id,
      date_create: now,
      date_update: now,
    });
  }
  return state;
}
