import { jwtVerify } from "jose";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { presentedToken, presentedTokens, signSessionJwt } from "../../../src/twins/engine/credentials.js";
import { LEDGER, NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

describe("presented token", () => {
  const none = {};
  test.each([
    ["Bearer abc", "abc"],
    ["bearer abc", "abc"],
    ["BEARER abc", "abc"],
    ["token abc", "abc"],
    ["Token abc", "abc"],
    ["abc", "abc"],
    [`Basic ${Buffer.from("sk_test_1:").toString("base64")}`, "sk_test_1"],
    [`basic ${Buffer.from(":only-password").toString("base64")}`, "only-password"],
  ])("Authorization: %s", (header, token) => {
    expect(presentedToken(header, none, undefined)).toBe(token);
  });

  test("Basic auth presents both halves, user first, so the key (Stripe) and the password token (GitHub) both work", () => {
    expect(presentedTokens(`Basic ${Buffer.from("login:ghp_x").toString("base64")}`, none, undefined)).toEqual(["login", "ghp_x"]);
    expect(presentedTokens(`Basic ${Buffer.from("same:same").toString("base64")}`, none, undefined)).toEqual(["same"]);
  });

  test("an unreadable header is presented whole (refused as invalid, not missing)", () => {
    expect(presentedToken("Digest a b c", none, undefined)).toBe("Digest a b c");
  });

  test("the twin's token parameter (Slack's `token`) in the query or a form field when there is no header", () => {
    expect(presentedToken(undefined, { token: "q" }, { token: "b" }, "token")).toBe("q");
    expect(presentedToken(undefined, {}, { token: "b" }, "token")).toBe("b");
    expect(presentedToken("", {}, { token: 5 }, "token")).toBeNull();
  });

  test("a twin without a token parameter reads only the header", () => {
    expect(presentedToken(undefined, { token: "q" }, { token: "b" })).toBeNull();
  });
});

describe("session auth", () => {
  let world: NotesWorld;
  beforeEach(async () => {
    world = await notesWorld({ twins: [NOTES, LEDGER] });
  });
  afterEach(() => world.close());

  test("the session JWT is HS256 with sid, login and exp", async () => {
    const [header, payload] = world.session.jwt.split(".").slice(0, 2).map((part) => JSON.parse(Buffer.from(part, "base64url").toString()));
    expect(header.alg).toBe("HS256");
    expect(payload).toMatchObject({ sid: world.session.id, login: "note-taker" });
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000 + 3000);
  });

  test("the JWT signer produces tokens jose verifies", async () => {
    const secret = new Uint8Array(32).fill(7);
    const token = signSessionJwt(secret, { sid: "s1", login: "me", exp: Math.floor(Date.now() / 1000) + 60 });
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
    expect(payload.sid).toBe("s1");
  });

  test.each([
    ["session JWT as Bearer", (w: NotesWorld) => ({ authorization: `Bearer ${w.session.jwt}` })],
    ["vendor token as token", (w: NotesWorld) => ({ authorization: `token ${w.session.tokens[NOTES]}` })],
    ["vendor token raw", (w: NotesWorld) => ({ authorization: w.session.tokens[NOTES]! })],
    ["vendor token as Basic user", (w: NotesWorld) => ({ authorization: `Basic ${Buffer.from(`${w.session.tokens[NOTES]}:`).toString("base64")}` })],
  ])("accepted: %s", async (_name, headers) => {
    const res = await world.call("GET", "/notes", { headers: headers(world) });
    expect(res.status).toBe(200);
  });

  test("accepted: ?token= and a form token field", async () => {
    const token = world.session.tokens[NOTES]!;
    expect((await world.call("GET", `/notes?token=${token}`, { headers: { authorization: "" } })).status).toBe(200);
    const form = await world.call("POST", "/notes", {
      raw: `title=Form&token=${token}`,
      headers: { authorization: "", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(201);
  });

  test("no credentials: the twin's 401 for missing", async () => {
    const res = await world.call("GET", "/notes", { headers: { authorization: "" } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Authentication required");
  });

  test("a bad token: the twin's 401 for invalid", async () => {
    const res = await world.call("GET", "/notes", { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe("Bad credentials");
  });

  test("a JWT signed with another secret is invalid", async () => {
    const forged = signSessionJwt(new Uint8Array(32), { sid: world.session.id, login: "x", exp: Math.floor(Date.now() / 1000) + 60 });
    expect((await world.call("GET", "/notes", { headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  });

  test("an expired session JWT is invalid", async () => {
    const short = world.server.openSession({ twins: [NOTES], tokenTtlSeconds: -10 });
    const res = await fetch(`${short.urls[NOTES]!.rest}/notes`, { headers: { authorization: `Bearer ${short.jwt}` } });
    expect(res.status).toBe(401);
  });

  test("another session's valid token: the twin's 403", async () => {
    const other = world.server.openSession({ twins: [NOTES] });
    for (const token of [other.jwt, other.tokens[NOTES]!]) {
      const res = await world.call("GET", "/notes", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });

  test("another twin's vendor token is not a credential for this twin", async () => {
    const res = await world.call("GET", "/notes", { headers: { authorization: `Bearer ${world.session.tokens[LEDGER]}` } });
    expect(res.status).toBe(401);
  });

  test("a closed session's tokens stop working", async () => {
    const token = world.session.tokens[NOTES]!;
    expect((await world.call("GET", "/notes")).status).toBe(200);
    world.session.close();
    const res = await fetch(`${world.rest}/notes`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
  });

  test("an extra token (TwinAuth.extraTokens) is a credential of its session, handed to handlers as its role", async () => {
    const reader = world.session.env.POME_NOTES_READER_TOKEN!;
    expect(reader).toMatch(/^nr_/);
    const asReader = await world.call("POST", "/echo/a/b", { body: {}, headers: { authorization: `Bearer ${reader}` } });
    expect(asReader.body).toMatchObject({ credential: "reader", urls: world.session.urls[NOTES] });
    for (const token of [world.session.jwt, world.session.tokens[NOTES]!]) {
      const res = await world.call("POST", "/echo/a/b", { body: {}, headers: { authorization: `Bearer ${token}` } });
      expect(res.body.credential).toBeNull();
    }
    const other = world.server.openSession({ twins: [NOTES] });
    expect((await world.call("GET", "/notes", { headers: { authorization: `Bearer ${other.env.POME_NOTES_READER_TOKEN}` } })).status).toBe(403);
    other.close();
    world.session.close();
    const after = world.server.openSession({ twins: [NOTES] });
    expect((await fetch(`${after.urls[NOTES]!.rest}/notes`, { headers: { authorization: `Bearer ${reader}` } })).status).toBe(401);
  });

  test("refused calls are recorded, without running the handler", async () => {
    await world.call("POST", "/notes", { body: { title: "x" }, headers: { authorization: "Bearer nope" } });
    expect(world.calls).toHaveLength(1);
    expect(world.calls[0]).toMatchObject({ operation: "create_note", status: 401, state_mutation: false, error: { code: "unauthorized" } });
    expect((world.session.snapshot()[NOTES] as { notes: unknown[] }).notes).toHaveLength(1);
  });
});
