/**
 * A repository's label set: labels created (explicitly, or by labelling an issue with a
 * name that did not exist), deleted, existing.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, listing, type Quantity, type RecordedCall } from "../../../criteria/index.js";
import { callsApplying } from "./labels.js";
import { argsOf, callTouches, githubCalls, includesName, inRepo, repoScope, repositoriesIn, stateOf, succeeded } from "./world.js";

interface LabelChange {
  repo: string;
  name: string;
}

function labelDiff(input: CheckInput, ctx: CompileContext, scope: string | undefined) {
  const initial = repositoriesIn(stateOf(input, "initial", ctx.twin), scope);
  const final = repositoriesIn(stateOf(input, "final", ctx.twin), scope);
  const namesOf = (repos: typeof initial, fullName: string) =>
    repos.find((repo) => repo.full_name === fullName)?.labels.map((label) => label.name) ?? [];
  const created: LabelChange[] = [];
  const deleted: LabelChange[] = [];
  for (const repo of final) {
    const before = namesOf(initial, repo.full_name);
    for (const label of repo.labels) if (!includesName(before, label.name)) created.push({ repo: repo.full_name, name: label.name });
  }
  for (const repo of initial) {
    const after = namesOf(final, repo.full_name);
    for (const label of repo.labels) if (!includesName(after, label.name)) deleted.push({ repo: repo.full_name, name: label.name });
  }
  return { created, deleted, final };
}

/** The calls behind created labels: `create_label`, or labelling an issue with a new name. */
function creatingCalls(input: CheckInput, ctx: CompileContext, scope: string | undefined, labels: string[]): RecordedCall[] {
  const explicit = githubCalls(input, ctx).filter(
    (call) => succeeded(call) && call.operation === "create_label" && callTouches(call, scope) && includesName(labels, String(argsOf(call).name ?? "")),
  );
  return [...explicit, ...labels.flatMap((label) => callsApplying(input, ctx, label, scope))];
}

const show = (changes: LabelChange[], scope: string | undefined) =>
  listing(changes.map((change) => (scope ? code(change.name) : `${code(change.name)} in ${change.repo}`)));

function countChanges(kind: "created" | "deleted", scope: string | undefined, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const diff = labelDiff(input, ctx, scope);
    const changes = diff[kind];
    const calls =
      kind === "created"
        ? creatingCalls(input, ctx, scope, changes.map((change) => change.name))
        : githubCalls(input, ctx).filter((call) => succeeded(call) && call.operation === "delete_label" && callTouches(call, scope));
    const where = scope ?? "any repository";
    return {
      passed: quantity.test(changes.length),
      reason: `${changes.length} label(s) ${kind} in ${where}${changes.length ? `: ${show(changes, scope)}` : ""}${calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : ""} (expected ${quantity.describe})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

function namedChange(kind: "created" | "deleted", scope: string | undefined, labels: string[], expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const changes = labelDiff(input, ctx, scope)[kind].filter((change) => includesName(labels, change.name));
    const hit = labels.filter((label) => changes.some((change) => change.name.toLowerCase() === label.toLowerCase()));
    const passed = expected ? hit.length === labels.length : hit.length === 0;
    const calls =
      kind === "created"
        ? creatingCalls(input, ctx, scope, labels)
        : githubCalls(input, ctx).filter(
            (call) => succeeded(call) && call.operation === "delete_label" && callTouches(call, scope) && includesName(labels, String(argsOf(call).name ?? "")),
          );
    const where = scope ?? "any repository";
    const reason = hit.length
      ? `${listing(hit.map(code))} was ${kind} in ${where}${calls.length ? ` by ${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")}` : ""}`
      : `${listing(labels.map(code))} was not ${kind} in ${where}`;
    return { passed, reason, evidence: calls.map((call) => call.event_id) };
  };
}

function exists(scope: string | undefined, labels: string[], expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const repos = repositoriesIn(stateOf(input, "final", ctx.twin), scope);
    const present = labels.filter((label) => repos.some((repo) => includesName(repo.labels.map((l) => l.name), label)));
    const passed = expected ? present.length === labels.length : present.length === 0;
    const all = listing(repos.flatMap((repo) => repo.labels.map((label) => code(label.name))));
    const calls = githubCalls(input, ctx).filter(
      (call) => succeeded(call) && /^(create|update|delete)_label$/.test(call.operation ?? "") && callTouches(call, scope) && includesName(labels, String(argsOf(call).name ?? "")),
    );
    return {
      passed,
      reason: `${present.length ? `${listing(present.map(code))} exists` : `${listing(labels.map(code))} does not exist`} in ${scope ?? "any repository"} (labels: ${all})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

const LABEL_WORD = "(label | labels)";
const BE = "(was | were | has been | have been)";

export const repoLabelFamily: PhraseFamily = definePhraseFamily({
  id: "github.repo-labels",
  summary:
    'A repository\'s labels: "No new labels were created", "exactly one new label was created", "the `wontfix` label ' +
    'was (not) created" (labelling an issue with an unknown name creates it, as on GitHub), "no labels were deleted", ' +
    '"the `bug` label still exists". Without a repository these read every repository of the seed.',
  examples: [
    "No new labels were created",
    "The `wontfix` label was not created in `acme/api`",
    "Exactly one new label was created",
    "No labels were deleted",
    "The `bug` label still exists",
  ],
  reserved: ["label", "labels", "new", "classification"],
  forms: [
    {
      patterns: [`{n:count} [new] ${LABEL_WORD} ${BE} (created | added to the repository) ${inRepo()}`],
      compile: (m, ctx) => countChanges("created", repoScope(ctx, m.value("repo")), m.quantity("n", atLeastOne))(ctx),
    },
    {
      patterns: [`{n:count} ${LABEL_WORD} ${BE} deleted ${inRepo()}`],
      compile: (m, ctx) => countChanges("deleted", repoScope(ctx, m.value("repo")), m.quantity("n", atLeastOne))(ctx),
    },
    {
      patterns: [
        `[(the | a | an)] [new] {labels:names} ${LABEL_WORD} ${BE} [(neg= not | never)] created ${inRepo()}`,
        `(neg= no) [new] {labels:names} ${LABEL_WORD} ${BE} created ${inRepo()}`,
        `${LABEL_WORD} {labels:names} ${BE} [(neg= not | never)] created ${inRepo()}`,
      ],
      compile: (m, ctx) => namedChange("created", repoScope(ctx, m.value("repo")), m.values("labels"), !m.has("neg"))(ctx),
    },
    {
      patterns: [
        `[the] {labels:names} ${LABEL_WORD} ${BE} [(neg= not | never)] deleted ${inRepo()}`,
        `${LABEL_WORD} {labels:names} ${BE} [(neg= not | never)] deleted ${inRepo()}`,
      ],
      compile: (m, ctx) => namedChange("deleted", repoScope(ctx, m.value("repo")), m.values("labels"), !m.has("neg"))(ctx),
    },
    {
      patterns: [
        `[the] {labels:names} ${LABEL_WORD} [still] ((neg= does not exist | do not exist | no longer exists | no longer exist) | exists | exist) ${inRepo()}`,
        `${LABEL_WORD} {labels:names} [still] ((neg= does not exist | no longer exists) | exists) ${inRepo()}`,
      ],
      compile: (m, ctx) => exists(repoScope(ctx, m.value("repo")), m.values("labels"), !m.has("neg"))(ctx),
    },
  ],
});
