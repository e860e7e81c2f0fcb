/**
 * `mode: report`: the `results.json` files other jobs uploaded (matrix legs, or the
 * unprivileged half of the fork-safe two-stage pattern), validated and merged into one
 * BatchResult. They were written by another job, possibly a fork's: every field is checked,
 * and the renderers escape every string.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { scoreSchema, usageError, worstExitCode, type BatchResult, type RunResult, type ScenarioResult } from "../index.js";

export const RESULTS_FILE = "results.json";
/** What stage 1 knew about its event (stage 2, on `workflow_run`, may not be told the PR). */
export const CONTEXT_FILE = "github-context.json";

const runSchema = z.object({
  run_id: z.string(),
  trial: z.number().int().nonnegative(),
  exit_code: z.number().int(),
  error: z.string().nullable(),
  run_dir: z.string().nullable(),
  file: z.string(),
  slug: z.string(),
  title: z.string(),
  started_at: z.string(),
  duration_ms: z.number().nonnegative(),
  agent: z.object({ code: z.number().int().nullable(), signal: z.string().nullable(), timed_out: z.boolean(), duration_ms: z.number() }).nullable(),
  calls: z.number().int().nonnegative(),
  agent_summary: z.string().nullable(),
  warnings: z.array(z.string()),
  egress_refused: z.record(z.string(), z.number()),
  score: scoreSchema.nullable(),
});

const scenarioSchema = z.object({
  file: z.string(),
  slug: z.string(),
  title: z.string(),
  tags: z.array(z.string()).default([]),
  exit_code: z.number().int(),
  trials: scoreSchema.shape.trials,
  runs: z.array(runSchema),
});

const resultsSchema = z.object({
  pome_version: z.string(),
  exit_code: z.number().int(),
  started_at: z.string(),
  duration_ms: z.number().nonnegative(),
  artifacts_dir: z.string(),
  shard: z.string().nullable().default(null),
  scenarios: z.array(scenarioSchema),
});

export const contextFileSchema = z.object({
  head_sha: z.string().regex(/^[0-9a-f]{40}$/i),
  pull_request: z.number().int().positive().nullable(),
  repository: z.string(),
  fork: z.boolean(),
  /** The first job's GITHUB_WORKSPACE: scenario paths in its results are absolute under it. */
  workspace: z.string().optional(),
});
export type ContextFile = z.infer<typeof contextFileSchema>;

/** Every `results.json` under `path` (a file, or a folder searched recursively), sorted. */
export function findResultsFiles(path: string, cwd: string): string[] {
  const target = resolve(cwd, path);
  let stat;
  try {
    stat = statSync(target);
  } catch {
    throw usageError(`mode: report: no results at ${path} (download the result artifacts there first)`);
  }
  if (stat.isFile()) return [target];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === RESULTS_FILE) found.push(full);
    }
  };
  walk(target);
  if (found.length === 0) throw usageError(`mode: report: no ${RESULTS_FILE} under ${path}`);
  return found.sort();
}

export function readResultsFile(file: string): BatchResult {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw usageError(`${file}: not a JSON results file (${(error as Error).message})`);
  }
  const parsed = resultsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw usageError(`${file}: not a pome results file: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const data = parsed.data;
  return { ...data, scenarios: data.scenarios.map((s): ScenarioResult => ({ ...s, runs: s.runs as RunResult[] })) };
}

/** The context file beside a results file, when there is a valid one. */
export function readContextFile(resultsFile: string): ContextFile | null {
  try {
    const parsed = contextFileSchema.safeParse(JSON.parse(readFileSync(join(resultsFile, "..", CONTEXT_FILE), "utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One batch from several: scenarios by file (a re-run's later copy wins), the worst exit
 * code, the earliest start and the latest end.
 */
export function mergeBatches(batches: BatchResult[], artifactsDir: string): BatchResult {
  const byFile = new Map<string, { started: string; scenario: ScenarioResult }>();
  for (const batch of batches) {
    for (const scenario of batch.scenarios) {
      const known = byFile.get(scenario.file);
      if (!known || known.started <= batch.started_at) byFile.set(scenario.file, { started: batch.started_at, scenario });
    }
  }
  const scenarios = [...byFile.values()].map((v) => v.scenario).sort((a, b) => a.file.localeCompare(b.file));
  const starts = batches.map((b) => Date.parse(b.started_at)).filter(Number.isFinite);
  const ends = batches.map((b) => Date.parse(b.started_at) + b.duration_ms).filter(Number.isFinite);
  const start = starts.length > 0 ? Math.min(...starts) : Date.now();
  return {
    scenarios,
    // A batch that ran nothing (a usage error) still counts; otherwise the kept scenarios decide.
    exit_code: worstExitCode([...scenarios.map((s) => s.exit_code), ...batches.filter((b) => b.scenarios.length === 0).map((b) => b.exit_code)]),
    started_at: new Date(start).toISOString(),
    duration_ms: ends.length > 0 ? Math.max(...ends) - start : 0,
    artifacts_dir: artifactsDir,
    shard: null,
    pome_version: batches[0]?.pome_version ?? "",
  };
}
