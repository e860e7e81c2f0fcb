/**
 * A vendor's wire habits are the twin's, not the engine's: the ledger test twin reads form
 * bodies only, pages with cursors, wraps successes in its own envelope and takes
 * idempotency keys — all declared in its definition, none of it known to the engine.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, test } from "vitest";
import { createTwinServer, type SessionSpec, type TwinDefinition } from "../../../src/twins/index.js";
import { LEDGER, notesWorld, type NotesWorld } from "./notes-server.js";
import { ledgerTwin } from "./notes-twin.js";

let world: NotesWorld;
afterEach(() => world?.close());

const ledger = (seed: number[] = [1], spec: Partial<SessionSpec> = {}) => notesWorld({ twins: [LEDGER], seeds: { [LEDGER]: { entries: seed } }, ...spec });

async function send(method: string, path: string, init: { form?: string; json?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${world.session.jwt}`, ...init.headers };
  if (init.form !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
  if (init.json !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${world.session.urls[LEDGER]!.rest}${path}`, { method, headers, body: init.form ?? init.json });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const entries = () => (world.session.snapshot()[LEDGER] as { entries: Array<{ amount: number }> }).entries.map((e) => e.amount);

describe("body readers", () => {
  test("a form body with bracketed keys becomes nested fields", async () => {
    world = await ledger();
    const res = await send("POST", "/v1/entries", { form: "amount=5&memo[note]=rent&memo[tags][]=home&memo[tags][]=monthly" });
    expect(res.body).toMatchObject({ object: "entry", amount: 5, memo: { note: "rent", tags: ["home", "monthly"] } });
  });

  test("a body the twin's reader refuses is the twin's malformed-body error, recorded", async () => {
    world = await ledger();
    const res = await send("POST", "/v1/entries", { json: '{"amount":5}' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "malformed_body", message: expect.stringContaining("x-www-form-urlencoded") } } });
    expect(entries()).toEqual([1]);
    expect(world.calls.at(-1)).toMatchObject({ operation: "add_entry", status: 400, state_mutation: false });
  });
});

describe("pagination strategies", () => {
  test("cursor pages walk the whole list with starting_after, and has_more ends it", async () => {
    world = await ledger([1, 2, 3, 4, 5]);
    const seen: number[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const res = await send("GET", `/v1/entries?limit=2${after ? `&starting_after=${after}` : ""}`);
      seen.push(...res.body.data.map((e: { amount: number }) => e.amount));
      if (!res.body.has_more) break;
      after = res.body.data.at(-1).id;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(world.calls).toHaveLength(3);
  });

  test("a twin that declares a paginated operation without a strategy is refused when the server starts", async () => {
    const broken: TwinDefinition = { ...ledgerTwin, name: "broken", pagination: undefined };
    await expect(createTwinServer([broken])).rejects.toThrow(/list_entries paginates but the twin has no pagination strategy/);
  });
});

describe("the success envelope", () => {
  test("wraps successes only; errors keep the error envelope", async () => {
    world = await ledger();
    expect((await send("POST", "/v1/entries", { form: "amount=3" })).body).toMatchObject({ livemode: false, object: "entry" });
    const refused = await send("POST", "/v1/entries", { form: "amount=0" });
    expect(refused).toMatchObject({ status: 400, body: { error: { code: "amount_zero" } } });
    expect(refused.body.livemode).toBeUndefined();
  });
});

describe("idempotency keys", () => {
  const key = (k: string) => ({ "idempotency-key": k });

  test("the same key and arguments replay the first reply: no second entry, recorded as a replay", async () => {
    world = await ledger();
    const first = await send("POST", "/v1/entries", { form: "amount=7", headers: key("k1") });
    const again = await send("POST", "/v1/entries", { form: "amount=7", headers: key("k1") });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(entries()).toEqual([1, 7]);
    expect(world.calls.map((c) => [c.state_mutation, c.idempotent_replay])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  test("the same key with other arguments is the twin's error and changes nothing", async () => {
    world = await ledger();
    await send("POST", "/v1/entries", { form: "amount=7", headers: key("k1") });
    const other = await send("POST", "/v1/entries", { form: "amount=8", headers: key("k1") });
    expect(other).toMatchObject({ status: 400, body: { error: { code: "idempotency_error" } } });
    expect(entries()).toEqual([1, 7]);
    expect(world.calls.at(-1)).toMatchObject({ error: { code: "idempotency_error" }, state_mutation: false, idempotent_replay: false });
  });

  test("without a key every call acts; keys are per session and forgotten on reseed", async () => {
    world = await ledger();
    await send("POST", "/v1/entries", { form: "amount=2" });
    await send("POST", "/v1/entries", { form: "amount=2" });
    expect(entries()).toEqual([1, 2, 2]);
    await send("POST", "/v1/entries", { form: "amount=3", headers: key("k2") });
    world.session.reseed();
    await send("POST", "/v1/entries", { form: "amount=3", headers: key("k2") });
    expect(entries()).toEqual([1, 3]);
  });

  test("a retry after a lost response gets the kept reply: the mutation happens once", async () => {
    world = await ledger([1], { faults: [{ twin: LEDGER, operation: "add_entry", attempts: [1], lose_response: true }] });
    const lost = await send("POST", "/v1/entries", { form: "amount=9", headers: key("retry") });
    expect(lost.status).toBe(502);
    const retried = await send("POST", "/v1/entries", { form: "amount=9", headers: key("retry") });
    expect(retried).toMatchObject({ status: 200, body: { object: "entry", amount: 9 } });
    expect(entries()).toEqual([1, 9]);
  });

  test("MCP calls carry the key as a tool argument, advertised in the tool's schema", async () => {
    world = await ledger();
    const client = new Client({ name: "habits", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(world.session.urls[LEDGER]!.mcp), { requestInit: { headers: { authorization: `Bearer ${world.session.jwt}` } } }));
    try {
      const { tools } = await client.listTools();
      expect(tools.find((t) => t.name === "add_entry")?.inputSchema.properties).toHaveProperty("idempotency_key");
      expect(tools.find((t) => t.name === "list_entries")?.inputSchema.properties).not.toHaveProperty("idempotency_key");
      const call = () => client.callTool({ name: "add_entry", arguments: { amount: 4, idempotency_key: "m1" } });
      const first = await call();
      const again = await call();
      expect(again.structuredContent).toEqual(first.structuredContent);
      expect(entries()).toEqual([1, 4]);
      expect(world.calls.map((c) => c.idempotent_replay)).toEqual([false, true]);
    } finally {
      await client.close();
    }
  });
});

describe("tool routes: more MCP tool names for the same operations", () => {
  async function mcpClient() {
    const client = new Client({ name: "routes", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(world.session.urls[LEDGER]!.mcp), { requestInit: { headers: { authorization: `Bearer ${world.session.jwt}` } } }));
    return client;
  }

  test("an alias and a generic tool are listed, and each call is recorded as the operation it leads to", async () => {
    world = await ledger();
    const client = await mcpClient();
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(["list_entries", "add_entry", "create_entry", "ledger_api"]);
      await client.callTool({ name: "create_entry", arguments: { amount: 5 } });
      await client.callTool({ name: "ledger_api", arguments: { operation_id: "PostEntries", parameters: { amount: 6 } } });
      const listed = await client.callTool({ name: "ledger_api", arguments: { operation_id: "GetEntries", parameters: { limit: 1 } } });
      expect(listed.structuredContent).toMatchObject({ data: [{ amount: 1 }], has_more: true });
      expect(entries()).toEqual([1, 5, 6]);
      expect(world.calls.map((c) => [c.operation, c.args, c.state_mutation])).toEqual([
        ["add_entry", { amount: 5, memo: {} }, true],
        ["add_entry", { amount: 6, memo: {} }, true],
        ["list_entries", { limit: 1 }, false],
      ]);
      expect((world.calls[1].request_body as { name: string }).name).toBe("ledger_api");
    } finally {
      await client.close();
    }
  });

  test("an id the route does not know is the twin's error, recorded as unsupported; bad route arguments are the twin's invalid input", async () => {
    world = await ledger();
    const client = await mcpClient();
    try {
      const unknown = await client.callTool({ name: "ledger_api", arguments: { operation_id: "DeleteEverything" } });
      expect(unknown.isError).toBe(true);
      expect(unknown.structuredContent).toMatchObject({ error: { code: "unknown_operation" } });
      const invalid = await client.callTool({ name: "ledger_api", arguments: { parameters: {} } });
      expect(invalid.structuredContent).toMatchObject({ error: { code: "invalid_input" } });
      expect(world.calls.map((c) => [c.operation, c.fidelity, c.status])).toEqual([
        [null, "unsupported", 404],
        [null, "unsupported", 422],
      ]);
      expect(entries()).toEqual([1]);
    } finally {
      await client.close();
    }
  });
});

