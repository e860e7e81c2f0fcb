/**
 * The one path every twin call takes, REST and MCP alike (DESIGN.md convention 3):
 * resolve → faults → validate → idempotency → handle → paginate → envelope → record. The
 * transports only turn their wire format into a `CallRequest` and the `CallOutcome` back
 * into theirs.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import type { Transport, TwinCall } from "../../trace/index.js";
import { faultReply } from "./faults.js";
import { type Operation, type OperationContext, Reply, TwinError } from "./operation.js";
import { idempotencyKeyOf } from "./idempotency.js";
import type { OutboundMessage } from "./outbox.js";
import { paginate } from "./pagination.js";
import type { LiveSession, TwinRuntime } from "./session.js";
import type { TwinErrors } from "./twin.js";

export interface CallRequest {
  transport: Transport;
  method: string;
  /** Path under the twin's root as recorded (`/repos/o/r/issues`; `/mcp` for MCP). */
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The body as recorded: parsed JSON, form or multipart fields; MCP `tools/call` params. */
  requestBody: unknown;
  rawBody?: Buffer;
  /** Path params + query + body (REST) or tool arguments (MCP), before validation. */
  input: Record<string, unknown>;
  bodyProblem?: { kind: "malformed"; detail: string } | { kind: "too_large" } | { kind: "not_object"; value: unknown };
  /** Answered and recorded without running anything (failed authentication, unknown tool). */
  preempt?: Reply;
  /** Status of a plain (non-Reply) handler result. */
  successStatus: number;
  /** Absolute URL of this page without its query (REST), for pagination links. */
  pageUrl?: string;
  /** The role of the twin's extra token the call presented (`TwinAuth.extraTokens`); null or absent otherwise. */
  credential?: string | null;
}

export interface CallOutcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** The vendor error this outcome carries, null for a success. */
  error: TwinCall["error"];
  call: TwinCall;
}

export type InternalErrorListener = (error: unknown, where: { twin: string; operation: string | null }) => void;

const INTERNAL_ERROR = "Internal Server Error";

/** Fields the engine falls back on to name an error in a vendor body. */
function genericError(status: number, body: unknown): TwinCall["error"] {
  if (status < 400) return null;
  const fallback = { code: null, message: `HTTP ${status}` };
  if (typeof body !== "object" || body === null) return typeof body === "string" && body !== "" ? { code: null, message: body } : fallback;
  const record = body as Record<string, unknown>;
  const nested = record.error;
  if (typeof nested === "object" && nested !== null) {
    const e = nested as Record<string, unknown>;
    const code = typeof e.code === "string" ? e.code : typeof e.type === "string" ? e.type : null;
    return { code, message: typeof e.message === "string" ? e.message : (code ?? fallback.message) };
  }
  if (typeof nested === "string") return { code: nested, message: typeof record.message === "string" ? record.message : nested };
  return {
    code: typeof record.code === "string" ? record.code : null,
    message: typeof record.message === "string" ? record.message : fallback.message,
  };
}

export function describeError(errors: TwinErrors, status: number, body: unknown): TwinCall["error"] {
  if (errors.describe) {
    try {
      return errors.describe(status, body);
    } catch {
      return genericError(status, body);
    }
  }
  return genericError(status, body);
}

