/**
 * Emoji reactions. "Added" is a delta: the users on each reaction at the end against those
 * at the start (a seeded reaction is never "added"), plus every successful `reactions_add`
 * call (a reaction added and then removed was still added). Emoji match with or without
 * colons (`:white_check_mark:` ≡ `white_check_mark`), skin tones and `+1`/`thumbsup` fold
 * together. A reaction can be narrowed to a message ("to the message containing `…`"), a
 * channel or scope, and who added it; "the message containing `…` has a :x: reaction"
 * reads the final state instead.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, definePhraseFamily, noneAtAll, plural, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import { messageRecords, type MessageRecord, recordStrings } from "./content.js";
import { CONTAINING } from "./messages.js";
import {
  ACTOR,
  actorOf,
  agentIds,
  ANYWHERE,
  argsOf,
  by,
  channelIdOf,
  channelLabel,
  cite,
  emojiKey,
  emojiOf,
  excerpt,
  isBy,
  OPTIONS,
  type Scope,
  scopeOf,
  scopeTest,
  type Snapshot,
  stateOf,
  successfulCalls,
  textMatcher,
  userName,
  type Who,
  whoOf,
  where,
} from "./world.js";

interface Added {
  channel: string;
  ts: string;
  name: string;
  /** Undefined when only a call shows it (added, then removed): one of the agent's users. */
  user?: string;
  calls: RecordedCall[];
}

/** Reactions added during the run, from the state delta and the successful `reactions_add` calls. */
function additions(input: CheckInput, ctx: CompileContext, initial: Snapshot, final: Snapshot): Added[] {
  const key = (name: string) => emojiKey(name, final.emoji);
  const before = new Map<string, Set<string>>();
  for (const channel of initial.channels) {
    for (const message of channel.messages) {
      for (const r of message.reactions) before.set(`${channel.id}/${message.ts}/${key(r.name)}`, new Set(r.users));
    }
  }
  const calls = successfulCalls(input, ctx, "reactions_add").map((call) => {
    const args = argsOf(call);
    return { call, channel: channelIdOf(final, args.channel) ?? channelIdOf(initial, args.channel), ts: String(args.timestamp ?? ""), name: key(String(args.name ?? "")) };
  });
  const callsFor = (channel: string, ts: string, name: string) => calls.filter((c) => c.channel === channel && c.ts === ts && c.name === name).map((c) => c.call);
  const out: Added[] = [];
  for (const record of messageRecords(initial, final)) {
    for (const r of record.reactions) {
      const name = key(r.name);
      const had = before.get(`${record.channel}/${record.ts}/${name}`) ?? new Set();
      for (const user of r.users) if (!had.has(user)) out.push({ channel: record.channel, ts: record.ts, name, user, calls: callsFor(record.channel, record.ts, name) });
    }
  }
  for (const c of calls) {
    if (c.channel === undefined || out.some((a) => a.channel === c.channel && a.ts === c.ts && a.name === c.name)) continue;
    out.push({ channel: c.channel, ts: c.ts, name: c.name, calls: callsFor(c.channel, c.ts, c.name) });
  }
  return out;
}

interface Target {
  text?: string;
  author?: Who;
}

function targetTest(target: Target | undefined, final: Snapshot, records: MessageRecord[]): (channel: string, ts: string) => boolean {
  if (!target || (target.text === undefined && target.author === undefined)) return () => true;
  const matches = target.text === undefined ? () => true : textMatcher(target.text);
  const chosen = new Set(records.filter((r) => isBy(target.author, r.user, final) && matches(recordStrings(final, r))).map((r) => `${r.channel}/${r.ts}`));
  return (channel, ts) => chosen.has(`${channel}/${ts}`);
}

