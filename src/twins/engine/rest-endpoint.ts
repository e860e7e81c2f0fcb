/**
 * REST transport: an HTTP request under a twin's root becomes a `CallRequest` (path params
 * + query + body merged into one input), goes through `invoke`, and its outcome is written
 * back with the twin's headers.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { CompiledTwin } from "./compiled-twin.js";
import { presentedTokens } from "./credentials.js";
import { flatQuery, parseUrlEncoded } from "./form-encoding.js";
import { sendReply } from "./http-reply.js";
import { type CallRequest, type InternalErrorListener, invoke } from "./invoke.js";
import type { Reply } from "./operation.js";
import { type ParsedBody, readBody, readBodyByContentType } from "./request-body.js";
import type { LiveSession, TwinRuntime } from "./session.js";
import type { AuthResult, SessionRegistry } from "./session-registry.js";
import type { TwinErrors } from "./twin.js";

export interface RestContext {
  registry: SessionRegistry;
  /** Twins mounted at the server root, in definition order. */
  rootTwins: readonly CompiledTwin[];
  onInternalError?: InternalErrorListener;
}

/** Where a request landed: a session URL, or the root (session from the token alone). */
export type RestTarget = { kind: "session"; live: LiveSession; twin: TwinRuntime; basePath: string } | { kind: "root" };

const NO_BODY: ParsedBody = { kind: "none" };

export function lowerCaseHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export function deniedReply(errors: TwinErrors, reason: "missing" | "invalid" | "forbidden"): Reply {
  return reason === "forbidden" ? errors.forbidden() : errors.unauthorized(reason);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What is wrong with a body, if anything: too large, unparsable, or a JSON value that is not
 * an object (`"str"`, `null`, `[]`, a double-encoded object) — never read as "no fields".
 */
function bodyProblemOf(raw: Buffer | null, body: ParsedBody): CallRequest["bodyProblem"] {
  if (raw === null) return { kind: "too_large" };
  if (body.kind === "malformed") return { kind: "malformed", detail: body.detail };
  if (body.kind === "fields" && !isPlainObject(body.value)) return { kind: "not_object", value: body.value };
  return undefined;
}

/** The session twin a root request goes to: the vendor token's twin, else a root twin whose routes match. */
function rootTwinOf(auth: Extract<AuthResult, { ok: true }>, method: string, path: string): TwinRuntime | null {
  const candidates = [...auth.live.twins.values()].filter((twin) => twin.compiled.definition.rootMount);
  if (auth.twin !== null) return candidates.find((twin) => twin.name === auth.twin) ?? null;
  return candidates.find((twin) => twin.compiled.router.match(method, path) !== null) ?? candidates[0] ?? null;
}

export async function serveRest(context: RestContext, req: IncomingMessage, res: ServerResponse, target: RestTarget, pathname: string, search: string): Promise<void> {
  const method = req.method ?? "GET";
  const raw = await readBody(req);
  // At the root the twin is known only from the token, which may be in the body: the root twins' first habit reads it.
  const habits = target.kind === "session" ? target.twin.compiled.definition : context.rootTwins[0].definition;
  const bodyReader = habits.bodyReader ?? readBodyByContentType;
  const body = raw === null ? NO_BODY : bodyReader(req.headers["content-type"], raw);
  const query = search === "" ? {} : flatQuery(search);
  const bodyFields = body.kind === "fields" ? body.value : undefined;
  const tokens = presentedTokens(req.headers.authorization, query, bodyFields, habits.auth.tokenParameter);

  let live: LiveSession;
  let twin: TwinRuntime;
  let restPath: string;
  let preempt: Reply | undefined;
  let credential: string | null = null;
  if (target.kind === "session") {
    ({ live, twin } = target);
    restPath = pathname.slice(target.basePath.length) || "/";
    const auth = await context.registry.authenticate(tokens, { sessionId: live.id, twin: twin.name });
    if (!auth.ok) preempt = deniedReply(twin.compiled.definition.errors, auth.reason);
    else credential = auth.role;
  } else {
    restPath = pathname;
    const auth = await context.registry.authenticate(tokens, {});
    const found = auth.ok ? rootTwinOf(auth, method, restPath) : null;
    if (!auth.ok || !found) {
      // No session to record into: answer in the first root twin's envelope.
      const errors = context.rootTwins[0].definition.errors;
      const reply = deniedReply(errors, auth.ok ? "invalid" : auth.reason);
      return sendReply(res, reply.status, reply.body, reply.headers);
    }
    live = auth.live;
    twin = found;
    credential = auth.role;
  }

  const match = twin.compiled.router.match(method, restPath);
  const input: Record<string, unknown> = search === "" ? {} : parseUrlEncoded(search);
  if (isPlainObject(bodyFields)) Object.assign(input, bodyFields);
  if (match) Object.assign(input, match.params);

  const headers = lowerCaseHeaders(req.headers);
  const request: CallRequest = {
    transport: "rest",
    method,
    path: restPath,
    query,
    headers,
    requestBody: bodyFields ?? null,
    rawBody: raw ?? undefined,
    input,
    bodyProblem: bodyProblemOf(raw, body),
    preempt,
    successStatus: match?.route.status ?? 200,
    pageUrl: `http://${headers.host ?? "127.0.0.1"}${pathname}`,
    credential,
  };
  const outcome = await invoke(live, twin, match?.operation ?? null, request, context.onInternalError);
  const definition = twin.compiled.definition;
  const extra = definition.responseHeaders?.({ clock: live.clock, ids: twin.ids, operation: match?.operation.name ?? null });
  const replyHeaders = extra ? { ...extra, ...outcome.headers } : outcome.headers;
  if (raw === null) res.setHeader("connection", "close");
  sendReply(res, outcome.status, outcome.body, replyHeaders);
}
