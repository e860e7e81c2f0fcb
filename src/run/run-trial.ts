/**
 * One run of one scenario (spec/run.md "What a run does", steps 2–9): world, preflight,
 * the agent, states, signals, scoring, artifacts. Whatever fails, the folder ends with
 * meta.json and everything recorded so far, and no agent process survives.
 */
import { mkdirSync, openSync, readSync, closeSync, fstatSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openRunCapture, type RunCapture, type UpstreamOptions } from "../capture/index.js";
import { exitCodeFor, exitCodeOf, PomeError, worstExitCode } from "../errors.js";
import { evaluateCriteria, scoreRun, type Score } from "../evaluate/index.js";
import type { Scenario } from "../scenario/index.js";
import { createRedactor, parseSignals, TraceWriter, type TraceEvent, type TraceEventKind } from "../trace/index.js";
import type { CheckInput } from "../twins/index.js";
import { POME_VERSION } from "../version.js";
import type { AgentCommand } from "./agent-command.js";
import { agentEnv, secretValues, type PomeAgentVars } from "./agent-env.js";
import { agentFailure } from "./agent-failure.js";
import { runAgent, type AgentOutcome } from "./agent-process.js";
import { ARTIFACT, RunFolder, writeLatest } from "./artifacts.js";
import { attachFixPrompt, judgeFor, type LlmUsageRecord, type RunLlm } from "./run-llm.js";
import { OUTPUT_CAP_BYTES, redactFileInPlace } from "./output-sink.js";
import { sweepRun } from "./process-sweep.js";
import type { AgentExit, RunResult } from "./result-types.js";
import { openWorld, type World } from "./world.js";

export const PREFLIGHT_TIMEOUT_MS = 30_000;

/** What every run of a batch shares. */
export interface TrialContext {
  artifactsDir: string;
  cwd: string;
  parentEnv: Record<string, string | undefined>;
  command: AgentCommand;
  agentModel: string;
  judge: "on" | "off";
  mode: "local";
  /** `--timeout` in ms, overriding the scenario's. */
  timeoutMs: number | null;
  signal?: AbortSignal;
  /** The capture proxy (false with `--no-capture`) and `--capture-tls`. */
  capture?: boolean;
  captureTls?: boolean;
  /** Test seam: where the capture proxy dials hosts. */
  captureUpstream?: UpstreamOptions;
  /** The judge and fix prompts (run-llm.ts); absent means no LLM and template fix prompts. */
  llm?: RunLlm;
}

type Env = Record<string, string | undefined>;

