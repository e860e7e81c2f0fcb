import { afterEach, describe, expect, test } from "vitest";
import { createFaultBook } from "../../../src/twins/engine/faults.js";
import type { FaultRule } from "../../../src/twins/index.js";
import { NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

let world: NotesWorld | undefined;
afterEach(() => world?.close());

const rule = (r: Partial<FaultRule>): FaultRule => ({ twin: NOTES, operation: "create_note", ...r });
const noteCount = (w: NotesWorld) => (w.session.snapshot()[NOTES] as { notes: unknown[] }).notes.length;

describe("fault book", () => {
  test("counts attempts per operation and matches 1-based attempt numbers", () => {
    const book = createFaultBook([rule({ attempts: [2], status: 500 })]);
    expect([book.attempt("create_note"), book.attempt("create_note"), book.attempt("create_note")].map((r) => r?.status)).toEqual([undefined, 500, undefined]);
  });

  test("a rule without attempts applies every time; other operations are not counted", () => {
    const book = createFaultBook([rule({ status: 429 })]);
    expect(book.attempt("get_note")).toBeNull();
    expect(book.attempt("create_note")?.status).toBe(429);
    expect(book.attempt("create_note")?.status).toBe(429);
  });

  test("reset restarts the count", () => {
    const book = createFaultBook([rule({ attempts: [1], status: 500 })]);
    book.attempt("create_note");
    book.reset();
    expect(book.attempt("create_note")?.status).toBe(500);
  });
});

describe("fault injection", () => {
  test("a status fault answers the given body and headers without running the handler", async () => {
    world = await notesWorld({
      faults: [rule({ attempts: [1], status: 429, body: { error: { code: "rate_limited", message: "slow down" } }, headers: { "Retry-After": "7" } })],
    });
    const first = await world.call("POST", "/notes", { body: { title: "x" } });
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.body).toEqual({ error: { code: "rate_limited", message: "slow down" } });
    expect(noteCount(world)).toBe(1);
    const second = await world.call("POST", "/notes", { body: { title: "x" } });
    expect(second.status).toBe(201);
    expect(world.calls.map((c) => [c.status, c.state_mutation])).toEqual([
      [429, false],
      [201, true],
    ]);
    expect(world.calls[0].error).toEqual({ code: "rate_limited", message: "slow down" });
  });

  test("a status fault without a body uses the twin's envelope", async () => {
    world = await notesWorld({ faults: [rule({ status: 503 })] });
    const res = await world.call("POST", "/notes", { body: { title: "x" } });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ error: { code: "http_503", message: "Service Unavailable" } });
  });

  test("a lost response mutates, then answers 502 in the twin's envelope", async () => {
    world = await notesWorld({ faults: [rule({ attempts: [1], lose_response: true })] });
    const res = await world.call("POST", "/notes", { body: { title: "lost" } });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("http_502");
    expect(noteCount(world)).toBe(2);
    expect(world.calls[0]).toMatchObject({ status: 502, state_mutation: true, response_body: { error: { code: "http_502" } } });
  });

  test("latency delays the answer", async () => {
    world = await notesWorld({ faults: [rule({ operation: "list_notes", latency_ms: 150 })] });
    const started = performance.now();
    const res = await world.call("GET", "/notes");
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test("faults of another twin are ignored", async () => {
    world = await notesWorld({ faults: [{ twin: "github", operation: "create_note", status: 500 }] });
    expect((await world.call("POST", "/notes", { body: { title: "x" } })).status).toBe(201);
  });

  test("reseeding restarts attempt numbers", async () => {
    world = await notesWorld({ faults: [rule({ attempts: [1], status: 500 })] });
    expect((await world.call("POST", "/notes", { body: { title: "x" } })).status).toBe(500);
    world.session.reseed();
    expect((await world.call("POST", "/notes", { body: { title: "x" } })).status).toBe(500);
  });
});
