/** Paths and small readers shared by the e2e tests: real agent processes, real twins, temp folders. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runScenarios, type BatchResult, type RunOptions, type RunResult } from "../../src/run/index.js";
import type { TraceEvent } from "../../src/trace/index.js";

export const AGENTS = resolve(__dirname, "../fixtures/agents");
export const SCENARIOS = resolve(__dirname, "../fixtures/scenarios/run");
export const TRIAGE = join(SCENARIOS, "triage.md");
export const REPO_ROOT = resolve(__dirname, "../..");

/** The command line running a fixture agent with this Node. */
export function agent(name: string, ...args: string[]): string {
  return [process.execPath, join(AGENTS, name), ...args].map((w) => JSON.stringify(w)).join(" ");
}

export function tempDir(prefix = "pome-e2e-"): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A hermetic environment: no inherited POME_* or credentials from the machine running the tests. */
export const CLEAN_ENV = { PATH: process.env.PATH, HOME: process.env.HOME };

export function run(options: RunOptions): Promise<BatchResult> {
  return runScenarios({ env: CLEAN_ENV, ...options });
}

export function onlyRun(batch: BatchResult): RunResult {
  if (batch.scenarios.length !== 1 || batch.scenarios[0].runs.length !== 1) throw new Error("expected exactly one run");
  return batch.scenarios[0].runs[0];
}

export function readJson<T = Record<string, any>>(dir: string, name: string): T {
  return JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
}

export function readEvents(dir: string): TraceEvent[] {
  return readFileSync(join(dir, "events.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TraceEvent);
}

/** Processes whose environment carries this run id (Linux /proc). */
export function processesWithRunId(runId: string): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`POME_RUN_ID=${runId}`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Running (a zombie waiting for its reaper is dead). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}
