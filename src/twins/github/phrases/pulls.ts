/**
 * Pull request outcomes: merged / not merged, open / closed, closed without merging.
 * Refused merge attempts are cited too, so a pass explains what the agent tried.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { definePhraseFamily, type RecordedCall } from "../../../criteria/index.js";
import { callTouches, describeItem, findItem, githubCalls, itemOf, type ItemRef, PULL, stateOf, succeeded } from "./world.js";
import { stateChangingCalls } from "./issue-state.js";

function mergeCalls(input: CheckInput, ctx: CompileContext, ref: ItemRef): RecordedCall[] {
  return githubCalls(input, ctx).filter((call) => call.operation === "merge_pull_request" && callTouches(call, ref.repo, ref.number));
}

function describeMerges(calls: RecordedCall[]): string {
  const done = calls.filter(succeeded);
  const refused = calls.filter((call) => !succeeded(call));
  const parts: string[] = [];
  if (done.length) parts.push(`merge_pull_request ${done.map((c) => `${c.event_id} (${c.transport})`).join(", ")}`);
  if (refused.length) parts.push(`refused merge attempt(s): ${refused.map((c) => `${c.event_id} (${c.status})`).join(", ")}`);
  return parts.length ? ` (${parts.join("; ")})` : "";
}

function merged(ref: ItemRef, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem({ ...ref, noun: "pull request" }, found);
    const calls = mergeCalls(input, ctx, ref);
    const evidence = calls.map((call) => call.event_id);
    const pull = found.pull;
    if (!pull) return { passed: false, reason: `${item} does not exist${found.issue ? " (that number is an issue)" : ""}`, evidence };
    const by = pull.merged_by ? ` by ${pull.merged_by.login}` : "";
    const state = pull.merged ? `${item} was merged${by}` : `${item} is not merged (it is ${pull.state})`;
    return { passed: pull.merged === expected, reason: `${state}${describeMerges(calls)}`, evidence };
  };
}

type PullState = "open" | "closed" | "closed-unmerged";

function pullState(ref: ItemRef, wanted: PullState, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem({ ...ref, noun: "pull request" }, found);
    const calls = [...stateChangingCalls(input, ctx, ref), ...mergeCalls(input, ctx, ref).filter((call) => !succeeded(call))];
    const evidence = calls.map((call) => call.event_id);
    const pull = found.pull;
    if (!pull) return { passed: false, reason: `${item} does not exist${found.issue ? " (that number is an issue)" : ""}`, evidence };
    const holds = wanted === "closed-unmerged" ? pull.state === "closed" && !pull.merged : pull.state === wanted;
    const now = `${item} is ${pull.state}${pull.merged ? " (merged)" : pull.state === "closed" ? " (not merged)" : ""}`;
    const cite = calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : "";
    const want = wanted === "closed-unmerged" ? "closed without merging" : wanted;
    return { passed: holds === expected, reason: `${now}${cite} (expected ${expected ? "" : "not "}${want})`, evidence };
  };
}

export const pullStateFamily: PhraseFamily = definePhraseFamily({
  id: "github.pull-state",
  summary:
    'Pull request outcomes at the end of the run: "is merged" / "is not merged" (the PR must exist), "the agent did not ' +
    'merge PR #2", "is still open", "is closed", "was closed without merging". Refused merge attempts are listed as evidence.',
  examples: [
    "Pull request #1 in `acme/api` is merged",
    "Pull request #2 in `acme/api` is not merged",
    "PR #1 is still open",
    "PR #3 was closed without merging",
    "The agent did not merge PR #2",
  ],
  reserved: ["agent"],
  forms: [
    {
      patterns: [
        `${PULL} (is | was | has been) [still] [(neg= not | never)] [(yet | been)] merged`,
        `${PULL} (has | have) [still] (neg= not | never) [yet] been merged`,
      ],
      compile: (m, ctx) => merged(itemOf(m, ctx), !m.has("neg"))(ctx),
    },
    {
      patterns: [`[the agent] ((neg= did not merge | never merged) | merged) ${PULL}`],
      compile: (m, ctx) => merged(itemOf(m, ctx), !m.has("neg"))(ctx),
    },
    {
      patterns: [
        `${PULL} (was | has been) closed without (merging | being merged | a merge)`,
        `${PULL} (is | was) closed (and | but) (not merged | unmerged)`,
      ],
      compile: (m, ctx) => pullState(itemOf(m, ctx), "closed-unmerged", true)(ctx),
    },
    {
      patterns: [
        `${PULL} (is | remains | stays) [(still | now)] [(neg= not | no longer)] [(still | now)] (state= open | closed)`,
        `${PULL} (was | has been) [(neg= not | never)] (state= closed)`,
      ],
      compile: (m, ctx) => pullState(itemOf(m, ctx), m.word("state") as "open" | "closed", !m.has("neg"))(ctx),
    },
  ],
});
