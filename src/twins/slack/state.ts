/**
 * Storage shape of the Slack twin: the workspace as plain data. Conversations hold their
 * members, messages (oldest first), pins and bookmarks; files, scheduled messages, user
 * groups, emoji, ephemeral messages and drafts sit beside them. Ids are user ids
 * everywhere a Slack object names a person (`user`, `members`, `creator`). Wire shapes are
 * built from this in wire/, the snapshot in snapshot.ts.
 */
import type { Clock, IdSource, OperationContext } from "../engine/operation.js";

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
}

export interface SlackUser {
  id: string;
  name: string;
  real_name: string;
  display_name: string;
  email: string | null;
  title: string;
  is_bot: boolean;
  is_admin: boolean;
  is_owner: boolean;
  deleted: boolean;
  tz: string;
  /** The bot's `B…` id (bot users only). */
  bot_id: string | null;
  presence: "active" | "away";
  /** More profile fields a seed or `users.profile.set` gives (status_text, phone …). */
  profile: Record<string, unknown>;
  updated: number;
}

export interface SlackReaction {
  name: string;
  /** User ids, in the order they reacted. */
  users: string[];
}

export interface SlackMessage {
  type: "message";
  ts: string;
  /** Author's user id. */
  user: string;
  text: string;
  subtype?: string;
  thread_ts?: string;
  /** Parent messages: the number of replies, who replied, and the newest reply's ts. */
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  edited?: { user: string; ts: string };
  /**
   * What the message said before each chat.update, oldest first: an edit never erases what
   * people already saw (criteria read it; Slack's own history keeps it too).
   */
  previous_versions?: MessageVersion[];
  blocks?: unknown[];
  attachments?: unknown[];
  /** File ids shared with this message. */
  files?: string[];
  reactions: SlackReaction[];
  bot_id?: string;
  username?: string;
  icons?: Record<string, string>;
}

/** A message's content before an edit. */
export interface MessageVersion {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  /** The ts of the edit that replaced it (`edited.ts`). */
  replaced_at: string;
}

export interface SlackPin {
  ts: string;
  created: number;
  created_by: string;
}

export interface SlackBookmark {
  id: string;
  title: string;
  link: string;
  emoji: string | null;
  type: "link";
  created: number;
  updated: number;
  updated_by: string;
  /** Title and link before each bookmarks.edit, oldest first. */
  previous_versions?: Array<{ title: string; link: string }>;
}

export interface SlackChannel {
  id: string;
  name: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_general: boolean;
  created: number;
  creator: string;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  /** Member user ids, in the order they joined. */
  members: string[];
  /** A DM's other party. */
  user?: string;
  /** A DM the caller closed (conversations.close); conversations.open reopens it. */
  is_open: boolean;
  last_read: string;
  messages: SlackMessage[];
  pins: SlackPin[];
  bookmarks: SlackBookmark[];
}

export interface SlackFile {
  id: string;
  created: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  /** Uploader's user id. */
  user: string;
  size: number;
  /** The bytes as text (UTF-8), when uploaded; a canvas's markdown. */
  content: string | null;
  /** `pending` between files.getUploadURLExternal and files.completeUploadExternal. */
  state: "pending" | "uploaded" | "complete";
  /** Conversation ids the file is shared in. */
  channels: string[];
  alt_txt?: string;
  /** Canvases: sections of markdown, in document order. */
  sections?: Array<{ id: string; markdown: string }>;
  /** A canvas's title and content before each canvases.edit, oldest first. */
  previous_versions?: Array<{ title: string; content: string }>;
}

