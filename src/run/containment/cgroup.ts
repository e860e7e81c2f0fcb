/**
 * A cgroup v2 per run, where pome may create one: below its own cgroup (root, or a cgroup
 * delegated to the user, as systemd does for login sessions). Membership is inherited at
 * fork and no process can leave a cgroup on its own, so every process the agent starts —
 * new session, empty environment, double fork, any argv — stays in it, and `cgroup.kill`
 * (Linux 5.14+; before, freeze and SIGKILL each member) ends them all at once.
 *
 * The agent is born inside: pome moves itself into the run's cgroup for the instant of the
 * spawn (synchronous: the fork happens inside spawn()) and back right after, so nothing
 * about the agent's process changes (same pid, parent, environment, stdio and errors).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

export interface CgroupHome {
  /** Our own cgroup's directory: run cgroups are made below it. */
  base: string;
  /** `cgroup.kill` exists (Linux 5.14+). */
  canKill: boolean;
}

let home: CgroupHome | null | undefined;

/** Where run cgroups can be made, found once per process; null when they cannot. */
export function cgroupHome(): CgroupHome | null {
  if (home === undefined) {
    try {
      home = probe();
    } catch {
      home = null;
    }
  }
  return home;
}

/** Test seam: forget the probe's answer. */
export function resetCgroupHome(): void {
  home = undefined;
}

/** The v2 path of this process (`0::/a/b` in /proc/self/cgroup). */
export function ownCgroupPath(text = readFileSync("/proc/self/cgroup", "utf8")): string | null {
  const line = text.split("\n").find((l) => l.startsWith("0::"));
  if (!line) return null;
  const path = line.slice(3).trim();
  return path.startsWith("/") && !path.endsWith(" (deleted)") ? path : null;
}

/** The cgroup2 mount (pure v2 at /sys/fs/cgroup, or hybrid at /sys/fs/cgroup/unified): its mount point and the cgroup it shows as root. */
export function cgroup2Mount(text = readFileSync("/proc/self/mountinfo", "utf8")): { point: string; root: string } | null {
  for (const line of text.split("\n")) {
    const [before, after] = line.split(" - ");
    if (!after || after.split(" ")[0] !== "cgroup2") continue;
    const fields = before.split(" ");
    const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
    return { point: unescape(fields[4]), root: unescape(fields[3]) };
  }
  return null;
}

function probe(): CgroupHome | null {
  if (process.platform !== "linux") return null;
  const own = ownCgroupPath();
  const mount = cgroup2Mount();
  if (!own || !mount) return null;
  const inside = relative(mount.root, own);
  if (inside.startsWith("..")) return null;
  const base = join(mount.point, inside);
  if (!existsSync(join(base, "cgroup.procs"))) return null;
  removeStale(base);
  // Make one and move ourselves in and back: what every run does, tried once.
  const dir = join(base, `pome-${process.pid}-probe`);
  mkdirSync(dir);
  try {
    writeFileSync(join(dir, "cgroup.procs"), String(process.pid));
    writeFileSync(join(base, "cgroup.procs"), String(process.pid));
    if (ownCgroupPath() !== own) return null;
    return { base, canKill: existsSync(join(dir, "cgroup.kill")) };
  } finally {
    try {
      rmdirSync(dir);
    } catch {
      // Still holding us if the move back failed: then it is not used at all (null above).
    }
  }
}

/**
 * Run cgroups of a pome that died hard (SIGKILL, a crash): what its agents left still runs
 * there, and is ended now, by the next pome on this machine.
 */
function removeStale(base: string): void {
  for (const name of readdirSync(base)) {
    const m = /^pome-(\d+)-/.exec(name);
    if (!m || alive(Number(m[1]))) continue;
    const dir = join(base, name);
    const kill = join(dir, "cgroup.kill");
    if (existsSync(kill)) tryWrite(kill, "1");
    else killMembers(dir);
    for (let i = 0; i < 100 && isPopulated(dir); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    try {
      rmdirSync(dir);
    } catch {
      // Still populated, or not ours: left alone.
    }
  }
}

function killMembers(dir: string): void {
  for (const pid of readPids(dir)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

function readPids(dir: string): number[] {
  try {
    return readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function isPopulated(dir: string): boolean {
  try {
    return /^populated 1$/m.test(readFileSync(join(dir, "cgroup.events"), "utf8"));
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

let serial = 0;

export class RunCgroup {
  /** Set when pome could not move itself back out: then members are killed one by one, never pome. */
  private trapped = false;
  private removed = false;

  private constructor(
    readonly dir: string,
    private readonly home: CgroupHome,
  ) {}

  /** A fresh cgroup for one agent process; null when it cannot be made. */
  static create(runId: string): RunCgroup | null {
    const where = cgroupHome();
    if (!where) return null;
    const dir = join(where.base, `pome-${process.pid}-${runId.replace(/[^A-Za-z0-9_.-]/g, "_")}-${++serial}`);
    try {
      mkdirSync(dir);
    } catch {
      return null;
    }
    return new RunCgroup(dir, where);
  }

  /**
   * Runs `spawn` with pome inside the run's cgroup, so the child is born there. Throws
   * (before spawning) when pome cannot enter it; the caller then spawns without it.
   */
  spawnInside<T>(spawn: () => T): T {
    writeFileSync(join(this.dir, "cgroup.procs"), String(process.pid));
    try {
      return spawn();
    } finally {
      this.leave();
    }
  }

  private leave(): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(join(this.home.base, "cgroup.procs"), String(process.pid));
        return;
      } catch {
        // Retried; the cgroup is then never killed wholesale.
      }
    }
    this.trapped = true;
  }

  /** Pids in the cgroup now (pome itself excluded). */
  members(): number[] {
    return readPids(this.dir).filter((pid) => pid !== process.pid);
  }

  populated(): boolean {
    return isPopulated(this.dir) && (!this.trapped || this.members().length > 0);
  }

  /** Ends every process in the cgroup, synchronously (also the hard-exit path). Returns how many there were. */
  killNow(): number {
    const members = this.members();
    if (members.length === 0) return 0;
    if (this.home.canKill && !this.trapped) {
      try {
        writeFileSync(join(this.dir, "cgroup.kill"), "1");
        return members.length;
      } catch {
        // Fall through to one by one.
      }
    }
    // Frozen members cannot fork while they are being killed; SIGKILL still reaches them.
    const freeze = !this.trapped && existsSync(join(this.dir, "cgroup.freeze"));
    if (freeze) tryWrite(join(this.dir, "cgroup.freeze"), "1");
    for (const pid of members) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
    if (freeze) tryWrite(join(this.dir, "cgroup.freeze"), "0");
    return members.length;
  }

  /** Kills every member, waits until the cgroup is empty (at most `waitMs`), removes it. Returns how many were killed. */
  async end(waitMs = 5_000): Promise<number> {
    const killed = new Set<number>();
    const deadline = Date.now() + waitMs;
    while (this.populated() && Date.now() < deadline) {
      for (const pid of this.members()) killed.add(pid);
      this.killNow();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.remove();
    return killed.size;
  }

  remove(): void {
    if (this.removed || this.trapped) return;
    try {
      rmdirSync(this.dir);
      this.removed = true;
    } catch {
      // Still populated (or gone): a later pome removes it once empty.
    }
  }
}

function tryWrite(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch {
    // Best effort.
  }
}
