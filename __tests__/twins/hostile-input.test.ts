/**
 * The fuzz pass of issue 11: every operation of every shipped twin, over REST and MCP, gets
 * the inputs agents send by mistake or malice — bodies that are not objects (`"str"`,
 * `null`, `123`, `true`, `[]`, an object JSON-encoded twice), bodies nested 20,000 levels
 * deep, hostile ids and paths (`../..`, NUL, very long, unicode) and binary content — and
 * must answer every one of them in its vendor's error shape (or succeed): never a 5xx,
 * never a stack trace or a zod dump, and the twin is still usable afterwards.
 *
 * One session per twin, every operation in sequence; MCP payloads for one tool travel as
 * one JSON-RPC batch so the pass stays fast.
 */
import { Agent, request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TwinCall } from "../../src/trace/index.js";
import { fileDirectoryClash, isMalformedPath } from "../../src/twins/github/git/paths.js";
import { createTwinServer, type Operation, type Session, SHIPPED_TWINS, type TwinDefinition, type TwinServer } from "../../src/twins/index.js";

const DEPTH = 20_000;
const NON_OBJECTS: Array<[string, string]> = [
  ["a string", '"str"'],
  ["null", "null"],
  ["a number", "123"],
  ["a boolean", "true"],
  ["an array", "[]"],
  ["an object encoded twice", JSON.stringify(JSON.stringify({ title: "twice", channel: "C1", amount: 100 }))],
];
const HOSTILE_IDS = ["../../etc/passwd", "a\u0000b", "x".repeat(4_000), "💥ü漢字\u202e"];
const BINARY = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]);
/** A string no text field expects: bytes as base64, a NUL, a lone surrogate. */
const BINARY_TEXT = `${BINARY.toString("base64")}\u0000\ud800\uffff`;

/** Realistic values for path params, so hostile ones reach past the repository lookup. */
const PARAM_DEFAULTS: Record<string, string> = { owner: "acme", repo: "api" };

const STACK_TRACE = /\n\s+at \S|\bat .+\((?:file:|node:|\/)[^)]*:\d+:\d+\)|node:internal/;
const ZOD_DUMP = /"expected"\s*:|"code"\s*:\s*"invalid_(?:type|union|value|format)"|ZodError|"received"\s*:/;

/** Whether an answer is an error: an HTTP error status, or Slack's `ok: false`. */
const isError = (twin: string, status: number, body: any) => (twin === "slack" ? body?.ok === false : status >= 400);

/** Why a REST answer is not in the vendor's shape, or null when it is. */
const VENDOR_SHAPE: Record<string, (status: number, body: any) => string | null> = {
  github: (status, body) => {
    if (status < 400) return null;
    if (typeof body?.message !== "string" || typeof body?.documentation_url !== "string") return "no message/documentation_url";
    return body.status === String(status) ? null : `status field ${body.status} for HTTP ${status}`;
  },
  stripe: (status, body) => {
    if (status < 400) return null;
    // The x402 paywall answers in the x402 protocol's own shape, as its clients expect.
    if (status === 402 && typeof body?.x402Version === "number" && typeof body?.error === "string") return null;
    return typeof body?.error?.type === "string" && typeof body?.error?.message === "string" ? null : "no error.type/error.message";
  },
  slack: (status, body) => {
    if (typeof body?.ok !== "boolean") return "no ok field";
    if (body.ok === false && typeof body.error !== "string") return "ok:false without an error code";
    return status === 200 || status === 429 || (status === 501 && body.error === "unknown_method") ? null : `HTTP ${status}`;
  },
};

function fieldNames(operation: Pick<Operation, "input">): string[] {
  const schema = operation.input as unknown as { shape?: Record<string, unknown> };
  return schema.shape && typeof schema.shape === "object" ? Object.keys(schema.shape) : ["id", "name", "channel", "path"];
}

const fill = (path: string, value: (name: string) => string) =>
  path.replace(/\{([^}+]+)\+?\}/g, (_, name: string) => encodeURIComponent(value(name)));

const everyField = (operation: Pick<Operation, "input">, value: unknown) => Object.fromEntries(fieldNames(operation).map((name) => [name, value]));

const deepJson = (field: string) => `{${JSON.stringify(field)}:${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}}`;

const agent = new Agent({ keepAlive: true });

