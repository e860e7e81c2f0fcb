/**
 * Labels on issues and PRs: has / does not have, "No `wontfix` label was applied",
 * removed from, label counts, and the classification label of a triaged issue.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, listing, noneAtAll, type Quantity, type RecordedCall } from "../../../criteria/index.js";
import {
  argsOf,
  callTouches,
  describeItem,
  findItem,
  findRepo,
  githubCalls,
  includesName,
  inRepo,
  ITEM,
  itemOf,
  type ItemRef,
  namesIn,
  repoScope,
  repositoriesIn,
  stateOf,
  succeeded,
} from "./world.js";
import type { SnapshotLabel } from "../snapshot-types.js";

/** Operations whose `labels` argument puts labels on an issue or PR. */
const LABELLING_OPERATIONS = new Set([
  "add_issue_labels",
  "set_issue_labels",
  "update_issue",
  "update_pull_request",
  "create_issue",
  "create_pull_request",
]);

/** Successful calls that put `label` on an issue/PR (of `repo`, numbered `number`, when given). */
export function callsApplying(input: CheckInput, ctx: CompileContext, label: string, repo?: string, number?: number): RecordedCall[] {
  return githubCalls(input, ctx).filter(
    (call) =>
      succeeded(call) &&
      LABELLING_OPERATIONS.has(call.operation ?? "") &&
      includesName(namesIn(argsOf(call).labels), label) &&
      callTouches(call, repo, number),
  );
}

const names = (labels: readonly SnapshotLabel[]) => labels.map((label) => label.name);
const shown = (labels: readonly SnapshotLabel[]) => listing(names(labels).map(code));
const by = (calls: RecordedCall[]) => (calls.length ? `; applied by ${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")}` : "");

/** Final-state check of labels on one issue/PR; `never` also fails on a call that added one and was undone. */
function itemHas(ref: ItemRef, labels: string[], expectPresent: boolean, never: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem(ref, found);
    const wanted = listing(labels.map(code));
    const calls = labels.flatMap((label) => callsApplying(input, ctx, label, ref.repo, ref.number));
    if (!found.common) {
      return expectPresent
        ? { passed: false, reason: `${item} does not exist, so it has no ${wanted} label` }
        : { passed: !never || calls.length === 0, reason: `${item} does not exist${by(calls)}`, evidence: calls.map((c) => c.event_id) };
    }
    const present = labels.filter((label) => includesName(names(found.common!.labels), label));
    const now = `(labels now: ${shown(found.common.labels)})`;
    if (expectPresent) {
      const missing = labels.filter((label) => !present.includes(label));
      return missing.length === 0
        ? { passed: true, reason: `${item} has ${wanted} ${now}${by(calls)}`, evidence: calls.map((c) => c.event_id) }
        : { passed: false, reason: `${item} does not have ${listing(missing.map(code))} ${now}`, evidence: calls.map((c) => c.event_id) };
    }
    if (present.length > 0) {
      return { passed: false, reason: `${item} has ${listing(present.map(code))}, expected not to ${now}${by(calls)}`, evidence: calls.map((c) => c.event_id) };
    }
    if (never && calls.length > 0) {
      return { passed: false, reason: `${item} ended without ${wanted}, but it was applied during the run${by(calls)}`, evidence: calls.map((c) => c.event_id) };
    }
    return { passed: true, reason: `${item} does not have ${wanted} ${now}` };
  };
}

/** Labels gained by any issue/PR (of one repo, or all), from the state diff and the calls. */
function anywhereApplied(scope: string | undefined, labels: string[], expectApplied: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const gained: string[] = [];
    for (const repo of repositoriesIn(stateOf(input, "final", ctx.twin), scope)) {
      for (const item of [...repo.issues, ...repo.pull_requests]) {
        const before = findItem(initial, { repo: repo.full_name, number: item.number }).common;
        for (const label of labels) {
          if (includesName(names(item.labels), label) && !(before && includesName(names(before.labels), label))) {
            gained.push(`#${item.number} in ${repo.full_name} gained ${code(label)}`);
          }
        }
      }
    }
    const calls = labels.flatMap((label) => callsApplying(input, ctx, label, scope));
    const applied = gained.length > 0 || calls.length > 0;
    const where = scope ?? "any repository";
    const reason = applied
      ? `${listing(labels.map(code))} was applied in ${where}: ${listing([...gained, ...calls.map((c) => `${c.operation} ${c.event_id} (${c.transport}, ${c.status})`)])}`
      : `no issue or PR in ${where} was given ${listing(labels.map(code))}`;
    return { passed: applied === expectApplied, reason, evidence: calls.map((c) => c.event_id) };
  };
}

