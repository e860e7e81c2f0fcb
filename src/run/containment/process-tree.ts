/**
 * The fallback where the kernel gives pome no container (macOS; Linux without a writable
 * cgroup and without python3): the process table is polled while the agent runs, and
 * every process whose parent is a known member of the run, or that shares a member's
 * process group or session, becomes a member (identified by pid and start time, so a
 * recycled pid is never mistaken for one). When the agent exits, every member still
 * alive is SIGKILLed, and the table is read again until no new member appears.
 *
 * The race: a process is only seen if it, or a member-descendant chain to it, is alive at
 * a poll. A daemon that forks, calls setsid() and forks again, with the middle process
 * gone before the next poll (every 50 ms on Linux, 200 ms with `ps`; up to four times that
 * when one read of the table takes over a tenth of it), has neither a known parent
 * nor the run's group or session, and is missed (the POME_RUN_ID sweep may still catch it).
 */
import { processTable, procRowSync, type ProcessRow, type ProcessTable } from "./process-table.js";

export const POLL_MS = { proc: 50, ps: 200 } as const;

type Member = { start: number };

export class ProcessTree {
  private readonly members = new Map<number, Member>();
  private readonly groups = new Set<number>();
  private readonly sessions = new Set<number>();
  private rootStart: number | null = null;
  private polling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private lastPollMs = 0;

  private constructor(
    private readonly table: ProcessTable,
    private readonly root: number,
  ) {}

  /** Starts tracking the descendants of `pid` (the agent, just spawned); null without a process table. */
  static track(pid: number): ProcessTree | null {
    const table = processTable();
    if (!table) return null;
    const tree = new ProcessTree(table, pid);
    tree.polling = table
      .row(pid)
      .then((row) => {
        tree.rootStart = row?.start ?? null;
        if (row) tree.adopt(row);
      })
      .finally(() => {
        tree.polling = null;
        tree.schedule();
      });
    return tree;
  }

  /** Whether the table can be read here at all. */
  static available(): boolean {
    return processTable() !== null;
  }

  private schedule(): void {
    if (this.stopped) return;
    // About a tenth of a core at most, but never less often than four times the base interval.
    const base = POLL_MS[this.table.source];
    const delay = Math.min(4 * base, Math.max(base, 10 * this.lastPollMs));
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .then(() => undefined, () => undefined)
        .finally(() => {
        this.polling = null;
        this.schedule();
      });
    }, delay);
    this.timer.unref();
  }

  private adopt(row: ProcessRow): void {
    this.members.set(row.pid, { start: row.start });
    this.groups.add(row.pgid);
    if (row.sid > 0) this.sessions.add(row.sid);
  }

  private isMember(row: ProcessRow): boolean {
    const known = this.members.get(row.pid);
    return known !== undefined && known.start === row.start;
  }

  /** Reads the table once and adopts every new member; returns the rows of live members. */
  async poll(): Promise<ProcessRow[]> {
    const began = performance.now();
    const rows = await this.table.list();
    this.lastPollMs = performance.now() - began;
    const byPid = new Map(rows.map((r) => [r.pid, r]));
    // Started before the agent: never ours (ps start times are whole seconds, hence the slack).
    const floor = this.rootStart === null ? -Infinity : this.rootStart - (this.table.source === "ps" ? 1000 : 0);
    let grew = true;
    while (grew) {
      grew = false;
      for (const row of rows) {
        if (row.pid === process.pid || row.pid <= 1 || this.isMember(row) || row.start < floor) continue;
        const parent = byPid.get(row.ppid);
        const childOfMember = parent !== undefined && this.isMember(parent);
        const inOurGroup = this.groups.has(row.pgid) || (row.sid > 0 && this.sessions.has(row.sid));
        if (childOfMember || inOurGroup) {
          this.adopt(row);
          grew = true;
        }
      }
    }
    return rows.filter((r) => this.isMember(r) && !r.zombie && r.pid !== this.root);
  }

  /** The agent has exited: SIGKILL every member left, until a fresh read finds none. Returns how many were signalled. */
  async killAll(): Promise<number> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    let killed = 0;
    for (let pass = 0; pass < 20; pass++) {
      const live = await this.poll();
      if (live.length === 0) break;
      for (const row of live) {
        try {
          process.kill(row.pid, "SIGKILL");
          killed++;
        } catch {
          // Gone already.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return killed;
  }

  /** Synchronous last resort: SIGKILL what is known now (with /proc, only processes still the ones seen). */
  killKnown(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const [pid, member] of this.members) {
      if (this.table.source === "proc" && procRowSync(pid)?.start !== member.start) continue;
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
  }
}
