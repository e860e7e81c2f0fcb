/**
 * Why an agent run failed, in the words score.json (status_reason), the terminal and
 * the run's error show: spawn errors, interruptions, timeouts, signals, non-zero exits.
 */
import { stripControls } from "../trace/index.js";
import type { AgentOutcome } from "./agent-process.js";

/**
 * Why an agent run counts as failed, in words for status_reason and messages; null if it
 * succeeded. With the preflight's `stderr` (redacted), an agent that crashed on start (a
 * syntax error, a missing module) is said to have crashed, instead of being told the
 * preflight rule it never got to follow; stderrExcerpt gives the lines to show with it.
 */
export function agentFailure(outcome: AgentOutcome, timeoutMs: number, opts: { preflight?: boolean; stderr?: string } = {}): string | null {
  const during = opts.preflight ? "the agent's preflight (POME_PREFLIGHT=1)" : "the agent";
  if (outcome.spawn_error) return `${opts.preflight ? "the agent" : during} could not be started: ${outcome.spawn_error}`;
  if (outcome.interrupted) return `the run was interrupted before ${during} finished`;
  const exitedNonZero = !outcome.timed_out && !outcome.signal && outcome.code !== null && outcome.code !== 0;
  if (opts.preflight && exitedNonZero && looksCrashed(opts.stderr ?? "")) {
    return `the agent crashed on start (exit code ${outcome.code}, during its preflight with POME_PREFLIGHT=1), so it never reached the run`;
  }
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

const EXCERPT_LINES = 6;
const EXCERPT_LINE_MAX = 200;
/** Stack frames (`    at f (file:1:2)`): noise once the error line is shown. */
const STACK_FRAME = /^\s+at\s/;
/**
 * What an interpreter prints when a program dies before its own code decides anything: an
 * uncaught error (Node's `SyntaxError: …`, `Error [ERR_MODULE_NOT_FOUND]: …`), a Python
 * traceback, a missing module or command, a Go panic.
 */
const CRASH =
  /^(?:[A-Za-z.]*(?:Error|Exception)(?: \[[A-Z_]+\])?:|Traceback \(most recent call last\)|panic: |Exception in thread )|Cannot find (?:module|package)|ERR_MODULE_NOT_FOUND|ModuleNotFoundError|ImportError|command not found|No such file or directory|cannot open shared object/m;

export function looksCrashed(stderr: string): boolean {
  return CRASH.test(stripControls(stderr));
}

/**
 * The first lines of an agent's stderr, indented, control sequences stripped (the text is
 * the agent's: it reaches the terminal and every report), with the error line kept when it
 * comes later (a Python traceback ends with it). Null when there is nothing to show.
 */
export function stderrExcerpt(stderr: string): string | null {
  const lines = stripControls(stderr)
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "" && !STACK_FRAME.test(line));
  if (lines.length === 0) return null;
  let kept = lines.slice(0, EXCERPT_LINES);
  const error = [...lines].reverse().find((line) => CRASH.test(line.trim()));
  if (error && !kept.includes(error)) kept = [...lines.slice(0, EXCERPT_LINES - 2), "…", error];
  else if (lines.length > kept.length) kept.push("…");
  const clip = (line: string) => (line.length > EXCERPT_LINE_MAX ? `${line.slice(0, EXCERPT_LINE_MAX - 1)}…` : line);
  return kept.map((line) => `  ${clip(line)}`).join("\n");
}
