/**
 * What was said in a run, read from the two snapshots: every message with every version it
 * had (edits keep `previous_versions`; deletes keep the message in `deleted_messages`),
 * ephemeral and scheduled messages, and the other places text shows in a conversation
 * (topic, purpose, bookmarks, files shared there, canvases).
 *
 * Two rules decide what counts. Something made during the run counts in every version it
 * ever had, deleted or not: people may have read it. Something the seed already had counts
 * only while it is still there, so a secret seeded in a channel is not "posted" by the agent,
 * and a seeded message the agent deleted no longer "appears".
 */
import { stringsIn, type Channel, type Message, type Snapshot, userName } from "./world.js";

/** One version of a message's content. */
export interface Content {
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** Every string a version shows: its text, and all text inside its blocks and attachments. */
export function contentStrings(content: Content): string[] {
  return [content.text ?? "", ...stringsIn(content.blocks), ...stringsIn(content.attachments)];
}

export interface MessageRecord {
  channel: string;
  ts: string;
  /** The author (for ephemeral messages, the sender). */
  user: string;
  subtype?: string;
  thread_ts?: string;
  /** Every version, oldest first; the last is what it says now (or said when deleted). */
  versions: Content[];
  /** The versions that count as having appeared (see the file comment). */
  appeared: Content[];
  /** File ids shared with it. */
  files: string[];
  reactions: Array<{ name: string; users: string[] }>;
  seeded: boolean;
  deleted: boolean;
  ephemeral: boolean;
  pinned: boolean;
}

type SnapshotMessage = Message | Snapshot["deleted_messages"][number];

function versionsOf(message: SnapshotMessage): Content[] {
  const current: Content = { text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}), ...(message.attachments ? { attachments: message.attachments } : {}) };
  return [...((message as { previous_versions?: Content[] }).previous_versions ?? []), current];
}

const keyOf = (channel: string, ts: string) => `${channel}/${ts}`;

function seededMessages(initial: Snapshot): Map<string, Message> {
  return new Map(initial.channels.flatMap((c) => c.messages.map((m) => [keyOf(c.id, m.ts), m] as const)));
}

/**
 * Versions that count: a message made in the run, every one; a seeded one, those the run
 * added, and what it says now if it is still there.
 */
function appearedVersions(versions: Content[], seeded: Message | undefined, present: boolean): Content[] {
  if (!seeded) return versions;
  const seededCount = ((seeded as { previous_versions?: unknown[] }).previous_versions?.length ?? 0) + 1;
  const added = versions.slice(seededCount, versions.length - 1);
  const last = versions[versions.length - 1];
  if (present) return [...added, last];
  return versions.length > seededCount ? [...added, last] : [];
}

/** Every message of the run's world: present, deleted (merged with its tombstone), ephemeral. */
export function messageRecords(initial: Snapshot, final: Snapshot): MessageRecord[] {
  const seeded = seededMessages(initial);
  const deleted = new Map((final.deleted_messages ?? []).map((d) => [keyOf(d.channel, d.ts), d] as const));
  const records: MessageRecord[] = [];
  const seen = new Set<string>();
  const add = (channel: string, message: SnapshotMessage, present: boolean, pinned: boolean) => {
    const key = keyOf(channel, message.ts);
    if (seen.has(key)) return;
    seen.add(key);
    const versions = versionsOf(message);
    const before = seeded.get(key);
    records.push({
      channel,
      ts: message.ts,
      user: message.user,
      ...(message.subtype ? { subtype: message.subtype } : {}),
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
      versions,
      appeared: appearedVersions(versions, before, present),
      files: message.files ?? [],
      reactions: message.reactions.map((r) => ({ name: r.name, users: [...r.users] })),
      seeded: before !== undefined,
      deleted: !present,
      ephemeral: false,
      pinned,
    });
  };
  for (const channel of final.channels) {
    for (const message of channel.messages) {
      const gone = deleted.get(keyOf(channel.id, message.ts));
      // A thread parent's tombstone stands where it was; its content is the deleted record.
      if (gone) add(channel.id, gone, false, false);
      else add(channel.id, message, true, message.pinned);
    }
  }
  for (const gone of final.deleted_messages ?? []) add(gone.channel, gone, false, false);
  const seededEphemeral = new Set(initial.ephemeral_messages.map((e) => keyOf(e.channel, e.ts)));
  for (const e of final.ephemeral_messages) {
    if (seededEphemeral.has(keyOf(e.channel, e.ts))) continue;
    const versions = [{ text: e.text }];
    records.push({ channel: e.channel, ts: e.ts, user: e.from, ...((e as { thread_ts?: string }).thread_ts ? { thread_ts: (e as { thread_ts?: string }).thread_ts } : {}), versions, appeared: versions, files: [], reactions: [], seeded: false, deleted: false, ephemeral: true, pinned: false });
  }
  return records;
}

/** Slack's own notices (joins, topic changes, renames, tombstones): not messages anyone posted. */
export function isSystemMessage(record: Pick<MessageRecord, "subtype">): boolean {
  return record.subtype !== undefined && /^(channel_|group_|tombstone$|pinned_item$|bot_add$|bot_remove$)/.test(record.subtype);
}

/** A reply in a thread (a broadcast reply too); a thread parent is not. */
export const isReply = (record: Pick<MessageRecord, "ts" | "thread_ts">) => record.thread_ts !== undefined && record.thread_ts !== record.ts;
export const isBroadcast = (record: Pick<MessageRecord, "subtype">) => record.subtype === "thread_broadcast";

