/**
 * Why an agent run failed, in the words score.json (status_reason), the terminal and
 * the run's error show: spawn errors, interruptions, timeouts, signals, non-zero exits.
 */
import type { AgentOutcome } from "./agent-process.js";

/**
 * Why an agent run counts as failed, in words for status_reason and messages; null if it
 * succeeded.
 */
export function agentFailure(outcome: AgentOutcome, timeoutMs: number, opts: { preflight?: boolean } = {}): string | null {
  const during = opts.preflight ? "the agent's preflight (POME_PREFLIGHT=1)" : "the agent";
  if (outcome.spawn_error) return `${opts.preflight ? "the agent" : during} could not be started: ${outcome.spawn_error}`;
  if (outcome.interrupted) return `the run was interrupted before ${during} finished`;
  return describeAgentFailure(outcome, { timeoutSeconds: timeoutMs / 1000, preflight: opts.preflight });
}

/**
 * One sentence on why the agent failed, or null when it exited 0 in time. `preflight` runs
 * get the instruction the agent needs (exit 0 at once when POME_PREFLIGHT=1).
 */
export function describeAgentFailure(
  exit: { code: number | null; signal: string | null; timed_out: boolean },
  opts: { timeoutSeconds: number; preflight?: boolean },
): string | null {
  const seconds = `${Number.isInteger(opts.timeoutSeconds) ? opts.timeoutSeconds : opts.timeoutSeconds.toFixed(1)} s`;
  const what = exit.timed_out
    ? opts.preflight
      ? `did not exit within ${seconds}`
      : `timed out after ${seconds}`
    : exit.signal
      ? `was killed by ${exit.signal}`
      : exit.code !== 0 && exit.code !== null
        ? `exited with code ${exit.code}`
        : null;
  if (what === null) return null;
  if (!opts.preflight) return `the agent ${what}`;
  return `the agent's preflight (POME_PREFLIGHT=1) ${what}: when POME_PREFLIGHT=1 is set, the agent must exit 0 at once without doing any work`;
}
