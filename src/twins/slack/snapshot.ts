/**
 * State → the Slack snapshot (`state_initial.json` / `state_final.json` under `slack`),
 * which `[D]` phrases and JSONata expressions read. Slack's field names, ids for people
 * (`user`, `members`, `creator`), and a stable order:
 *
 *   {
 *     team: {id, name, domain},
 *     actors: {bot, user},        user ids the bot token (and the session JWT) and the user token act as: "the agent"
 *     users: [{id, name, real_name, display_name, email, title, is_bot, is_admin, deleted, tz, presence}],   seed order, then creation
 *     channels: [{id, name, is_private, is_archived, is_im, is_mpim, is_general, creator, created,
 *                 topic: {value, creator, last_set}, purpose: {…}, members: [user ids],
 *                 messages: [{ts, user, text, subtype?, thread_ts?, reply_count?, reply_users?, latest_reply?,
 *                             edited?: {user, ts}, previous_versions?: [{text, blocks?, attachments?, replaced_at}],
 *                             blocks?, attachments?, files?: [file ids],
 *                             reactions: [{name, users, count}], pinned}],        oldest first (replies in place, by ts)
 *                 bookmarks: [{id, title, link, emoji, previous_versions?: [{title, link}]}]}],   channels by creation
 *     files: [{id, name, title, filetype, mimetype, user, size, created, channels, content, previous_versions?: [{title, content}]}],   completed uploads (canvases too)
 *     scheduled_messages: [{id, channel, post_at, text, user, thread_ts?, blocks?, attachments?}],
 *     ephemeral_messages: [{channel, user, from, ts, text}],
 *     drafts: [{id, channel, user, text, thread_ts?}],
 *     usergroups: [{id, name, handle, description, users}],
 *     emoji: {name: url | "alias:<name>"},         keys sorted
 *     deleted_messages: [{channel, ts, user, text, …as messages[], deleted_by}],       in the order they were deleted
 *     deleted_files: [{…as files[], deleted_by}],
 *     deleted_scheduled_messages: [{…as scheduled_messages[]}],
 *     deleted_bookmarks: [{channel, id, title, link, emoji}]
 *   }
 *
 * A DM's `name` is its two user ids joined by `-`; a group DM's is Slack's `mpdm-a--b--c-1`.
 *
 * Nothing said in a run is lost from the snapshot: an edited message keeps what it said
 * before (`previous_versions`, also a canvas's and a bookmark's), and a
 * deleted message, file, scheduled message or bookmark moves to `deleted_*` (a thread
 * parent that became a tombstone is there with its original content). The twin keeps
 * these rather than criteria re-deriving them from the recorded calls: the state knows
 * which conversation a post resolved to (a `#name`, a user id for a DM, an MCP tool's
 * `channel_id`), and what a message looked like once blocks, attachments and files were
 * parsed, whatever the transport or tool said.
 */
import type { ScheduledMessage, SlackBookmark, SlackFile, SlackMessage, SlackState } from "./state.js";

function message(m: SlackMessage) {
  return {
    ts: m.ts,
    user: m.user,
    text: m.text,
    ...(m.subtype ? { subtype: m.subtype } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.reply_count ? { reply_count: m.reply_count, reply_users: m.reply_users, latest_reply: m.latest_reply } : {}),
    ...(m.edited ? { edited: m.edited } : {}),
    ...(m.previous_versions?.length ? { previous_versions: m.previous_versions } : {}),
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.attachments ? { attachments: m.attachments } : {}),
    ...(m.files && m.files.length > 0 ? { files: m.files } : {}),
    ...(m.bot_id ? { bot_id: m.bot_id } : {}),
    reactions: m.reactions.map((r) => ({ name: r.name, users: r.users, count: r.users.length })),
  };
}

const bookmark = (b: SlackBookmark) => ({ id: b.id, title: b.title, link: b.link, emoji: b.emoji, ...(b.previous_versions?.length ? { previous_versions: b.previous_versions } : {}) });

const file = (f: SlackFile) => ({
  id: f.id,
  name: f.name,
  title: f.title,
  filetype: f.filetype,
  mimetype: f.mimetype,
  user: f.user,
  size: f.size,
  created: f.created,
  channels: f.channels,
  content: f.content,
  ...(f.previous_versions?.length ? { previous_versions: f.previous_versions } : {}),
});

const scheduled = (s: ScheduledMessage) => ({
  id: s.id,
  channel: s.channel,
  post_at: s.post_at,
  text: s.text,
  user: s.user,
  ...(s.thread_ts ? { thread_ts: s.thread_ts } : {}),
  ...(s.blocks ? { blocks: s.blocks } : {}),
  ...(s.attachments ? { attachments: s.attachments } : {}),
});

export function slackSnapshot(state: SlackState) {
  const copy = structuredClone(state);
  return {
    team: copy.team,
    actors: { bot: copy.actors.bot, user: copy.actors.user },
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
      messages: c.messages.map((m) => ({ ...message(m), pinned: c.pins.some((p) => p.ts === m.ts) })),
      bookmarks: c.bookmarks.map(bookmark),
    })),
    files: copy.files.filter((f) => f.state === "complete").map(file),
    scheduled_messages: copy.scheduled_messages.map(scheduled),
    ephemeral_messages: copy.ephemeral_messages,
    drafts: copy.drafts.map((d) => ({ id: d.id, channel: d.channel, user: d.user, text: d.text, ...(d.thread_ts ? { thread_ts: d.thread_ts } : {}) })),
    usergroups: copy.usergroups.map((g) => ({ id: g.id, name: g.name, handle: g.handle, description: g.description, users: g.users })),
    emoji: Object.fromEntries(Object.entries(copy.emoji).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    deleted_messages: copy.deleted.messages.map((d) => ({ channel: d.channel, ...message(d.message), deleted_by: d.deleted_by })),
    deleted_files: copy.deleted.files.map((f) => ({ ...file(f), deleted_by: f.deleted_by })),
    deleted_scheduled_messages: copy.deleted.scheduled_messages.map(scheduled),
    deleted_bookmarks: copy.deleted.bookmarks.map((d) => ({ channel: d.channel, ...bookmark(d.bookmark) })),
  };
}

export type SlackSnapshot = ReturnType<typeof slackSnapshot>;
