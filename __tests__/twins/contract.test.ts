/**
 * The contract every twin keeps (DESIGN.md convention 7), run against each shipped twin
 * and the engine's test twins: a table of uniquely named operations each served as a REST
 * route and an MCP tool, vendor-shaped answers for unknown routes, bad credentials and bad
 * bodies, and no 5xx for any input (fuzzed, seeded so every run sends the same requests).
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import type { TwinCall } from "../../src/trace/index.js";
import { describeError } from "../../src/twins/engine/invoke.js";
import { BODY_LIMIT, readBodyByContentType } from "../../src/twins/engine/request-body.js";
import { createTwinServer, type Operation, type Session, type TwinDefinition, TwinError, SHIPPED_TWINS, type TwinServer } from "../../src/twins/index.js";
import { ledgerTwin, notesTwin } from "./engine/notes-twin.js";

const FUZZ_ROUNDS = 12;
const MCP_FUZZ_ROUNDS = 3;

/** The notes twin without `crash`, whose whole point is a 500 (engine tests cover it). */
const contractNotes: TwinDefinition = { ...notesTwin, operations: notesTwin.operations.filter((operation) => operation.name !== "crash") };
const definitions: TwinDefinition[] = [...SHIPPED_TWINS, contractNotes, ledgerTwin];

/** mulberry32: a small seeded PRNG, so fuzzed requests are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seedOf = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);

const STRINGS = ["", "a", "1", "-5", "0", "true", "null", "x".repeat(3000), "💥\u0000\u202e", "../../etc/passwd", "%2F..%2F", "<script>", "a/b/c", "2026-01-01T00:00:00Z", " ", "\n"];

function randomValue(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 1 ? 8 : 11));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return [0, -1, 1, 2 ** 53, -(2 ** 31), 3.14, 1e21][Math.floor(random() * 7)];
    case 3:
    case 4:
    case 5:
    case 6:
    case 7:
      return STRINGS[Math.floor(random() * STRINGS.length)];
    case 8:
      return [];
    case 9:
      return Array.from({ length: 1 + Math.floor(random() * 3) }, () => randomValue(random, depth + 1));
    default:
      return { [STRINGS[Math.floor(random() * 4)] || "k"]: randomValue(random, depth + 1) };
  }
}

function fieldNames(operation: Pick<Operation, "input">): string[] {
  const schema = operation.input as unknown as { shape?: Record<string, unknown> };
  return schema.shape && typeof schema.shape === "object" ? Object.keys(schema.shape) : ["id", "name", "value"];
}

/** Random input for an operation: a random value (or nothing) for each of its fields. */
function randomInput(operation: Pick<Operation, "input">, random: () => number): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of fieldNames(operation)) if (random() < 0.8) input[name] = randomValue(random);
  if (random() < 0.3) input[`extra_${Math.floor(random() * 10)}`] = randomValue(random);
  return input;
}

function fillPath(path: string, random: () => number): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = String(randomValue(random) ?? "x") || "x";
    // URL parsing resolves "." and ".." segments (even percent-encoded) before a request leaves, so no client can send them.
    const segment = (s: string) => (/^(\.|%2e){1,2}$/i.test(s) ? "x" : encodeURIComponent(s));
    return name.endsWith("+") ? value.split("/").map(segment).join("/") : encodeURIComponent(value);
  });
}

function toQuery(input: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(input)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, typeof v === "string" ? v : JSON.stringify(v));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

const replyOf = (reply: { status: number; body: unknown }) => ({ status: reply.status, body: reply.body });
const topKeys = (body: unknown) => (typeof body === "object" && body !== null ? Object.keys(body).sort() : typeof body);

