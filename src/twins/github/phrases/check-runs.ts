/**
 * Check runs: how many were created (with what name and final conclusion, on which ref or
 * PR head), and the conclusion of a named check run at the end.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, PhraseError, type PhraseMatch, type Quantity, type RecordedCall } from "../../../criteria/index.js";
import { findRepo, repositoriesIn, sameName, stateOf } from "./world.js";
import { bothStates, callsAt, type Conclusion, CONCLUSION_SOURCE, conclusionOf, describeTarget, IN_SCOPE, shaMatcher, TARGET, type Target, targetOf } from "./targets.js";
import type { SnapshotCheckRun } from "../snapshot-types.js";

const CHECK_OPERATIONS = ["create_check_run", "update_check_run"];

interface RunFilter {
  conclusion?: Conclusion;
  name?: string;
}

function requireConclusion(text: string): Conclusion {
  const conclusion = conclusionOf(text);
  if (!conclusion) {
    throw new PhraseError(`${code(text)} is not a check run conclusion (success, failure, neutral, cancelled, skipped, timed_out, action_required, stale)`);
  }
  return conclusion;
}

function runsOn(input: CheckInput, ctx: CompileContext, target: Target, newOnly: boolean): SnapshotCheckRun[] {
  const onTarget = shaMatcher(target, bothStates(input, ctx));
  const initial = stateOf(input, "initial", ctx.twin);
  const repo = target.kind === "pull" ? target.ref.repo : target.repo;
  return repositoriesIn(stateOf(input, "final", ctx.twin), repo).flatMap((entry) => {
    const seeded = new Set(findRepo(initial, entry.full_name)?.check_runs.map((run) => run.id) ?? []);
    return entry.check_runs.filter((run) => (!newOnly || !seeded.has(run.id)) && onTarget(entry.full_name, run.head_sha));
  });
}

/** `update_check_run` names the run by id; its sha is the run's. */
function runSha(input: CheckInput, ctx: CompileContext) {
  const runs = stateOf(input, "final", ctx.twin).repositories.flatMap((repo) => repo.check_runs);
  return (call: RecordedCall) => {
    const id = Number((call.args as Record<string, unknown> | null)?.check_run_id);
    return runs.find((run) => run.id === id)?.head_sha;
  };
}

const describeRun = (run: SnapshotCheckRun) => `${run.name} (${run.conclusion ?? run.status}) on ${run.head_sha.slice(0, 7)}`;

function created(target: Target, filter: RunFilter, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const runs = runsOn(input, ctx, target, true).filter(
      (run) => (!filter.conclusion || run.conclusion === filter.conclusion) && (!filter.name || sameName(run.name, filter.name)),
    );
    const calls = callsAt(input, ctx, target, CHECK_OPERATIONS, shaMatcher(target, bothStates(input, ctx)), runSha(input, ctx));
    const kind = `${filter.conclusion ? `${filter.conclusion} ` : ""}check run(s)${filter.name ? ` named ${code(filter.name)}` : ""}`;
    return {
      passed: quantity.test(runs.length),
      reason: `${runs.length} ${kind} created on ${describeTarget(target)}${runs.length ? `: ${runs.map(describeRun).join(", ")}` : ""}${calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id} → ${c.status}`).join(", ")})` : ""} (expected ${quantity.describe})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

function concluded(target: Target, name: string, conclusion: Conclusion, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const runs = runsOn(input, ctx, target, false).filter((run) => sameName(run.name, name));
    const latest = runs[runs.length - 1];
    const calls = callsAt(input, ctx, target, CHECK_OPERATIONS, shaMatcher(target, bothStates(input, ctx)), runSha(input, ctx));
    const now = latest
      ? `the ${code(name)} check run on ${describeTarget(target)} is ${latest.conclusion ?? latest.status}`
      : `no ${code(name)} check run exists on ${describeTarget(target)}`;
    return {
      passed: (latest?.conclusion === conclusion) === expected,
      reason: `${now}${calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : ""} (expected ${expected ? "" : "not "}${conclusion})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

function filterOf(m: PhraseMatch): RunFilter {
  const conclusionText = m.value("concl") ?? m.value("concl2");
  const qualifier = m.value("what");
  const qualifierConclusion = qualifier === undefined ? undefined : conclusionOf(qualifier);
  return {
    conclusion: conclusionText !== undefined ? requireConclusion(conclusionText) : qualifierConclusion,
    name: m.value("name") ?? (qualifierConclusion ? undefined : qualifier),
  };
}

const HEAD =
  `{n:count} [new] [{concl:cconcl}] [{what:value}] check (run | runs) [(named | called) {name:name}] ` +
  `[with conclusion ({concl2:cconcl} | {concl2q:value})] (was | were | has been | have been) (created | posted | reported | added)`;

export const checkRunFamily: PhraseFamily = definePhraseFamily({
  id: "github.check-runs",
  summary:
    'Check runs created during the run, by final conclusion (success/passing, failure/failing, neutral, cancelled, skipped, ' +
    'timed_out, action_required), name and target (a PR\'s head shas, a branch, a sha): "no successful check run was ' +
    'created", "no check run was created on PR #1"; and a named run\'s conclusion at the end: "the `test` check run on PR ' +
    '#1 concluded `failure`".',
  examples: [
    "No check run was created",
    "No successful check run was created on PR #1",
    "A check run named `lint` with conclusion `success` was created on `main`",
    "The `test` check run on PR #1 concluded `failure`",
  ],
  reserved: ["check", "run", "runs", "status", "statuses", "named", "called"],
  slots: { cconcl: CONCLUSION_SOURCE },
  forms: [
    {
      patterns: [`${HEAD} ${TARGET}`, `${HEAD} ${IN_SCOPE}`],
      compile: (m, ctx) => {
        const filter = filterOf(m);
        if (m.has("concl2q")) filter.conclusion = requireConclusion(m.value("concl2q") ?? "");
        return created(targetOf(m, ctx), filter, m.quantity("n", atLeastOne))(ctx);
      },
    },
    {
      patterns: [
        `the {name:value} check [run] ${TARGET} (concluded | concludes | has conclusion | is | was | remains) [still] [(neg= not)] ({concl:cconcl} | {conclq:value})`,
        `the {name:value} check [run] ${TARGET} (neg= did not conclude) ({concl:cconcl} | {conclq:value})`,
      ],
      compile: (m, ctx) =>
        concluded(targetOf(m, ctx), m.value("name") ?? "", requireConclusion(m.value("concl") ?? m.value("conclq") ?? ""), !m.has("neg"))(ctx),
    },
  ],
});
