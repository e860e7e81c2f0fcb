/**
 * Every process on the machine with its parent, process group, session and start time:
 * read from /proc on Linux, from `ps` elsewhere (macOS). The start time tells a process
 * from a later one that got the same pid.
 */
import { execFile, spawnSync } from "node:child_process";
import { closeSync, openSync, readdirSync, readSync } from "node:fs";

export interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  /** Session id; -1 where `ps` does not give it. */
  sid: number;
  /** Opaque but comparable within one source: clock ticks since boot (/proc) or epoch ms (ps). */
  start: number;
  zombie: boolean;
}

export interface ProcessTable {
  readonly source: "proc" | "ps";
  list(): Promise<ProcessRow[]>;
  /** One process now, or null when it is gone. */
  row(pid: number): Promise<ProcessRow | null>;
}

/** /proc/<pid>/stat: `pid (comm) state ppid pgrp session … starttime(22) …`; comm may hold spaces and parentheses. */
export function parseProcStat(text: string): ProcessRow | null {
  const close = text.lastIndexOf(")");
  if (close < 0) return null;
  const pid = Number(text.slice(0, text.indexOf(" ")));
  const fields = text.slice(close + 2).split(" ");
  // fields[0] is field 3 (state), so field n is fields[n - 3].
  const [state, ppid, pgid, sid, start] = [fields[0], fields[1], fields[2], fields[3], fields[19]];
  if (!Number.isInteger(pid) || start === undefined) return null;
  return { pid, ppid: Number(ppid), pgid: Number(pgid), sid: Number(sid), start: Number(start), zombie: state === "Z" || state === "X" };
}

const statBuffer = Buffer.alloc(4096);

/** One /proc/<pid>/stat, read into a reused buffer (a scan reads hundreds of them). */
export function procRowSync(pid: number): ProcessRow | null {
  let fd: number;
  try {
    fd = openSync(`/proc/${pid}/stat`, "r");
  } catch {
    return null;
  }
  try {
    return parseProcStat(statBuffer.toString("latin1", 0, readSync(fd, statBuffer, 0, statBuffer.length, null)));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

export const procTable: ProcessTable = {
  source: "proc",
  async list() {
    const rows: ProcessRow[] = [];
    for (const entry of readdirSync("/proc")) {
      const first = entry.charCodeAt(0);
      if (first < 48 || first > 57) continue;
      const row = procRowSync(Number(entry));
      if (row) rows.push(row);
    }
    return rows;
  },
  async row(pid) {
    return procRowSync(pid);
  },
};

/** `ps -A -o pid=,ppid=,pgid=,stat=,lstart=` lines (lstart last: it holds spaces). */
export function parsePs(text: string): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const start = Date.parse(m[5]);
    rows.push({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), sid: -1, start: Number.isNaN(start) ? 0 : start, zombie: m[4].startsWith("Z") });
  }
  return rows;
}

const PS_ENV = { PATH: process.env.PATH ?? "/usr/bin:/bin", LC_ALL: "C" };

function runPs(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile("ps", args, { env: PS_ENV, timeout: 5_000, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) =>
      resolve(String(stdout ?? "")),
    );
  });
}

export const psTable: ProcessTable = {
  source: "ps",
  async list() {
    return parsePs(await runPs(["-A", "-o", "pid=,ppid=,pgid=,stat=,lstart="]));
  },
  async row(pid) {
    return parsePs(await runPs(["-p", String(pid), "-o", "pid=,ppid=,pgid=,stat=,lstart="]))[0] ?? null;
  },
};

let chosen: ProcessTable | null | undefined;

/** /proc where it is, `ps` otherwise, null when neither answers (found once per process). */
export function processTable(): ProcessTable | null {
  if (chosen !== undefined) return chosen;
  if (procRowSync(process.pid) !== null) return (chosen = procTable);
  const probe = spawnSync("ps", ["-p", String(process.pid), "-o", "pid=,ppid=,pgid=,stat=,lstart="], { encoding: "utf8", timeout: 5_000, env: PS_ENV });
  return (chosen = parsePs(String(probe.stdout ?? "")).length === 1 ? psTable : null);
}
