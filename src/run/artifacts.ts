/**
 * Files of a run folder. Everything written here passes through the run's redactor
 * (spec/run.md "Artifacts"); JSON is pretty-printed with a trailing newline.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Redactor } from "../trace/index.js";

export const ARTIFACT = {
  meta: "meta.json",
  events: "events.jsonl",
  toolCalls: "tool_calls.jsonl",
  stateInitial: "state_initial.json",
  stateFinal: "state_final.json",
  score: "score.json",
  fixPrompt: "fix_prompt.md",
  stdout: "stdout.txt",
  stderr: "stderr.log",
  preflightStdout: "preflight.stdout.txt",
  preflightStderr: "preflight.stderr.log",
  signals: "signals.jsonl",
  egress: "egress.jsonl",
  latest: "latest.json",
} as const;

export class RunFolder {
  constructor(
    readonly dir: string,
    public redactor: Redactor,
  ) {}

  path(name: string): string {
    return join(this.dir, name);
  }

  writeJson(name: string, value: unknown): void {
    writeFileSync(this.path(name), `${JSON.stringify(this.redactor.value(value), null, 2)}\n`);
  }

  writeJsonl(name: string, rows: readonly unknown[]): void {
    writeFileSync(this.path(name), rows.map((row) => `${JSON.stringify(this.redactor.value(row))}\n`).join(""));
  }
}

export interface LatestPointer {
  run_id: string;
  /** Scenario slug. */
  scenario: string;
  run_dir: string;
}

/** `<artifacts-dir>/latest.json`, replaced atomically so parallel runs never leave half a file. */
export function writeLatest(artifactsDir: string, pointer: LatestPointer): void {
  mkdirSync(artifactsDir, { recursive: true });
  const target = join(artifactsDir, ARTIFACT.latest);
  const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  writeFileSync(temp, `${JSON.stringify(pointer, null, 2)}\n`);
  renameSync(temp, target);
}
