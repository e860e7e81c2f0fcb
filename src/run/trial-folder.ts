/**
 * The end of every run, whatever phase it reached (spec/run.md "Artifacts"): the
 * RunResult, then the run folder finished — trace closed, tool_calls.jsonl, egress.jsonl,
 * world closed, meta.json, latest.json — and no agent process left behind.
 */
import type { TraceEvent } from "../trace/index.js";
import { POME_VERSION } from "../version.js";
import { ARTIFACT, writeLatest } from "./artifacts.js";
import { sweepRun } from "./process-sweep.js";
import type { RunResult } from "./result-types.js";
import { closeCapture, exitOf, scoredCalls, type TrialState, type TwinHttpEvent } from "./trial-state.js";

/** The run as the batch sees it, taken before the folder is finished. */
export function trialResult(state: TrialState): RunResult {
  const { scenario } = state;
  const last = state.agent ?? state.preflight;
  return {
    file: scenario.file,
    slug: scenario.slug,
    title: scenario.title,
    run_id: state.runId,
    run_dir: state.runDir,
    trial: state.trial,
    exit_code: state.exitCode,
    score: state.score,
    error: state.error,
    agent: last ? exitOf(last) : null,
    warnings: state.warnings,
    calls: state.writer ? scoredCalls(state.writer.events).length : 0,
    agent_summary: state.summary,
    egress_refused: state.capture?.refused() ?? {},
    duration_ms: Math.round(performance.now() - state.clock),
    started_at: state.startedAt.toISOString(),
  };
}

/** Every step runs even when one before it fails; a failed step is a warning, never a lost folder. */
export async function writeRunFolder(state: TrialState): Promise<void> {
  const { ctx, scenario, folder, writer } = state;
  // runAgent sweeps after each exit; this catches a failure between spawn and sweep.
  await sweepRun(state.runId, null).catch(() => 0);
  const steps: Array<() => unknown> = [
    () => closeCapture(state),
    () => deliveriesSettled(state),
    () =>
      writer?.emit("RunFinishedEvent", {
        status: state.score?.status ?? "error",
        satisfaction: state.score?.satisfaction ?? 0,
        exit_code: state.exitCode,
      }),
    () => writer?.close(),
    () => writer && folder.writeJsonl(ARTIFACT.toolCalls, twinCallRows(writer.events)),
    () => writer && state.capture?.layers.proxy && folder.writeJsonl(ARTIFACT.egress, writer.events.filter((e) => e.kind === "EgressRefusedEvent")),
    () => state.world?.close(),
    () => folder.writeJson(ARTIFACT.meta, meta(state)),
    () => writeLatest(ctx.artifactsDir, { run_id: state.runId, scenario: scenario.slug, run_dir: state.runDir }),
  ];
  for (const step of steps) {
    try {
      await step();
    } catch (caught) {
      state.warnings.push(`could not finish the run folder: ${(caught as Error).message}`);
    }
  }
}

/** How long a finished run waits for the twins' webhook deliveries still in flight to be recorded. */
export const DELIVERY_GRACE_MS = 1000;

async function deliveriesSettled(state: TrialState): Promise<void> {
  const session = state.world?.session;
  if (!session) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, DELIVERY_GRACE_MS);
  });
  await Promise.race([session.deliveriesSettled(), grace]);
  clearTimeout(timer);
}

function meta(state: TrialState): Record<string, unknown> {
  const { ctx, scenario } = state;
  return {
    run_id: state.runId,
    scenario: { path: scenario.file, slug: scenario.slug, title: scenario.title, sha256: scenario.sha256 },
    mode: ctx.mode,
    agent_command: ctx.command.display,
    agent_model: ctx.agentModel,
    started_at: state.startedAt.toISOString(),
    completed_at: new Date().toISOString(),
    exit: state.agent ? exitOf(state.agent) : null,
    preflight: state.preflight ? exitOf(state.preflight) : null,
    exit_code: state.exitCode,
    status: state.score?.status ?? "error",
    error: state.error,
    warnings: state.warnings,
    twins: scenario.config.twins,
    timeout_s: state.timeoutMs / 1000,
    trial: state.trial,
    agent_summary: state.summary,
    llm: state.llmUsage,
    capture: state.capture?.layers ?? null,
    containment: (state.agent ?? state.preflight)?.containment ?? null,
    leftover_processes: (state.preflight?.leftovers ?? 0) + (state.agent?.leftovers ?? 0),
    pome_version: POME_VERSION,
  };
}

/** tool_calls.jsonl: twin calls (preflight ones flagged) without the event kind, for older readers. */
function twinCallRows(events: readonly TraceEvent[]): unknown[] {
  return events.filter((e): e is TwinHttpEvent => e.kind === "TwinHttpEvent").map(({ kind: _kind, ...row }) => row);
}