export interface ScheduledMessage {
  id: string;
  channel: string;
  post_at: number;
  date_created: number;
  text: string;
  user: string;
  thread_ts?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

export interface EphemeralMessage {
  channel: string;
  /** The one user who sees it. */
  user: string;
  /** Who sent it. */
  from: string;
  ts: string;
  text: string;
  thread_ts?: string;
}

export interface Draft {
  id: string;
  channel: string;
  user: string;
  text: string;
  thread_ts?: string;
  created: number;
}

export interface Usergroup {
  id: string;
  name: string;
  handle: string;
  description: string;
  users: string[];
  channels: string[];
  created_by: string;
  date_create: number;
  date_update: number;
}

export interface SlackState {
  team: SlackTeam;
  users: SlackUser[];
  channels: SlackChannel[];
  files: SlackFile[];
  scheduled_messages: ScheduledMessage[];
  ephemeral_messages: EphemeralMessage[];
  drafts: Draft[];
  usergroups: Usergroup[];
  /** Custom emoji: name → image URL or `alias:<name>`. */
  emoji: Record<string, string>;
  /** Who each token acts as: the bot token (and the session JWT) and the user token. */
  actors: { bot: string; user: string };
  /**
   * What calls deleted, kept out of every Web API answer: a message posted and deleted (or
   * a file shared and deleted) was still seen, so `[D]` criteria must still see it. Edits
   * keep earlier versions in place (`previous_versions` of messages, bookmarks and canvases).
   */
  deleted: DeletedContent;
}

export interface DeletedContent {
  /** Messages chat.delete removed, or whose content a tombstone replaced, as they were. */
  messages: Array<{ channel: string; message: SlackMessage; deleted_by: string }>;
  files: Array<SlackFile & { deleted_by: string }>;
  scheduled_messages: ScheduledMessage[];
  bookmarks: Array<{ channel: string; bookmark: SlackBookmark }>;
}

export type SlackContext = OperationContext<SlackState>;
export type SeedContext = { clock: Clock; ids: IdSource };

/** The user a call acts as: the user token's user, else the bot token's. */
export function actorId(ctx: SlackContext): string {
  return ctx.credential === "user" ? ctx.state.actors.user : ctx.state.actors.bot;
}

/** A new Slack id: its prefix and ten characters of [0-9A-F] from the session's id source (`C0A1B2C3D4`). */
export function newSlackId(ids: IdSource, prefix: string): string {
  return `${prefix}${ids.hex(`slack-${prefix}`, 10).toUpperCase()}`;
}

/** `1767258000.000042` → [seconds, microseconds]. */
export function tsParts(ts: string): [number, number] {
  // As ts.split(".") reads it (the part after a second dot is ignored), without the array: sorts and searches call this per message.
  const dot = ts.indexOf(".");
  if (dot === -1) return [Number(ts), 0];
  const end = ts.indexOf(".", dot + 1);
  const micros = ts.slice(dot + 1, end === -1 ? undefined : end);
  return [Number(ts.slice(0, dot)), Number(micros.padEnd(6, "0").slice(0, 6))];
}

export function compareTs(a: string, b: string): number {
  const [as, am] = tsParts(a);
  const [bs, bm] = tsParts(b);
  return as - bs || am - bm;
}

const formatTs = (seconds: number, micros: number) => `${seconds}.${String(micros).padStart(6, "0")}`;

/**
 * The newest ts of each message list read so far, and how many of its messages that
 * covers. Messages are only ever appended to a list (posts, joins, the seed) or the list
 * is replaced (a delete filters into a new array; a reseed builds new ones); an in-place
 * sort keeps the same messages. So a post reads only what was appended since the last
 * one, instead of the whole conversation (a channel of n posts cost O(n²) to fill).
 */
const newestSeen = new WeakMap<SlackMessage[], { length: number; newest: string | null }>();

function newestTs(messages: SlackMessage[]): string | null {
  const seen = newestSeen.get(messages);
  const covered = seen && seen.length <= messages.length ? seen.length : 0;
  let newest = covered > 0 ? seen!.newest : null;
  for (let i = covered; i < messages.length; i++) if (newest === null || compareTs(messages[i].ts, newest) > 0) newest = messages[i].ts;
  newestSeen.set(messages, { length: messages.length, newest });
  return newest;
}

/**
 * A message ts from the session clock: the current second and a workspace-wide sequence,
 * always after the newest ts the conversation has (a seed may hold later ones).
 */
export function nextTs(ids: IdSource, clock: Clock, channel?: SlackChannel): string {
  const sequence = ids.next("slack-ts") % 1_000_000;
  let ts = formatTs(clock.unix(), sequence);
  const newest = channel ? newestTs(channel.messages) : null;
  if (newest && compareTs(ts, newest) <= 0) {
    const [s, m] = tsParts(newest);
    ts = m >= 999_999 ? formatTs(s + 1, 0) : formatTs(s, m + 1);
  }
  return ts;
}

export const isConversationMember = (channel: SlackChannel, userId: string) => channel.members.includes(userId);

/** Public channels are visible to everyone in the workspace; private channels, DMs and group DMs only to members. */
export function canSee(channel: SlackChannel, userId: string): boolean {
  return (!channel.is_private && !channel.is_im && !channel.is_mpim) || channel.members.includes(userId);
}

const TEXT_KEYS = new Set(["text", "fallback", "pretext", "title", "value"]);

/** Every string under a text-like key of blocks or attachments, in document order. */
function collectText(value: unknown, parts: string[]): void {
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (const inner of value) collectText(inner, parts);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (TEXT_KEYS.has(key) && typeof inner === "string") parts.push(inner);
    else collectText(inner, parts);
  }
}

/** The text people see: the message text, its blocks' and attachments' text. */
export function searchableText(message: Pick<SlackMessage, "text" | "blocks" | "attachments">): string {
  if (message.blocks === undefined && message.attachments === undefined) return message.text || "";
  const parts = [message.text];
  collectText(message.blocks, parts);
  collectText(message.attachments, parts);
  return parts.filter(Boolean).join("\n");
}

export const userIsAdmin = (state: SlackState, userId: string) => state.users.some((u) => u.id === userId && u.is_admin);