describe.each(definitions.map((definition) => [definition.name, definition] as const))("twin contract: %s", (_name, definition) => {
  let server: TwinServer;
  let session: Session;
  const calls: TwinCall[] = [];
  const internalErrors: unknown[] = [];
  const twin = definition.name;

  beforeAll(async () => {
    server = await createTwinServer([definition], { onInternalError: (error) => internalErrors.push(error) });
    session = server.openSession({ twins: [twin], seedKey: "contract", onCall: (call) => calls.push(call) });
  });
  afterAll(() => server.close());

  const rest = () => session.urls[twin]!.rest;
  const send = (method: string, path: string, init: { headers?: Record<string, string>; body?: string | Buffer } = {}) =>
    fetch(`${rest()}${path}`, { method, headers: { authorization: `Bearer ${session.jwt}`, ...init.headers }, body: init.body });
  const bodyRoute = () => {
    for (const operation of definition.operations) {
      const route = operation.rest.find((r) => r.method !== "GET" && r.method !== "DELETE");
      if (route) return route;
    }
    return null;
  };

  test("operation names are unique", () => {
    const names = definition.operations.map((operation) => operation.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  test("every operation has a REST route (none when it is MCP-only), a description and an input schema", () => {
    for (const operation of definition.operations) {
      if (operation.mcpOnly) expect(operation.rest, operation.name).toEqual([]);
      else expect(operation.rest.length, operation.name).toBeGreaterThan(0);
      expect(operation.description.trim(), operation.name).not.toBe("");
      expect(operation.input, operation.name).toBeInstanceOf(z.ZodType);
    }
  });

  test("every operation is an MCP tool of the same name, beside the twin's tool routes", async () => {
    const client = new Client({ name: "contract", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(session.urls[twin]!.mcp), { requestInit: { headers: { authorization: `Bearer ${session.jwt}` } } }));
    try {
      const { tools } = await client.listTools();
      const routes = (definition.toolRoutes ?? []).map((route) => route.name);
      expect(tools.map((tool) => tool.name).sort()).toEqual([...definition.operations.map((operation) => operation.name), ...routes].sort());
      for (const tool of tools) expect(tool.inputSchema.type, tool.name).toBe("object");
    } finally {
      await client.close();
    }
  });

  test("an unknown route answers 501 in the twin's shape and is recorded as unsupported", async () => {
    const res = await send("GET", "/__pome_contract/unknown?probe=1");
    expect({ status: res.status, body: await res.json() }).toEqual(replyOf(definition.errors.unsupported("GET", "/__pome_contract/unknown")));
    expect(calls.at(-1)).toMatchObject({ operation: null, fidelity: "unsupported", path: "/__pome_contract/unknown", query: { probe: "1" } });
  });

  test("missing credentials get the twin's missing-credentials answer", async () => {
    const route = definition.operations[0].rest[0];
    const res = await fetch(`${rest()}${fillPath(route.path, () => 0.5)}`, { method: route.method });
    expect({ status: res.status, body: await res.json() }).toEqual(replyOf(definition.errors.unauthorized("missing")));
  });

  test("a bad token gets the twin's invalid-credentials answer", async () => {
    const res = await send("GET", "/__pome_contract", { headers: { authorization: "Bearer not-a-token" } });
    expect({ status: res.status, body: await res.json() }).toEqual(replyOf(definition.errors.unauthorized("invalid")));
  });

  test("another session's token gets the twin's forbidden answer", async () => {
    const other = server.openSession({ twins: [twin] });
    for (const token of [other.jwt, other.tokens[twin]!]) {
      const res = await send("GET", "/__pome_contract", { headers: { authorization: `Bearer ${token}` } });
      expect({ status: res.status, body: await res.json() }).toEqual(replyOf(definition.errors.forbidden()));
    }
    other.close();
  });

  test("a malformed body (broken JSON) gets the twin's malformed-body error", async () => {
    const route = bodyRoute();
    expect(route, "the twin needs an operation that takes a body").not.toBeNull();
    if (!route) return;
    const res = await send(route.method, fillPath(route.path, () => 0.5), { headers: { "content-type": "application/json" }, body: '{"oops":' });
    const expected = definition.errors.malformedBody("x");
    expect(res.status).toBe(expected.status);
    expect(topKeys(await res.json())).toEqual(topKeys(expected.body));
  });

  test.each(['"str"', "null", "123", "true", "[]", JSON.stringify(JSON.stringify({ a: 1 }))])("a JSON body that is not an object (%s) gets the twin's not-an-object answer", async (text) => {
    const route = bodyRoute();
    expect(route, "the twin needs an operation that takes a body").not.toBeNull();
    if (!route) return;
    const res = await send(route.method, fillPath(route.path, () => 0.5), { headers: { "content-type": "application/json" }, body: text });
    // A twin that reads no JSON at all (the ledger: forms only) refuses the body as malformed instead.
    const parsed = (definition.bodyReader ?? readBodyByContentType)("application/json", Buffer.from(text));
    const expected = parsed.kind === "malformed" ? definition.errors.malformedBody(parsed.detail) : definition.errors.bodyNotObject(JSON.parse(text));
    expect({ status: res.status, body: await res.json() }).toEqual(replyOf(expected));
  });

  test("a body over 10 MiB gets the twin's 413", async () => {
    const route = bodyRoute();
    expect(route, "the twin needs an operation that takes a body").not.toBeNull();
    if (!route) return;
    const res = await send(route.method, fillPath(route.path, () => 0.5), { headers: { "content-type": "application/json" }, body: Buffer.alloc(BODY_LIMIT + 10, 0x20) });
    const expected = definition.errors.render(new TwinError(413, "Payload Too Large"));
    expect(res.status).toBe(expected.status);
    expect(topKeys(await res.json())).toEqual(topKeys(expected.body));
  });

  test("fuzzed REST inputs never answer 5xx", async () => {
    const failures: string[] = [];
    for (const operation of definition.operations) {
      for (const route of operation.rest) {
        const random = prng(seedOf(`${twin}:${operation.name}:${route.method} ${route.path}`));
        for (let round = 0; round < FUZZ_ROUNDS; round++) {
          const input = randomInput(operation, random);
          const path = fillPath(route.path, random);
          const inQuery = route.method === "GET" || route.method === "DELETE" || random() < 0.2;
          const form = !inQuery && random() < 0.3;
          const res = await send(route.method, inQuery ? `${path}${toQuery(input)}` : path, {
            headers: { "content-type": form ? "application/x-www-form-urlencoded" : "application/json" },
            body: inQuery ? undefined : form ? toQuery(input).slice(1) : JSON.stringify(input),
          });
          await res.arrayBuffer();
          if (res.status >= 500) failures.push(`${route.method} ${path} ${JSON.stringify(input).slice(0, 200)} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(internalErrors).toEqual([]);
  });

  test.each([
    ["arguments that are a string", { name: "x", arguments: "str" }],
    ["arguments that are a list", { name: "x", arguments: [] }],
    ["arguments that are null", { name: "x", arguments: null }],
    ["no name", { arguments: {} }],
    ["params that are a string", "str"],
    ["no params", undefined],
  ])("tools/call with %s answers -32602 Invalid params with a short message", async (_name, params) => {
    const tool = definition.operations[0].name;
    const call = typeof params === "object" && params !== null && "name" in params ? { ...params, name: tool } : params;
    const res = await fetch(session.urls[twin]!.mcp, {
      method: "POST",
      headers: { authorization: `Bearer ${session.jwt}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/call", ...(call === undefined ? {} : { params: call }) }),
    });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { id: number; error: { code: number; message: string } };
    expect(answer).toMatchObject({ id: 7, error: { code: -32602, message: expect.stringMatching(/^MCP error -32602: Invalid params: /) } });
    expect(answer.error.message.length).toBeLessThan(200);
    expect(answer.error.message).not.toMatch(/invalid_type|expected|\[\s*\{/);
  });

  test("fuzzed MCP arguments never give a 5xx result", async () => {
    const client = new Client({ name: "contract-fuzz", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(session.urls[twin]!.mcp), { requestInit: { headers: { authorization: `Bearer ${session.jwt}` } } }));
    const failures: string[] = [];
    try {
      for (const tool of [...definition.operations, ...(definition.toolRoutes ?? [])]) {
        const random = prng(seedOf(`${twin}:mcp:${tool.name}`));
        for (let round = 0; round < MCP_FUZZ_ROUNDS; round++) {
          const args = randomInput(tool, random);
          await client.callTool({ name: tool.name, arguments: args });
          const status = calls.at(-1)?.status ?? 0;
          if (status >= 500) failures.push(`${tool.name} ${JSON.stringify(args).slice(0, 200)} → ${status}`);
        }
      }
    } finally {
      await client.close();
    }
    expect(failures).toEqual([]);
    expect(internalErrors).toEqual([]);
  });

  test("every error the twin can answer is recognised as an error by the recorder", () => {
    const { errors } = definition;
    const answers = {
      "missing credentials": errors.unauthorized("missing"),
      "invalid credentials": errors.unauthorized("invalid"),
      forbidden: errors.forbidden(),
      unsupported: errors.unsupported("GET", "/x"),
      "malformed body": errors.malformedBody("x"),
      "body not an object": errors.bodyNotObject("x"),
      "invalid input": errors.invalidInput([{ code: "custom", path: ["x"], message: "bad", input: 1 }]),
      ...Object.fromEntries([400, 401, 402, 403, 404, 405, 409, 413, 422, 429, 500, 502, 503].map((status) => [`render ${status}`, errors.render(new TwinError(status, "m"))])),
      ...(definition.idempotency ? { "idempotency mismatch": definition.idempotency.mismatch("k") } : {}),
    };
    const unrecognised = Object.entries(answers).filter(([, reply]) => describeError(errors, reply.status, reply.body) === null);
    expect(unrecognised.map(([name]) => name)).toEqual([]);
  });

  test("every recorded call answered with an HTTP error carries that error", () => {
    const failed = calls.filter((call) => call.status >= 400);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.filter((call) => call.error === null).map((call) => `${call.operation} ${call.status}`)).toEqual([]);
  });
});
