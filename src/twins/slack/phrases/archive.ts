/**
 * Archiving: "#old-project was archived" (at some point in the run: archived at the end
 * and not at the start, or any successful `conversations_archive` of it, so archiving and
 * unarchiving again still counts), "#general is not archived" (the final state), "No
 * channel was archived", and the same for unarchiving.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, definePhraseFamily, noneAtAll, plural, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import {
  ACTOR,
  ANYWHERE,
  argsOf,
  channelIdOf,
  channelLabel,
  channelRef,
  cite,
  OPTIONS,
  type Scope,
  scopeOf,
  scopeTest,
  stateOf,
  successfulCalls,
  where,
} from "./world.js";

type Action = "archived" | "unarchived";

/** Channels archived (or unarchived) during the run, with the calls that did it. */
function changed(input: CheckInput, ctx: CompileContext, action: Action): Map<string, RecordedCall[]> {
  const initial = stateOf(input, "initial", ctx.twin);
  const final = stateOf(input, "final", ctx.twin);
  const out = new Map<string, RecordedCall[]>();
  const wasArchived = new Map(initial.channels.map((c) => [c.id, c.is_archived]));
  for (const channel of final.channels) {
    const before = wasArchived.get(channel.id) ?? false;
    if (action === "archived" ? channel.is_archived && !before : !channel.is_archived && before) out.set(channel.id, []);
  }
  for (const call of successfulCalls(input, ctx, action === "archived" ? "conversations_archive" : "conversations_unarchive")) {
    const id = channelIdOf(final, argsOf(call).channel);
    if (id !== undefined) out.set(id, [...(out.get(id) ?? []), call]);
  }
  return out;
}

function actionCheck(action: Action, scope: Scope, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const found = [...changed(input, ctx, action)].filter(([id]) => inScope(id));
    const shown = found.map(([id, calls]) => `${channelLabel(final, id)}${calls.length ? ` (${cite(calls, 2)})` : ""}`);
    const one = scope.kind === "channel" || scope.kind === "new";
    const reason = one
      ? `${scope.label} was ${found.length ? "" : "not "}${action} during the run${found[0]?.[1].length ? ` (${cite(found[0][1], 2)})` : ""}; expected it ${quantity.none ? "not " : ""}to be`
      : `${plural(found.length, "channel")}${scope === ANYWHERE ? "" : ` in ${scope.label}`} ${action} during the run${shown.length ? `: ${shown.join(", ")}` : ""} (expected ${quantity.describe})`;
    return {
      passed: quantity.test(found.length),
      reason,
      evidence: found.flatMap(([, calls]) => calls.map((call) => call.event_id)),
    };
  };
}

function stateCheck(scope: Scope, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const channel = final.channels.find((c) => inScope(c.id))!;
    return {
      passed: channel.is_archived === expected,
      reason: `${scope.label} is ${channel.is_archived ? "" : "not "}archived at the end of the run (expected ${expected ? "archived" : "not archived"})`,
    };
  };
}

const actionOf = (m: PhraseMatch): Action => (m.word("action") === "unarchived" || m.word("action") === "unarchive" ? "unarchived" : "archived");
const quantityOf = (m: PhraseMatch) => (m.has("neg") ? noneAtAll : atLeastOne);

export const archiveFamily: PhraseFamily = definePhraseFamily({
  id: "slack.archived",
  summary:
    'Archiving and unarchiving: "#old-project was archived" (during the run, even if unarchived again), "#general is not archived" (at the end), ' +
    '"No channel was archived", "The agent did not archive #random".',
  examples: ["#random was archived", "The \"random\" channel was not archived", "#general is not archived", "No channel was archived", "The agent did not archive #random"],
  ...OPTIONS,
  forms: [
    {
      patterns: [`${channelRef()} (was | has been) [(neg= not | never)] (action= archived | unarchived)`],
      compile: (m, ctx) => actionCheck(actionOf(m), scopeOf(m, ctx)!, quantityOf(m))(ctx),
    },
    {
      patterns: [`${channelRef()} (is | is still | remains | stays) [(neg= not)] archived`],
      compile: (m, ctx) => stateCheck(scopeOf(m, ctx)!, !m.has("neg"))(ctx),
    },
    {
      patterns: [`{n:count} [((pub= public) | (priv= private))] (channel | channels) (was | were | has been | have been) (action= archived | unarchived) [${where("s")}]`],
      compile: (m, ctx) => {
        const scope = m.has("pub") ? { kind: "public" as const, label: "any public channel" } : m.has("priv") ? { kind: "private" as const, label: "any private channel" } : (scopeOf(m, ctx, "s") ?? ANYWHERE);
        return actionCheck(actionOf(m), scope, m.quantity("n", atLeastOne))(ctx);
      },
    },
    {
      patterns: [`${ACTOR} (action= archived | unarchived) ${channelRef()}`, `${ACTOR} (neg= did not | never | has not) (action= archive | archived | unarchive | unarchived) ${channelRef()}`],
      compile: (m, ctx) => actionCheck(actionOf(m), scopeOf(m, ctx)!, quantityOf(m))(ctx),
    },
  ],
});