/** A raw HTTP request (fetch refuses a body on GET, and a GET body is one of the hostile inputs). */
function rawRequest(url: string, method: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe.each(SHIPPED_TWINS.map((definition) => [definition.name, definition] as const))("hostile input: %s", (twin, definition: TwinDefinition) => {
  let server: TwinServer;
  let session: Session;
  const calls: TwinCall[] = [];
  const internalErrors: unknown[] = [];
  const failures: string[] = [];

  beforeAll(async () => {
    server = await createTwinServer([definition], { onInternalError: (error) => internalErrors.push(error) });
    session = server.openSession({ twins: [twin], seedKey: "hostile", onCall: (call) => calls.push(call) });
  });
  afterAll(async () => {
    agent.destroy();
    await server.close();
  });

  const shape = VENDOR_SHAPE[twin]!;

  /** Checks one REST answer (`refused`: it must be an error); a failure is recorded with what was sent. */
  function check(what: string, res: { status: number; text: string }, refused = false): void {
    const { text } = res;
    if (res.status >= 500) failures.push(`${what} → HTTP ${res.status} ${text.slice(0, 200)}`);
    if (STACK_TRACE.test(text)) failures.push(`${what} → a stack trace: ${text.slice(0, 300)}`);
    if (ZOD_DUMP.test(text)) failures.push(`${what} → a zod dump: ${text.slice(0, 300)}`);
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      failures.push(`${what} → not JSON: ${text.slice(0, 100)}`);
      return;
    }
    const problem = shape(res.status, body);
    if (problem) failures.push(`${what} → not ${twin}'s shape (${problem}): ${text.slice(0, 200)}`);
    if (refused && !isError(twin, res.status, body)) failures.push(`${what} → accepted (HTTP ${res.status}): ${text.slice(0, 200)}`);
  }

  test("every REST route answers every hostile request in the vendor's shape, never a 5xx", async () => {
    const rest = session.urls[twin]!.rest;
    const token = session.tokens[twin]!;
    const send = (method: string, path: string, body: string | Buffer, type: string) => rawRequest(`${rest}${path}`, method, { authorization: `Bearer ${token}`, "content-type": type }, body);
    for (const operation of definition.operations) {
      const fields = fieldNames(operation);
      for (const route of operation.rest) {
        const plain = fill(route.path, (name) => PARAM_DEFAULTS[name] ?? "1");
        const at = `${route.method} ${route.path}`;
        for (const [name, body] of NON_OBJECTS) check(`${at} with ${name}`, await send(route.method, plain, body, "application/json"), true);
        check(`${at} nested ${DEPTH} deep`, await send(route.method, plain, deepJson(fields[0] ?? "x"), "application/json"), true);
        check(`${at} with form keys nested ${DEPTH} deep`, await send(route.method, plain, `${fields[0] ?? "x"}${"[x]".repeat(DEPTH)}=1`, "application/x-www-form-urlencoded"));
        check(`${at} with binary bytes as JSON`, await send(route.method, plain, BINARY, "application/json"), true);
        check(`${at} with binary bytes`, await send(route.method, plain, BINARY, "application/octet-stream"));
        check(`${at} with binary text in every field`, await send(route.method, plain, JSON.stringify(everyField(operation, BINARY_TEXT)), "application/json"));
        const params = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => m[1]);
        const targets = params.some((name) => !(name in PARAM_DEFAULTS)) ? params.filter((name) => !(name in PARAM_DEFAULTS)) : params.slice(-1);
        for (const id of HOSTILE_IDS) {
          const path = fill(route.path, (name) => (targets.includes(name) ? id : (PARAM_DEFAULTS[name] ?? "1")));
          check(`${at} with the id ${JSON.stringify(id.slice(0, 20))}`, await send(route.method, path, JSON.stringify(everyField(operation, id)), "application/json"));
        }
      }
    }
    expect(failures).toEqual([]);
    expect(internalErrors).toEqual([]);
    expect(calls.filter((call) => call.status >= 500).map((call) => `${call.operation} ${call.status}`)).toEqual([]);
  });

  test("every MCP tool answers every hostile call with a tool error or Invalid params, never a 5xx", async () => {
    const mcp = session.urls[twin]!.mcp;
    const post = (body: string) =>
      fetch(mcp, { method: "POST", headers: { authorization: `Bearer ${session.jwt}`, "content-type": "application/json", accept: "application/json, text/event-stream" }, body });
    const tools = [...definition.operations, ...(definition.toolRoutes ?? [])];
    for (const tool of tools) {
      const payloads: Array<[string, unknown]> = [
        ...NON_OBJECTS.map(([name, text]) => [`arguments that are ${name}`, { name: tool.name, arguments: JSON.parse(text) }] as [string, unknown]),
        ["no params", undefined],
        ["params that are a string", "str"],
        ["binary text in every argument", { name: tool.name, arguments: everyField(tool, BINARY_TEXT) }],
        ...HOSTILE_IDS.map((id) => [`the id ${JSON.stringify(id.slice(0, 20))} in every argument`, { name: tool.name, arguments: everyField(tool, id) }] as [string, unknown]),
      ];
      const batch = payloads.map(([, params], i) => ({ jsonrpc: "2.0", id: i + 1, method: "tools/call", ...(params === undefined ? {} : { params }) }));
      const res = await post(JSON.stringify(batch));
      const text = await res.text();
      const what = `tools/call ${tool.name}`;
      if (res.status >= 500 || STACK_TRACE.test(text) || ZOD_DUMP.test(text)) failures.push(`${what} → HTTP ${res.status} ${text.slice(0, 300)}`);
      const parsed = JSON.parse(text) as unknown;
      if (!Array.isArray(parsed)) {
        failures.push(`${what} → not one answer per call: ${text.slice(0, 200)}`);
        continue;
      }
      const answers = new Map(parsed.map((answer) => [answer.id, answer]));
      payloads.forEach(([name, params], i) => {
        const answer = answers.get(i + 1);
        const vendorCall = typeof params === "object" && params !== null && typeof (params as any).arguments === "object" && (params as any).arguments !== null && !Array.isArray((params as any).arguments);
        if (!answer) failures.push(`${what} with ${name} → no answer`);
        else if (!vendorCall) {
          if (answer.error?.code !== -32602) failures.push(`${what} with ${name} → ${JSON.stringify(answer).slice(0, 200)}, not -32602`);
        } else if (answer.error) {
          failures.push(`${what} with ${name} → JSON-RPC error ${JSON.stringify(answer.error).slice(0, 200)}`);
        } else if (answer.result?.isError) {
          const body = JSON.parse(answer.result.content[0].text);
          const status = calls.at(-1)?.status ?? 0;
          const problem = twin === "slack" ? shape(200, body) : shape(Math.max(status, 400), body);
          if (problem) failures.push(`${what} with ${name} → tool error not in ${twin}'s shape (${problem})`);
        }
      });
      const deep = await post(`{"jsonrpc":"2.0","id":99,"method":"tools/call","params":{"name":${JSON.stringify(tool.name)},"arguments":${deepJson("x")}}}`);
      const deepAnswer = (await deep.json()) as any;
      if (deep.status >= 500 || deepAnswer.error?.code !== -32700) failures.push(`${what} nested ${DEPTH} deep → HTTP ${deep.status} ${JSON.stringify(deepAnswer).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(internalErrors).toEqual([]);
    expect(calls.filter((call) => call.status >= 500).map((call) => `${call.operation} ${call.status}`)).toEqual([]);
  });

  test("the twin is still usable afterwards: a read and a write over REST, and MCP", async () => {
    const rest = session.urls[twin]!.rest;
    const token = session.tokens[twin]!;
    const call = (method: string, path: string, body?: Record<string, string>) =>
      fetch(`${rest}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
        body: body ? new URLSearchParams(body).toString() : undefined,
      });
    if (twin === "github") {
      // Whatever got through, the trees hold only well-formed paths, none both a file and a directory.
      const files = (session.snapshot().github as any).repositories.flatMap((repo: any) => repo.files) as Array<{ branch: string; path: string }>;
      expect(files.filter((file) => isMalformedPath(file.path)).map((file) => file.path)).toEqual([]);
      for (const branch of new Set(files.map((file) => file.branch))) expect(fileDirectoryClash(files.filter((file) => file.branch === branch).map((file) => file.path))).toBeNull();
      expect((await call("GET", "/user")).status).toBe(200);
      const created = await fetch(`${rest}/repos/acme/api/issues`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ title: "still here" }) });
      expect(created.status).toBe(201);
    } else if (twin === "stripe") {
      expect((await call("GET", "/v1/customers")).status).toBe(200);
      expect((await call("POST", "/v1/customers", { email: "after@example.com" })).status).toBe(200);
    } else {
      expect(await (await call("POST", "/auth.test")).json()).toMatchObject({ ok: true });
      const posted = (await (await call("POST", "/conversations.list")).json()) as any;
      expect(posted.ok).toBe(true);
    }
    const listed = await fetch(session.urls[twin]!.mcp, {
      method: "POST",
      headers: { authorization: `Bearer ${session.jwt}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(((await listed.json()) as any).result.tools.length).toBe(definition.operations.length + (definition.toolRoutes ?? []).length);
  });
});
