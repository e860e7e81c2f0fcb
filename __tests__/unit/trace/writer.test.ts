import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createRedactor, placeholder, traceEventSchema, TraceWriter, type TwinCall } from "../../../src/trace/index.js";

const dir = () => mkdtempSync(join(tmpdir(), "pome-trace-"));
const clock = (start = Date.UTC(2025, 0, 2, 3, 4, 5)) => {
  let t = start;
  return () => new Date((t += 250));
};

const call = (over: Partial<TwinCall> = {}): TwinCall => ({
  twin: "github",
  transport: "rest",
  operation: "add_issue_labels",
  args: { owner: "acme", repo: "api", issue_number: 1, labels: ["bug"] },
  method: "POST",
  path: "/repos/acme/api/issues/1/labels",
  query: {},
  request_headers: { authorization: "Bearer ghp_0123456789abcdefghijABCDEFGHIJ012345" },
  request_body: { labels: ["bug"] },
  status: 200,
  response_body: [{ name: "bug" }],
  latency_ms: 3,
  fidelity: "semantic",
  state_mutation: true,
  idempotent_replay: false,
  preflight: false,
  error: null,
  ...over,
});

const writers: TraceWriter[] = [];
const open = (file: string, secrets: string[] = []) => {
  const w = new TraceWriter({ runId: "run_01TEST", file, redactor: createRedactor({ secrets }), now: clock() });
  writers.push(w);
  return w;
};
afterEach(async () => {
  for (const w of writers.splice(0)) await w.close();
});

const rows = (file: string) =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));

describe("TraceWriter", () => {
  test("stamps event ids, sequence numbers, timestamps, the run id and a null parent", () => {
    const w = open(join(dir(), "events.jsonl"));
    const first = w.emit("TwinHttpEvent", call());
    const second = w.emit("AgentExitEvent", { code: 0, signal: null, timed_out: false, duration_ms: 1200, preflight: false });
    expect([first.event_id, first.seq, first.parent_id, first.run_id]).toEqual(["evt_000001", 0, null, "run_01TEST"]);
    expect([second.event_id, second.seq]).toEqual(["evt_000002", 1]);
    expect(second.ts).toBe("2025-01-02T03:04:05.500Z");
  });

  test("keeps a parent id when one is given", () => {
    const w = open(join(dir(), "events.jsonl"));
    const parent = w.emit("ToolUseEvent", { tool_use_id: "tu_1", tool_name: "gh", input: {} });
    const child = w.emit("ToolResultEvent", { tool_use_id: "tu_1", output: "ok", is_error: false, parent_id: parent.event_id });
    expect(child.parent_id).toBe("evt_000001");
  });

  test("appends each row to the file as it is emitted, before close", () => {
    const file = join(dir(), "nested", "events.jsonl");
    const w = open(file);
    w.emit("EgressRefusedEvent", { host: "example.com", port: 443, reason: "not on the egress allowlist" });
    expect(rows(file)).toHaveLength(1);
    w.emit("EgressRefusedEvent", { host: "example.org", port: 443, reason: "not on the egress allowlist" });
    expect(rows(file).map((r) => r.host)).toEqual(["example.com", "example.org"]);
  });

  test("writes rows that validate against the event schema, envelope first", () => {
    const file = join(dir(), "events.jsonl");
    const w = open(file);
    w.emit("TwinHttpEvent", call());
    const [row] = rows(file);
    expect(traceEventSchema.safeParse(row).success).toBe(true);
    expect(Object.keys(row).slice(0, 6)).toEqual(["kind", "event_id", "parent_id", "ts", "seq", "run_id"]);
  });

  test("redacts the file but keeps the unredacted event in memory", () => {
    const file = join(dir(), "events.jsonl");
    const w = open(file, ["session-secret-0001"]);
    w.emit("TwinHttpEvent", call({ response_body: { note: "session-secret-0001" } }));
    const [row] = rows(file);
    expect(row.request_headers.authorization).toBe(`Bearer ${placeholder("ghp_0123456789abcdefghijABCDEFGHIJ012345")}`);
    expect(row.response_body.note).toBe(placeholder("session-secret-0001"));
    const kept = w.events[0] as { response_body: { note: string } };
    expect(kept.response_body.note).toBe("session-secret-0001");
  });

  test("accepts a body that repeats its kind", () => {
    const w = open(join(dir(), "events.jsonl"));
    const e = w.emit("RunSummary", { kind: "RunSummary", summary: "labelled #1 as bug" });
    expect(e.kind).toBe("RunSummary");
  });

  test("rejects an event that does not match its schema, naming the field", () => {
    const w = open(join(dir(), "events.jsonl"));
    expect(() => w.emit("AgentExitEvent", { code: "zero", signal: null, timed_out: false, duration_ms: 1, preflight: false } as never)).toThrow(
      /invalid AgentExitEvent event: code/,
    );
    expect(w.events).toHaveLength(0);
  });

  test("appends to an existing file instead of truncating it", () => {
    const file = join(dir(), "events.jsonl");
    writeFileSync(file, '{"earlier":true}\n');
    const w = open(file);
    w.emit("HookEvent", { hook_name: "PreToolUse", tool_name: null });
    expect(readFileSync(file, "utf8").split("\n")[0]).toBe('{"earlier":true}');
  });

  test("keeps events emitted after close in memory only and counts them", async () => {
    const file = join(dir(), "events.jsonl");
    const w = open(file);
    w.emit("HookEvent", { hook_name: "Stop", tool_name: null });
    await w.close();
    await w.close();
    w.emit("EgressRefusedEvent", { host: "late.example", port: 443, reason: "late" });
    expect(rows(file)).toHaveLength(1);
    expect(w.events).toHaveLength(2);
    expect(w.unwritten).toBe(1);
  });
});
