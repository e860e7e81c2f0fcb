/**
 * Containment: no process the agent starts outlives its run, however it detaches (new
 * session, empty environment, double fork, SIGTERM ignored, argv rewritten). The strongest
 * mechanism the platform allows is used, and meta.json names it:
 *
 * - `cgroup`: a cgroup v2 per run below pome's own cgroup (root, or a delegated cgroup);
 *   `cgroup.kill` ends every member. Complete.
 * - `subreaper`: a python3 supervisor marked PR_SET_CHILD_SUBREAPER adopts every orphan
 *   of the agent's tree and kills until it has no child left. Complete for descendants.
 * - `process-tree`: the process table is polled during the run (macOS; Linux without the
 *   above). Racy: see process-tree.ts.
 * - `marker-sweep`: only processes still carrying POME_RUN_ID are found.
 *
 * Whatever the mechanism, the agent's process group gets the same signals as always
 * (SIGTERM at the timeout, SIGKILL after the grace) and the POME_RUN_ID sweep runs last.
 * `POME_CONTAINMENT` (auto, cgroup, subreaper, process-tree, marker-sweep) picks one:
 * the named one if this machine allows it, else the next weaker one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Readable } from "node:stream";
import { pidsWithRunId, signalGroup, sweepRun } from "../process-sweep.js";
import { RunCgroup, cgroupHome } from "./cgroup.js";
import { processTable } from "./process-table.js";
import { ProcessTree } from "./process-tree.js";
import { resolveExecutable, subreaperPython, Supervised } from "./subreaper.js";

export const CONTAINMENTS = ["cgroup", "subreaper", "process-tree", "marker-sweep"] as const;
export type Containment = (typeof CONTAINMENTS)[number];

export interface ContainedSpawn {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  runId: string;
  /** `POME_CONTAINMENT`: auto (default) or one of CONTAINMENTS. */
  prefer?: string;
}

export interface ContainedExit {
  code: number | null;
  signal: string | null;
  /** Set when the process could not be started at all. */
  error: string | null;
}

export interface ContainedAgent {
  readonly containment: Containment;
  /** Something the run should say: an unknown or unavailable POME_CONTAINMENT. */
  readonly note: string | null;
  readonly stdout: Readable;
  readonly stderr: Readable;
  /** The agent itself ended (its leftovers may still run). */
  readonly exited: Promise<ContainedExit>;
  /** Signals the agent's process group. */
  signal(signal: NodeJS.Signals): void;
  /** After the exit: ends every process left, and resolves with how many there were. */
  finish(): Promise<number>;
  /** Synchronous last resort (pome is exiting now). */
  killNow(): void;
}

/** What this machine allows, strongest first (for `pome` diagnostics and tests). */
export function availableContainments(): Containment[] {
  const found: Containment[] = [];
  if (cgroupHome()) found.push("cgroup");
  if (subreaperPython()) found.push("subreaper");
  if (processTable()) found.push("process-tree");
  found.push("marker-sweep");
  return found;
}

export function spawnContained(opts: ContainedSpawn): ContainedAgent {
  const prefer = (opts.prefer ?? "").trim().toLowerCase() || "auto";
  const known = prefer === "auto" || (CONTAINMENTS as readonly string[]).includes(prefer);
  const order = known && prefer !== "auto" ? CONTAINMENTS.slice(CONTAINMENTS.indexOf(prefer as Containment)) : [...CONTAINMENTS];
  const spawnPlain = () => spawn(opts.file, opts.args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });

  const contained = ((): Built => {
    for (const kind of order) {
      if (kind === "cgroup") {
        const cgroup = RunCgroup.create(opts.runId);
        if (!cgroup) continue;
        let child: ChildProcess;
        try {
          child = cgroup.spawnInside(spawnPlain);
        } catch {
          cgroup.remove();
          continue;
        }
        return inCgroup(child, cgroup, opts.runId);
      }
      if (kind === "subreaper") {
        const python = subreaperPython();
        const path = python ? resolveExecutable(opts.file, opts.env, opts.cwd) : null;
        if (!python || !path) continue;
        return underSubreaper(new Supervised(python, path, [opts.file, ...opts.args], opts), opts.runId);
      }
      if (kind === "process-tree") {
        if (!processTable()) continue;
        return tracked(spawnPlain(), opts.runId);
      }
    }
    return swept(spawnPlain(), opts.runId);
  })();

  let note: string | null = null;
  if (!known) note = `POME_CONTAINMENT=${opts.prefer} is not one of auto, ${CONTAINMENTS.join(", ")}: used ${contained.containment}`;
  else if (prefer !== "auto" && !availableContainments().includes(prefer as Containment)) note = `POME_CONTAINMENT=${prefer} is not available here: used ${contained.containment}`;
  contained.note = note;
  return contained;
}

