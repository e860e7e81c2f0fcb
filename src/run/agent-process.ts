/**
 * One agent process: spawned in its own process group with stdin closed, output streamed
 * to capped files, a wall-clock limit (SIGTERM to the group, SIGKILL 2 s later), and a
 * sweep afterwards so no child, grandchild or setsid() daemon of the run survives.
 */
import { spawn } from "node:child_process";
import type { AgentCommand } from "./agent-command.js";
import { SummaryTracker } from "./agent-summary.js";
import { CappedOutput } from "./output-sink.js";
import { signalGroup, sweepRun } from "./process-sweep.js";
import type { AgentExit } from "./result-types.js";

export const KILL_GRACE_MS = 2_000;
/** How long to wait for output pipes a leftover process may still hold open. */
const PIPE_DRAIN_MS = 2_000;

export interface AgentSpawn {
  command: AgentCommand;
  env: Record<string, string>;
  cwd: string;
  runId: string;
  timeoutMs: number;
  stdoutFile: string;
  stderrFile: string;
  outputCapBytes?: number;
  /** Aborting ends the agent like a timeout does, but marks it interrupted. */
  signal?: AbortSignal;
}

export interface AgentOutcome extends AgentExit {
  /** Set when the process could not be started at all (ENOENT, EACCES…). */
  spawn_error: string | null;
  interrupted: boolean;
  /** Last `{"summary": "..."}` line on stdout. */
  summary: string | null;
  stdout_truncated: boolean;
  stderr_truncated: boolean;
}

/** Process groups of agents running right now, so a hard exit of pome can still end them. */
const liveGroups = new Set<number>();

/** Synchronous last resort (second Ctrl-C): SIGKILL every running agent's group. */
export function killLiveAgents(): void {
  for (const pgid of liveGroups) signalGroup(pgid, "SIGKILL");
  liveGroups.clear();
}

export async function runAgent(opts: AgentSpawn): Promise<AgentOutcome> {
  const stdout = new CappedOutput(opts.stdoutFile, opts.outputCapBytes);
  const stderr = new CappedOutput(opts.stderrFile, opts.outputCapBytes);
  const summary = new SummaryTracker();
  const started = performance.now();

  const child = spawn(opts.command.file, opts.command.args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pgid = child.pid ?? null;
  if (pgid !== null) liveGroups.add(pgid);
  stdout.follow(child.stdout!, (chunk) => summary.push(chunk));
  stderr.follow(child.stderr!);

  let timedOut = false;
  let interrupted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const end = () => {
    if (pgid === null) return;
    signalGroup(pgid, "SIGTERM");
    killTimer ??= setTimeout(() => signalGroup(pgid, "SIGKILL"), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    end();
  }, opts.timeoutMs);
  const onAbort = () => {
    interrupted = true;
    end();
  };
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener("abort", onAbort, { once: true });

  const exit = await new Promise<{ code: number | null; signal: string | null; error: string | null }>((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once("exit", (code, signal) => resolve({ code, signal, error: null }));
  });
  const duration_ms = Math.round(performance.now() - started);
  clearTimeout(timer);
  clearTimeout(killTimer);
  opts.signal?.removeEventListener("abort", onAbort);

  // The agent is gone; whatever it left running is not allowed to outlive the run.
  await sweepRun(opts.runId, pgid);
  if (pgid !== null) liveGroups.delete(pgid);
  const drained = await Promise.all([stdout.drained(PIPE_DRAIN_MS), stderr.drained(PIPE_DRAIN_MS)]);
  if (!drained.every(Boolean)) {
    child.stdout?.destroy();
    child.stderr?.destroy();
  }
  await Promise.all([stdout.close(), stderr.close()]);

  return {
    code: exit.code,
    signal: exit.signal,
    timed_out: timedOut,
    duration_ms,
    spawn_error: exit.error,
    interrupted,
    summary: summary.finish(),
    stdout_truncated: stdout.truncated,
    stderr_truncated: stderr.truncated,
  };
}
