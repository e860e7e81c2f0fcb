/**
 * Assignees of an issue or PR: the whole final set (`assignees[]`, plus the legacy single
 * `assignee`), never just the first login of the latest call.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, listing, noneAtAll, type Quantity, type RecordedCall } from "../../../criteria/index.js";
import {
  argsOf,
  callTouches,
  describeItem,
  findItem,
  githubCalls,
  includesName,
  ITEM,
  itemOf,
  type ItemRef,
  namesIn,
  stateOf,
  succeeded,
} from "./world.js";
import type { SnapshotIssue, SnapshotPullRequest } from "../snapshot-types.js";

const ASSIGNING_OPERATIONS = new Set(["add_assignees", "remove_assignees", "update_issue", "update_pull_request", "create_issue", "create_pull_request"]);

function assigneesOf(item: SnapshotIssue | SnapshotPullRequest | undefined): string[] {
  if (!item) return [];
  const logins = item.assignees.map((user) => user.login);
  const legacy = "assignee" in item ? item.assignee?.login : undefined;
  return legacy && !includesName(logins, legacy) ? [...logins, legacy] : logins;
}

/** Successful assignment calls on the item, narrowed to those naming `logins` when given. */
function assigningCalls(input: CheckInput, ctx: CompileContext, ref: ItemRef, logins?: string[]): RecordedCall[] {
  return githubCalls(input, ctx).filter((call) => {
    if (!succeeded(call) || !ASSIGNING_OPERATIONS.has(call.operation ?? "") || !callTouches(call, ref.repo, ref.number)) return false;
    if (!logins) return true;
    const args = argsOf(call);
    const named = [...namesIn(args.assignees), ...namesIn(args.assignee)];
    return logins.some((login) => includesName(named, login));
  });
}

const cite = (calls: RecordedCall[]) => (calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : "");
const shown = (logins: string[]) => listing(logins.map(code), "nobody");
const bare = (login: string) => login.replace(/^@/, "");

type Expectation =
  | { kind: "includes"; logins: string[] }
  | { kind: "excludes"; logins: string[] }
  | { kind: "exactly"; logins: string[] }
  | { kind: "count"; quantity: Quantity }
  | { kind: "unassigned"; logins: string[]; expected: boolean };

function assignment(ref: ItemRef, expectation: Expectation) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem(ref, found);
    const now = assigneesOf(found.common);
    const logins = "logins" in expectation ? expectation.logins : undefined;
    const calls = assigningCalls(input, ctx, ref, logins);
    const evidence = calls.map((call) => call.event_id);
    if (!found.common && expectation.kind !== "excludes") return { passed: false, reason: `${item} does not exist`, evidence };
    const state = `${item} is assigned to ${shown(now)}`;
    switch (expectation.kind) {
      case "includes": {
        const missing = expectation.logins.filter((login) => !includesName(now, login));
        return { passed: missing.length === 0, reason: `${state}${missing.length ? `, not ${shown(missing)}` : ""}${cite(calls)}`, evidence };
      }
      case "excludes": {
        const present = expectation.logins.filter((login) => includesName(now, login));
        return { passed: present.length === 0, reason: `${found.common ? state : `${item} does not exist`}${present.length ? `, including ${shown(present)} (expected not)` : ""}${cite(calls)}`, evidence };
      }
      case "exactly": {
        const same = now.length === expectation.logins.length && expectation.logins.every((login) => includesName(now, login));
        return { passed: same, reason: `${state} (expected only ${shown(expectation.logins)})${cite(calls)}`, evidence };
      }
      case "count":
        return { passed: expectation.quantity.test(now.length), reason: `${state} (expected ${expectation.quantity.describe} assignee(s))${cite(calls)}`, evidence };
      case "unassigned": {
        const before = assigneesOf(findItem(stateOf(input, "initial", ctx.twin), ref).common);
        const removed = expectation.logins.filter((login) => includesName(before, login) && !includesName(now, login));
        const passed = expectation.expected ? removed.length === expectation.logins.length : removed.length === 0;
        return { passed, reason: `${state}; before the run: ${shown(before)}${removed.length ? `; unassigned: ${shown(removed)}` : ""}${cite(calls)}`, evidence };
      }
    }
  };
}

const ASSIGNED = "(is | was | has been | remains | are | were | have been)";

export const assigneeFamily: PhraseFamily = definePhraseFamily({
  id: "github.assignees",
  summary:
    'Assignees of an issue or PR at the end of the run: "is assigned to `alice`" (every named login among the assignees), ' +
    '"is not assigned to `alice`", "is assigned only to `alice`", "is unassigned" / "has no assignees", "has exactly two ' +
    'assignees", and "`bob` was unassigned from issue #1" (assigned before, not after). Logins with or without `@`.',
  examples: [
    "Issue #1 is assigned to `alice`",
    "Issue #1 is still assigned to `alice`",
    "Issue #1 is not assigned to `bob`",
    "Issue #2 is unassigned",
    "Issue #1 is assigned only to @alice",
    "`bob` was unassigned from issue #1",
    "PR #3 has exactly one assignee",
  ],
  reserved: ["assignee", "assignees", "only", "else", "nobody"],
  forms: [
    {
      patterns: [
        `${ITEM} is (unassigned | not assigned [to (anyone | anybody)] | assigned to (nobody | no one) | no longer assigned [to (anyone | anybody)])`,
        `${ITEM} [still] (has | remains) (no assignees | no assignee | unassigned)`,
      ],
      compile: (m, ctx) => assignment(itemOf(m, ctx), { kind: "count", quantity: noneAtAll })(ctx),
    },
    {
      patterns: [`${ITEM} (is | was | has been) [(still | now)] assigned [to (someone | somebody | anyone)]`],
      compile: (m, ctx) => assignment(itemOf(m, ctx), { kind: "count", quantity: atLeastOne })(ctx),
    },
    {
      patterns: [
        `${ITEM} ${ASSIGNED} [(still | now)] assigned (only to {who:names} | to {who2:names} only | to {who3:names} and (nobody | no one) else)`,
      ],
      compile: (m, ctx) => {
        const logins = [...m.values("who"), ...m.values("who2"), ...m.values("who3")].map(bare);
        return assignment(itemOf(m, ctx), { kind: "exactly", logins })(ctx);
      },
    },
    {
      patterns: [
        `${ITEM} ${ASSIGNED} [(still | now)] [(neg= not | no longer | never)] [(still | now)] assigned to {who:names}`,
        `{who:names} ${ASSIGNED} [(still | now)] [(neg= not | no longer | never)] [(still | now)] (assigned to | an assignee of | assignees of) ${ITEM}`,
      ],
      compile: (m, ctx) =>
        assignment(itemOf(m, ctx), { kind: m.has("neg") ? "excludes" : "includes", logins: m.values("who").map(bare) })(ctx),
    },
    {
      patterns: [`{who:names} (was | were | has been | have been) [(neg= not)] (unassigned | removed as assignee | removed as assignees) from ${ITEM}`],
      compile: (m, ctx) =>
        assignment(itemOf(m, ctx), { kind: "unassigned", logins: m.values("who").map(bare), expected: !m.has("neg") })(ctx),
    },
    {
      patterns: [`${ITEM} has {n:count} (assignee | assignees)`],
      compile: (m, ctx) => assignment(itemOf(m, ctx), { kind: "count", quantity: m.quantity("n", atLeastOne) })(ctx),
    },
  ],
});
