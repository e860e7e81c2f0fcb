import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { readRunRecord, resolveRunDir } from "../../../src/run/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pome-record-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const runDir = () => join(dir, "runs", "triage", "run_01ABC");
const event = (seq: number) =>
  JSON.stringify({ kind: "AgentExitEvent", event_id: `evt_${seq}`, parent_id: null, ts: "2026-01-01T00:00:00.000Z", seq, run_id: "run_01ABC", code: 0, signal: null, timed_out: false, duration_ms: 5, preflight: false });

describe("finding a run to inspect", () => {
  beforeEach(() => mkdirSync(runDir(), { recursive: true }));

  test("latest follows latest.json", () => {
    writeFileSync(join(dir, "runs", "latest.json"), JSON.stringify({ run_id: "run_01ABC", scenario: "triage", run_dir: runDir() }));
    expect(resolveRunDir("latest", { artifactsDir: "runs", cwd: dir })).toBe(runDir());
  });

  test("latest without latest.json is a usage error, not a guess", () => {
    expect(() => resolveRunDir("latest", { artifactsDir: "runs", cwd: dir })).toThrow(/no run recorded yet/);
  });

  test("a bare run id is looked up under the artifacts dir", () => {
    expect(resolveRunDir("run_01ABC", { artifactsDir: "runs", cwd: dir })).toBe(runDir());
  });

  test("a folder path is taken as given", () => {
    expect(resolveRunDir(runDir(), { artifactsDir: "elsewhere", cwd: dir })).toBe(runDir());
  });

  test("anything else is a usage error", () => {
    expect(() => resolveRunDir("run_NOPE", { artifactsDir: "runs", cwd: dir })).toThrow(/run not found: run_NOPE/);
  });
});

describe("reading a run folder", () => {
  test("keeps the valid events and reports each bad row by line", () => {
    mkdirSync(runDir(), { recursive: true });
    writeFileSync(join(runDir(), "meta.json"), JSON.stringify({ run_id: "run_01ABC" }));
    writeFileSync(join(runDir(), "events.jsonl"), `${event(0)}\nnot json\n{"kind":"Nope"}\n${event(3)}\n`);
    const record = readRunRecord(runDir());
    expect(record.events.map((e) => e.seq)).toEqual([0, 3]);
    expect(record.problems).toEqual([expect.stringMatching(/^events\.jsonl:2: /), expect.stringMatching(/^events\.jsonl:3: /)]);
    expect(record.meta).toEqual({ run_id: "run_01ABC" });
    expect(record.score).toBeNull();
  });

  test("missing files are problems, not failures", () => {
    mkdirSync(runDir(), { recursive: true });
    expect(readRunRecord(runDir()).problems).toEqual(["meta.json not found", "events.jsonl not found"]);
  });
});
