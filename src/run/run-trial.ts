/**
 * One run of one scenario (spec/run.md "What a run does", steps 2–9), as named phases over
 * one TrialState: prepare the world → preflight → the agent → collect → score → write the
 * run folder. Whatever fails, the folder ends with meta.json and everything recorded so
 * far, and no agent process survives.
 */
import { exitCodeOf, PomeError } from "../errors.js";
import type { Scenario } from "../scenario/index.js";
import type { RunResult } from "./result-types.js";
import { trialResult, writeRunFolder } from "./trial-folder.js";
import { collect, prepareWorld, runAgentPhase, runPreflight, scoreTrial } from "./trial-phases.js";
import { newTrialState, type TrialContext, type TrialState } from "./trial-state.js";

export async function runTrial(ctx: TrialContext, scenario: Scenario, trial: number, runId: string): Promise<RunResult> {
  const state = newTrialState(ctx, scenario, trial, runId);
  try {
    await prepareWorld(state);
    if (await runPreflight(state)) {
      await runAgentPhase(state);
      await scoreTrial(state, collect(state));
    }
  } catch (caught) {
    failWith(state, caught);
  }
  const result = trialResult(state);
  await writeRunFolder(state);
  // After the folder: warnings met while finishing it are in the result too.
  return state.folder.redactor.value(result);
}

/** pome itself failed (a twin, the disk, a bug): the run's error and exit code say so. */
function failWith(state: TrialState, caught: unknown): void {
  state.error = caught instanceof PomeError ? caught.describe() : `internal error: ${(caught as Error)?.message ?? String(caught)}`;
  state.exitCode = exitCodeOf(caught);
}