/** A vendor-shaped 500; if even the twin's renderer fails, a bare JSON one. */
function internalError(errors: TwinErrors): Reply {
  try {
    return errors.render(new TwinError(500, INTERNAL_ERROR));
  } catch {
    return new Reply(500, { message: INTERNAL_ERROR });
  }
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";

export async function invoke(
  live: LiveSession,
  twin: TwinRuntime,
  operation: Operation | null,
  request: CallRequest,
  onInternalError?: InternalErrorListener,
): Promise<CallOutcome> {
  const started = performance.now();
  const definition = twin.compiled.definition;
  const { errors } = definition;
  live.clock.advance(1);
  let args: unknown = request.input;
  let handlerSucceeded = false;
  let changedAnyway = false;
  let replay = false;
  let reply: Reply;
  const outgoing: OutboundMessage[] = [];

  const runHandler = async (op: Operation, input: unknown): Promise<Reply> => {
    const ctx: OperationContext<unknown> = {
      state: twin.state,
      clock: live.clock,
      ids: twin.ids,
      actor: definition.defaultActor,
      credential: request.credential ?? null,
      urls: twin.urls,
      twin: twin.name,
      transport: request.transport,
      headers: request.transport === "rest" ? request.headers : {},
      rawBody: request.rawBody,
      stateChanged: () => {
        changedAnyway = true;
      },
      deliver: (message) => {
        outgoing.push(message);
      },
    };
    try {
      let result = op.handle(ctx, input);
      if (isThenable(result)) result = await result;
      let out = result instanceof Reply ? result : new Reply(request.successStatus, result);
      handlerSucceeded = describeError(errors, out.status, out.body) === null;
      if (!handlerSucceeded) return out;
      if (op.paginate && definition.pagination) out = paginate(out, op.paginate, definition.pagination, request);
      return definition.success ? definition.success(out) : out;
    } catch (error) {
      if (error instanceof TwinError) return errors.render(error);
      if (error instanceof z.ZodError) return errors.invalidInput(error.issues);
      onInternalError?.(error, { twin: twin.name, operation: op.name });
      return internalError(errors);
    }
  };

  /** The handler's reply, or the kept reply of an earlier call with the same idempotency key. */
  const answer = async (op: Operation, input: unknown): Promise<Reply> => {
    const rules = definition.idempotency;
    const key = op.idempotencyKeyed && rules ? idempotencyKeyOf(rules, request.transport, request.headers, request.input) : undefined;
    if (!rules || key === undefined) return runHandler(op, input);
    const kept = twin.idempotency.lookup(key, op.name, input);
    if (kept.kind === "mismatch") return rules.mismatch(key);
    if (kept.kind === "replay") {
      replay = true;
      return rules.replayHeaders ? new Reply(kept.reply.status, kept.reply.body, { ...kept.reply.headers, ...rules.replayHeaders }) : kept.reply;
    }
    const out = await runHandler(op, input);
    kept.keep(out);
    return out;
  };

  try {
    if (request.preempt) reply = request.preempt;
    else if (!operation) reply = errors.unsupported(request.method, request.path);
    else {
      const rule = twin.faults.attempt(operation.name);
      if (rule?.latency_ms) await sleep(rule.latency_ms);
      const imposed = rule && !rule.lose_response ? faultReply(rule, errors) : null;
      if (imposed) reply = imposed;
      else if (request.bodyProblem?.kind === "too_large") reply = errors.render(new TwinError(413, "Payload Too Large"));
      else if (request.bodyProblem?.kind === "malformed") reply = errors.malformedBody(request.bodyProblem.detail);
      else if (request.bodyProblem?.kind === "not_object") reply = errors.bodyNotObject(request.bodyProblem.value);
      else {
        const raw = withoutKeyArgument(operation, definition.idempotency?.argument, request);
        const undeclared = definition.unknownInput ? undeclaredFields(operation, raw) : [];
        const refused = undeclared.length > 0 ? definition.unknownInput?.(undeclared, request.transport) : undefined;
        const parsed = refused ? undefined : operation.input.safeParse(raw);
        if (!parsed) reply = refused!;
        else if (!parsed.success) reply = errors.invalidInput(parsed.error.issues);
        else {
          args = parsed.data;
          reply = await answer(operation, parsed.data);
          // The mutation happened (and its reply is kept for a retry with the same key); the client gets the fault.
          if (rule?.lose_response) reply = faultReply(rule, errors) ?? reply;
        }
      }
    }
  } catch (error) {
    onInternalError?.(error, { twin: twin.name, operation: operation?.name ?? null });
    reply = internalError(errors);
  }

  const error = describeError(errors, reply.status, reply.body);
  const call: TwinCall = {
    twin: twin.name,
    transport: request.transport,
    operation: operation?.name ?? null,
    args,
    method: request.method,
    path: request.path,
    query: request.query,
    request_headers: request.headers,
    request_body: request.requestBody ?? null,
    status: reply.status,
    response_body: reply.body ?? null,
    latency_ms: Math.round((performance.now() - started) * 1000) / 1000,
    fidelity: operation ? operation.tier : "unsupported",
    // A lost response still mutated: the handler ran and succeeded before the reply was dropped.
    state_mutation: Boolean(operation?.mutates) && (handlerSucceeded || changedAnyway) && !replay,
    idempotent_replay: replay,
    preflight: live.preflight,
    error,
  };
  live.record(call);
  if (outgoing.length > 0) live.outbox.send(twin.name, outgoing);
  return { status: reply.status, body: reply.body, headers: reply.headers, error, call };
}

/** Top-level fields of the input that an object schema does not declare (none for other schemas). */
function undeclaredFields(operation: Operation, input: Record<string, unknown>): string[] {
  if (!(operation.input instanceof z.ZodObject)) return [];
  const shape = operation.input.shape as Record<string, unknown>;
  return Object.keys(input).filter((name) => !Object.hasOwn(shape, name));
}

/** MCP carries an idempotency key as a tool argument; it is the engine's, not the operation's input. */
function withoutKeyArgument(operation: Operation, argument: string | undefined, request: CallRequest): Record<string, unknown> {
  if (!operation.idempotencyKeyed || argument === undefined || request.transport !== "mcp" || !(argument in request.input)) return request.input;
  const { [argument]: _key, ...input } = request.input;
  return input;
}