function labelCount(ref: ItemRef, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem(ref, found);
    if (!found.common) return { passed: false, reason: `${item} does not exist` };
    const count = found.common.labels.length;
    return { passed: quantity.test(count), reason: `${item} has ${count} label(s): ${shown(found.common.labels)} (expected ${quantity.describe})` };
  };
}

function removedFrom(ref: ItemRef, labels: string[], expectRemoved: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const before = findItem(stateOf(input, "initial", ctx.twin), ref).common;
    const after = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem(ref, after);
    const calls = githubCalls(input, ctx).filter(
      (call) => succeeded(call) && callTouches(call, ref.repo, ref.number) && /label/.test(call.operation ?? "") && call.state_mutation,
    );
    const removed = labels.filter(
      (label) => !!before && includesName(names(before.labels), label) && !(after.common && includesName(names(after.common.labels), label)),
    );
    const passed = expectRemoved ? removed.length === labels.length : removed.length === 0;
    const now = after.common ? ` (labels now: ${shown(after.common.labels)}; before: ${shown(before?.labels ?? [])})` : " (it no longer exists)";
    return {
      passed,
      reason: `${removed.length ? `${listing(removed.map(code))} was removed from` : `nothing of ${listing(labels.map(code))} was removed from`} ${item}${now}`,
      evidence: calls.map((c) => c.event_id),
    };
  };
}

const LABEL_WORD = "(label | labels)";
const APPLIED = "[(applied | attached | set | on it)]";

export const itemLabelFamily: PhraseFamily = definePhraseFamily({
  id: "github.item-labels",
  summary:
    'Labels on an issue or PR at the end of the run: "has the `bug` label", "does not have the `wontfix` label", ' +
    '"is labelled `p1`", "has no labels", "the `question` label was removed from issue #1". "No `wontfix` label was ' +
    'applied" checks the named issue at the end, or, naming none, that no issue or PR gained the label at any time. ' +
    "Names compare case-insensitively; issue and PR numbers are shared.",
  examples: [
    "Issue #1 has the `bug` label applied",
    "Issue #1 in `acme/api` does not have the `wontfix` label",
    "No `wontfix` label was applied",
    "PR #2 is labelled `needs-review`",
    "Issue #1 has exactly one label",
    "The `question` label was removed from issue #1",
  ],
  reserved: ["classification", "new", "label", "labels"],
  forms: [
    {
      patterns: [
        `${ITEM} [(still | now | also)] ((has | carries) | (neg= does not have | do not have | has no | no longer has | lacks | does not carry | is missing | is without)) [(the | a | an | any)] {labels:names} ${LABEL_WORD} ${APPLIED}`,
        `${ITEM} [(still | now)] ((has | carries) | (neg= does not have | no longer has | lacks)) [the] ${LABEL_WORD} {labels:names} ${APPLIED}`,
        `${ITEM} is [(neg= not | no longer)] [(still | now)] (labeled | labelled | tagged) [(as | with)] {labels:names}`,
        `[the] {labels:names} ${LABEL_WORD} (is | are) [(neg= not)] [still] (on | applied to) ${ITEM}`,
      ],
      compile: (m, ctx) => itemHas(itemOf(m, ctx), m.values("labels"), !m.has("neg"), false)(ctx),
    },
    {
      patterns: [
        `[the] {labels:names} ${LABEL_WORD} (was | were | has been | have been) [(neg= not | never)] (applied | added) (to | on) ${ITEM}`,
        `(neg= no) {labels:names} ${LABEL_WORD} (was | were | has been | have been) (applied | added) (to | on) ${ITEM}`,
      ],
      compile: (m, ctx) => itemHas(itemOf(m, ctx), m.values("labels"), !m.has("neg"), m.word("neg") === "never")(ctx),
    },
    {
      patterns: [
        `no {labels:names} ${LABEL_WORD} (was | were | has been | have been) (applied | added) [(to | on) (any | an) (issue | issues | pr | prs | pull request | pull requests)] ${inRepo()}`,
        `[the] {labels:names} ${LABEL_WORD} (was | were | has been | have been) (neg= not | never) (applied | added) [(to | on) (any | an) (issue | issues | pr | prs | pull request | pull requests)] ${inRepo()}`,
      ],
      compile: (m, ctx) => anywhereApplied(repoScope(ctx, m.value("repo")), m.values("labels"), false)(ctx),
    },
    {
      patterns: [`[(the | a | an)] {labels:names} ${LABEL_WORD} (was | were | has been | have been) (applied | added) [(to | on) (an | some) (issue | pr | pull request)] ${inRepo()}`],
      compile: (m, ctx) => anywhereApplied(repoScope(ctx, m.value("repo")), m.values("labels"), true)(ctx),
    },
    {
      patterns: [`[the] {labels:names} ${LABEL_WORD} (was | were | has been | have been) [(neg= not)] removed from ${ITEM}`],
      compile: (m, ctx) => removedFrom(itemOf(m, ctx), m.values("labels"), !m.has("neg"))(ctx),
    },
    {
      patterns: [`${ITEM} has {n:count} ${LABEL_WORD}`],
      compile: (m, ctx) => labelCount(itemOf(m, ctx), m.quantity("n", atLeastOne))(ctx),
    },
    {
      patterns: [`${ITEM} is (neg= unlabeled | unlabelled | not labeled | not labelled)`],
      compile: (m, ctx) => labelCount(itemOf(m, ctx), noneAtAll)(ctx),
    },
  ],
});

