/**
 * One object left alone: "Issue #1 was not modified", "PR #2 is unchanged", "the repository
 * `acme/api` was not modified" — its snapshot before and after compared field by field.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { definePhraseFamily, firstDifference, mutatingCalls } from "../../../criteria/index.js";
import { callTouches, describeItem, findItem, findRepo, githubCalls, ITEM, itemOf, type ItemRef, resolveRepo, stateOf } from "./world.js";

function compare(subject: string, before: unknown, after: unknown, expectChange: boolean, calls: ReturnType<typeof mutatingCalls>, ctx: CompileContext): CheckOutcome {
  const difference = firstDifference(before, after, ctx.identityKeys);
  const what =
    before === undefined && after === undefined
      ? `${subject} does not exist`
      : difference
        ? `${subject} changed (first difference at ${difference})`
        : `${subject} is unchanged`;
  const cited = calls.length ? `; mutating calls on it: ${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")}` : "";
  return {
    passed: (difference !== undefined) === expectChange,
    reason: `${what}${cited} (expected ${expectChange ? "a change" : "no change"})`,
    evidence: calls.map((call) => call.event_id),
  };
}

function itemUnchanged(ref: ItemRef, expectChange: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const before = findItem(stateOf(input, "initial", ctx.twin), ref);
    const after = findItem(stateOf(input, "final", ctx.twin), ref);
    const calls = mutatingCalls(githubCalls(input, ctx)).filter((call) => callTouches(call, ref.repo, ref.number));
    return compare(describeItem(ref, after.common ? after : before), before.common, after.common, expectChange, calls, ctx);
  };
}

function repoUnchanged(repo: string, expectChange: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const calls = mutatingCalls(githubCalls(input, ctx)).filter((call) => callTouches(call, repo));
    return compare(`repository ${repo}`, findRepo(stateOf(input, "initial", ctx.twin), repo), findRepo(stateOf(input, "final", ctx.twin), repo), expectChange, calls, ctx);
  };
}

const CHANGED = "(was | has been) [(neg= not | never)] (modified | changed | touched | mutated | edited | updated)";
const SAME = "(is | remains | stays | was left) [still] (unchanged | untouched)";
const REPOSITORY = "[the] (repository | repo) {repo:repo}";

export const unchangedObjectFamily: PhraseFamily = definePhraseFamily({
  id: "github.unchanged-object",
  summary:
    'One issue, PR or repository left alone: "Issue #1 was not modified", "PR #2 is unchanged", "the repository `acme/api` ' +
    'was not modified" compare its snapshot before and after (labels, assignees, comments, state, reviews… any field); ' +
    '"Issue #1 was modified" expects a change. Mutating calls on it are listed as evidence.',
  examples: ["Issue #1 was not modified", "PR #2 in `acme/api` is unchanged", "The repository `acme/api` was not modified", "Issue #3 was modified"],
  forms: [
    {
      patterns: [`${ITEM} ${CHANGED}`],
      compile: (m, ctx) => itemUnchanged(itemOf(m, ctx), !m.has("neg"))(ctx),
    },
    {
      patterns: [`${ITEM} ${SAME}`, `no (change | changes | mutation | mutations) (was | were | has been | have been) made to ${ITEM}`],
      compile: (m, ctx) => itemUnchanged(itemOf(m, ctx), false)(ctx),
    },
    {
      patterns: [`${REPOSITORY} ${CHANGED}`],
      compile: (m, ctx) => repoUnchanged(resolveRepo(ctx, m.value("repo")), !m.has("neg"))(ctx),
    },
    {
      patterns: [`${REPOSITORY} ${SAME}`, `no (change | changes | mutation | mutations) (was | were | has been | have been) made to ${REPOSITORY}`],
      compile: (m, ctx) => repoUnchanged(resolveRepo(ctx, m.value("repo")), false)(ctx),
    },
  ],
});
