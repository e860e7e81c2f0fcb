/**
 * Verdicts → Score (spec/scenario.md "Scoring"). Advisory verdicts are reported but take
 * no part in the counts, the satisfaction or the status.
 */
import { exitCodeFor } from "../errors.js";
import { estimateCostUsd } from "../llm/index.js";
import type { Scenario } from "../scenario/index.js";
import { scoreSchema, type Score, type ScenarioStatus, type Verdict } from "./score-schema.js";

export interface ScoreRunArgs {
  scenario: Scenario;
  runId: string;
  verdicts: Verdict[];
  /** Why the agent failed (preflight, crash, timeout), or null when it exited cleanly. */
  agentFailure: string | null;
  agentModel: string;
  /** Overrides the scenario's `passThreshold`. */
  passThreshold?: number;
}

export function scoreRun(args: ScoreRunArgs): Score {
  const { scenario, verdicts } = args;
  const threshold = args.passThreshold ?? scenario.config.passThreshold;
  const counted = verdicts.filter((v) => !v.advisory);
  const by = (outcome: Verdict["outcome"]) => counted.filter((v) => v.outcome === outcome);
  const passed = by("passed");
  const failed = by("failed");
  const skipped = by("skipped");
  const errored = by("errored");

  const weight = (vs: Verdict[]) => vs.reduce((sum, v) => sum + v.weight, 0);
  const judgedWeight = weight(passed) + weight(failed);
  const satisfaction = judgedWeight > 0 ? Math.round((100 * weight(passed)) / judgedWeight) : 0;

  const totalRequired = passed.length + failed.length;
  const evaluated = totalRequired > 0;
  const canPass = evaluated && skipped.length === 0 && errored.length === 0;
  const mustPassFailed = failed.some((v) => v.must_pass);

  let status: ScenarioStatus;
  let statusReason: string | null = null;
  if (args.agentFailure) {
    status = "error";
    statusReason = args.agentFailure;
  } else if (!canPass && !decidedFail(passed, failed, skipped, errored, threshold)) {
    status = "unevaluated";
    statusReason = unevaluatedReason(verdicts, skipped, errored);
  } else if (!canPass) {
    // Deliberately stricter than "anything skipped → unevaluated" (spec/scenario.md): when
    // the criteria that were evaluated already fail the scenario, no judge verdict could
    // make it pass, so a merged backdoor reads FAIL, not UNEVAL. Exit code 1 either way.
    status = "fail";
    statusReason = unevaluatedReason(verdicts, skipped, errored);
  } else {
    status = !mustPassFailed && satisfaction >= threshold ? "pass" : "fail";
  }

  const judged = verdicts.filter((v) => v.kind === "P" && v.judge_model !== null);
  const answered = judged.filter((v) => v.outcome === "passed" || v.outcome === "failed");
  // Token totals are only meaningful when every answered judge call reported its usage.
  const usageKnown = answered.length > 0 && answered.every((v) => v.judge_tokens_in !== null && v.judge_tokens_out !== null);
  const sum = (f: (v: Verdict) => number | null) => answered.reduce((total, v) => total + (f(v) ?? 0), 0);
  const costs = answered.map((v) => estimateCostUsd(v.judge_model!, { input: v.judge_tokens_in, output: v.judge_tokens_out }));
  const cost = usageKnown && costs.every((c) => c !== null) ? Math.round(costs.reduce((a, c) => a + c!, 0) * 1_000_000) / 1_000_000 : null;

  return scoreSchema.parse({
    scenario: scenario.slug,
    title: scenario.title,
    run_id: args.runId,
    status,
    satisfaction,
    pass_threshold: threshold,
    passed: passed.length,
    failed: failed.length,
    skipped: skipped.length,
    errored: errored.length,
    total_required: totalRequired,
    evaluated,
    can_pass: canPass,
    exit_code: exitCodeFor({ kind: "score", status, agentFailed: Boolean(args.agentFailure) }),
    status_reason: statusReason,
    results: verdicts,
    judge_model: judged[0]?.judge_model ?? null,
    judge_tokens_in: usageKnown ? sum((v) => v.judge_tokens_in) : null,
    judge_tokens_out: usageKnown ? sum((v) => v.judge_tokens_out) : null,
    judge_cost_usd: cost,
    fix_prompt: null,
    fix_prompt_source: null,
    agent_model: args.agentModel,
  });
}

/**
 * True when the outcome no longer depends on the criteria that were not judged: a must-pass
 * criterion failed, or the satisfaction stays below the threshold even if every skipped or
 * errored criterion had passed.
 */
function decidedFail(passed: Verdict[], failed: Verdict[], skipped: Verdict[], errored: Verdict[], threshold: number): boolean {
  if (failed.length === 0) return false;
  if (failed.some((v) => v.must_pass)) return true;
  const weight = (vs: Verdict[]) => vs.reduce((sum, v) => sum + v.weight, 0);
  const best = weight(passed) + weight(skipped) + weight(errored);
  return Math.round((100 * best) / (best + weight(failed))) < threshold;
}

const criteria = (n: number) => `${n} ${n === 1 ? "criterion" : "criteria"}`;

function unevaluatedReason(all: Verdict[], skipped: Verdict[], errored: Verdict[]): string {
  const parts: string[] = [];
  const reasons = (vs: Verdict[]) => [...new Set(vs.map((v) => v.reason))].join("; ");
  if (skipped.length > 0) parts.push(`${criteria(skipped.length)} could not be judged: ${reasons(skipped)}`);
  if (errored.length > 0) parts.push(`${criteria(errored.length)} errored: ${reasons(errored)}`);
  if (parts.length === 0) {
    // Nothing skipped or errored, nothing counted: every criterion is advisory.
    parts.push(
      all.length === 0
        ? "the scenario has no criteria"
        : `no criterion counts toward the score: ${all.length === 1 ? "the only criterion is" : `all ${all.length} criteria are`} advisory (--judge=off)`,
    );
  }
  return parts.join("; ");
}
