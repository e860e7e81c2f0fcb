import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BODY_LIMIT } from "../../../src/twins/engine/request-body.js";
import { NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

let world: NotesWorld;
beforeEach(async () => {
  world = await notesWorld();
});
afterEach(() => world.close());

describe("REST input", () => {
  test("path params, query and JSON body merge into one input; path params win", async () => {
    const res = await world.call("POST", "/echo/one/t%2Fwo?q=1&tags=x&tags=y&meta[k]=v", { body: { a: "from-body", c: 3 } });
    expect(res.status).toBe(200);
    expect(res.body.input).toEqual({ a: "one", b: "t/wo", q: "1", tags: ["x", "y"], meta: { k: "v" }, c: 3 });
  });

  test("form bodies with bracket notation are fields", async () => {
    const res = await world.call("POST", "/echo/a/b", {
      raw: "items[0][price]=p1&items[0][quantity]=2&expand[]=customer",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.body.input).toMatchObject({ items: [{ price: "p1", quantity: "2" }], expand: ["customer"] });
  });

  test("multipart fields are fields and the raw bytes reach the handler", async () => {
    const form = new FormData();
    form.append("title", "hello");
    form.append("file", new Blob(["abc"], { type: "text/plain" }), "a.txt");
    const res = await fetch(`${world.rest}/echo/a/b`, { method: "POST", body: form, headers: { authorization: `Bearer ${world.session.jwt}` } });
    const body = (await res.json()) as { input: Record<string, unknown>; raw_bytes: number };
    expect(body.input.title).toBe("hello");
    expect(body.input.file).toEqual({ filename: "a.txt", content_type: "text/plain", content: "abc" });
    expect(body.raw_bytes).toBeGreaterThan(0);
  });
});

describe("REST replies", () => {
  test("a plain result is sent with the route's status", async () => {
    const res = await world.call("POST", "/notes", { body: { title: "Groceries" } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 102, title: "Groceries", author: "note-taker" });
  });

  test("204 sends an empty body", async () => {
    const res = await world.call("DELETE", "/notes/101");
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
  });

  test("a Reply is sent as given, headers included", async () => {
    const res = await world.call("POST", "/notes/101/archive");
    expect(res.status).toBe(202);
    expect(res.headers.get("x-queue")).toBe("archive");
    expect(res.body).toEqual({ queued: 101 });
  });

  test("a TwinError is rendered in the twin's envelope", async () => {
    const res = await world.call("GET", "/notes/999");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "note_not_found", message: "note 999 not found" } });
  });

  test("input failing the schema gets the twin's invalid-input error", async () => {
    const res = await world.call("POST", "/notes", { body: { title: 42 } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.issues[0].path).toBe("title");
  });

  test("malformed JSON gets the twin's malformed-body error", async () => {
    const res = await world.call("POST", "/notes", { raw: '{"title":', headers: { "content-type": "application/json" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("malformed_body");
  });

  test("a body over 10 MiB gets 413 in the twin's envelope", async () => {
    const res = await world.call("POST", "/notes", { raw: Buffer.alloc(BODY_LIMIT + 1, 0x61), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("http_413");
    expect(world.calls.at(-1)).toMatchObject({ operation: "create_note", status: 413, state_mutation: false });
  });

  test("an exception in a handler is a vendor-shaped 500 without its message or stack", async () => {
    const res = await world.call("GET", "/crash");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: "http_500", message: "Internal Server Error" } });
    expect(res.text).not.toContain("boom");
    expect(world.calls.at(-1)).toMatchObject({ operation: "crash", status: 500 });
  });

  test("an unknown route answers 501 in the twin's shape and is recorded as unsupported", async () => {
    const res = await world.call("GET", "/projects/1?x=1");
    expect(res.status).toBe(501);
    expect(res.body.error.code).toBe("unsupported");
    expect(world.calls.at(-1)).toMatchObject({ operation: null, fidelity: "unsupported", path: "/projects/1", query: { x: "1" }, status: 501 });
  });

  test("an unknown method on a known path is unsupported too", async () => {
    const res = await world.call("PUT", "/notes");
    expect(res.status).toBe(501);
  });

  test("HEAD answers like GET without a body", async () => {
    const res = await world.call("HEAD", "/notes");
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
  });
});

describe("recording", () => {
  test("a call is recorded with normalised fields", async () => {
    await world.call("POST", "/notes?source=cli", { body: { title: "A", tags: ["x"] }, headers: { "X-Custom": "1" } });
    expect(world.calls).toHaveLength(1);
    const call = world.calls[0];
    expect(call).toMatchObject({
      twin: NOTES,
      transport: "rest",
      operation: "create_note",
      args: { title: "A", body: "", tags: ["x"] },
      method: "POST",
      path: "/notes",
      query: { source: "cli" },
      request_body: { title: "A", tags: ["x"] },
      status: 201,
      fidelity: "semantic",
      state_mutation: true,
      idempotent_replay: false,
      preflight: false,
      error: null,
    });
    expect(call.request_headers["x-custom"]).toBe("1");
    expect(call.response_body).toMatchObject({ title: "A" });
    expect(call.latency_ms).toBeGreaterThanOrEqual(0);
  });

  test("a failed validation records the raw input and the error", async () => {
    await world.call("POST", "/notes", { body: { title: "" } });
    expect(world.calls[0]).toMatchObject({ args: { title: "" }, status: 422, state_mutation: false, error: { code: "invalid_input", message: "Validation failed" } });
  });

  test("reads never count as mutations, failed writes neither", async () => {
    await world.call("GET", "/notes");
    await world.call("DELETE", "/notes/555");
    expect(world.calls.map((c) => c.state_mutation)).toEqual([false, false]);
  });

  test("calls made during preflight are marked", async () => {
    world.session.setPreflight(true);
    await world.call("GET", "/notes");
    world.session.setPreflight(false);
    await world.call("GET", "/notes");
    expect(world.calls.map((c) => c.preflight)).toEqual([true, false]);
  });

  test("a replay the handler marks is recorded as such and not as a mutation", async () => {
    const headers = { "idempotency-key": "k1" };
    const first = await world.call("POST", "/notes", { body: { title: "Once" }, headers });
    const second = await world.call("POST", "/notes", { body: { title: "Once" }, headers });
    expect(second.body.id).toBe(first.body.id);
    expect(world.calls.map((c) => [c.state_mutation, c.idempotent_replay])).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});
