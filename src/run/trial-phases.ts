/**
 * The phases of one run (spec/run.md "What a run does", steps 2–8), each over the run's
 * TrialState: prepare the world → preflight → the agent → collect what it left → score.
 * A phase throws only for what pome itself cannot do; what the agent does wrong is
 * recorded in the state.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openRunCapture } from "../capture/index.js";
import { exitCodeFor, worstExitCode } from "../errors.js";
import { evaluateCriteria, scoreRun } from "../evaluate/index.js";
import { createRedactor, parseSignals, TraceWriter, type TraceEventKind } from "../trace/index.js";
import type { CheckInput } from "../criteria/index.js";
import { agentEnv, secretValues } from "./agent-env.js";
import { agentFailure, looksCrashed, stderrExcerpt } from "./agent-failure.js";
import { runAgent, type AgentOutcome } from "./agent-process.js";
import { ARTIFACT, type RunFolder } from "./artifacts.js";
import { OUTPUT_CAP_BYTES, redactFileInPlace } from "./output-sink.js";
import { attachFixPrompt, judgeFor } from "./run-llm.js";
import { closeCapture, exitOf, scoredCalls, warnOnce, type TrialState } from "./trial-state.js";
import { openWorld } from "./world.js";

export const PREFLIGHT_TIMEOUT_MS = 30_000;
/** Enough of a preflight's stderr to find how it died; the rest stays in the file. */
const PREFLIGHT_STDERR_READ_BYTES = 64 * 1024;

/** The run folder, the seeded world, the trace, the initial state and the capture proxy. */
export async function prepareWorld(state: TrialState): Promise<void> {
  const { ctx, scenario, folder } = state;
  mkdirSync(state.runDir, { recursive: true });
  writeFileSync(folder.path(ARTIFACT.signals), "");

  const world = await openWorld(scenario, {
    timeoutMs: state.timeoutMs,
    onCall: (call) => {
      try {
        state.writer?.emit("TwinHttpEvent", call);
      } catch (caught) {
        // Never break the agent's request over a recording problem; say so in the result.
        warnOnce(state, `a twin call could not be recorded: ${(caught as Error).message}`);
      }
    },
    onDelivery: (report) => {
      try {
        state.writer?.emit("WebhookDeliveryEvent", report);
      } catch (caught) {
        warnOnce(state, `a webhook delivery could not be recorded: ${(caught as Error).message}`);
      }
    },
    onTwinError: (message) => {
      state.twinFailures.push(message);
      warnOnce(state, message);
    },
  });
  state.world = world;
  folder.redactor = createRedactor({ secrets: [...secretValues(ctx.parentEnv), ...world.secrets] });
  const writer = new TraceWriter({ runId: state.runId, file: folder.path(ARTIFACT.events), redactor: folder.redactor });
  state.writer = writer;
  writer.emit("RunStartedEvent", {
    scenario: scenario.slug,
    twins: scenario.config.twins,
    agent_command: ctx.command.display,
    mode: ctx.mode,
    trial: state.trial,
  });

  state.initial = world.session.snapshot();
  folder.writeJson(ARTIFACT.stateInitial, state.initial);

  const vars = {
    task: scenario.prompt,
    runId: state.runId,
    runDir: state.runDir,
    signalsPath: folder.path(ARTIFACT.signals),
    session: world.session.env,
    proxyUrl: null as string | null,
  };
  state.capture = await openRunCapture({
    proxy: ctx.capture ?? true,
    tls: ctx.captureTls ?? false,
    runId: state.runId,
    parentEnv: ctx.parentEnv,
    agentEnv: agentEnv(ctx.parentEnv, vars, { preflight: false, command: ctx.command.env }),
    twins: scenario.config.twins,
    twinUrls: world.session.urls,
    twinOrigin: world.server.origin,
    sink: writer,
    upstream: ctx.captureUpstream,
  });
  state.vars = { ...vars, proxyUrl: state.capture.proxyUrl, trust: state.capture.trust };
}

/**
 * The agent must start and exit 0 without working; its calls are marked and never scored.
 * False when it did not: the run ends there as an agent failure.
 */
export async function runPreflight(state: TrialState): Promise<boolean> {
  const { world, writer, folder } = ready(state);
  const limitMs = Math.min(PREFLIGHT_TIMEOUT_MS, state.timeoutMs);
  world.session.setPreflight(true);
  const preflight = await spawnAgent(state, { preflight: true, limitMs, stdout: ARTIFACT.preflightStdout, stderr: ARTIFACT.preflightStderr });
  state.preflight = preflight;
  world.session.setPreflight(false);
  writer.emit("AgentExitEvent", { ...exitOf(preflight), preflight: true });
  await redactOutputs(folder, ARTIFACT.preflightStdout, ARTIFACT.preflightStderr);

  const stderr = readCapped(folder.path(ARTIFACT.preflightStderr), PREFLIGHT_STDERR_READ_BYTES);
  const problem = agentFailure(preflight, limitMs, { preflight: true, stderr });
  if (problem) {
    folder.writeJson(ARTIFACT.stateFinal, world.session.snapshot());
    const file = join(state.runDir, ARTIFACT.preflightStderr);
    const excerpt = preflight.interrupted || preflight.spawn_error ? null : stderrExcerpt(stderr);
    const advice = preflight.interrupted
      ? ""
      : preflight.spawn_error
        ? "; check the agent command"
        : `${looksCrashed(stderr) ? "" : " (pome starts the agent once that way to check it runs)"}; see ${file}${excerpt ? `, which begins:\n${excerpt}` : ""}`;
    state.error = `preflight failed: ${problem}${advice}`;
    state.exitCode = exitCodeFor({ kind: "error", code: "AGENT_FAILED" });
    return false;
  }
  if (JSON.stringify(world.session.snapshot()) !== JSON.stringify(state.initial)) {
    world.session.reseed();
    state.warnings.push(
      "the agent changed twin state during preflight (POME_PREFLIGHT=1); the world was re-seeded before the real run. " +
        "Make the agent exit 0 without doing work when POME_PREFLIGHT=1.",
    );
  }
  return true;
}

