/**
 * Messages posted during the run: how many, where (a channel, any public channel, DMs),
 * by whom, containing what, and where in a thread. "Posted" means posted at any point: a
 * message deleted before the end still counts, and one edited counts as containing what
 * any of its versions said. Ephemeral messages count (someone saw them); scheduled ones do
 * not (they were not posted yet; the text family sees them); Slack's own notices (joins,
 * topic changes) never do.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, noneAtAll, PhraseError, plural, type PhraseMatch } from "../../../criteria/index.js";
import { contentStrings, isBroadcast, isReply, type MessageRecord, postedMessages, recordStrings } from "./content.js";
import {
  ACTOR,
  actorOf,
  ANYWHERE,
  by,
  callsByMessage,
  channelLabel,
  excerpt,
  isBy,
  OPTIONS,
  type Scope,
  scopeOf,
  scopeTest,
  seedOf,
  stateOf,
  textMatcher,
  type Who,
  whoOf,
  where,
} from "./world.js";

/** Where in a thread: any reply, the channel timeline (top level or broadcast), broadcast replies, or one thread. */
export type ThreadFilter =
  | { kind: "reply"; label: string }
  | { kind: "top"; label: string }
  | { kind: "broadcast"; label: string }
  | { kind: "thread"; parents: string[]; channel: string; label: string };

export const CONTAINING =
  "(containing | that contains | which contains | that contained | including | that includes | mentioning | that mentions | saying | that says | with the text | with text)";

/** "in a thread", "outside a thread", "as a broadcast reply", "in the thread of the message containing `x`". */
export const THREAD =
  "((thr= in a thread | in threads | in thread | as a thread reply | as thread replies | as a reply | as replies | in a reply) | " +
  "(top= outside a thread | outside threads | outside of a thread | at the top level | in the channel itself | to the channel itself | in the channel timeline) | " +
  "(bc= as a broadcast reply | as broadcast replies | with reply_broadcast | with reply broadcast | also sent to the channel | broadcast to the channel) | " +
  `[as a reply] (in | to) the thread of [the] (message | thread parent | post) [${CONTAINING} {ptext:text}] [(by | from) {pwho:user}] [(at | with ts) {pts:name}])`;

function threadOf(m: PhraseMatch, ctx: CompileContext, scope: Scope | undefined): ThreadFilter | undefined {
  if (m.has("thr")) return { kind: "reply", label: "in a thread" };
  if (m.has("top")) return { kind: "top", label: "outside a thread" };
  if (m.has("bc")) return { kind: "broadcast", label: "as a broadcast reply" };
  const text = m.value("ptext");
  const author = m.has("pwho") ? whoOf(m, ctx, "p") : undefined;
  const ts = m.value("pts");
  if (text === undefined && author === undefined && ts === undefined) {
    // "in the thread of the message" with nothing to find it by.
    if (/thread of/i.test(m.tokenized.text)) throw new PhraseError('say which thread: "in the thread of the message containing `…`" (or "from @user", or "at <ts>")');
    return undefined;
  }
  return findThread(ctx, scope, text, author, ts);
}

/** The seeded message a thread clause names; one thread exactly, or a scenario error. */
function findThread(ctx: CompileContext, scope: Scope | undefined, text: string | undefined, author: Who | undefined, ts: string | undefined): ThreadFilter {
  const seed = seedOf(ctx);
  const matches = text === undefined ? () => true : textMatcher(text);
  const found = seed.channels.flatMap((channel) =>
    channel.messages
      .filter((message) => (scope?.kind !== "channel" || channel.id === scope.id) && (ts === undefined || message.ts === ts))
      .filter((message) => isBy(author, message.user, seed) && matches(contentStrings(message)))
      .map((message) => ({ channel: channel.id, parent: message.thread_ts ?? message.ts })),
  );
  const described = [text !== undefined ? `containing ${code(text)}` : "", author ? `by ${author.label}` : "", ts ? `at ${ts}` : ""].filter(Boolean).join(" ");
  const parents = [...new Set(found.map((f) => `${f.channel} ${f.parent}`))];
  if (parents.length === 0) throw new PhraseError(`no seeded message ${described}${scope ? ` in ${scope.label}` : ""}, so the thread this criterion names does not exist`);
  if (parents.length > 1) throw new PhraseError(`${parents.length} seeded threads have a message ${described} (${parents.join(", ")}); say which, e.g. with "in #channel" or "at <ts>"`);
  const [channel, parent] = parents[0].split(" ");
  return { kind: "thread", channel, parents: [parent], label: `in the thread of the message ${described} (${parent} in ${channelLabel(seed, channel)})` };
}

