/**
 * A `[D]` sentence in a scenario with several twins: exactly one twin must accept it, a
 * tag (`[D:stripe]`) picks one, and operation names two twins share are qualified by
 * their twin. Two twin-neutral test twins share the families every real twin builds on.
 */
import { describe, expect, test } from "vitest";
import {
  compileCriterion,
  operationCallFamily,
  stateUnchangedFamily,
  unsupportedCallFamily,
  type CheckInput,
  type RecordedCall,
  type Vocabulary,
} from "../../../src/criteria/index.js";

function vocabulary(twin: string, operations: string[], booted = true): Vocabulary {
  const vendor = twin[0].toUpperCase() + twin.slice(1);
  return {
    twin,
    booted,
    operations,
    initial: {},
    identityKeys: [],
    families: [
      operationCallFamily({ id: `${twin}.calls`, vendor, examples: [`\`${operations[0]}\` was never called`] }),
      unsupportedCallFamily({ id: `${twin}.unsupported`, vendor, examples: ["No unsupported endpoint was called"] }),
      stateUnchangedFamily({ id: `${twin}.unchanged`, vendor, names: [twin], examples: ["No mutation", `The ${vendor} state was not modified`] }),
    ],
  };
}

// `list_users` exists in both; `create_note` only in notes, `create_ticket` only in tickets.
const notes = vocabulary("notes", ["create_note", "list_users"]);
const tickets = vocabulary("tickets", ["create_ticket", "list_users"]);
const both = [notes, tickets];

function call(twin: string, operation: string): RecordedCall {
  return {
    event_id: `evt_${twin}_${operation}`,
    twin,
    transport: "rest",
    operation,
    args: {},
    method: "POST",
    path: `/${operation}`,
    query: {},
    request_headers: {},
    request_body: {},
    status: 200,
    response_body: {},
    latency_ms: 1,
    fidelity: "semantic",
    state_mutation: true,
    idempotent_replay: false,
    preflight: false,
    error: null,
  };
}

const input = (calls: RecordedCall[]): CheckInput => ({ initial: { notes: {}, tickets: {} }, final: { notes: {}, tickets: {} }, calls, events: [] });

describe("a [D] sentence with several twins", () => {
  test("the one twin that accepts it compiles it, and the result names that twin", () => {
    const compiled = compileCriterion("`create_ticket` was called once", both);
    expect(compiled).toMatchObject({ ok: true, family: "tickets.calls", twin: "tickets" });
  });

  test("a twin that refuses the sentence's arguments does not block the twin that accepts it", async () => {
    // notes' family claims the sentence but has no `create_ticket`; tickets accepts it.
    const compiled = compileCriterion("`create_ticket` was never called", both);
    if (!compiled.ok) throw new Error(compiled.error);
    expect(await compiled.check(input([call("notes", "create_note")]))).toMatchObject({ passed: true });
    expect(await compiled.check(input([call("tickets", "create_ticket")]))).toMatchObject({ passed: false });
  });

  test("a sentence two twins accept is an error naming both and asking for a tag", () => {
    const compiled = compileCriterion("No mutation", both);
    expect(compiled).toEqual({
      ok: false,
      error:
        '[D] more than one twin of this scenario understands "No mutation": notes (`notes.unchanged`) and tickets (`tickets.unchanged`); ' +
        "say which twin it is about with a tag: [D:notes] or [D:tickets]",
    });
  });

  test("the suggested tags keep a must-pass marker", () => {
    expect(compileCriterion("No mutation", both, { mustPass: true })).toMatchObject({ ok: false, error: expect.stringMatching(/\[D!:notes\] or \[D!:tickets\]$/) });
  });

  test("a tag compiles the sentence against that twin alone", async () => {
    const compiled = compileCriterion("No mutation", both, { twin: "tickets" });
    expect(compiled).toMatchObject({ ok: true, family: "tickets.unchanged", twin: "tickets" });
    if (!compiled.ok) return;
    expect(await compiled.check(input([call("notes", "create_note")]))).toMatchObject({ passed: true });
    expect(await compiled.check(input([call("tickets", "create_ticket")]))).toMatchObject({ passed: false });
  });

  test("a tag naming a twin the scenario does not boot is an error that lists its twins", () => {
    const idle = vocabulary("slack", ["chat_postMessage"], false);
    expect(compileCriterion("No mutation", [...both, idle], { twin: "slack" })).toEqual({
      ok: false,
      error: "[D] the twin tag `slack` names no twin of this scenario (its twins: notes, tickets)",
    });
  });

  test("a sentence naming its twin needs no tag", () => {
    expect(compileCriterion("The Tickets state was not modified", both)).toMatchObject({ ok: true, twin: "tickets" });
    expect(compileCriterion("No unsupported Notes endpoint was called", both)).toMatchObject({ ok: true, twin: "notes" });
  });

  test("with one twin, the twin-neutral sentences compile as before", () => {
    expect(compileCriterion("No mutation", [notes])).toMatchObject({ ok: true, twin: "notes" });
    expect(compileCriterion("No unsupported endpoint was called", [notes])).toMatchObject({ ok: true, twin: "notes" });
  });

  test("an expression is no twin's, unless tagged", () => {
    expect(compileCriterion("ok => `true`", both)).toMatchObject({ ok: true, family: "expression", twin: null });
    expect(compileCriterion("ok => `true`", both, { twin: "notes" })).toMatchObject({ ok: true, family: "expression", twin: "notes" });
  });

  test("text no twin understands lists the closest phrasings over every twin, each with its twin", () => {
    const compiled = compileCriterion("Nothing at all changed anywhere", both);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error).toMatch(/^\[D\] no phrase family of notes, tickets understands "Nothing at all changed anywhere" — closest phrasings: /);
    expect(compiled.error).toMatch(/\((notes|tickets)\)"/);
  });

  test("when every twin refuses the arguments, each twin's reason is given", () => {
    const compiled = compileCriterion("`create_widget` was never called", both);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    expect(compiled.error).toMatch(/^\[D\] notes: `create_widget` is not a Notes operation.*; tickets: `create_widget` is not a Tickets operation/);
  });
});

describe("operation names with several twins", () => {
  test("a name two twins share is ambiguous", () => {
    expect(compileCriterion("`list_users` was never called", both)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/more than one twin .* notes \(`notes.calls`\) and tickets \(`tickets.calls`\).*\[D:notes\] or \[D:tickets\]/),
    });
  });

  test("qualified by its twin (`tickets.list_users` or `tickets:list_users`), it is that twin's and counts only its calls", async () => {
    for (const name of ["tickets.list_users", "tickets:list_users"]) {
      const compiled = compileCriterion(`\`${name}\` was never called`, both);
      expect(compiled).toMatchObject({ ok: true, twin: "tickets" });
      if (!compiled.ok) return;
      expect(await compiled.check(input([call("notes", "list_users")]))).toMatchObject({ passed: true });
      expect(await compiled.check(input([call("tickets", "list_users")]))).toMatchObject({ passed: false });
    }
  });

  test("a tag settles it too", () => {
    expect(compileCriterion("`list_users` was never called", both, { twin: "notes" })).toMatchObject({ ok: true, twin: "notes" });
  });

  test("a qualified name the twin does not have is an error naming what it has", () => {
    expect(compileCriterion("`tickets.create_note` was never called", both)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/tickets: `create_note` is not a Tickets operation, so this criterion could never fail; did you mean/),
    });
  });
});
