/**
 * `runScenarios`: the one entry point the CLI and the GitHub Action share. Selects the
 * scenarios, runs every trial (each in its own world, `concurrency` at a time), and gives
 * a BatchResult whose exit code is the highest of its scenarios.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ulid } from "ulid";
import { exitCodeOf, PomeError, usageError, worstExitCode } from "../errors.js";
import { trialsSummary } from "../evaluate/index.js";
import { parseScenario, uniqueSlugs, type Scenario } from "../scenario/index.js";
import { POME_VERSION } from "../version.js";
import { splitAgentCommand, type AgentCommand } from "./agent-command.js";
import { inheritsWholeEnv } from "./agent-env.js";
import { ARTIFACT } from "./artifacts.js";
import { loadConfig } from "./config-file.js";
import { defaultAgentCommand } from "./default-agent.js";
import { outputRedactor } from "./output-redaction.js";
import { parseRunOptions, type ParsedRunOptions, type RunOptions, type RunProgress } from "./options.js";
import { runPool } from "./promise-pool.js";
import type { BatchResult, RunResult, ScenarioResult } from "./result-types.js";
import { openRunLlm } from "./run-llm.js";
import { runTrial } from "./run-trial.js";
import { filterByTags, parseShard, scenarioFiles, shardSlice, type Selected } from "./selection.js";
import type { TrialContext } from "./trial-state.js";

export function newRunId(): string {
  return `run_${ulid()}`;
}

export async function runScenarios(options: RunOptions): Promise<BatchResult> {
  const { onProgress, signal, captureUpstream, ...input } = options;
  const startedAt = new Date();
  const clock = performance.now();
  const opts = parseRunOptions(input);
  const cwd = resolve(opts.cwd ?? process.cwd());
  const env = opts.env ?? process.env;
  // Runs hand back redacted results; what the batch adds itself goes through this.
  const redactor = outputRedactor(env);
  const notify = (event: RunProgress) => {
    try {
      // Results come redacted from their run; notices and titles are the batch's own.
      onProgress?.("result" in event ? event : redactor.value(event));
    } catch {
      // A broken progress printer must not break the batch.
    }
  };
  const shard = opts.shard ? parseShard(opts.shard) : null;

  const config = loadConfig(cwd);
  const artifactsDir = opts.artifactsDir ? resolve(cwd, opts.artifactsDir) : (config.artifactsDir ?? resolve(cwd, "runs"));
  const command = resolveCommand(opts, config.agentCommand, env);
  for (const message of modeNotices(opts, env)) notify({ type: "notice", message });

  const files = await scenarioFiles(opts.path, { cwd, recursive: opts.recursive });
  // Over every file found, before --tag and --shard: matrix legs and filtered runs agree.
  const slugs = uniqueSlugs(files);
  const parsed: Selected[] = [];
  for (const file of files) {
    try {
      const scenario = await parseScenario(file);
      scenario.slug = slugs.get(file) ?? scenario.slug;
      if (opts.passThreshold !== undefined) scenario.config = { ...scenario.config, passThreshold: opts.passThreshold };
      parsed.push({ file, scenario });
    } catch (error) {
      parsed.push({ file, error });
    }
  }
  const tagged = filterByTags(parsed, opts.tags);
  if (tagged.length === 0) throw usageError(`no scenario in ${opts.path} has the tag ${opts.tags.map((t) => `"${t}"`).join(" or ")}`);
  const selected = shard ? shardSlice(tagged, shard) : tagged;
  if (shard && selected.length === 0) {
    notify({ type: "notice", message: `shard ${opts.shard} is empty: ${tagged.length} scenario(s) over ${shard.count} shards` });
  }

  const ctx: TrialContext = {
    artifactsDir,
    cwd,
    parentEnv: env,
    command,
    agentModel: opts.agentModel,
    judge: opts.judge,
    mode: "local",
    timeoutMs: opts.timeout === undefined ? null : Math.round(opts.timeout * 1000),
    signal,
    capture: opts.capture,
    captureTls: opts.captureTls,
    captureUpstream,
    llm: openRunLlm(opts, env, cwd, signal),
  };

  const scenarios: Array<ScenarioResult | null> = selected.map(() => null);
  const jobs: Array<{ index: number; scenario: Scenario; trial: number; trials: number }> = [];
  const runsOf = selected.map(() => [] as Array<RunResult | undefined>);
  selected.forEach((item, index) => {
    if ("error" in item) {
      notify({ type: "scenario-started", file: item.file, title: item.file, trials: 1 });
      scenarios[index] = redactor.value(unparsedResult(item.file, slugs.get(item.file)!, item.error, startedAt));
      notify({ type: "run-finished", result: scenarios[index]!.runs[0] });
      notify({ type: "scenario-finished", result: scenarios[index]! });
      return;
    }
    const trials = opts.trials ?? item.scenario.config.runs;
    for (let trial = 0; trial < trials; trial++) jobs.push({ index, scenario: item.scenario, trial, trials });
  });

  const started = new Set<number>();
  const finished = selected.map(() => 0);
  await runPool(
    jobs,
    opts.concurrency,
    async (job) => {
      const { index, scenario, trial, trials } = job;
      if (!started.has(index)) {
        started.add(index);
        notify({ type: "scenario-started", file: scenario.file, title: scenario.title, trials });
      }
      const runId = newRunId();
      notify({ type: "trial-started", file: scenario.file, title: scenario.title, trial, trials, run_id: runId });
      const result = await runTrial(ctx, scenario, trial, runId);
      runsOf[index][trial] = result;
      notify({ type: "run-finished", result });
      if (++finished[index] === trials) {
        scenarios[index] = scenarioResult(scenario, runsOf[index].filter((r): r is RunResult => r !== undefined), trials);
        notify({ type: "scenario-finished", result: scenarios[index]! });
      }
    },
    signal,
  );

  // Interrupted: scenarios cut short still report the trials that ran.
  selected.forEach((item, index) => {
    if (scenarios[index] || "error" in item) return;
    const runs = runsOf[index].filter((r): r is RunResult => r !== undefined);
    if (runs.length > 0) scenarios[index] = scenarioResult(item.scenario, runs, runs.length);
  });

  const done = scenarios.filter((s): s is ScenarioResult => s !== null);
  return {
    scenarios: done,
    exit_code: worstExitCode(done.map((s) => s.exit_code)),
    started_at: startedAt.toISOString(),
    duration_ms: Math.round(performance.now() - clock),
    artifacts_dir: artifactsDir,
    shard: opts.shard ?? null,
    pome_version: POME_VERSION,
  };
}

function resolveCommand(opts: ParsedRunOptions, fromConfig: string | null, env: Record<string, string | undefined>): AgentCommand {
  const text = opts.agent ?? fromConfig;
  if (text === null) return defaultAgentCommand();
  return splitAgentCommand(text, { trusted: env.POME_TRUST_AGENT_COMMAND === "1" });
}

/** One-line notes about how the batch runs, printed once before it starts. */
export function modeNotices(opts: ParsedRunOptions, env: Record<string, string | undefined>): string[] {
  const notes: string[] = [];
  const local = opts.local || env.POME_LOCAL === "1";
  if (opts.hosted) notes.push("--hosted is deprecated and ignored; it will be removed in a future release.");
  if (!local && env.POME_API_KEY?.trim()) {
    notes.push("POME_API_KEY is set, but hosted mode is not available in this build: running locally (POME_LOCAL=1 silences this note).");
  }
  if (env.POME_TRUST_AGENT_COMMAND === "1") notes.push("POME_TRUST_AGENT_COMMAND=1: running the agent command through sh -c.");
  if (inheritsWholeEnv(env)) {
    notes.push("POME_INHERIT_AGENT_ENV=1: the agent inherits pome's environment, except GITHUB_TOKEN, GH_TOKEN, ACTIONS_*, INPUT_*, POME_API_KEY and the workflow command files (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE, GITHUB_STEP_SUMMARY) unless POME_AGENT_ENV_ALLOWLIST names them.");
  }
  return notes;
}

