import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { LEDGER, NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

let world: NotesWorld;
beforeEach(async () => {
  world = await notesWorld({ twins: [NOTES, LEDGER] });
});
afterEach(() => world.close());

const root = (path: string, init: RequestInit = {}) => fetch(`${world.server.origin}${path}`, init);

describe("root-mounted twins", () => {
  test("the vendor token alone finds the session at the server root", async () => {
    const res = await root("/v1/entries", { headers: { authorization: `Bearer ${world.session.tokens[LEDGER]}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ livemode: false, object: "list", url: "/v1/entries", data: [{ id: "ent_1", amount: 1, memo: {} }], has_more: false });
    expect(world.calls.at(-1)).toMatchObject({ twin: LEDGER, operation: "list_entries", path: "/v1/entries" });
  });

  test("Basic auth with the key as user and a form body (stripe-node's way)", async () => {
    const res = await root("/v1/entries", {
      method: "POST",
      headers: { authorization: `Basic ${Buffer.from(`${world.session.tokens[LEDGER]}:`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
      body: "amount=250",
    });
    expect(res.status).toBe(200);
    expect(world.session.snapshot()[LEDGER]).toEqual({ entries: [{ id: "ent_1", amount: 1, memo: {} }, { id: "ent_2", amount: 250, memo: {} }] });
  });

  test("the session JWT works at the root too", async () => {
    const res = await root("/v1/entries", { headers: { authorization: `Bearer ${world.session.jwt}` } });
    expect(res.status).toBe(200);
  });

  test("the same routes are served under the session URL", async () => {
    const res = await fetch(`${world.session.urls[LEDGER]!.rest}/v1/entries`, { headers: { authorization: `Bearer ${world.session.jwt}` } });
    expect(res.status).toBe(200);
  });

  test("the twin's response headers are added to every reply", async () => {
    const res = await root("/v1/entries", { headers: { authorization: `Bearer ${world.session.tokens[LEDGER]}` } });
    expect(res.headers.get("request-id")).toMatch(/^req_[0-9a-f]{14}$/);
  });

  test("without a token the root answers the twin's 401", async () => {
    const res = await root("/v1/entries");
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  test("an unknown root path with a valid token is the twin's 501, recorded", async () => {
    const res = await root("/v1/payment_links", { headers: { authorization: `Bearer ${world.session.tokens[LEDGER]}` } });
    expect(res.status).toBe(501);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("endpoint_not_supported");
    expect(world.calls.at(-1)).toMatchObject({ twin: LEDGER, operation: null, fidelity: "unsupported" });
  });

  test("another twin's vendor token is refused at the root", async () => {
    const res = await root("/v1/entries", { headers: { authorization: `Bearer ${world.session.tokens[NOTES]}` } });
    expect(res.status).toBe(401);
  });
});