function describeTarget(target: Target | undefined): string {
  if (!target || (target.text === undefined && target.author === undefined)) return "";
  return ` to the message${target.text !== undefined ? ` containing \`${target.text}\`` : ""}${target.author ? ` by ${target.author.label}` : ""}`;
}

interface AddedCriterion {
  emoji?: string;
  who?: Who;
  target?: Target;
  scope: Scope;
  quantity: Quantity;
}

function addedCheck(c: AddedCriterion) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(c.scope, final);
    const onTarget = targetTest(c.target, final, messageRecords(initial, final));
    const agents = agentIds(final);
    const found = additions(input, ctx, initial, final).filter(
      (a) =>
        (c.emoji === undefined || a.name === c.emoji) &&
        inScope(a.channel) &&
        onTarget(a.channel, a.ts) &&
        (a.user === undefined ? c.who === undefined || c.who.kind !== "user" || agents.includes(c.who.id) : isBy(c.who, a.user, final)),
    );
    const shown = found.slice(0, 4).map((a) => `:${a.name}: by ${a.user ? `@${userName(final, a.user)}` : "the agent (later removed)"} on ${a.ts} in ${channelLabel(final, a.channel)}${a.calls.length ? ` (${cite(a.calls, 2)})` : ""}`);
    if (found.length > 4) shown.push(`${found.length - 4} more`);
    const what = `${plural(found.length, `${c.emoji ? `:${c.emoji}: ` : ""}reaction`)}${c.who ? ` by ${c.who.label}` : ""}${describeTarget(c.target)}${c.scope === ANYWHERE ? "" : ` in ${c.scope.label}`}`;
    return {
      passed: c.quantity.test(found.length),
      reason: `${what} added during the run${shown.length ? `: ${shown.join("; ")}` : ""} (expected ${c.quantity.describe})`,
      evidence: [...new Set(found.flatMap((a) => a.calls.map((call) => call.event_id)))],
    };
  };
}

function hasCheck(emoji: string, target: Target, scope: Scope, who: Who | undefined, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const records = messageRecords(initial, final).filter((r) => !r.deleted && inScope(r.channel));
    const onTarget = targetTest(target, final, records);
    const messages = records.filter((r) => onTarget(r.channel, r.ts));
    const described = `the message${describeTarget(target).replace(/^ to the message/, "")}${scope === ANYWHERE ? "" : ` in ${scope.label}`}`;
    if (messages.length === 0) return { passed: false, reason: `there is no ${described.replace(/^the /, "")} at the end of the run, so its reactions cannot be checked` };
    const carrying = messages.filter((r) => r.reactions.some((x) => emojiKey(x.name, final.emoji) === emoji && x.users.some((u) => isBy(who, u, final))));
    const shown = messages.slice(0, 3).map((r) => `${channelLabel(final, r.channel)} ${r.ts} "${excerpt(r.versions[r.versions.length - 1].text, 40)}": ${r.reactions.map((x) => `:${x.name}: (${x.users.map((u) => `@${userName(final, u)}`).join(", ")})`).join(" ") || "no reactions"}`);
    return {
      passed: (carrying.length > 0) === expected,
      reason: `${described} ${carrying.length ? "has" : "does not have"} a :${emoji}: reaction${who ? ` by ${who.label}` : ""} (${shown.join("; ")}); expected it ${expected ? "to" : "not to"}`,
    };
  };
}

const NOUN = "(reaction | reactions | emoji reaction | emoji reactions)";
const TARGET = `(to | on) (the | a | an | any) (message | messages | post | thread parent | reply) [${CONTAINING} {mtext:text}] [(by | from) {mwho:user}]`;

function targetOf(m: PhraseMatch, ctx: CompileContext): Target | undefined {
  const text = m.value("mtext");
  const author = whoOf(m, ctx, "m");
  return text === undefined && author === undefined ? undefined : { text, author };
}

const emojiIn = (m: PhraseMatch) => emojiOf(m, "emoji") ?? emojiOf(m, "emoji2") ?? emojiOf(m, "emoji3");

export const reactionFamily: PhraseFamily = definePhraseFamily({
  id: "slack.reactions",
  summary:
    'Emoji reactions added during the run (against the seed: a seeded reaction is never "added"; one added and removed still was), ' +
    'with or without colons: "No `white_check_mark` reaction was added in the "general" channel", "No :white_check_mark: reaction was added", ' +
    '"The agent reacted with :eyes: to the message containing `deploy`"; or on a message at the end: "The message containing `deploy` has no :white_check_mark: reaction".',
  examples: [
    'No "white_check_mark" reaction was added in the "general" channel',
    'No ":white_check_mark:" reaction was added',
    'A :eyes: reaction was added to the message containing "rotate the key"',
    "No reaction was added by the agent",
    "The agent reacted with :eyes: to the message containing `deploy`",
    "The agent did not add any reaction in #general",
    "The message containing `deploy` has no :white_check_mark: reaction",
  ],
  ...OPTIONS,
  forms: [
    {
      patterns: [
        `{n:count} [{emoji:emoji}] ${NOUN} [(of | with) {emoji2:emoji}] (was | were | has been | have been | got) (added | left | given | placed | put) [${by()}] [${TARGET}] [${where()}] [${by("b")}]`,
      ],
      compile: (m, ctx) =>
        addedCheck({ emoji: emojiIn(m), who: whoOf(m, ctx) ?? whoOf(m, ctx, "b"), target: targetOf(m, ctx), scope: scopeOf(m, ctx) ?? ANYWHERE, quantity: m.quantity("n", atLeastOne) })(ctx),
    },
    {
      patterns: [
        `${ACTOR} (reacted [with {emoji:emoji}] | added [(a | an | the)] [{emoji2:emoji}] ${NOUN} [(of | with) {emoji3:emoji}]) [${TARGET}] [${where()}]`,
        `${ACTOR} (neg= did not | never | has not) ((react | reacted) [with {emoji:emoji}] | (add | added) [(a | an | any | the)] [{emoji2:emoji}] ${NOUN} [(of | with) {emoji3:emoji}]) [${TARGET}] [${where()}]`,
      ],
      compile: (m, ctx) =>
        addedCheck({ emoji: emojiIn(m), who: actorOf(m), target: targetOf(m, ctx), scope: scopeOf(m, ctx) ?? ANYWHERE, quantity: m.has("neg") ? noneAtAll : atLeastOne })(ctx),
    },
    {
      patterns: [
        `the (message | post | reply) [${CONTAINING} {mtext:text}] [(by | from) {mwho:user}] [${where()}] (has | carries | got) [(a | an | the)] {emoji:emoji} reaction [${by("b")}]`,
        `the (message | post | reply) [${CONTAINING} {mtext:text}] [(by | from) {mwho:user}] [${where()}] (neg= does not have | did not get | has no | lacks) [(a | an | any | the)] {emoji:emoji} reaction [${by("b")}]`,
      ],
      compile: (m, ctx) => {
        const target = targetOf(m, ctx) ?? {};
        return hasCheck(emojiOf(m, "emoji")!, target, scopeOf(m, ctx) ?? ANYWHERE, whoOf(m, ctx, "b"), !m.has("neg"))(ctx);
      },
    },
  ],
});
