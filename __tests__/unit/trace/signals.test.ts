import { describe, expect, test } from "vitest";
import { parseSignals } from "../../../src/trace/index.js";

const lines = (...rows: unknown[]) => rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n");

describe("parseSignals", () => {
  test("turns each adapter row into an event body", () => {
    const out = parseSignals(
      lines(
        { kind: "ToolUseEvent", tool_use_id: "tu_1", tool_name: "add_issue_labels", input: { labels: ["bug"] } },
        { kind: "ToolResultEvent", tool_use_id: "tu_1", output: "ok", is_error: false },
        { kind: "SubagentSpawnEvent", parent_tool_use_id: "tu_1" },
        { kind: "HookEvent", hook_name: "PreToolUse", tool_name: "Bash" },
      ),
    );
    expect(out.invalid).toBe(0);
    expect(out.events.map((e) => e.kind)).toEqual(["ToolUseEvent", "ToolResultEvent", "SubagentSpawnEvent", "HookEvent"]);
    expect(out.events[0]).toMatchObject({ tool_name: "add_issue_labels", input: { labels: ["bug"] } });
  });

  test("fills the fields adapters usually leave out", () => {
    const out = parseSignals(lines({ kind: "ToolResultEvent", tool_use_id: "tu_1", output: 1 }, { kind: "LlmCallEvent", host: "api.openai.com", port: 443, model: "gpt-4o-mini" }));
    expect(out.events[0]).toMatchObject({ is_error: false });
    expect(out.events[1]).toMatchObject({ url: null, status: null, prompt_tokens: null, latency_ms: 0, bytes_in: 0, bytes_out: 0 });
  });

  test("drops envelope fields the adapter wrote; the writer stamps its own", () => {
    const out = parseSignals(lines({ kind: "HookEvent", hook_name: "Stop", tool_name: null, event_id: "mine", seq: 9, ts: "x", run_id: "other" }));
    expect(out.events[0]).toEqual({ kind: "HookEvent", hook_name: "Stop", tool_name: null });
  });

  test("extracts the last RunSummary as the agent's summary", () => {
    const out = parseSignals(lines({ kind: "RunSummary", summary: "first" }, { kind: "RunSummary", summary: "Labelled #1 as bug." }));
    expect(out.summary).toBe("Labelled #1 as bug.");
    expect(out.events).toHaveLength(2);
  });

  test("counts bad JSON, non-objects, unknown kinds and schema failures as invalid, with their lines", () => {
    const out = parseSignals(
      lines(
        "{not json",
        "[1,2]",
        { kind: "TwinHttpEvent", twin: "github" },
        { kind: "Telemetry" },
        { tool_name: "no kind" },
        { kind: "ToolUseEvent", tool_name: "missing id" },
        { kind: "HookEvent", hook_name: "Stop" },
      ),
    );
    expect(out.invalid).toBe(6);
    expect(out.problems.map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.problems[5].message).toMatch(/invalid ToolUseEvent: tool_use_id/);
    expect(out.events).toHaveLength(1);
  });

  test("ignores blank lines and Windows line endings", () => {
    const out = parseSignals(`\r\n${JSON.stringify({ kind: "RunSummary", summary: "done" })}\r\n\r\n`);
    expect(out).toMatchObject({ invalid: 0, summary: "done" });
  });

  test("gives no summary when the agent wrote none", () => {
    expect(parseSignals("").summary).toBeNull();
  });
});
