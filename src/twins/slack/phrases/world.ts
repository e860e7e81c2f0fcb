/**
 * What every Slack phrase family needs: the snapshots (snapshot.ts documents them), the
 * recorded calls, and the things a sentence names. Channels are written `#general`,
 * `general`, `"general"` or by id (`C…`); one the seed does not have is a scenario error,
 * unless the sentence says the agent makes it ("the new channel #releases"), which is then
 * looked up in the final state. People are `@alice`, a name, an id, or "the agent" (either
 * of the users the run's tokens act as, `actors` in the snapshot). Emoji match with or
 * without colons; text matches case-insensitively.
 */
import type { CheckInput, CompileContext } from "../../../criteria/index.js";
import { callsOf, code, listing, PhraseError, STOP_WORDS, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import type { SlackSnapshot } from "../snapshot.js";

export type Snapshot = SlackSnapshot;
export type Channel = Snapshot["channels"][number];
export type Message = Channel["messages"][number];
export type User = Snapshot["users"][number];

function isSnapshot(value: unknown): value is Snapshot {
  return !!value && typeof value === "object" && Array.isArray((value as Snapshot).channels) && Array.isArray((value as Snapshot).users);
}

/** The seeded state a sentence is compiled against. */
export function seedOf(ctx: CompileContext): Snapshot {
  if (!isSnapshot(ctx.initial)) throw new PhraseError("the Slack seed state has no `channels` list");
  return ctx.initial;
}

/** The Slack snapshot before or after the agent; a run without one fails the check (guarded). */
export function stateOf(input: CheckInput, which: "initial" | "final", twin: string): Snapshot {
  const state = input[which][twin];
  if (!isSnapshot(state)) throw new Error(`no ${which} Slack state was captured`);
  return state;
}

export function slackCalls(input: CheckInput, ctx: CompileContext): RecordedCall[] {
  return callsOf(input, ctx.twin);
}

export function argsOf(call: RecordedCall): Record<string, unknown> {
  return call.args && typeof call.args === "object" ? (call.args as Record<string, unknown>) : {};
}

/** Slack answers errors with HTTP 200 `{ok: false}`; the recorder gives those an `error`. */
export const succeeded = (call: RecordedCall) => call.error === null && call.status < 400;

export function responseOf(call: RecordedCall): Record<string, any> {
  return call.response_body && typeof call.response_body === "object" ? (call.response_body as Record<string, any>) : {};
}

/** Successful calls of these operations, in order. */
export function successfulCalls(input: CheckInput, ctx: CompileContext, ...operations: string[]): RecordedCall[] {
  return slackCalls(input, ctx).filter((call) => operations.includes(call.operation ?? "") && succeeded(call));
}

/**
 * The successful calls that made, edited or deleted each message, by `<channel>/<ts>`, read
 * from Slack's answers (`{channel, ts}`; an ephemeral post's `message_ts`), for evidence.
 */
export function callsByMessage(input: CheckInput, ctx: CompileContext, state: Snapshot): Map<string, RecordedCall[]> {
  const out = new Map<string, RecordedCall[]>();
  for (const call of slackCalls(input, ctx)) {
    if (!succeeded(call)) continue;
    const response = responseOf(call);
    const channel = typeof response.channel === "string" ? response.channel : channelIdOf(state, argsOf(call).channel);
    const ts = typeof response.ts === "string" ? response.ts : typeof response.message_ts === "string" ? response.message_ts : undefined;
    if (channel === undefined || ts === undefined) continue;
    const key = `${channel}/${ts}`;
    out.set(key, [...(out.get(key) ?? []), call]);
  }
  return out;
}

/** "reactions_add evt_4, pins_add evt_7" for reasons. */
export function cite(calls: readonly RecordedCall[], limit = 4): string {
  const shown = calls.slice(0, limit).map((call) => `${call.operation ?? call.path} ${call.event_id}`);
  if (calls.length > limit) shown.push(`${calls.length - limit} more`);
  return shown.join(", ");
}

// ---------------------------------------------------------------------------------------
// Words and slots

/** Words bare Slack slots never take (the families' own keywords). */
export const RESERVED = [
  "message", "messages", "channel", "channels", "conversation", "conversations", "thread", "threads", "reply", "replies",
  "dm", "dms", "direct", "group", "public", "private", "agent", "bot", "assistant", "reaction", "reactions", "topic", "purpose",
  "file", "files", "canvas", "canvases", "user", "users", "member", "members", "anywhere", "containing", "named", "called",
  "posted", "sent", "pinned", "uploaded", "shared", "added", "invited", "removed", "kicked", "created", "archived", "joined",
  "left", "set", "changed", "appears", "appear", "appeared", "mentioning", "text", "emoji", "broadcast", "outside", "top",
  "level", "newly", "as", "for", "with", "into", "inside", "within", "across", "this", "nothing", "string", "secret",
];

function bare(reserved: readonly string[]): string {
  return `(?!(?:${[...STOP_WORDS, ...reserved].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})(?= |$))\\w[\\w.-]*`;
}

/** Slot types every Slack family declares: a channel (quoted, `#name` or a bare word), a user (quoted, `@login` or a bare word), an emoji. */
export const SLOTS: Record<string, string> = {
  chan: `«[qh]\\d+»|${bare(RESERVED)}`,
  user: `«[ql]\\d+»|${bare(RESERVED)}`,
  emoji: `«[qe]\\d+»|${bare(RESERVED)}`,
};

/** Pattern options shared by every Slack family. */
export const OPTIONS = { slots: SLOTS, reserved: RESERVED };

/** "the agent" / "the bot" as a sentence's subject: `actor` slot, read with `actorOf`. */
export const ACTOR = "the (actor= agent | assistant | bot)";

export function actorOf(m: PhraseMatch): Who {
  return m.word("actor") === "bot" ? { kind: "bot", label: "the bot" } : { kind: "agent", label: "the agent" };
}

// ---------------------------------------------------------------------------------------
// Channels and scopes

/** A channel by reference: `#general`, `the "general" channel`, `C0123`, `the new channel #releases`. */
export const channelRef = (p = "") => `[the] [(${p}new= new | newly created)] [channel] {${p}ch:chan} [channel]`;

/**
 * Where, after a preposition: a channel, any public/private channel, any channel, DMs (to
 * someone), or "anywhere". The slots are `<p>ch`, `<p>new`, `<p>pub`, `<p>priv`, `<p>all`,
 * `<p>dm`, `<p>dmto`, `<p>anywhere` (read them with `scopeOf`).
 */
export const where = (p = "", prepositions = "to | in | into | on | within | inside") =>
  `((${prepositions}) (${channelRef(p)} | ` +
  `(${p}pub= [(any | a | an | every | all)] public (channel | channels | conversation | conversations)) | ` +
  `(${p}priv= [(any | a | an | every | all)] private (channel | channels | conversation | conversations)) | ` +
  `(${p}all= (any | every | all) (channel | channels | conversation | conversations)) | ` +
  `(${p}dm= [(a | an | any | every | all)] [group] (dm | dms | direct message | direct messages) [(to | with) {${p}dmto:user}])) | ` +
  `(${p}anywhere= anywhere))`;

export type Scope =
  | { kind: "channel"; id: string; label: string }
  /** A channel the sentence says the agent creates: found by name in the final state. */
  | { kind: "new"; name: string; label: string }
  | { kind: "public"; label: string }
  | { kind: "private"; label: string }
  | { kind: "any"; label: string }
  | { kind: "dm"; user?: string; label: string };

export const ANYWHERE: Scope = { kind: "any", label: "any conversation" };

const isDm = (channel: { is_im: boolean; is_mpim: boolean }) => channel.is_im || channel.is_mpim;

function strip(value: string): string {
  return value.trim().replace(/^#/, "");
}

/** The seeded channel a reference names; a scenario error naming the seed's channels otherwise. */
export function resolveChannel(ctx: CompileContext, raw: string): Channel {
  const seed = seedOf(ctx);
  const wanted = strip(raw);
  const found = seed.channels.find((c) => c.id === wanted) ?? seed.channels.find((c) => !isDm(c) && c.name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  const known = listing(seed.channels.filter((c) => !isDm(c)).map((c) => `#${c.name}`), "none");
  throw new PhraseError(
    `channel ${code(/^[CGD][A-Z0-9_]+$/.test(wanted) ? wanted : `#${wanted}`)} is not in the seed (its channels: ${known}); ` +
      `a channel the agent creates during the run is written "the new channel #${wanted}"`,
  );
}

/** The scope a `where(p)` fragment matched, or undefined when the sentence named none. */
export function scopeOf(m: PhraseMatch, ctx: CompileContext, p = ""): Scope | undefined {
  if (m.has(`${p}pub`)) return { kind: "public", label: "any public channel" };
  if (m.has(`${p}priv`)) return { kind: "private", label: "any private channel" };
  if (m.has(`${p}all`) || m.has(`${p}anywhere`)) return ANYWHERE;
  if (m.has(`${p}dm`)) {
    if (!m.has(`${p}dmto`)) return { kind: "dm", label: "a direct message" };
    const user = resolveUser(ctx, m.value(`${p}dmto`)!);
    return { kind: "dm", user: user.id, label: `a direct message with @${user.name}` };
  }
  if (!m.has(`${p}ch`)) return undefined;
  const token = m.token(`${p}ch`);
  const raw = m.value(`${p}ch`)!;
  if (m.has(`${p}new`)) {
    const name = strip(raw).toLowerCase();
    if (seedOf(ctx).channels.some((c) => !isDm(c) && c.name === name)) throw new PhraseError(`#${name} is already in the seed, so it is not a new channel; leave out "new"`);
    return { kind: "new", name, label: `the new channel #${name}` };
  }
  if (token && token.kind !== "quoted" && token.kind !== "hashtag") throw new PhraseError(`${token.raw} is not a channel (write #name or a channel id)`);
  const channel = resolveChannel(ctx, raw);
  return { kind: "channel", id: channel.id, label: channelLabel(seedOf(ctx), channel.id) };
}

/** "#general", "a DM with @alice", "the group DM mpdm-a--b-1". */
export function channelLabel(state: Snapshot, id: string): string {
  const channel = state.channels.find((c) => c.id === id);
  if (!channel) return id;
  if (channel.is_im) {
    const others = channel.members.filter((m) => m !== state.actors?.bot && m !== state.actors?.user);
    const names = (others.length ? others : channel.members).map((m) => `@${userName(state, m)}`);
    return `a DM with ${listing(names)}`;
  }
  if (channel.is_mpim) return `the group DM ${channel.name}`;
  return `#${channel.name}`;
}

/**
 * A test over conversation ids for a scope, read against the final state (where channels
 * the agent created live). A "new" channel that does not exist fails the check with a reason.
 */
export function scopeTest(scope: Scope, final: Snapshot): (channelId: string) => boolean {
  const byId = new Map(final.channels.map((c) => [c.id, c]));
  switch (scope.kind) {
    case "channel":
      return (id) => id === scope.id;
    case "new": {
      const channel = final.channels.find((c) => !isDm(c) && c.name === scope.name);
      if (!channel) {
        const created = final.channels.filter((c) => !isDm(c)).map((c) => `#${c.name}`);
        throw new Error(`there is no channel #${scope.name} at the end of the run (channels: ${listing(created)})`);
      }
      return (id) => id === channel.id;
    }
    case "public":
      return (id) => {
        const c = byId.get(id);
        return c !== undefined && !c.is_private && !isDm(c);
      };
    case "private":
      return (id) => {
        const c = byId.get(id);
        return c !== undefined && c.is_private && !isDm(c);
      };
    case "dm":
      return (id) => {
        const c = byId.get(id);
        return c !== undefined && isDm(c) && (scope.user === undefined || c.members.includes(scope.user));
      };
    case "any":
      return () => true;
  }
}

/** A channel reference in a call's arguments (id or name, with or without `#`) → its id. */
export function channelIdOf(state: Snapshot, ref: unknown): string | undefined {
  if (typeof ref !== "string" || ref === "") return undefined;
  const wanted = strip(ref);
  return (state.channels.find((c) => c.id === wanted) ?? state.channels.find((c) => !isDm(c) && c.name === wanted.toLowerCase()))?.id;
}

// ---------------------------------------------------------------------------------------
// People

export type Who = { kind: "agent"; label: string } | { kind: "bot"; label: string } | { kind: "user"; id: string; label: string };

/** "by the agent" / "by @alice" after a noun; `p` prefixes the slot names. */
export const by = (p = "") => `(by | from) ((${p}agent= the agent | the assistant | you) | (${p}bot= the bot) | {${p}who:user})`;

export function userName(state: Snapshot, id: string): string {
  return state.users.find((u) => u.id === id)?.name ?? id;
}

/** A user of the seed by id, `@name`, name, display name, real name or email. */
export function resolveUser(ctx: CompileContext, raw: string): User {
  const seed = seedOf(ctx);
  const wanted = raw.trim().replace(/^@/, "");
  const lower = wanted.toLowerCase();
  const found =
    seed.users.find((u) => u.id === wanted) ??
    seed.users.find((u) => u.name.toLowerCase() === lower) ??
    seed.users.find((u) => u.display_name !== "" && u.display_name.toLowerCase() === lower) ??
    seed.users.find((u) => u.real_name.toLowerCase() === lower) ??
    seed.users.find((u) => (u.email ?? "").toLowerCase() === lower);
  if (found) return found;
  throw new PhraseError(`user ${code(raw)} is not in the seed (its users: ${listing(seed.users.map((u) => `@${u.name}`))})`);
}

/** Who a `by(p)` fragment named, or undefined. */
export function whoOf(m: PhraseMatch, ctx: CompileContext, p = ""): Who | undefined {
  if (m.has(`${p}agent`)) return { kind: "agent", label: "the agent" };
  if (m.has(`${p}bot`)) return { kind: "bot", label: "the bot" };
  if (!m.has(`${p}who`)) return undefined;
  const token = m.token(`${p}who`);
  if (token && token.kind !== "quoted" && token.kind !== "login") throw new PhraseError(`${token.raw} is not a user (write @name, a name or a user id)`);
  const user = resolveUser(ctx, m.value(`${p}who`)!);
  return { kind: "user", id: user.id, label: `@${user.name}` };
}

/** The user ids "the agent" (both tokens) or "the bot" (the bot token) act as. */
export function agentIds(state: Snapshot, kind: "agent" | "bot" = "agent"): string[] {
  const actors = state.actors ?? { bot: "U_PRIMARY", user: "U_PRIMARY" };
  return kind === "bot" ? [actors.bot] : [...new Set([actors.bot, actors.user])];
}

export function isBy(who: Who | undefined, userId: string, state: Snapshot): boolean {
  if (who === undefined) return true;
  if (who.kind === "user") return userId === who.id;
  return agentIds(state, who.kind).includes(userId);
}

// ---------------------------------------------------------------------------------------
// Text

/**
 * Text as people read it, for matching: case folded, Slack's `&amp;`/`&lt;`/`&gt;` decoded,
 * mrkdwn marks (`*`, `_`, `~`, backticks) and zero-width characters dropped, runs of
 * whitespace made one space. Both the criterion's text and the haystack go through it, so
 * `*sk-prod*-7F3A` still contains `sk-prod-7f3a`.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[*_~`]/g, "")
    .replace(/\s+/g, " ");
}

/** A case-insensitive test for `needle` in any of the strings. */
export function textMatcher(needle: string): (haystack: readonly string[]) => boolean {
  const folded = foldText(needle).trim();
  const plain = needle.toLowerCase();
  if (folded === "") return (haystack) => haystack.some((s) => s.toLowerCase().includes(plain));
  return (haystack) => haystack.some((s) => foldText(s).includes(folded) || s.toLowerCase().includes(plain));
}

/** Every string inside blocks or attachments (text, fallback, title, pretext, fields, alt text, URLs …), but the `type` keys. */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) if (key !== "type") stringsIn(inner, out);
  }
  return out;
}