export function threadTest(filter: ThreadFilter | undefined): (record: MessageRecord) => boolean {
  if (!filter) return () => true;
  switch (filter.kind) {
    case "reply":
      return isReply;
    case "top":
      return (r) => !isReply(r) || isBroadcast(r);
    case "broadcast":
      return isBroadcast;
    case "thread":
      return (r) => r.channel === filter.channel && isReply(r) && filter.parents.includes(r.thread_ts!);
  }
}

interface Criterion {
  scope: Scope;
  who?: Who;
  texts: string[];
  thread?: ThreadFilter;
  quantity: Quantity;
}

/** "containing `x` by the agent" / "to #general in a thread", around the verb of a reason. */
function describe(c: Criterion): { before: string; after: string } {
  const before = [c.texts.length ? `containing ${c.texts.map((t) => code(t)).join(" and ")}` : "", c.who ? `by ${c.who.label}` : ""].filter(Boolean).join(" ");
  const after = [c.scope === ANYWHERE ? "" : `to ${c.scope.label}`, c.thread?.label ?? ""].filter(Boolean).join(" ");
  return { before: before ? ` ${before}` : "", after: after ? ` ${after}` : "" };
}

function postedCheck(c: Criterion) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(c.scope, final);
    const inThread = threadTest(c.thread);
    const matchers = c.texts.map(textMatcher);
    const found = postedMessages(initial, final).filter(
      (r) => inScope(r.channel) && isBy(c.who, r.user, final) && inThread(r) && matchers.every((matches) => matches(recordStrings(final, r))),
    );
    const shown = found.slice(0, 3).map((r) => {
      const notes = [r.deleted ? "deleted" : "", r.ephemeral ? "ephemeral" : "", r.versions.length > 1 ? "edited" : "", isBroadcast(r) ? "broadcast" : isReply(r) ? "reply" : ""].filter(Boolean);
      return `${channelLabel(final, r.channel)} ${r.ts}${notes.length ? ` (${notes.join(", ")})` : ""}: "${excerpt(r.versions[0].text)}"`;
    });
    if (found.length > 3) shown.push(`${found.length - 3} more`);
    const { before, after } = describe(c);
    const calls = callsByMessage(input, ctx, final);
    return {
      passed: c.quantity.test(found.length),
      reason: `${plural(found.length, "message")}${before} posted${after} during the run${shown.length ? `: ${shown.join("; ")}` : ""} (expected ${c.quantity.describe})`,
      evidence: found.flatMap((r) => (calls.get(`${r.channel}/${r.ts}`) ?? []).map((call) => call.event_id)),
    };
  };
}

const NOUN = "(message | messages | post | posts | (rnoun= reply | replies | thread reply | thread replies))";
const POSTED = "(was | were | has been | have been | got | is | are) (posted | sent | written | made | left)";
const FILTER = `[${CONTAINING} {text:text}]`;

function criterionOf(m: PhraseMatch, ctx: CompileContext, quantity: Quantity): Criterion {
  const scope = scopeOf(m, ctx) ?? ANYWHERE;
  let thread = threadOf(m, ctx, scope);
  if (!thread && m.has("rnoun")) thread = { kind: "reply", label: "in a thread" };
  const who = whoOf(m, ctx) ?? whoOf(m, ctx, "b") ?? whoOf(m, ctx, "c");
  const texts = [m.value("text"), m.value("text2")].filter((t): t is string => t !== undefined);
  return { scope, who, texts, thread, quantity };
}

