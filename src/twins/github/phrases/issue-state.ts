/**
 * Whether an issue is open or closed at the end of the run, and why it was closed
 * (`state_reason`: completed / not planned).
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { definePhraseFamily, PhraseError, type RecordedCall } from "../../../criteria/index.js";
import { argsOf, callTouches, describeItem, findItem, githubCalls, ISSUE, itemOf, type ItemRef, stateOf, succeeded } from "./world.js";

/** Successful calls that set the open/closed state of the item. */
export function stateChangingCalls(input: CheckInput, ctx: CompileContext, ref: ItemRef): RecordedCall[] {
  return githubCalls(input, ctx).filter(
    (call) => succeeded(call) && callTouches(call, ref.repo, ref.number) && (argsOf(call).state !== undefined || call.operation === "merge_pull_request"),
  );
}

type Expectation =
  | { kind: "state"; state: "open" | "closed" }
  | { kind: "reopened" }
  | { kind: "reason"; reason: "completed" | "not_planned" | "duplicate" };

function issueState(ref: ItemRef, expectation: Expectation, expected: boolean, never: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem(ref, found);
    const calls = stateChangingCalls(input, ctx, ref);
    const evidence = calls.map((call) => call.event_id);
    const cite = calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : "";
    const issue = found.common;
    if (!issue) return { passed: false, reason: `${item} does not exist`, evidence };
    const reason = found.issue?.state_reason ?? null;
    const now = `${item} is ${issue.state}${issue.state === "closed" && reason ? ` (${reason.replace("_", " ")})` : ""}`;
    let holds: boolean;
    let wanted: string;
    switch (expectation.kind) {
      case "state":
        holds = issue.state === expectation.state;
        wanted = expectation.state;
        break;
      case "reopened": {
        const before = findItem(stateOf(input, "initial", ctx.twin), ref).common;
        holds = issue.state === "open" && (before?.state === "closed" || reason === "reopened");
        wanted = "reopened";
        break;
      }
      case "reason":
        holds = issue.state === "closed" && reason === expectation.reason;
        wanted = `closed as ${expectation.reason.replace("_", " ")}`;
        break;
    }
    // "was never closed" also fails on a close that was undone before the end.
    const closedOnce = never && calls.some((call) => argsOf(call).state === "closed");
    const passed = expected ? holds : !holds && !closedOnce;
    return { passed, reason: `${now}${cite} (expected ${expected ? "" : "not "}${wanted})`, evidence };
  };
}

const REASONS: Record<string, "completed" | "not_planned" | "duplicate"> = {
  "not planned": "not_planned",
  "not-planned": "not_planned",
  not_planned: "not_planned",
  completed: "completed",
  complete: "completed",
  done: "completed",
  duplicate: "duplicate",
};

function reasonOf(text: string): "completed" | "not_planned" | "duplicate" {
  const reason = REASONS[text.trim().toLowerCase()];
  if (!reason) throw new PhraseError(`"${text}" is not a close reason (use completed, not planned or duplicate)`);
  return reason;
}

export const issueStateFamily: PhraseFamily = definePhraseFamily({
  id: "github.issue-state",
  summary:
    'Whether an issue is open or closed at the end: "Issue #1 is closed", "is still open", "was reopened" (closed before, ' +
    'open after), "was closed as not planned" (`state_reason`), "was never closed" (also fails on a close later undone).',
  examples: [
    "Issue #1 is closed",
    "Issue #1 is still open",
    "Issue #2 was closed as not planned",
    "Issue #1 was not closed",
    "Issue #4 was reopened",
  ],
  forms: [
    {
      patterns: [
        `${ISSUE} (is | was | has been) [(neg= not)] closed as ((reason= not planned | not-planned | completed | complete | done | duplicate) | {rq:value})`,
      ],
      compile: (m, ctx) =>
        issueState(itemOf(m, ctx), { kind: "reason", reason: reasonOf(m.value("rq") ?? m.word("reason") ?? "") }, !m.has("neg"), false)(ctx),
    },
    {
      patterns: [`${ISSUE} (is | remains | stays) [(still | now)] [(neg= not | no longer)] [(still | now)] (state= open | closed)`],
      compile: (m, ctx) => issueState(itemOf(m, ctx), { kind: "state", state: m.word("state") as "open" | "closed" }, !m.has("neg"), false)(ctx),
    },
    {
      patterns: [`${ISSUE} (was | has been) [(neg= not | never)] (state= closed | reopened)`],
      compile: (m, ctx) => {
        const expectation: Expectation = m.word("state") === "reopened" ? { kind: "reopened" } : { kind: "state", state: "closed" };
        return issueState(itemOf(m, ctx), expectation, !m.has("neg"), m.word("neg") === "never")(ctx);
      },
    },
  ],
});
