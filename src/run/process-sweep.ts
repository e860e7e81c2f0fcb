/**
 * The last line of containment (containment/index.ts), and all there is where nothing
 * stronger works: one signal to the agent's process group reaches what stayed in it, and a
 * process that left the group but kept the run's POME_RUN_ID in its environment is found
 * through /proc (Linux). A process that cleared its environment is not.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Signal a whole process group; false when the group is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Pids (other than ours) whose initial environment holds `POME_RUN_ID=<runId>`. */
export function pidsWithRunId(runId: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const needle = Buffer.from(`\0POME_RUN_ID=${runId}\0`);
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${pid}/environ`);
    } catch {
      continue; // gone, or not ours to read
    }
    // Pad with NULs so the first and last variables match the same needle.
    if (Buffer.concat([Buffer.from([0]), environ, Buffer.from([0])]).includes(needle)) found.push(pid);
  }
  return found;
}

/**
 * SIGKILL the group and every process carrying the run id, repeating while new ones appear
 * (a daemon may fork while being swept). Returns how many processes were signalled.
 */
export async function sweepRun(runId: string, pgid: number | null): Promise<number> {
  if (pgid !== null) signalGroup(pgid, "SIGKILL");
  let killed = 0;
  for (let pass = 0; pass < 10; pass++) {
    const pids = pidsWithRunId(runId).filter((pid) => !isZombie(pid));
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
        killed++;
      } catch {
        // Already gone.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return killed;
}

/** A zombie is dead already; it stays in /proc until its parent reaps it. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}