/** The agent's real run, then the proxy's last events, its exit, and its redacted output. */
export async function runAgentPhase(state: TrialState): Promise<void> {
  const { writer, folder } = ready(state);
  const agent = await spawnAgent(state, { preflight: false, limitMs: state.timeoutMs, stdout: ARTIFACT.stdout, stderr: ARTIFACT.stderr });
  state.agent = agent;
  // The proxy's last events (tunnels still open) land before the agent's exit and the scoring.
  await closeCapture(state);
  writer.emit("AgentExitEvent", { ...exitOf(agent), preflight: false });
  await redactOutputs(folder, ARTIFACT.stdout, ARTIFACT.stderr);
  const cap = `${OUTPUT_CAP_BYTES / 1024 / 1024} MiB`;
  if (agent.stdout_truncated) state.warnings.push(`the agent's stdout exceeded ${cap} and was truncated`);
  if (agent.stderr_truncated) state.warnings.push(`the agent's stderr exceeded ${cap} and was truncated`);
}

/** What the agent left: the final state, its signals (into the trace) and its summary. */
export function collect(state: TrialState): CheckInput {
  const { world, writer, folder } = ready(state);
  const final = world.session.snapshot();
  folder.writeJson(ARTIFACT.stateFinal, final);

  const signals = parseSignals(readCapped(folder.path(ARTIFACT.signals), OUTPUT_CAP_BYTES));
  for (const body of signals.events) writer.emit(body.kind as TraceEventKind, body as never);
  if (signals.invalid > 0) {
    const first = signals.problems[0];
    state.warnings.push(
      `signals.jsonl: ${signals.invalid} invalid line${signals.invalid === 1 ? "" : "s"} ignored` +
        (first ? ` (line ${first.line}: ${first.message})` : ""),
    );
  }
  state.summary = state.agent?.summary ?? signals.summary;
  return { initial: state.initial ?? {}, final, calls: scoredCalls(writer.events), events: writer.events };
}

/** Verdicts, score.json, the fix prompt, and the run's exit code and error. */
export async function scoreTrial(state: TrialState, input: CheckInput): Promise<void> {
  const { ctx, scenario, folder } = state;
  const failure = state.agent ? agentFailure(state.agent, state.timeoutMs) : null;
  const verdicts = await evaluateCriteria(scenario, input, { judge: ctx.judge, judgeWith: judgeFor(ctx.llm, scenario, folder.redactor), agentSummary: state.summary });
  const scored = scoreRun({
    scenario,
    runId: state.runId,
    verdicts,
    agentFailure: failure,
    agentModel: ctx.agentModel,
    passThreshold: scenario.config.passThreshold,
  });
  state.score = scored;
  const withFix = await attachFixPrompt({
    llm: ctx.llm,
    scenario,
    score: scored,
    input,
    agentSummary: state.summary,
    agentCommand: ctx.command.display,
    folder,
    warn: (message) => warnOnce(state, message),
  });
  state.score = withFix.score;
  state.llmUsage = withFix.usage;
  folder.writeJson(ARTIFACT.score, state.score);
  state.exitCode = state.score.exit_code;
  if (failure) state.error = `${failure}; see ${join(state.runDir, ARTIFACT.stderr)}`;
  if (state.twinFailures.length > 0) {
    // The agent got a 500 pome caused: its verdicts cannot be trusted either way.
    state.exitCode = worstExitCode([state.exitCode, exitCodeFor({ kind: "error", code: "TWIN_FAILURE" })]);
    state.error ??= `${state.twinFailures[0]} (a pome bug: the agent received a 500 it should not have)`;
  }
}

/** The parts prepareWorld opened; the later phases run only after it succeeded. */
function ready(state: TrialState) {
  if (!state.world || !state.writer || !state.vars) throw new Error("the run's world is not prepared");
  return { world: state.world, writer: state.writer, folder: state.folder, vars: state.vars };
}

async function spawnAgent(state: TrialState, run: { preflight: boolean; limitMs: number; stdout: string; stderr: string }): Promise<AgentOutcome> {
  const { ctx, folder } = state;
  const outcome = await runAgent({
    command: ctx.command,
    env: agentEnv(ctx.parentEnv, ready(state).vars, { preflight: run.preflight, command: ctx.command.env }),
    cwd: ctx.cwd,
    runId: state.runId,
    timeoutMs: run.limitMs,
    stdoutFile: folder.path(run.stdout),
    stderrFile: folder.path(run.stderr),
    signal: ctx.signal,
    containment: ctx.parentEnv.POME_CONTAINMENT,
  });
  if (outcome.containment_note) warnOnce(state, outcome.containment_note);
  return outcome;
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