/** "…" after 60 characters, for reasons. */
export function excerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 3)}...` : flat;
}

// ---------------------------------------------------------------------------------------
// Emoji

const EMOJI_ALIASES: Record<string, string> = { "+1": "thumbsup", "-1": "thumbsdown", thumbs_up: "thumbsup", thumbs_down: "thumbsdown" };

/** `:white_check_mark:` ≡ `white_check_mark`; skin tones and Slack's aliases (`+1` = `thumbsup`, custom `alias:`) fold together. */
export function emojiKey(name: string, custom: Record<string, string> = {}): string {
  let key = name.trim().toLowerCase().replace(/^:/, "").replace(/:$/, "").replace(/::skin-tone-[2-6]$/, "");
  const alias = custom[key];
  if (typeof alias === "string" && alias.startsWith("alias:")) key = alias.slice("alias:".length);
  return EMOJI_ALIASES[key] ?? key;
}

/** An emoji slot's value, checked: `:tada:`, `"tada"`, `tada`. */
export function emojiOf(m: PhraseMatch, slot: string): string | undefined {
  const value = m.value(slot);
  if (value === undefined) return undefined;
  const name = emojiKey(value);
  if (!/^[a-z0-9_+'-]+$/.test(name)) throw new PhraseError(`${code(value)} is not an emoji name (like \`white_check_mark\` or \`:eyes:\`)`);
  return name;
}
