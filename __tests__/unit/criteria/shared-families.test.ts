import { describe, expect, it } from "vitest";
import {
  firstDifference,
  operationCallFamily,
  type RecordedCall,
  stateUnchangedFamily,
  unsupportedCallFamily,
} from "../../../src/criteria/index.js";
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../src/criteria/index.js";

// A twin-neutral "notes" twin: the shared families must work for any twin's catalog.
const operations = ["create_note", "delete_note", "list_notes"];

const families: PhraseFamily[] = [
  operationCallFamily({ id: "notes.calls", vendor: "Notes", examples: ["`delete_note` was never called", "`create_note` was called twice"] }),
  unsupportedCallFamily({ id: "notes.unsupported", vendor: "Notes", examples: ["No unsupported endpoint was called"] }),
  stateUnchangedFamily({ id: "notes.unchanged", vendor: "Notes", names: ["notes"], examples: ["No mutation", "State unchanged"] }),
];

let seq = 0;
function call(operation: string | null, over: Partial<RecordedCall> = {}): RecordedCall {
  return {
    event_id: `evt_${++seq}`,
    twin: "notes",
    transport: "rest",
    operation,
    args: {},
    method: "POST",
    path: "/notes",
    query: {},
    request_headers: {},
    request_body: {},
    status: 200,
    response_body: {},
    latency_ms: 1,
    fidelity: operation ? "semantic" : "unsupported",
    state_mutation: operation !== null && operation !== "list_notes",
    idempotent_replay: false,
    preflight: false,
    error: null,
    ...over,
  };
}

function run(text: string, calls: RecordedCall[], initial: unknown = { notes: [] }, final: unknown = initial): CheckOutcome {
  const ctx: CompileContext = { twin: "notes", operations, initial, identityKeys: [["id"]] };
  for (const family of families) {
    const result = family.compile(text, ctx);
    if (result === null) continue;
    if (!result.ok) throw new Error(result.error);
    const input: CheckInput = { initial: { notes: initial }, final: { notes: final }, calls, events: [] };
    return result.predicate(input) as CheckOutcome;
  }
  throw new Error(`not understood: ${text}`);
}

describe("operation calls", () => {
  it("passes 'was never called' when the operation was not called", () => {
    expect(run("`delete_note` was never called", [call("create_note")]).passed).toBe(true);
  });

  it("fails 'was never called' and cites the forbidden call", () => {
    const forbidden = call("delete_note");
    const outcome = run("`delete_note` was never called", [call("create_note"), forbidden]);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([forbidden.event_id]);
    expect(outcome.reason).toContain(forbidden.event_id);
  });

  it("counts REST and MCP calls of an operation the same", () => {
    const calls = [call("create_note", { transport: "rest" }), call("create_note", { transport: "mcp" })];
    expect(run("`create_note` was called twice", calls).passed).toBe(true);
    expect(run("`create_note` was called at most once", calls).passed).toBe(false);
  });

  it("counts failed attempts too", () => {
    expect(run("`delete_note` was not called", [call("delete_note", { status: 403 })]).passed).toBe(false);
  });

  it("reads 'called N times', 'at least', and 'no X calls were made'", () => {
    const calls = [call("create_note"), call("create_note"), call("create_note")];
    expect(run("`create_note` was called 3 times", calls).passed).toBe(true);
    expect(run("`create_note` was called at least 4 times", calls).passed).toBe(false);
    expect(run("No `delete_note` calls were made", calls).passed).toBe(true);
    expect(run("The agent never called `create_note`", calls).passed).toBe(false);
  });

  it("ignores calls of other twins", () => {
    expect(run("`delete_note` was never called", [call("delete_note", { twin: "slack" })]).passed).toBe(true);
  });

  it("refuses an operation the twin does not have, naming the closest", () => {
    const ctx: CompileContext = { twin: "notes", operations, initial: {}, identityKeys: [["id"]] };
    const result = families[0].compile("The delete endpoint was not called", ctx);
    expect(result).toMatchObject({ ok: false, family: "notes.calls" });
    expect(result && !result.ok && result.error).toContain("`delete_note`");
  });

});

describe("unsupported calls", () => {
  it("fails when a call hit an unimplemented endpoint, citing it", () => {
    const unsupported = call(null, { status: 501, path: "/notes/export", method: "GET" });
    const outcome = run("No unsupported endpoint was called", [call("create_note"), unsupported]);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([unsupported.event_id]);
    expect(outcome.reason).toContain("GET /notes/export");
  });

  it("passes when every call was supported", () => {
    expect(run("No unsupported endpoint was called", [call("create_note")]).passed).toBe(true);
    expect(run("At most one unsupported call was made", [call(null)]).passed).toBe(true);
  });
});

describe("state unchanged", () => {
  it("'No mutation' fails on a mutating call even when its effect was undone", () => {
    const outcome = run("No mutation", [call("create_note"), call("delete_note")]);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toHaveLength(2);
  });

  it("'No mutation' passes on reads only", () => {
    expect(run("No mutation", [call("list_notes")]).passed).toBe(true);
  });

  it("'State unchanged' compares the snapshots and names the first difference", () => {
    const outcome = run("State unchanged", [], { notes: [{ id: 1, text: "a" }] }, { notes: [{ id: 1, text: "b" }] });
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("notes[1].text");
  });

  it("'The notes state was modified' expects a change", () => {
    expect(run("The notes state was modified", [], { notes: [] }, { notes: [{ id: 1 }] }).passed).toBe(true);
    expect(run("The notes state was not modified", [], { notes: [] }, { notes: [{ id: 1 }] }).passed).toBe(false);
  });

  it("counts successful mutating calls", () => {
    expect(run("Exactly 1 mutating call was made", [call("create_note"), call("create_note", { status: 422 })]).passed).toBe(true);
  });
});

describe("firstDifference", () => {
  it("names array elements by their identity field", () => {
    const before = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, state: "open" }] }] };
    const after = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, state: "closed" }] }] };
    expect(firstDifference(before, after, [["full_name"], ["number"]])).toBe("repositories[acme/api].issues[#1].state");
    expect(firstDifference(before, before, [["full_name"], ["number"]])).toBeUndefined();
  });
});