function scenarioResult(scenario: Scenario, runs: RunResult[], trials: number): ScenarioResult {
  const result: ScenarioResult = {
    file: scenario.file,
    slug: scenario.slug,
    title: scenario.title,
    tags: scenario.config.tags,
    runs,
    exit_code: worstExitCode(runs.map((r) => r.exit_code)),
  };
  if (trials > 1 && runs.length > 1) {
    result.trials = trialsSummary(runs.map((r) => r.exit_code === 0));
    for (const run of runs) attachTrials(run, result.trials);
  }
  return result;
}

/** Each trial's score.json also carries the scenario's trial summary (spec/run.md "score.json"). */
function attachTrials(run: RunResult, trials: NonNullable<ScenarioResult["trials"]>): void {
  if (!run.score || !run.run_dir) return;
  run.score = { ...run.score, trials };
  const file = join(run.run_dir, ARTIFACT.score);
  try {
    const stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    writeFileSync(file, `${JSON.stringify({ ...stored, trials }, null, 2)}\n`);
  } catch (error) {
    run.warnings.push(`could not add the trial summary to score.json: ${(error as Error).message}`);
  }
}

function unparsedResult(file: string, slug: string, error: unknown, startedAt: Date): ScenarioResult {
  const message =
    error instanceof PomeError
      ? error.file
        ? error.describe()
        : `${file}: ${error.message}`
      : `${file}: internal error: ${(error as Error)?.message ?? String(error)}`;
  const run: RunResult = {
    file,
    slug,
    title: file,
    run_id: newRunId(),
    run_dir: null,
    trial: 0,
    exit_code: exitCodeOf(error),
    score: null,
    error: message,
    agent: null,
    warnings: [],
    calls: 0,
    agent_summary: null,
    egress_refused: {},
    duration_ms: 0,
    started_at: startedAt.toISOString(),
  };
  return { file, slug, title: file, tags: [], runs: [run], exit_code: run.exit_code };
}
