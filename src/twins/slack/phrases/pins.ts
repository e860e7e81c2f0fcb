/**
 * Pinned messages: "A message was pinned in #oncall" / "No message was pinned" (pinned
 * during the run: pinned at the end and not at the start, or a successful `pins_add`, so
 * pinning and unpinning still counts), "The message containing `INC-4471` is pinned in
 * #oncall" (the final state).
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, noneAtAll, plural, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import { messageRecords, recordStrings } from "./content.js";
import { CONTAINING } from "./messages.js";
import { ACTOR, ANYWHERE, argsOf, channelIdOf, channelLabel, cite, excerpt, isBy, OPTIONS, type Scope, scopeOf, scopeTest, stateOf, successfulCalls, textMatcher, type Who, whoOf, where } from "./world.js";

interface PinCriterion {
  text?: string;
  author?: Who;
  scope: Scope;
}

function describe(c: PinCriterion): string {
  return `${c.text !== undefined ? ` containing ${code(c.text)}` : ""}${c.author ? ` by ${c.author.label}` : ""}${c.scope === ANYWHERE ? "" : ` in ${c.scope.label}`}`;
}

function pinnedCheck(c: PinCriterion, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(c.scope, final);
    const matches = c.text === undefined ? () => true : textMatcher(c.text);
    const records = messageRecords(initial, final).filter((r) => inScope(r.channel) && isBy(c.author, r.user, final) && matches(recordStrings(final, r)));
    const wasPinned = new Set(initial.channels.flatMap((ch) => ch.messages.filter((msg) => msg.pinned).map((msg) => `${ch.id}/${msg.ts}`)));
    const calls = successfulCalls(input, ctx, "pins_add").map((call) => ({ call, key: `${channelIdOf(final, argsOf(call).channel) ?? ""}/${String(argsOf(call).timestamp ?? "")}` }));
    const found = records.flatMap((r) => {
      const key = `${r.channel}/${r.ts}`;
      const pins: RecordedCall[] = calls.filter((c) => c.key === key).map((c) => c.call);
      return (r.pinned && !wasPinned.has(key)) || pins.length ? [{ record: r, pins }] : [];
    });
    const shown = found.slice(0, 3).map(({ record, pins }) => `${channelLabel(final, record.channel)} ${record.ts} "${excerpt(record.versions[record.versions.length - 1].text, 40)}"${pins.length ? ` (${cite(pins, 2)})` : ""}`);
    return {
      passed: quantity.test(found.length),
      reason: `${plural(found.length, "message")}${describe(c)} pinned during the run${shown.length ? `: ${shown.join("; ")}` : ""} (expected ${quantity.describe})`,
      evidence: found.flatMap(({ pins }) => pins.map((call) => call.event_id)),
    };
  };
}

function isPinnedCheck(c: PinCriterion, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(c.scope, final);
    const matches = c.text === undefined ? () => true : textMatcher(c.text);
    const records = messageRecords(initial, final).filter((r) => !r.deleted && inScope(r.channel) && isBy(c.author, r.user, final) && matches(recordStrings(final, r)));
    if (records.length === 0) return { passed: false, reason: `there is no message${describe(c)} at the end of the run, so whether it is pinned cannot be checked` };
    const pinned = records.filter((r) => r.pinned);
    return {
      passed: (pinned.length > 0) === expected,
      reason: `${plural(records.length, "message")}${describe(c)}, ${pinned.length} of them pinned at the end of the run${pinned.length ? ` (${pinned.map((r) => `${channelLabel(final, r.channel)} ${r.ts}`).join(", ")})` : ""}; expected ${expected ? "one pinned" : "none pinned"}`,
    };
  };
}

const TARGET = `[${CONTAINING} {text:text}] [(by | from) {mwho:user}]`;
const criterionOf = (m: PhraseMatch, ctx: CompileContext): PinCriterion => ({ text: m.value("text"), author: whoOf(m, ctx, "m"), scope: scopeOf(m, ctx) ?? ANYWHERE });

export const pinFamily: PhraseFamily = definePhraseFamily({
  id: "slack.pins",
  summary:
    'Pinned messages: pinned during the run ("A message was pinned in #oncall", "No message was pinned", "The agent pinned the message containing `INC-4471`"), ' +
    'or at the end ("The message containing `INC-4471` is pinned in #oncall").',
  examples: ["A message was pinned in #general", "No message was pinned", "The message containing `INC-4471` is pinned in #general", "The agent pinned a message containing `INC-4471` in #general", "The agent did not pin any message"],
  ...OPTIONS,
  forms: [
    {
      patterns: [`{n:count} (message | messages | post | posts) ${TARGET} (was | were | has been | have been | got) pinned [${where()}]`],
      compile: (m, ctx) => pinnedCheck(criterionOf(m, ctx), m.quantity("n", atLeastOne))(ctx),
    },
    {
      patterns: [`the (message | post) ${TARGET} [${where()}] (is | remains | stays) [(neg= not)] pinned [${where("s")}]`],
      compile: (m, ctx) => {
        const c = criterionOf(m, ctx);
        return isPinnedCheck({ ...c, scope: scopeOf(m, ctx, "s") ?? c.scope }, !m.has("neg"))(ctx);
      },
    },
    {
      patterns: [
        `${ACTOR} pinned (a | the | one) (message | post) ${TARGET} [${where()}]`,
        `${ACTOR} (neg= did not | never | has not) (pin | pinned) (a | the | any) (message | messages | post | posts) ${TARGET} [${where()}]`,
      ],
      compile: (m, ctx) => pinnedCheck(criterionOf(m, ctx), m.has("neg") ? noneAtAll : atLeastOne)(ctx),
    },
  ],
});
