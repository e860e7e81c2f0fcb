/**
 * What the markdown surfaces (job summary, check run, PR comment) show, derived once from a
 * BatchResult: the tally, a row per scenario, the criteria that did not pass (one entry per
 * criterion, however many trials it failed in), and the fix prompts.
 */
import { isAbsolute, relative, sep } from "node:path";
import { EXIT_CODE_MEANINGS } from "../errors.js";
import type { ScenarioStatus, Verdict } from "../evaluate/index.js";
import type { BatchResult, RunResult, ScenarioResult } from "../run/index.js";
import { runStatus, scenarioStatus } from "./status.js";

export interface Tally {
  scenarios: number;
  runs: number;
  passed: number;
  failed: number;
  unevaluated: number;
  errored: number;
  /** Mean satisfaction over the runs that were scored (null when none was). */
  satisfaction: number | null;
  exitCode: number;
  exitMeaning: string;
}

export interface ScenarioRow {
  result: ScenarioResult;
  status: ScenarioStatus;
  /** Repository-relative path with forward slashes when the file is inside the workspace. */
  path: string;
  /** Mean satisfaction of the scored trials. */
  satisfaction: number | null;
  durationMs: number;
  /** `2/3` when there were several trials. */
  trials: string | null;
  /** The first orchestration or agent error, or the status reason of an unevaluated/errored score. */
  problem: string | null;
}

export type FailureLevel = "failure" | "warning";

export interface FailedCriterion {
  row: ScenarioRow;
  verdict: Verdict;
  /** `failed` (or must-pass failed) is a failure; could not be judged or errored is a warning. */
  level: FailureLevel;
  label: "failed" | "unevaluated" | "errored";
  /** 1-based trials in which it did not pass, and how many trials scored it. */
  trials: number[];
  scoredTrials: number;
}

export interface FixPrompt {
  row: ScenarioRow;
  trial: number;
  multiTrial: boolean;
  prompt: string;
  source: "llm" | "template" | null;
}

/** One scenario's outcome in a previous run (`baseline: previous`). */
export interface BaselineEntry {
  path: string;
  status: ScenarioStatus;
  passes: number;
  trials: number;
}

export interface Baseline {
  entries: BaselineEntry[];
  /** Where the previous results are (the previous check run), for the link. */
  url: string | null;
}

export interface ReportModel {
  tally: Tally;
  rows: ScenarioRow[];
  failures: FailedCriterion[];
  fixPrompts: FixPrompt[];
}

/** A path relative to the workspace with `/` separators (what annotations and blob links need). */
export function repoPath(file: string, workspace?: string): string {
  let path = file;
  if (workspace && isAbsolute(file)) {
    const rel = relative(workspace, file);
    if (rel !== "" && !rel.startsWith("..") && !isAbsolute(rel)) path = rel;
  }
  return path.split(sep).join("/");
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  return Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
}

function problemOf(run: RunResult): string | null {
  if (run.error) return run.error;
  const s = run.score;
  if (s && (s.status === "error" || s.status === "unevaluated") && s.status_reason) return s.status_reason;
  return null;
}

function rowOf(result: ScenarioResult, workspace?: string): ScenarioRow {
  const scored = result.runs.filter((r) => r.score !== null).map((r) => r.score!.satisfaction);
  const passes = result.runs.filter((r) => runStatus(r) === "pass").length;
  return {
    result,
    status: scenarioStatus(result),
    path: repoPath(result.file, workspace),
    satisfaction: mean(scored),
    durationMs: result.runs.reduce((sum, r) => sum + r.duration_ms, 0),
    trials: result.runs.length > 1 ? `${passes}/${result.runs.length}${result.trials ? ` · pass^${result.trials.k} ${Math.round(result.trials.pass_hat_k * 100)}%` : ""}` : null,
    problem: result.runs.map(problemOf).find((p) => p !== null) ?? null,
  };
}

function labelOf(v: Verdict): FailedCriterion["label"] | null {
  if (v.advisory || v.outcome === "passed") return null;
  if (v.outcome === "failed") return "failed";
  if (v.outcome === "errored") return "errored";
  return "unevaluated";
}

function failuresOf(row: ScenarioRow): FailedCriterion[] {
  const byId = new Map<string, FailedCriterion>();
  let scoredTrials = 0;
  for (const run of row.result.runs) {
    if (!run.score) continue;
    scoredTrials++;
    for (const v of run.score.results) {
      const label = labelOf(v);
      if (!label) continue;
      const known = byId.get(v.id);
      if (known) {
        known.trials.push(run.trial + 1);
        // A criterion that failed in any trial is a failure, even if another trial could not judge it.
        if (label === "failed" && known.label !== "failed") Object.assign(known, { verdict: v, label, level: "failure" });
      } else {
        byId.set(v.id, { row, verdict: v, label, level: label === "failed" ? "failure" : "warning", trials: [run.trial + 1], scoredTrials: 0 });
      }
    }
  }
  const out = [...byId.values()];
  for (const f of out) f.scoredTrials = scoredTrials;
  return out.sort((a, b) => a.verdict.line - b.verdict.line || a.verdict.id.localeCompare(b.verdict.id));
}

function fixPromptsOf(row: ScenarioRow): FixPrompt[] {
  const multiTrial = row.result.runs.length > 1;
  const seen = new Set<string>();
  const out: FixPrompt[] = [];
  for (const run of row.result.runs) {
    const prompt = run.score?.fix_prompt;
    if (!prompt?.trim() || seen.has(prompt.trim())) continue;
    seen.add(prompt.trim());
    out.push({ row, trial: run.trial + 1, multiTrial, prompt, source: run.score?.fix_prompt_source ?? null });
  }
  return out;
}

const STATUS_ORDER: Record<ScenarioStatus, number> = { error: 0, fail: 1, unevaluated: 2, pass: 3 };

/** Rows worst first (errors, failures, unevaluated, passes), then by path, so what needs attention leads. */
export function reportModel(batch: BatchResult, opts: { workspace?: string } = {}): ReportModel {
  const rows = batch.scenarios
    .map((s) => rowOf(s, opts.workspace))
    .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.path.localeCompare(b.path));
  const n = (s: ScenarioStatus) => rows.filter((r) => r.status === s).length;
  const scores = batch.scenarios.flatMap((s) => s.runs.filter((r) => r.score !== null).map((r) => r.score!.satisfaction));
  return {
    tally: {
      scenarios: rows.length,
      runs: batch.scenarios.reduce((sum, s) => sum + s.runs.length, 0),
      passed: n("pass"),
      failed: n("fail"),
      unevaluated: n("unevaluated"),
      errored: n("error"),
      satisfaction: mean(scores),
      exitCode: batch.exit_code,
      exitMeaning: EXIT_CODE_MEANINGS[batch.exit_code] ?? "unknown exit code",
    },
    rows,
    failures: rows.flatMap(failuresOf),
    fixPrompts: rows.flatMap(fixPromptsOf),
  };
}
