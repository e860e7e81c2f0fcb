import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

let world: NotesWorld;
beforeEach(async () => {
  world = await notesWorld();
});
afterEach(() => world.close());

const admin = (action: string, init: RequestInit & { token?: string | null } = {}) => {
  const headers: Record<string, string> = init.token === null ? {} : { "x-pome-admin-token": init.token ?? world.server.adminToken };
  return fetch(`${world.server.origin}/s/${world.session.id}/_pome/${action}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
};

describe("admin routes", () => {
  test("state is the session snapshot", async () => {
    const res = await admin("state");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(world.session.snapshot());
  });

  test("events are the recorded calls", async () => {
    await world.call("GET", "/notes");
    const events = (await (await admin("events")).json()) as Array<{ operation: string }>;
    expect(events.map((e) => e.operation)).toEqual(["list_notes"]);
  });

  test("reset reseeds", async () => {
    const before = world.session.snapshot();
    await world.call("POST", "/notes", { body: { title: "x" } });
    expect((await admin("reset", { method: "POST" })).status).toBe(200);
    expect(world.session.snapshot()).toEqual(before);
  });

  test("seed replaces a twin's seed", async () => {
    const res = await admin("seed", { method: "POST", body: JSON.stringify({ [NOTES]: { notes: [{ title: "A" }, { title: "B" }] } }), headers: { "content-type": "application/json" } });
    expect(res.status).toBe(200);
    expect((world.session.snapshot()[NOTES] as { notes: Array<{ title: string }> }).notes.map((n) => n.title)).toEqual(["A", "B"]);
  });

  test("a bad seed is refused with its issues and changes nothing", async () => {
    const before = world.session.snapshot();
    const res = await admin("seed", { method: "POST", body: JSON.stringify({ [NOTES]: { notes: "nope" } }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    expect(world.session.snapshot()).toEqual(before);
  });

  test("without the admin token, or with a wrong one, admin routes answer 403", async () => {
    expect((await admin("state", { token: null })).status).toBe(403);
    expect((await admin("state", { token: "wrong" })).status).toBe(403);
    expect((await admin("state", { token: null, headers: { authorization: `Bearer ${world.session.jwt}` } })).status).toBe(403);
  });

  test("admin calls are never recorded", async () => {
    await admin("state");
    await admin("reset", { method: "POST" });
    expect(world.calls).toEqual([]);
  });

  test("unknown admin routes and sessions answer 404", async () => {
    expect((await admin("nothing")).status).toBe(404);
    const res = await fetch(`${world.server.origin}/s/nope/_pome/state`, { headers: { "x-pome-admin-token": world.server.adminToken } });
    expect(res.status).toBe(404);
  });
});
