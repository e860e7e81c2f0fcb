import { afterEach, describe, expect, test } from "vitest";
import { POME_VERSION } from "../../../src/version.js";
import { createTwinServer, SESSION_EPOCH } from "../../../src/twins/index.js";
import { notesTwin } from "./notes-twin.js";
import { LEDGER, NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

const worlds: NotesWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.splice(0).map((w) => w.close()));
});
const open = async (...args: Parameters<typeof notesWorld>) => {
  const w = await notesWorld(...args);
  worlds.push(w);
  return w;
};

async function script(w: NotesWorld) {
  await w.call("POST", "/notes", { body: { title: "One", tags: ["a"] } });
  await w.call("PATCH", "/notes/101", { body: { body: "changed" } });
  await w.call("GET", "/notes");
  await w.call("POST", "/notes", { body: { title: "Two" } });
  await w.call("DELETE", "/notes/102");
}

describe("sessions", () => {
  test("seeds are validated and defaults applied; a missing seed is the default", async () => {
    const w = await open({ seeds: { [NOTES]: { notes: [{ title: "Seeded" }] } } });
    expect(w.session.snapshot()[NOTES]).toMatchObject({ notes: [{ id: 101, title: "Seeded", body: "", tags: [], created_at: SESSION_EPOCH }], files: {} });
    const d = await open();
    expect(d.session.snapshot()[NOTES]).toMatchObject({ notes: [{ title: "Welcome" }] });
  });

  test("a bad seed is refused with the JSON path", async () => {
    const w = await open();
    expect(() => w.server.openSession({ twins: [NOTES], seeds: { [NOTES]: { notes: [{ title: 3 }] } } })).toThrow(/notes\[0\]\.title|notes\.0\.title/);
  });

  test("a twin the server does not serve is refused", async () => {
    const server = await createTwinServer([notesTwin]);
    try {
      expect(() => server.openSession({ twins: ["github"] })).toThrow(/not served/);
    } finally {
      await server.close();
    }
  });

  test("the same seed and the same calls give byte-identical snapshots", async () => {
    const a = await open({ seedKey: "scenario:1" });
    const b = await open({ seedKey: "scenario:1" });
    await script(a);
    await script(b);
    expect(JSON.stringify(b.session.snapshot())).toBe(JSON.stringify(a.session.snapshot()));
    expect(b.calls.map((c) => c.response_body)).toEqual(a.calls.map((c) => c.response_body));
  });

  test("another seed key gives other generated hex ids", async () => {
    const a = await open({ seedKey: "k1" });
    const b = await open({ seedKey: "k2" });
    const sha = (w: NotesWorld) => (w.session.snapshot()[NOTES] as { notes: Array<{ sha: string }> }).notes[0].sha;
    expect(sha(a)).not.toBe(sha(b));
  });

  test("each recorded call advances the clock by one second", async () => {
    const w = await open();
    await w.call("GET", "/notes");
    await w.call("GET", "/nope");
    const created = await w.call("POST", "/notes", { body: { title: "t" } });
    expect(created.body.created_at).toBe("2026-01-01T09:00:03Z");
  });

  test("reseed restores the seeded state, clock and ids", async () => {
    const w = await open();
    const initial = JSON.stringify(w.session.snapshot());
    const first = await w.call("POST", "/notes", { body: { title: "t" } });
    w.session.reseed();
    expect(JSON.stringify(w.session.snapshot())).toBe(initial);
    const again = await w.call("POST", "/notes", { body: { title: "t" } });
    expect(again.body).toEqual(first.body);
  });

  test("env names every URL and token", async () => {
    const w = await open({ twins: [NOTES, LEDGER] });
    const { env, urls, tokens, jwt } = w.session;
    expect(env).toMatchObject({
      POME_TWIN_NAMES: "notes,ledger",
      POME_AUTH_TOKEN: jwt,
      POME_NOTES_REST_URL: urls[NOTES]!.rest,
      POME_NOTES_MCP_URL: urls[NOTES]!.mcp,
      POME_LEDGER_REST_URL: urls[LEDGER]!.rest,
      POME_NOTES_TOKEN: tokens[NOTES],
      POME_LEDGER_KEY: tokens[LEDGER],
      POME_NOTES_ORIGIN: w.server.origin,
    });
    expect(urls[NOTES]!.rest).toBe(`${w.server.origin}/s/${w.session.id}/notes`);
    expect(urls[NOTES]!.mcp).toBe(`${urls[NOTES]!.rest}/mcp`);
  });

  test("sessions are isolated", async () => {
    const w = await open();
    const other = w.server.openSession({ twins: [NOTES] });
    await w.call("POST", "/notes", { body: { title: "only here" } });
    expect((other.snapshot()[NOTES] as { notes: unknown[] }).notes).toHaveLength(1);
  });

  test("an unknown session or a twin outside the session answers 404", async () => {
    const w = await open();
    expect((await fetch(`${w.server.origin}/s/nope/notes/notes`)).status).toBe(404);
    expect((await fetch(`${w.server.origin}/s/${w.session.id}/ledger/v1/entries`)).status).toBe(404);
  });

  test("the server binds loopback, and /healthz describes a single twin", async () => {
    const server = await createTwinServer([notesTwin]);
    try {
      expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await (await fetch(`${server.origin}/healthz`)).json();
      expect(health).toEqual({ ok: true, version: POME_VERSION, twins: ["notes"], twin: "notes", operations: notesTwin.operations.length });
    } finally {
      await server.close();
    }
  });

  test("/healthz with several twins lists them only", async () => {
    const w = await open();
    expect(await (await fetch(`${w.server.origin}/healthz`)).json()).toEqual({ ok: true, version: POME_VERSION, twins: ["notes", "ledger"] });
  });

  test("garbage on the socket does not take the server down", async () => {
    const w = await open();
    const net = await import("node:net");
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(new URL(w.server.origin).port), "127.0.0.1", () => socket.write("NOT HTTP\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => (data += chunk));
      socket.on("close", () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect((await w.call("GET", "/notes")).status).toBe(200);
  });
});