export async function runTrial(ctx: TrialContext, scenario: Scenario, trial: number, runId: string): Promise<RunResult> {
  const startedAt = new Date();
  const clock = performance.now();
  const runDir = join(ctx.artifactsDir, scenario.slug, runId);
  const timeoutMs = ctx.timeoutMs ?? scenario.config.timeout * 1000;
  const folder = new RunFolder(runDir, createRedactor({ secrets: secretValues(ctx.parentEnv as Env) }));
  const warnings: string[] = [];
  let writer: TraceWriter | null = null;
  let world: World | null = null;
  let capture: RunCapture | null = null;
  let preflight: AgentOutcome | null = null;
  let agent: AgentOutcome | null = null;
  let score: Score | null = null;
  let llmUsage: LlmUsageRecord | null = null;
  let error: string | null = null;
  let exitCode = exitCodeFor({ kind: "error", code: "INTERNAL" });
  let summary: string | null = null;
  const twinFailures: string[] = [];
  const warnOnce = (message: string) => {
    if (!warnings.includes(message)) warnings.push(message);
  };

  try {
    mkdirSync(runDir, { recursive: true });
    writeFileSync(folder.path(ARTIFACT.signals), "");

    world = await openWorld(scenario, {
      timeoutMs,
      onCall: (call) => {
        try {
          writer?.emit("TwinHttpEvent", call);
        } catch (caught) {
          // Never break the agent's request over a recording problem; say so in the result.
          warnOnce(`a twin call could not be recorded: ${(caught as Error).message}`);
        }
      },
      onTwinError: (message) => {
        twinFailures.push(message);
        warnOnce(message);
      },
    });
    folder.redactor = createRedactor({ secrets: [...secretValues(ctx.parentEnv as Env), ...world.secrets] });
    writer = new TraceWriter({ runId, file: folder.path(ARTIFACT.events), redactor: folder.redactor });
    writer.emit("RunStartedEvent", {
      scenario: scenario.slug,
      twins: scenario.config.twins,
      agent_command: ctx.command.display,
      mode: ctx.mode,
      trial,
    });

    const initial = world.session.snapshot();
    folder.writeJson(ARTIFACT.stateInitial, initial);

    const vars: PomeAgentVars = {
      task: scenario.prompt,
      runId,
      runDir,
      signalsPath: folder.path(ARTIFACT.signals),
      session: world.session.env,
      proxyUrl: null,
    };
    capture = await openRunCapture({
      proxy: ctx.capture ?? true,
      tls: ctx.captureTls ?? false,
      runId,
      parentEnv: ctx.parentEnv,
      agentEnv: agentEnv(ctx.parentEnv, vars, { preflight: false, command: ctx.command.env }),
      twins: scenario.config.twins,
      twinUrls: world.session.urls,
      twinOrigin: world.server.origin,
      sink: writer,
      upstream: ctx.captureUpstream,
    });
    vars.proxyUrl = capture.proxyUrl;
    vars.trust = capture.trust;
    const spawnWith = (preflightRun: boolean, limitMs: number, stdoutName: string, stderrName: string) =>
      runAgent({
        command: ctx.command,
        env: agentEnv(ctx.parentEnv, vars, { preflight: preflightRun, command: ctx.command.env }),
        cwd: ctx.cwd,
        runId,
        timeoutMs: limitMs,
        stdoutFile: folder.path(stdoutName),
        stderrFile: folder.path(stderrName),
        signal: ctx.signal,
      });

    // Preflight: the agent must start and exit 0 without working; its calls are marked and never scored.
    const preflightMs = Math.min(PREFLIGHT_TIMEOUT_MS, timeoutMs);
    world.session.setPreflight(true);
    preflight = await spawnWith(true, preflightMs, ARTIFACT.preflightStdout, ARTIFACT.preflightStderr);
    world.session.setPreflight(false);
    writer.emit("AgentExitEvent", { ...exitOf(preflight), preflight: true });
    await redactOutputs(folder, ARTIFACT.preflightStdout, ARTIFACT.preflightStderr);

    const preflightProblem = agentFailure(preflight, preflightMs, { preflight: true });
    if (preflightProblem) {
      folder.writeJson(ARTIFACT.stateFinal, world.session.snapshot());
      const advice = preflight.interrupted
        ? ""
        : preflight.spawn_error
          ? "; check the agent command"
          : ` (pome starts the agent once that way to check it runs); see ${join(runDir, ARTIFACT.preflightStderr)}`;
      error = `preflight failed: ${preflightProblem}${advice}`;
      exitCode = exitCodeFor({ kind: "error", code: "AGENT_FAILED" });
      return finishResult();
    }
    if (JSON.stringify(world.session.snapshot()) !== JSON.stringify(initial)) {
      world.session.reseed();
      warnings.push(
        "the agent changed twin state during preflight (POME_PREFLIGHT=1); the world was re-seeded before the real run. " +
          "Make the agent exit 0 without doing work when POME_PREFLIGHT=1.",
      );
    }

    agent = await spawnWith(false, timeoutMs, ARTIFACT.stdout, ARTIFACT.stderr);
    // The proxy's last events (tunnels still open) land before the agent's exit and the scoring.
    await closeCapture();
    writer.emit("AgentExitEvent", { ...exitOf(agent), preflight: false });
    await redactOutputs(folder, ARTIFACT.stdout, ARTIFACT.stderr);
    if (agent.stdout_truncated) warnings.push(`the agent's stdout exceeded ${OUTPUT_CAP_BYTES / 1024 / 1024} MiB and was truncated`);
    if (agent.stderr_truncated) warnings.push(`the agent's stderr exceeded ${OUTPUT_CAP_BYTES / 1024 / 1024} MiB and was truncated`);

    const final = world.session.snapshot();
    folder.writeJson(ARTIFACT.stateFinal, final);

    const signals = parseSignals(readCapped(folder.path(ARTIFACT.signals), OUTPUT_CAP_BYTES));
    for (const body of signals.events) writer.emit(body.kind as TraceEventKind, body as never);
    if (signals.invalid > 0) {
      const first = signals.problems[0];
      warnings.push(
        `signals.jsonl: ${signals.invalid} invalid line${signals.invalid === 1 ? "" : "s"} ignored` +
          (first ? ` (line ${first.line}: ${first.message})` : ""),
      );
    }
    summary = agent.summary ?? signals.summary;

    const failure = agentFailure(agent, timeoutMs);
    const input: CheckInput = { initial, final, calls: scoredCalls(writer.events), events: writer.events };
    const verdicts = await evaluateCriteria(scenario, input, { judge: ctx.judge, judgeWith: judgeFor(ctx.llm, scenario, folder.redactor), agentSummary: summary });
    score = scoreRun({
      scenario,
      runId,
      verdicts,
      agentFailure: failure,
      agentModel: ctx.agentModel,
      passThreshold: scenario.config.passThreshold,
    });
    ({ score, usage: llmUsage } = await attachFixPrompt({ llm: ctx.llm, scenario, score, input, agentSummary: summary, agentCommand: ctx.command.display, folder, warn: warnOnce }));
    folder.writeJson(ARTIFACT.score, score);
    exitCode = score.exit_code;
    if (failure) error = `${failure}; see ${join(runDir, ARTIFACT.stderr)}`;
    if (twinFailures.length > 0) {
      // The agent got a 500 pome caused: its verdicts cannot be trusted either way.
      exitCode = worstExitCode([exitCode, exitCodeFor({ kind: "error", code: "TWIN_FAILURE" })]);
      error ??= `${twinFailures[0]} (a pome bug: the agent received a 500 it should not have)`;
    }
    return finishResult();
  } catch (caught) {
    error = caught instanceof PomeError ? caught.describe() : `internal error: ${(caught as Error)?.message ?? String(caught)}`;
    exitCode = exitCodeOf(caught);
    return finishResult();
  } finally {
    await closeRun();
  }

  // Builds the result; the folder is finished by closeRun() in `finally`, after this returns.
  function finishResult(): RunResult {
    const last = agent ?? preflight;
    return {
      file: scenario.file,
      slug: scenario.slug,
      title: scenario.title,
      run_id: runId,
      run_dir: runDir,
      trial,
      exit_code: exitCode,
      score,
      error,
      agent: last ? exitOf(last) : null,
      warnings,
      calls: writer ? scoredCalls(writer.events).length : 0,
      agent_summary: summary,
      egress_refused: capture?.refused() ?? {},
      duration_ms: Math.round(performance.now() - clock),
      started_at: startedAt.toISOString(),
    };
  }

  async function closeRun(): Promise<void> {
    // runAgent sweeps after each exit; this catches a failure between spawn and sweep.
    await sweepRun(runId, null).catch(() => 0);
    const steps: Array<() => unknown> = [
      () => closeCapture(),
      () =>
        writer?.emit("RunFinishedEvent", {
          status: score?.status ?? "error",
          satisfaction: score?.satisfaction ?? 0,
          exit_code: exitCode,
        }),
      () => writer?.close(),
      () => writer && folder.writeJsonl(ARTIFACT.toolCalls, twinCallRows(writer.events)),
      () => writer && capture?.layers.proxy && folder.writeJsonl(ARTIFACT.egress, writer.events.filter((e) => e.kind === "EgressRefusedEvent")),
      () => world?.close(),
      () => folder.writeJson(ARTIFACT.meta, meta()),
      () => writeLatest(ctx.artifactsDir, { run_id: runId, scenario: scenario.slug, run_dir: runDir }),
    ];
    for (const step of steps) {
      try {
        await step();
      } catch (caught) {
        warnings.push(`could not finish the run folder: ${(caught as Error).message}`);
      }
    }
  }

  function meta(): Record<string, unknown> {
    return {
      run_id: runId,
      scenario: { path: scenario.file, slug: scenario.slug, title: scenario.title, sha256: scenario.sha256 },
      mode: ctx.mode,
      agent_command: ctx.command.display,
      agent_model: ctx.agentModel,
      started_at: startedAt.toISOString(),
      completed_at: new Date().toISOString(),
      exit: agent ? exitOf(agent) : null,
      preflight: preflight ? exitOf(preflight) : null,
      exit_code: exitCode,
      status: score?.status ?? "error",
      error,
      warnings,
      twins: scenario.config.twins,
      timeout_s: timeoutMs / 1000,
      trial,
      agent_summary: summary,
      llm: llmUsage,
      capture: capture?.layers ?? null,
      pome_version: POME_VERSION,
    };
  }

  async function closeCapture(): Promise<void> {
    if (!capture) return;
    await capture.close();
    for (const warning of capture.warnings()) warnOnce(warning);
  }
}

function exitOf(outcome: AgentOutcome): AgentExit {
  return { code: outcome.code, signal: outcome.signal, timed_out: outcome.timed_out, duration_ms: outcome.duration_ms };
}

type TwinHttpEvent = Extract<TraceEvent, { kind: "TwinHttpEvent" }>;

function scoredCalls(events: readonly TraceEvent[]): TwinHttpEvent[] {
  return events.filter((e): e is TwinHttpEvent => e.kind === "TwinHttpEvent" && !e.preflight);
}

/** tool_calls.jsonl: twin calls (preflight ones flagged) without the event kind, for older readers. */
function twinCallRows(events: readonly TraceEvent[]): unknown[] {
  return events.filter((e): e is TwinHttpEvent => e.kind === "TwinHttpEvent").map(({ kind: _kind, ...row }) => row);
}

async function redactOutputs(folder: RunFolder, ...names: string[]): Promise<void> {
  await Promise.all(names.map((name) => redactFileInPlace(folder.path(name), (text) => folder.redactor.text(text))));
}

/** The first `cap` bytes of a file the agent wrote (it could write anything there). */
function readCapped(file: string, cap: number): string {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return ""; // the agent removed it: no signals
  }
  try {
    const size = Math.min(fstatSync(fd).size, cap);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
