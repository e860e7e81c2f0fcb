/**
 * MCP transport: the SDK's low-level `Server` with ListTools/CallTool handlers fed from
 * the twin's table, over the web-standard Streamable HTTP transport in stateless mode (a
 * fresh transport per POST; the pome session is already in the URL). The web-standard
 * transport (which the SDK's Node transport only wraps) lets the engine answer JSON to
 * clients that accept only JSON: the SDK itself would refuse them with 406.
 *
 * Building a `Server` costs more than the whole call it serves, so idle servers are kept
 * per twin and reused, one request at a time each.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { type CallToolResult, CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { CompiledTwin } from "./compiled-twin.js";
import { presentedTokens } from "./credentials.js";
import { flatQuery } from "./form-encoding.js";
import { sendReply } from "./http-reply.js";
import { type CallOutcome, type CallRequest, type InternalErrorListener, invoke } from "./invoke.js";
import type { Operation, Reply } from "./operation.js";
import { MAX_NESTING, nestingDepth, readBody } from "./request-body.js";
import { deniedReply, lowerCaseHeaders } from "./rest-endpoint.js";
import type { LiveSession, TwinRuntime } from "./session.js";
import type { SessionRegistry } from "./session-registry.js";
import { resolveToolCall } from "./tool-routes.js";

const jsonRpcError = (code: number, message: string) => ({ jsonrpc: "2.0", id: null, error: { code, message } });

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A tool result: the vendor JSON as text, and as structured content when it is an object or a list. */
export function toolResult(outcome: Pick<CallOutcome, "body" | "error">): CallToolResult {
  const { body } = outcome;
  const result: CallToolResult = { content: [{ type: "text", text: body === undefined ? "" : JSON.stringify(body) }] };
  if (Array.isArray(body)) result.structuredContent = { items: body };
  else if (isObject(body)) result.structuredContent = body;
  if (outcome.error !== null) result.isError = true;
  return result;
}

const kindOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`);

/** Why a tools/call's params are unusable (JSON-RPC -32602), or null when they are fine. */
function toolCallProblem(params: unknown): string | null {
  if (!isObject(params)) return `tools/call takes params {name, arguments}, not ${params === undefined ? "none" : kindOf(params)}`;
  if (typeof params.name !== "string") return `the tool name must be a string, not ${params.name === undefined ? "missing" : kindOf(params.name)}`;
  if (params.arguments !== undefined && !isObject(params.arguments)) return `arguments must be an object, not ${kindOf(params.arguments)}`;
  return null;
}

/**
 * Takes the tools/calls whose params are unusable out of the SDK's hands (its schema check
 * would answer -32603 with a zod dump): each gets placeholder params, and its id → the
 * problem, which the call handler answers as -32602 Invalid params.
 */
function setAsideInvalidToolCalls(message: unknown): Map<unknown, string> {
  const invalid = new Map<unknown, string>();
  for (const m of Array.isArray(message) ? message : [message]) {
    if (!isObject(m) || m.method !== "tools/call" || m.id === undefined) continue;
    const problem = toolCallProblem(m.params);
    if (problem === null) continue;
    invalid.set(m.id, problem);
    m.params = { name: "" };
  }
  return invalid;
}

function toolsCalled(message: unknown): Array<Record<string, unknown>> {
  const messages = Array.isArray(message) ? message : [message];
  return messages.filter((m) => isObject(m) && m.method === "tools/call" && m.id !== undefined).map((m) => (isObject(m.params) ? m.params : {}));
}

export interface McpContext {
  registry: SessionRegistry;
  origin: string;
  onInternalError?: InternalErrorListener;
}

export async function serveMcp(context: McpContext, req: IncomingMessage, res: ServerResponse, live: LiveSession, twin: TwinRuntime, search: string): Promise<void> {
  if (req.method !== "POST") {
    req.resume();
    return sendReply(res, 405, jsonRpcError(-32000, "Method not allowed: this MCP endpoint is stateless, use POST."), { allow: "POST" });
  }
  const raw = await readBody(req);
  if (raw === null) {
    res.setHeader("connection", "close");
    return sendReply(res, 413, jsonRpcError(-32600, "Request body too large"));
  }
  let message: unknown;
  try {
    message = JSON.parse(raw.toString("utf8"));
  } catch {
    return sendReply(res, 400, jsonRpcError(-32700, "Parse error: Invalid JSON"));
  }
  // The JSON-RPC envelope adds three levels (message, params, arguments) to a body's own.
  if (nestingDepth(message) > MAX_NESTING + 3) return sendReply(res, 400, jsonRpcError(-32700, `Parse error: the JSON nests deeper than ${MAX_NESTING} levels`));

  const headers = lowerCaseHeaders(req.headers);
  let credential: string | null = null;
  const callRequest = (params: Record<string, unknown>, preempt?: Reply): [CallRequest, Operation | null] => {
    const name = typeof params.name === "string" ? params.name : "";
    const args = isObject(params.arguments) ? params.arguments : {};
    const { operations, toolRoutes, definition } = twin.compiled;
    const resolved = resolveToolCall(operations, toolRoutes, definition.errors, name, args);
    return [
      {
        transport: "mcp",
        method: "POST",
        path: "/mcp",
        query: {},
        headers,
        requestBody: params,
        input: resolved.input,
        preempt: preempt ?? resolved.preempt,
        successStatus: resolved.operation?.rest[0]?.status ?? 200,
        credential,
      },
      resolved.operation,
    ];
  };

  const query = search === "" ? {} : flatQuery(search);
  const auth = await context.registry.authenticate(presentedTokens(req.headers.authorization, query, undefined, twin.compiled.definition.auth.tokenParameter), { sessionId: live.id, twin: twin.name });
  if (!auth.ok) {
    const reply = deniedReply(twin.compiled.definition.errors, auth.reason);
    // Tool calls are recorded even when refused, as on REST.
    for (const params of toolsCalled(message)) {
      const [request, operation] = callRequest(params, reply);
      await invoke(live, twin, operation, request, context.onInternalError);
    }
    return sendReply(res, reply.status >= 400 ? reply.status : 401, reply.body, reply.headers);
  }
  credential = auth.role;

  const invalidCalls = setAsideInvalidToolCalls(message);
  const pooled = acquireServer(twin.compiled);
  pooled.callTool = async (params, requestId) => {
    const problem = invalidCalls.get(requestId);
    if (problem !== undefined) throw new McpError(ErrorCode.InvalidParams, `Invalid params: ${problem}`);
    const [request, operation] = callRequest(params);
    const outcome = await invoke(live, twin, operation, request, context.onInternalError);
    return toolResult(outcome);
  };

  const accept = (req.headers.accept ?? "").toLowerCase();
  const wantsStream = accept.includes("text/event-stream") && !accept.includes("application/json") && !accept.includes("*/*");
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !wantsStream });
  let reusable = false;
  try {
    await pooled.server.connect(transport);
    const forwarded = new Headers();
    for (const name in headers) forwarded.set(name, headers[name]);
    // The SDK insists on both types; the engine has already chosen the response format.
    forwarded.set("accept", "application/json, text/event-stream");
    if (!forwarded.has("content-type")) forwarded.set("content-type", "application/json");
    const response = await transport.handleRequest(new Request(`${context.origin}${req.url ?? "/"}`, { method: "POST", headers: forwarded }), {
      parsedBody: message,
    });
    await pipeResponse(response, res);
    reusable = true;
  } finally {
    await pooled.server.close().catch(() => {
      reusable = false;
    });
    pooled.callTool = null;
    if (reusable) releaseServer(twin.compiled, pooled);
  }
}

interface PooledServer {
  server: Server;
  /** The request this server is serving now; null while idle. */
  callTool: ((params: Record<string, unknown>, requestId: unknown) => Promise<CallToolResult>) | null;
}

const MAX_IDLE_SERVERS = 8;
const idleServers = new WeakMap<CompiledTwin, PooledServer[]>();

function acquireServer(compiled: CompiledTwin): PooledServer {
  const idle = idleServers.get(compiled)?.pop();
  if (idle) return idle;
  const { definition } = compiled;
  const pooled: PooledServer = {
    server: new Server({ name: `pome-${definition.name}`, version: definition.version }, { capabilities: { tools: { listChanged: false } } }),
    callTool: null,
  };
  pooled.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: compiled.tools }));
  pooled.server.setRequestHandler(CallToolRequestSchema, (call, extra) => {
    if (!pooled.callTool) throw new Error("MCP server used outside a request");
    return pooled.callTool(call.params as Record<string, unknown>, extra.requestId);
  });
  return pooled;
}

function releaseServer(compiled: CompiledTwin, pooled: PooledServer): void {
  let idle = idleServers.get(compiled);
  if (!idle) idleServers.set(compiled, (idle = []));
  if (idle.length < MAX_IDLE_SERVERS) idle.push(pooled);
}

async function pipeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (res.destroyed) {
      await reader.cancel().catch(() => undefined);
      return;
    }
    if (!res.write(value)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
  }
  res.end();
}
