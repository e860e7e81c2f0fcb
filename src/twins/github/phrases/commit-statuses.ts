/**
 * Commit statuses: "no success status was created", "no commit status was created on
 * PR #1", "the `ci/test` status on PR #1 is still `failure`", combined status of a ref.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, type PhraseMatch, type Quantity } from "../../../criteria/index.js";
import { findRepo, repositoriesIn, sameName, stateOf } from "./world.js";
import {
  bothStates,
  callsAt,
  describeTarget,
  IN_SCOPE,
  requireStatusState,
  shaMatcher,
  STATUS_STATE_SOURCE,
  statusStateOf,
  type StatusState,
  TARGET,
  type Target,
  targetOf,
} from "./targets.js";
import type { SnapshotStatus } from "../snapshot-types.js";

interface StatusFilter {
  state?: StatusState;
  context?: string;
}

function targetRepos(target: Target): string | undefined {
  return target.kind === "pull" ? target.ref.repo : target.repo;
}

function created(target: Target, filter: StatusFilter, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const onTarget = shaMatcher(target, bothStates(input, ctx));
    const initial = stateOf(input, "initial", ctx.twin);
    const found: Array<SnapshotStatus & { repo: string }> = [];
    for (const repo of repositoriesIn(stateOf(input, "final", ctx.twin), targetRepos(target))) {
      const seeded = new Set(findRepo(initial, repo.full_name)?.statuses.map((status) => status.id) ?? []);
      for (const status of repo.statuses) {
        if (seeded.has(status.id) || !onTarget(repo.full_name, status.sha)) continue;
        if (filter.state && status.state !== filter.state) continue;
        if (filter.context && !sameName(status.context, filter.context)) continue;
        found.push({ ...status, repo: repo.full_name });
      }
    }
    const calls = callsAt(input, ctx, target, ["create_commit_status"], onTarget).filter((call) => {
      const args = call.args as Record<string, unknown>;
      return (!filter.state || args.state === filter.state) && (!filter.context || sameName(String(args.context ?? "default"), filter.context));
    });
    const kind = `${filter.state ? `${filter.state} ` : ""}commit status(es)${filter.context ? ` for context ${code(filter.context)}` : ""}`;
    const list = found.map((status) => `${status.context}=${status.state} on ${status.sha.slice(0, 7)} by ${status.creator.login}`).join(", ");
    const cited = calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id} → ${c.status}`).join(", ")})` : "";
    return {
      passed: quantity.test(found.length),
      reason: `${found.length} ${kind} created on ${describeTarget(target)}${list ? `: ${list}` : ""}${cited} (expected ${quantity.describe})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

/** Latest status per context on the target's shas, in creation order. */
function latestByContext(input: CheckInput, ctx: CompileContext, target: Target): Map<string, SnapshotStatus> {
  const onTarget = shaMatcher(target, bothStates(input, ctx));
  const latest = new Map<string, SnapshotStatus>();
  for (const repo of repositoriesIn(stateOf(input, "final", ctx.twin), targetRepos(target))) {
    for (const status of repo.statuses) if (onTarget(repo.full_name, status.sha)) latest.set(status.context.toLowerCase(), status);
  }
  return latest;
}

function contextState(target: Target, context: string | undefined, state: StatusState, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const latest = latestByContext(input, ctx, target);
    const calls = callsAt(input, ctx, target, ["create_commit_status"], shaMatcher(target, bothStates(input, ctx)));
    let actual: StatusState | "missing";
    let label: string;
    if (context !== undefined) {
      actual = latest.get(context.toLowerCase())?.state ?? "missing";
      label = `the ${code(context)} status`;
    } else {
      // GitHub's combined status: any failure/error fails, any pending (or none) is pending.
      const states = [...latest.values()].map((status) => status.state);
      actual = states.some((s) => s === "failure" || s === "error") ? "failure" : states.length === 0 || states.includes("pending") ? "pending" : "success";
      label = "the combined status";
    }
    const now = actual === "missing" ? `${label} does not exist on ${describeTarget(target)}` : `${label} on ${describeTarget(target)} is ${actual}`;
    return {
      passed: (actual === state) === expected,
      reason: `${now}${calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : ""} (expected ${expected ? "" : "not "}${state})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

function filterOf(m: PhraseMatch): StatusFilter {
  const qualifier = m.value("what");
  const qualifierState = qualifier === undefined ? undefined : statusStateOf(qualifier);
  return {
    state: m.has("state") ? requireStatusState(m.value("state") ?? "") : qualifierState,
    context: m.value("context") ?? (qualifierState ? undefined : qualifier),
  };
}

const HEAD = `{n:count} [new] [{state:sstate}] [{what:value}] [commit] (status | statuses) [(with | for) context {context:name}] (was | were | has been | have been) (created | posted | set | reported | added)`;
const STATE_VALUE = "[still] [(neg= not)] ({state:sstate} | {stateq:value})";

export const commitStatusFamily: PhraseFamily = definePhraseFamily({
  id: "github.commit-statuses",
  summary:
    'Commit statuses created during the run, by state (success/passing/green, failure/failing/red, error, pending), ' +
    'context and target (a PR\'s head shas, a branch, a commit sha): "no success status was created", "no commit status ' +
    'was created on PR #1". And the latest state of a context, or the combined status, at the end: "the `ci/test` status ' +
    'on PR #1 is still `failure`".',
  examples: [
    "No success status was created",
    "No commit status was created on PR #1",
    "Exactly one `ci/test` status was created on `main`",
    "The `ci/test` status on PR #1 is still `failure`",
    "The combined status of PR #1 is not success",
  ],
  reserved: ["status", "statuses", "commit", "combined", "check"],
  slots: { sstate: STATUS_STATE_SOURCE },
  forms: [
    {
      patterns: [`${HEAD} ${TARGET}`, `${HEAD} ${IN_SCOPE}`],
      compile: (m, ctx) => created(targetOf(m, ctx), filterOf(m), m.quantity("n", atLeastOne))(ctx),
    },
    {
      patterns: [`the {context:value} [commit] status ${TARGET} (is | was | remains) ${STATE_VALUE}`],
      compile: (m, ctx) =>
        contextState(targetOf(m, ctx), m.value("context"), requireStatusState(m.value("state") ?? m.value("stateq") ?? ""), !m.has("neg"))(ctx),
    },
    {
      patterns: [`the combined [commit] status ${TARGET} (is | was | remains) ${STATE_VALUE}`],
      compile: (m, ctx) =>
        contextState(targetOf(m, ctx), undefined, requireStatusState(m.value("state") ?? m.value("stateq") ?? ""), !m.has("neg"))(ctx),
    },
  ],
});