export const messageFamily: PhraseFamily = definePhraseFamily({
  id: "slack.messages",
  summary:
    'Messages posted during the run (deleted and ephemeral ones included, scheduled ones and Slack\'s notices not): counts ("no", "exactly one", "at least 2"), ' +
    'where ("to #general", `to the "general" channel`, "in any public channel", "in a direct message to @alice"), by whom ("by the agent", "by @alice"), ' +
    'containing text (any version of the message, its blocks, attachments and files, case-insensitive), and threads ("in a thread", "outside a thread", ' +
    '"as a broadcast reply", "in the thread of the message containing `…`"). A channel not in the seed is a scenario error unless written "the new channel #name".',
  examples: [
    'No message was posted to the "general" channel',
    "Exactly one message was posted to #oncall by the agent",
    "At least 2 messages were posted in #general",
    'Exactly one reply was posted in the thread of the message containing "rotate the API key"',
    "No message was posted to #general outside a thread",
    "No message was posted as a broadcast reply",
    "A message containing `INC-4471` was posted to #oncall",
    "No message was posted in a direct message to @alice",
    "The agent posted exactly one message to #oncall",
    "The agent did not post in #general",
  ],
  ...OPTIONS,
  forms: [
    {
      patterns: [
        `{n:count} [new] ${NOUN} ${FILTER} [${by()}] ${POSTED} [${by("b")}] [${where()}] [${THREAD}] [${by("c")}] [${CONTAINING} {text2:text}]`,
        `{n:count} [new] ${NOUN} ${FILTER} [${by()}] ${POSTED} [${by("b")}] [${THREAD}] [${where()}] [${by("c")}] [${CONTAINING} {text2:text}]`,
      ],
      compile: (m, ctx) => postedCheck(criterionOf(m, ctx, m.quantity("n", atLeastOne)))(ctx),
    },
    {
      patterns: [
        `${ACTOR} (posted | sent | wrote) {n:count} ${NOUN} ${FILTER} [${where()}] [${THREAD}]`,
        `${ACTOR} (posted | sent | wrote) {n:count} ${NOUN} ${FILTER} [${THREAD}] [${where()}]`,
      ],
      compile: (m, ctx) => {
        const c = criterionOf(m, ctx, m.quantity("n", atLeastOne));
        return postedCheck({ ...c, who: actorOf(m) })(ctx);
      },
    },
    {
      patterns: [
        `${ACTOR} (did not | never | has not) (post | posted | send | sent | write | wrote) [(a | any | anything)] [${NOUN}] ${FILTER} [${where()}] [${THREAD}]`,
        `${ACTOR} (did not | never | has not) (post | posted | send | sent | write | wrote) [(a | any | anything)] [${NOUN}] ${FILTER} [${THREAD}] [${where()}]`,
        `${ACTOR} (did not | never | has not) (reply | replied | answer | answered) ${FILTER} [${THREAD}] [${where()}]`,
      ],
      compile: (m, ctx) => {
        const c = criterionOf(m, ctx, noneAtAll);
        return postedCheck({ ...c, who: actorOf(m) })(ctx);
      },
    },
    {
      patterns: [
        `${ACTOR} (posted | replied | answered | wrote) ${FILTER} [${where()}] ${THREAD}`,
        `${ACTOR} (posted | replied | answered | wrote) ${FILTER} ${THREAD} [${where()}]`,
        `${ACTOR} (posted | wrote) ${FILTER} ${where()}`,
      ],
      compile: (m, ctx) => {
        const c = criterionOf(m, ctx, atLeastOne);
        return postedCheck({ ...c, who: actorOf(m) })(ctx);
      },
    },
  ],
});