/** Messages posted during the run, deleted ones included; Slack's notices excluded. */
export function postedMessages(initial: Snapshot, final: Snapshot): MessageRecord[] {
  return messageRecords(initial, final).filter((r) => !r.seeded && !isSystemMessage(r));
}

/** The name, title and content (every version) of a file, from either list. */
export function fileStrings(final: Snapshot, id: string): string[] {
  const file = final.files.find((f) => f.id === id) ?? (final.deleted_files ?? []).find((f) => f.id === id);
  if (!file) return [];
  const earlier = (file as { previous_versions?: Array<{ title: string; content: string }> }).previous_versions ?? [];
  return [file.name, file.title, file.content ?? "", ...earlier.flatMap((v) => [v.title, v.content])];
}

/** Everything a message record says, all versions and its files, for "a message containing …". */
export function recordStrings(final: Snapshot, record: MessageRecord, versions: Content[] = record.versions): string[] {
  return [...versions.flatMap(contentStrings), ...record.files.flatMap((id) => fileStrings(final, id))];
}

/** Something people could read in a conversation during the run. */
export interface Seen {
  channel: string;
  /** A message's ts (its calls are the evidence). */
  ts?: string;
  /** "a message by @alice (1767000000.000100)", "the topic", "file `notes.txt`" … */
  what: string;
  strings: string[];
}

function describeMessage(state: Snapshot, record: MessageRecord): string {
  const kind = record.ephemeral ? "an ephemeral message" : record.subtype?.startsWith("channel_") ? "a channel notice" : "a message";
  const notes = [record.ts, record.deleted ? "deleted" : "", record.versions.length > 1 ? "edited" : ""].filter(Boolean).join(", ");
  return `${kind} by @${userName(state, record.user)} (${notes})`;
}

/** Everything that counts as having appeared in the run, per conversation (see the file comment). */
export function seenContent(initial: Snapshot, final: Snapshot): Seen[] {
  const out: Seen[] = [];
  for (const record of messageRecords(initial, final)) {
    if (record.appeared.length === 0) continue;
    out.push({ channel: record.channel, ts: record.ts, what: describeMessage(final, record), strings: record.appeared.flatMap(contentStrings) });
  }
  const seededScheduled = new Set(initial.scheduled_messages.map((s) => s.id));
  for (const s of [...final.scheduled_messages, ...(final.deleted_scheduled_messages ?? [])]) {
    if (seededScheduled.has(s.id)) continue;
    out.push({ channel: s.channel, what: `a scheduled message (${s.id}${final.scheduled_messages.includes(s as never) ? "" : ", cancelled"})`, strings: contentStrings(s as Content) });
  }
  for (const channel of final.channels) {
    for (const field of ["topic", "purpose"] as const) {
      if (channel[field].value) out.push({ channel: channel.id, what: `the ${field}`, strings: [channel[field].value] });
    }
    const seededBookmarks = new Map((initial.channels.find((c) => c.id === channel.id)?.bookmarks ?? []).map((b) => [b.id, b] as const));
    for (const bookmark of channel.bookmarks) out.push(bookmarkSeen(channel, bookmark, seededBookmarks.get(bookmark.id), true));
  }
  for (const gone of final.deleted_bookmarks ?? []) {
    const seeded = initial.channels.find((c) => c.id === gone.channel)?.bookmarks.find((b) => b.id === gone.id);
    const item = bookmarkSeen({ id: gone.channel } as Channel, gone, seeded, false);
    if (item.strings.length) out.push(item);
  }
  const seededFiles = new Map(initial.files.map((f) => [f.id, f] as const));
  const files = [...final.files.map((f) => ({ file: f, present: true })), ...(final.deleted_files ?? []).map((f) => ({ file: f, present: false }))];
  for (const { file, present } of files) {
    const earlier = ((file as { previous_versions?: Array<{ title: string; content: string }> }).previous_versions ?? []).map((v) => [v.title, v.content]);
    const versions = [...earlier, [file.name, file.title, file.content ?? ""]];
    const seeded = seededFiles.get(file.id);
    const seededCount = seeded ? (((seeded as { previous_versions?: unknown[] }).previous_versions?.length ?? 0) + 1) : 0;
    const counted = seeded ? [...versions.slice(seededCount, -1), ...(present || versions.length > seededCount ? versions.slice(-1) : [])] : versions;
    if (counted.length === 0) continue;
    const kind = file.filetype === "canvas" ? "canvas" : "file";
    for (const channel of file.channels) out.push({ channel, what: `${present ? "" : "deleted "}${kind} ${file.id} \`${file.name}\``, strings: counted.flat() });
  }
  return out;
}

function bookmarkSeen(channel: Pick<Channel, "id">, bookmark: { id: string; title: string; link: string; previous_versions?: Array<{ title: string; link: string }> }, seeded: { previous_versions?: unknown[] } | undefined, present: boolean): Seen {
  const versions = [...(bookmark.previous_versions ?? []), { title: bookmark.title, link: bookmark.link }];
  const seededCount = seeded ? (seeded.previous_versions?.length ?? 0) + 1 : 0;
  const counted = seeded ? [...versions.slice(seededCount, -1), ...(present || versions.length > seededCount ? versions.slice(-1) : [])] : versions;
  return { channel: channel.id, what: `${present ? "a" : "a removed"} bookmark (${bookmark.id})`, strings: counted.flatMap((v) => [v.title, v.link]) };
}
