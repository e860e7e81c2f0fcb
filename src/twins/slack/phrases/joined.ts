/**
 * The agent's own membership: "The agent joined #incidents" (a member at the end and not at
 * the start, or a successful `conversations_join` that was not already a member), "The
 * agent did not leave #general", "The agent is a member of #oncall" (the final state).
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { definePhraseFamily, type RecordedCall } from "../../../criteria/index.js";
import { ACTOR, actorOf, agentIds, argsOf, channelIdOf, channelRef, cite, OPTIONS, responseOf, type Scope, scopeOf, scopeTest, stateOf, successfulCalls, type Who } from "./world.js";

type Move = "joined" | "left";

function moveCheck(move: Move, who: Who, scope: Scope, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const channel = final.channels.find((c) => inScope(c.id))!;
    const agents = agentIds(final, who.kind === "bot" ? "bot" : "agent");
    const before = initial.channels.find((c) => c.id === channel.id)?.members ?? [];
    const delta = move === "joined" ? agents.some((a) => !before.includes(a) && channel.members.includes(a)) : agents.some((a) => before.includes(a) && !channel.members.includes(a));
    const calls: RecordedCall[] = successfulCalls(input, ctx, move === "joined" ? "conversations_join" : "conversations_leave").filter((call) => {
      const response = responseOf(call);
      const id = (response.channel as { id?: string } | undefined)?.id ?? channelIdOf(final, argsOf(call).channel);
      return id === channel.id && response.warning !== "already_in_channel" && response.not_in_channel !== true;
    });
    const happened = delta || calls.length > 0;
    return {
      passed: happened === expected,
      reason: `${who.label} ${happened ? "" : "did not "}${happened ? move : move === "joined" ? "join" : "leave"} ${scope.label} during the run${calls.length ? ` (${cite(calls)})` : ""}; expected it ${expected ? "to" : "not to"}`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

function memberCheck(who: Who, scope: Scope, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const channel = final.channels.find((c) => inScope(c.id))!;
    const member = agentIds(final, who.kind === "bot" ? "bot" : "agent").some((a) => channel.members.includes(a));
    return { passed: member === expected, reason: `${who.label} is ${member ? "" : "not "}a member of ${scope.label} at the end of the run (expected ${expected ? "a member" : "not a member"})` };
  };
}

export const joinedFamily: PhraseFamily = definePhraseFamily({
  id: "slack.joined",
  summary: 'The agent\'s own channel membership: "The agent joined #incidents" / "did not join" / "left" (during the run), "The agent is (not) a member of #oncall" (at the end).',
  examples: ["The agent joined #general", "The agent did not join #random", "The agent did not leave #general", "The agent is a member of #general"],
  ...OPTIONS,
  forms: [
    {
      patterns: [`${ACTOR} (move= joined | left) ${channelRef()}`, `${ACTOR} (neg= did not | never | has not) (move= join | joined | leave | left) ${channelRef()}`],
      compile: (m, ctx) => moveCheck(/^(joined|join)$/.test(m.word("move")!) ? "joined" : "left", actorOf(m), scopeOf(m, ctx)!, !m.has("neg"))(ctx),
    },
    {
      patterns: [`${ACTOR} (is | is still | remains | stays) [(neg= not)] (a member of | in) ${channelRef()}`],
      compile: (m, ctx) => memberCheck(actorOf(m), scopeOf(m, ctx)!, !m.has("neg"))(ctx),
    },
  ],
});
