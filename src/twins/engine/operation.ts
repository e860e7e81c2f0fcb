/**
 * A twin operation is data: one declaration drives REST routing, the MCP tool, the
 * recorder and the fidelity table (DESIGN.md, principle 1).
 */
import type { z } from "zod";
import type { Transport } from "../../trace/index.js";
import type { OutboundMessage } from "./outbox.js";

export type Tier = "semantic" | "shape";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A REST route of an operation. `path` is relative to the twin's REST root and uses
 * `{name}` placeholders named like the operation's input fields (Octokit's route
 * templates, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`). A trailing `{path+}`
 * matches the rest of the path, slashes included (contents paths, branch names).
 */
export interface RestRoute {
  method: HttpMethod;
  path: string;
  /** Status of a successful reply when the handler returns a plain value (default 200). */
  status?: number;
}

/** Per-session clock: never the wall clock, so two runs give the same state. */
export interface Clock {
  /** Current session time as an ISO-8601 string without milliseconds (`2026-01-01T00:00:00Z`). */
  now(): string;
  /** Current session time in Unix seconds. */
  unix(): number;
  /** Advance the clock (every recorded call advances it by one second). */
  advance(seconds: number): void;
}

/** Per-session id generator, seeded from the scenario. */
export interface IdSource {
  /** Next integer id for a kind of object (`issue`, `comment`, …), monotonic per kind. */
  next(kind: string): number;
  /** A deterministic lowercase hex string of `length` characters (commit shas, request ids). */
  hex(kind: string, length: number): string;
}

export interface OperationContext<S> {
  state: S;
  clock: Clock;
  ids: IdSource;
  /** Login / user id the request acts as (from the token). */
  actor: string;
  /**
   * Which of the twin's tokens the call presented: null for its main token and the session
   * JWT, else the role of one of its `TwinAuth.extraTokens` (a user token beside a bot token).
   */
  credential: string | null;
  /** This session's URLs of the twin (for links and upload URLs a vendor hands out). */
  urls: { rest: string; mcp: string };
  twin: string;
  transport: Transport;
  /** Request headers, lower-cased (REST only; empty for MCP). */
  headers: Record<string, string>;
  /** The raw request body (REST only): uploads whose bytes are not form or JSON fields. */
  rawBody?: Buffer;
  /**
   * Says the call changed state even if it then answers an error (a declined card is
   * recorded as a failed charge; a paywall's 402 opens a payment intent), so the recorder
   * counts it as a mutation. A successful call of a mutating operation counts anyway.
   */
  stateChanged(): void;
  /**
   * Send a message out of the world once this call is answered (a signed webhook
   * delivery). Sent whatever the call answers; an idempotent replay sends nothing again.
   */
  deliver(message: OutboundMessage): void;
}

/** A handler may return a plain value (sent with the route's status) or a full reply. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
export function reply(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return new Reply(status, body, headers);
}

/**
 * Where a list operation's list is, for the twin's pagination strategy: the result itself
 * (`array`) or one field of it (`{ items: "data" }`: a search's `items`, a Stripe list's
 * `data`, Slack's `channels`).
 */
export type Pagination = "array" | { items: string };

export interface Operation<S = unknown, I = any> {
  /** Operation name; also the MCP tool name and the name recorded in the trace. */
  name: string;
  description: string;
  /** Its REST routes; empty only for an `mcpOnly` operation. */
  rest: RestRoute[];
  /**
   * A tool the vendor's MCP server has and its REST API does not (Stripe's
   * `stripe_api_search`): served and recorded over MCP only, with no REST route.
   */
  mcpOnly?: boolean;
  tier: Tier;
  /** True when a successful call can change state (recorded as `state_mutation`). */
  mutates: boolean;
  /** Input schema over the merged path params, query and body (REST) or tool arguments (MCP). */
  input: z.ZodType<I>;
  paginate?: Pagination;
  /** Takes an idempotency key (the twin's `idempotency` rules): a repeat is answered by the engine. */
  idempotencyKeyed?: boolean;
  handle(ctx: OperationContext<S>, input: I): unknown;
}

export function defineOperation<S, I>(op: Operation<S, I>): Operation<S, I> {
  return op;
}

/**
 * An error a handler throws; the twin's `errors` renders it in the vendor's envelope.
 * `details` carries vendor fields (field errors, error codes and params, error names).
 */
export class TwinError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "TwinError";
  }
}

export const notFound = (message = "Not Found", details?: Record<string, unknown>) => new TwinError(404, message, details);
export const forbidden = (message = "Forbidden", details?: Record<string, unknown>) => new TwinError(403, message, details);
export const conflict = (message: string, details?: Record<string, unknown>) => new TwinError(409, message, details);
export const unprocessable = (message = "Validation Failed", details?: Record<string, unknown>) =>
  new TwinError(422, message, details);
export const badRequest = (message: string, details?: Record<string, unknown>) => new TwinError(400, message, details);
export const methodNotAllowed = (message: string, details?: Record<string, unknown>) =>
  new TwinError(405, message, details);