type Built = ContainedAgent & { note: string | null };

/** The exit of a process spawned by Node. */
function exitOf(child: ChildProcess): Promise<ContainedExit> {
  return new Promise((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error: error.message }));
    child.once("exit", (code, signal) => resolve({ code, signal, error: null }));
  });
}

function killRunMarked(runId: string): void {
  for (const pid of pidsWithRunId(runId)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

function inCgroup(child: ChildProcess, cgroup: RunCgroup, runId: string): Built {
  const pgid = child.pid ?? null;
  return {
    containment: "cgroup",
    note: null,
    stdout: child.stdout!,
    stderr: child.stderr!,
    exited: exitOf(child),
    signal: (signal) => void (pgid !== null && signalGroup(pgid, signal)),
    async finish() {
      const killed = await cgroup.end();
      return killed + (await sweepRun(runId, pgid));
    },
    killNow() {
      cgroup.killNow();
      if (pgid !== null) signalGroup(pgid, "SIGKILL");
      killRunMarked(runId);
    },
  };
}

function underSubreaper(supervised: Supervised, runId: string): Built {
  let pgid: number | null = null;
  let pending: NodeJS.Signals[] = [];
  void supervised.pid.then((pid) => {
    pgid = pid;
    if (pid !== null) for (const signal of pending) signalGroup(pid, signal);
    pending = [];
  });
  const { child } = supervised;
  return {
    // prctl() failed in the supervisor after all (the probe said it would not): orphans then go to init.
    get containment() {
      return supervised.reaper ? ("subreaper" as const) : ("marker-sweep" as const);
    },
    note: null,
    stdout: child.stdout!,
    stderr: child.stderr!,
    exited: supervised.exited,
    signal(signal) {
      if (pgid !== null) signalGroup(pgid, signal);
      else pending.push(signal);
    },
    async finish() {
      // The supervisor kills what is left as soon as the agent ends; give it time, then insist.
      const timer = setTimeout(() => {
        supervised.release();
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }, 15_000);
      const killed = await supervised.finished;
      clearTimeout(timer);
      return killed + (await sweepRun(runId, pgid));
    },
    killNow() {
      if (pgid !== null) signalGroup(pgid, "SIGKILL");
      // EOF on its fd 3 makes the supervisor end the rest on its own.
      supervised.release();
      killRunMarked(runId);
    },
  };
}

function tracked(child: ChildProcess, runId: string): Built {
  const pgid = child.pid ?? null;
  const tree = pgid !== null ? ProcessTree.track(pgid) : null;
  return {
    containment: "process-tree",
    note: null,
    stdout: child.stdout!,
    stderr: child.stderr!,
    exited: exitOf(child),
    signal: (signal) => void (pgid !== null && signalGroup(pgid, signal)),
    async finish() {
      if (pgid !== null) signalGroup(pgid, "SIGKILL");
      const killed = (await tree?.killAll()) ?? 0;
      return killed + (await sweepRun(runId, pgid));
    },
    killNow() {
      if (pgid !== null) signalGroup(pgid, "SIGKILL");
      tree?.killKnown();
      killRunMarked(runId);
    },
  };
}

function swept(child: ChildProcess, runId: string): Built {
  const pgid = child.pid ?? null;
  return {
    containment: "marker-sweep",
    note: null,
    stdout: child.stdout!,
    stderr: child.stderr!,
    exited: exitOf(child),
    signal: (signal) => void (pgid !== null && signalGroup(pgid, signal)),
    finish: () => sweepRun(runId, pgid),
    killNow() {
      if (pgid !== null) signalGroup(pgid, "SIGKILL");
      killRunMarked(runId);
    },
  };
}