/** GitHub's default triage labels: they classify an issue whether or not the seed defines them. */
export const DEFAULT_CLASSIFICATION_LABELS = ["bug", "documentation", "duplicate", "enhancement", "feature", "invalid", "question", "wontfix"];

function classification(ref: ItemRef, quantity: Quantity, expected: string | undefined, expectIs: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const seededRepo = findRepo(stateOf(input, "initial", ctx.twin), ref.repo);
    const taxonomy = [...names(seededRepo?.labels ?? []), ...DEFAULT_CLASSIFICATION_LABELS, ...(expected ? [expected] : [])];
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem(ref, found);
    if (!found.common) return { passed: false, reason: `${item} does not exist` };
    const classes = names(found.common.labels).filter((label) => includesName(taxonomy, label));
    const has = expected !== undefined && includesName(classes, expected);
    const counted = quantity.test(classes.length);
    const passed = expected === undefined ? counted : expectIs ? counted && has && classes.length === 1 : !has;
    const want =
      expected === undefined ? `${quantity.describe} classification label(s)` : expectIs ? `only ${code(expected)}` : `not ${code(expected)}`;
    const calls = githubCalls(input, ctx).filter((c) => succeeded(c) && callTouches(c, ref.repo, ref.number) && /label|update_issue/.test(c.operation ?? ""));
    return {
      passed,
      reason: `${item} has classification label(s) ${listing(classes.map(code))} of labels ${shown(found.common.labels)} (expected ${want})`,
      evidence: calls.map((c) => c.event_id),
    };
  };
}

export const classificationFamily: PhraseFamily = definePhraseFamily({
  id: "github.classification",
  summary:
    "The classification (kind) label of an issue after triage. Classification labels are the labels the repository " +
    "defines in the seed (the taxonomy the agent chooses from) plus GitHub's default triage labels (bug, documentation, " +
    "duplicate, enhancement, feature, invalid, question, wontfix) even when the agent created them; other labels (e.g. " +
    "an invented `needs-triage`) do not count. \"…exactly one classification label, and it is `bug`\" requires `bug` to be the only one.",
  examples: [
    "Issue #1 has exactly one classification label, and it is still `feature`",
    "Issue #1 has exactly one classification label, and it is `bug`",
    "Issue #3 is classified as `question`",
    "Issue #1 has no classification label",
  ],
  forms: [
    {
      patterns: [`${ITEM} has {n:count} classification ${LABEL_WORD} [and (it | that | this) (is | was) [still] {label:name}]`],
      compile: (m, ctx) => classification(itemOf(m, ctx), m.quantity("n", atLeastOne), m.value("label"), true)(ctx),
    },
    {
      patterns: [
        `${ITEM} (is | was) [(still | now)] [(neg= not)] classified as {label:name}`,
        `the classification of ${ITEM} is [(still | now)] [(neg= not)] {label:name}`,
      ],
      compile: (m, ctx) => classification(itemOf(m, ctx), atLeastOne, m.value("label"), !m.has("neg"))(ctx),
    },
  ],
});
