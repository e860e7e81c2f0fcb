/**
 * One agent process: spawned in its own process group with stdin closed, output streamed
 * to capped files, a wall-clock limit (SIGTERM to the group, SIGKILL 2 s later), and
 * contained (containment/) so that no child, grandchild or daemon of the run survives it.
 */
import type { AgentCommand } from "./agent-command.js";
import { SummaryTracker } from "./agent-summary.js";
import { spawnContained, type ContainedAgent, type Containment } from "./containment/index.js";
import { CappedOutput } from "./output-sink.js";
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
  /** `POME_CONTAINMENT`: auto, or the mechanism to use (containment/index.ts). */
  containment?: string;
}

export interface AgentOutcome extends AgentExit {
  /** Set when the process could not be started at all (ENOENT, EACCES…). */
  spawn_error: string | null;
  interrupted: boolean;
  /** Last `{"summary": "..."}` line on stdout. */
  summary: string | null;
  stdout_truncated: boolean;
  stderr_truncated: boolean;
  /** What kept the agent's processes from outliving it. */
  containment: Containment;
  /** Processes still running when the agent exited, ended by pome. */
  leftovers: number;
  /** Something the run should warn about (an unavailable POME_CONTAINMENT). */
  containment_note: string | null;
}

/** Agents running right now, so a hard exit of pome can still end them. */
const live = new Set<ContainedAgent>();

/** Synchronous last resort (second Ctrl-C): SIGKILL every running agent and all it started. */
export function killLiveAgents(): void {
  for (const agent of live) agent.killNow();
  live.clear();
}

export async function runAgent(opts: AgentSpawn): Promise<AgentOutcome> {
  const stdout = new CappedOutput(opts.stdoutFile, opts.outputCapBytes);
  const stderr = new CappedOutput(opts.stderrFile, opts.outputCapBytes);
  const summary = new SummaryTracker();
  const started = performance.now();

  const agent = spawnContained({
    file: opts.command.file,
    args: opts.command.args,
    cwd: opts.cwd,
    env: opts.env,
    runId: opts.runId,
    prefer: opts.containment,
  });
  live.add(agent);
  stdout.follow(agent.stdout, (chunk) => summary.push(chunk));
  stderr.follow(agent.stderr);

  let timedOut = false;
  let interrupted = false;
  let killTimer: NodeJS.Timeout | undefined;
  const end = () => {
    agent.signal("SIGTERM");
    killTimer ??= setTimeout(() => agent.signal("SIGKILL"), KILL_GRACE_MS);
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

  const exit = await agent.exited;
  const duration_ms = Math.round(performance.now() - started);
  clearTimeout(timer);
  clearTimeout(killTimer);
  opts.signal?.removeEventListener("abort", onAbort);

  // The agent is gone; whatever it left running is not allowed to outlive the run.
  const leftovers = await agent.finish().catch(() => 0);
  live.delete(agent);
  const drained = await Promise.all([stdout.drained(PIPE_DRAIN_MS), stderr.drained(PIPE_DRAIN_MS)]);
  if (!drained.every(Boolean)) {
    agent.stdout.destroy();
    agent.stderr.destroy();
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
    containment: agent.containment,
    leftovers,
    containment_note: agent.note,
  };
}
