/**
 * What the results mean for the job and the check run. Only the scenarios decide: `fail-on`
 * reads the worst exit code (spec/run.md); reporting problems never enter here.
 */
import { EXIT_CODE_MEANINGS } from "../index.js";

export type FailOn = "failure" | "error" | "never";
export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled";

export interface Gate {
  /** The job fails. */
  fails: boolean;
  conclusion: CheckConclusion;
  /** One line: the worst code, its meaning, and why the job fails or not. */
  reason: string;
}

export function gate(opts: { exitCode: number; failOn: FailOn; ran: number; cancelled?: boolean }): Gate {
  const { exitCode, failOn } = opts;
  const meaning = EXIT_CODE_MEANINGS[exitCode] ?? "unknown exit code";
  const fails = failOn === "failure" ? exitCode !== 0 : failOn === "error" ? exitCode >= 2 : false;
  const what = `exit ${exitCode}: ${meaning}`;
  let conclusion: CheckConclusion;
  if (opts.cancelled) conclusion = "cancelled";
  else if (fails) conclusion = "failure";
  else if (exitCode === 0 && opts.ran > 0) conclusion = "success";
  else conclusion = "neutral";
  const reason = fails
    ? `pome: ${what} (fail-on: ${failOn})`
    : exitCode === 0
      ? `pome: ${what}`
      : `pome: ${what}; the job passes because fail-on is ${failOn}`;
  return { fails, conclusion, reason };
}
