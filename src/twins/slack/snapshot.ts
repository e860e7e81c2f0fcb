/**
 * State → the Slack snapshot (`state_initial.json` / `state_final.json` under `slack`),
 * which `[D]` phrases and JSONata expressions read. Slack's field names, ids for people
 * (`user`, `members`, `creator`), and a stable order:
 *
 *   {
 *     team: {id, name, domain},
 *     users: [{id, name, real_name, display_name, email, title, is_bot, is_admin, deleted, tz, presence}],   seed order, then creation
 *     channels: [{id, name, is_private, is_archived, is_im, is_mpim, is_general, creator, created,
 *                 topic: {value, creator, last_set}, purpose: {…}, members: [user ids],
 *                 messages: [{ts, user, text, subtype?, thread_ts?, reply_count?, reply_users?, latest_reply?,
 *                             edited?: {user, ts}, blocks?, attachments?, files?: [file ids],
 *                             reactions: [{name, users, count}], pinned}],        oldest first (replies in place, by ts)
 *                 bookmarks: [{id, title, link, emoji}]}],                               channels by creation
 *     files: [{id, name, title, filetype, mimetype, user, size, created, channels, content}],   completed uploads
 *     scheduled_messages: [{id, channel, post_at, text, user, thread_ts?}],
 *     ephemeral_messages: [{channel, user, from, ts, text}],
 *     drafts: [{id, channel, user, text, thread_ts?}],
 *     usergroups: [{id, name, handle, description, users}],
 *     emoji: {name: url | "alias:<name>"}          keys sorted
 *   }
 *
 * A DM's `name` is its two user ids joined by `-`; a group DM's is Slack's `mpdm-a--b--c-1`.
 */
import type { SlackState } from "./state.js";

export function slackSnapshot(state: SlackState) {
  const copy = structuredClone(state);
  return {
    team: copy.team,
    users: copy.users.map((u) => ({
      id: u.id,
      name: u.name,
      real_name: u.real_name,
      display_name: u.display_name,
      email: u.email,
      title: u.title,
      is_bot: u.is_bot,
      is_admin: u.is_admin,
      deleted: u.deleted,
      tz: u.tz,
      presence: u.presence,
    })),
    channels: copy.channels.map((c) => ({
      id: c.id,
      name: c.name,
      is_private: c.is_private,
      is_archived: c.is_archived,
      is_im: c.is_im,
      is_mpim: c.is_mpim,
      is_general: c.is_general,
      creator: c.creator,
      created: c.created,
      topic: c.topic,
      purpose: c.purpose,
      members: c.members,
      messages: c.messages.map((m) => ({
        ts: m.ts,
        user: m.user,
        text: m.text,
        ...(m.subtype ? { subtype: m.subtype } : {}),
        ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
        ...(m.reply_count ? { reply_count: m.reply_count, reply_users: m.reply_users, latest_reply: m.latest_reply } : {}),
        ...(m.edited ? { edited: m.edited } : {}),
        ...(m.blocks ? { blocks: m.blocks } : {}),
        ...(m.attachments ? { attachments: m.attachments } : {}),
        ...(m.files && m.files.length > 0 ? { files: m.files } : {}),
        ...(m.bot_id ? { bot_id: m.bot_id } : {}),
        reactions: m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })),
        pinned: c.pins.some((p) => p.ts === m.ts),
      })),
      bookmarks: c.bookmarks.map((b) => ({ id: b.id, title: b.title, link: b.link, emoji: b.emoji })),
    })),
    files: copy.files
      .filter((f) => f.state === "complete")
      .map((f) => ({ id: f.id, name: f.name, title: f.title, filetype: f.filetype, mimetype: f.mimetype, user: f.user, size: f.size, created: f.created, channels: f.channels, content: f.content })),
    scheduled_messages: copy.scheduled_messages.map((s) => ({ id: s.id, channel: s.channel, post_at: s.post_at, text: s.text, user: s.user, ...(s.thread_ts ? { thread_ts: s.thread_ts } : {}) })),
    ephemeral_messages: copy.ephemeral_messages,
    drafts: copy.drafts.map((d) => ({ id: d.id, channel: d.channel, user: d.user, text: d.text, ...(d.thread_ts ? { thread_ts: d.thread_ts } : {}) })),
    usergroups: copy.usergroups.map((g) => ({ id: g.id, name: g.name, handle: g.handle, description: g.description, users: g.users })),
    emoji: Object.fromEntries(Object.entries(copy.emoji).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

export type SlackSnapshot = ReturnType<typeof slackSnapshot>;
