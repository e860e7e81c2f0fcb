/**
 * `--reporter json`: the BatchResult with each run's score, keys in a stable order so the
 * file diffs cleanly between runs.
 */
import { join } from "node:path";
import { scoreSchema, trialsSchema, verdictSchema } from "../evaluate/index.js";
import { ARTIFACT, type BatchResult, type RunResult, type ScenarioResult } from "../run/index.js";
import { runStatus, scenarioStatus } from "./status.js";

const BATCH_KEYS = ["pome_version", "exit_code", "started_at", "duration_ms", "artifacts_dir", "shard", "summary", "scenarios"];
const SUMMARY_KEYS = ["scenarios", "runs", "passed", "failed", "unevaluated", "errored"];
const SCENARIO_KEYS = ["file", "slug", "title", "tags", "status", "exit_code", "trials", "runs"];
const RUN_KEYS = [
  "run_id",
  "trial",
  "status",
  "exit_code",
  "error",
  "run_dir",
  "file",
  "slug",
  "title",
  "started_at",
  "duration_ms",
  "agent",
  "calls",
  "agent_summary",
  "warnings",
  "egress_refused",
  "fix_prompt_path",
  "score",
];
const AGENT_KEYS = ["code", "signal", "timed_out", "duration_ms"];
const SCORE_KEYS = Object.keys(scoreSchema.shape);
const VERDICT_KEYS = Object.keys(verdictSchema.shape);
const TRIALS_KEYS = Object.keys(trialsSchema.shape);

export function renderJson(batch: BatchResult): string {
  const statuses = batch.scenarios.map(scenarioStatus);
  const tally = (s: string) => statuses.filter((x) => x === s).length;
  const out = ordered({ ...batch, summary: undefined, scenarios: undefined }, BATCH_KEYS, {
    summary: ordered(
      {
        scenarios: batch.scenarios.length,
        runs: batch.scenarios.reduce((sum, s) => sum + s.runs.length, 0),
        passed: tally("pass"),
        failed: tally("fail"),
        unevaluated: tally("unevaluated"),
        errored: tally("error"),
      },
      SUMMARY_KEYS,
    ),
    scenarios: batch.scenarios.map(scenarioJson),
  });
  return `${terminalSafe(JSON.stringify(out, null, 2))}\n`;
}

/**
 * JSON escapes C0 controls but writes DEL, C1 (the 8-bit CSI among them) and bidi overrides
 * raw; as `\u` escapes the data stays exact and a terminal showing it acts on none of them.
 */
function terminalSafe(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function scenarioJson(s: ScenarioResult): Record<string, unknown> {
  return ordered({ ...s }, SCENARIO_KEYS, {
    status: scenarioStatus(s),
    trials: s.trials ? ordered({ ...s.trials }, TRIALS_KEYS) : undefined,
    runs: s.runs.map(runJson),
  });
}

function runJson(r: RunResult): Record<string, unknown> {
  return ordered({ ...r }, RUN_KEYS, {
    status: runStatus(r),
    agent: r.agent ? ordered({ ...r.agent }, AGENT_KEYS) : null,
    egress_refused: ordered({ ...r.egress_refused }, []),
    fix_prompt_path: r.score?.fix_prompt && r.run_dir ? join(r.run_dir, ARTIFACT.fixPrompt) : null,
    score: r.score
      ? ordered({ ...r.score }, SCORE_KEYS, {
          results: r.score.results.map((v) => ordered({ ...v }, VERDICT_KEYS)),
          trials: r.score.trials ? ordered({ ...r.score.trials }, TRIALS_KEYS) : undefined,
        })
      : null,
  });
}

/**
 * The object's keys in `order`, then any others alphabetically (fields added to the types
 * later still appear, in a stable place). `replace` overrides values; undefined drops a key.
 */
function ordered(obj: Record<string, unknown>, order: string[], replace: Record<string, unknown> = {}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...obj, ...replace };
  const rest = Object.keys(merged)
    .filter((k) => !order.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...order, ...rest]) {
    if (merged[key] !== undefined) out[key] = merged[key];
  }
  return out;
}
