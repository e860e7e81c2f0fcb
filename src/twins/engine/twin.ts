/**
 * What a twin hands the engine: its operation table, seed schema, state lifecycle, and
 * every wire habit of its vendor — envelopes, tokens, body reading, pagination,
 * idempotency, the identity of its objects — plus its `[D]` phrase catalog. The engine
 * assumes none of these habits itself: no vendor (GitHub, Stripe, Slack) is named in
 * engine/ but here, so adding a vendor changes no engine code.
 */
import type { z } from "zod";
import type { PhraseFamily } from "../../criteria/index.js";
import type { Transport } from "../../trace/index.js";
import type { IdempotencyRules } from "./idempotency.js";
import type { Clock, IdSource, Operation, Reply, TwinError } from "./operation.js";
import type { PaginationStrategy } from "./pagination.js";
import type { BodyReader } from "./request-body.js";
import type { ToolRoute } from "./tool-routes.js";

/**
 * A twin's name: its key in seeds, snapshots, URLs and env variables (`POME_<NAME>_…`).
 * Any lowercase word; which names exist is the twin catalog's business, not the engine's.
 */
export type TwinName = string;

/** The vendor-shaped answers a twin gives for problems the engine detects. */
export interface TwinErrors {
  /** Render a thrown TwinError (and zod validation failures turned into 422/400 TwinErrors). */
  render(error: TwinError): Reply;
  /** Missing (`missing`) or invalid/expired (`invalid`) credentials. */
  unauthorized(kind: "missing" | "invalid"): Reply;
  /** A valid token of another session. */
  forbidden(): Reply;
  /** An unknown route or tool: HTTP 501 in the vendor's shape. */
  unsupported(method: string, path: string): Reply;
  /** A body that does not parse. */
  malformedBody(detail: string): Reply;
  /**
   * A body that parses to a JSON value other than an object (`"str"`, `null`, `123`, `[]`,
   * an object JSON-encoded twice): the vendor's answer to a body it cannot take fields from.
   */
  bodyNotObject(value: unknown): Reply;
  /** Input that fails the operation's zod schema. */
  invalidInput(issues: z.core.$ZodIssue[]): Reply;
  /**
   * The `error` of a recorded call, when the vendor reports errors its own way (Slack:
   * HTTP 200 with `ok:false`). Without it the engine reads `status >= 400` bodies
   * (`error.code`/`error.message`, `error`, `code`, `message`). Return null for a success.
   */
  describe?(status: number, body: unknown): { code: string | null; message: string } | null;
}

export interface TwinAuth {
  /** Mint a vendor-shaped token for a session (`ghp_…`, `sk_test_…`, `xoxb-…`). */
  mintToken(random: () => string): string;
  /**
   * Env variables naming the tokens for the agent, e.g. `{ POME_<TWIN>_TOKEN: token }`;
   * `extra` holds the tokens of `extraTokens` by role.
   */
  env(token: string, restUrl: string, extra: Record<string, string>): Record<string, string>;
  /**
   * More tokens a session mints for this twin, by role, each acting for someone other than
   * the main token does (a vendor's user token beside its bot token). A call that presents
   * one runs with `ctx.credential` set to its role.
   */
  extraTokens?: Record<string, (random: () => string) => string>;
  /**
   * A query parameter / body field that may carry the token when no Authorization header
   * does (Slack's `token`). Without it only the header counts.
   */
  tokenParameter?: string;
}

export interface TwinDefinition<S = any, Seed = any> {
  name: TwinName;
  version: string;
  /** The operation table: REST routes, MCP tools, recording and fidelity all derive from it. */
  operations: Operation<S, any>[];
  /** More MCP tool names, each leading to an operation of the table (a vendor's older or generic tools). */
  toolRoutes?: ToolRoute[];
  seed: {
    /** Validates the scenario's seed for this twin (defaults applied). */
    schema: z.ZodType<Seed>;
    /** The world when a scenario gives no seed. */
    default: Seed;
    /**
     * Faults a seed declares itself (the earlier format's `failure_injection`), as the
     * engine's rules; the scenario parser adds them to the scenario's `faults:`.
     */
    faults?(seed: Seed, operations: readonly Operation<S, any>[]): FaultRule[];
  };
  createState(seed: Seed, ctx: { clock: Clock; ids: IdSource }): S;
  /** Vendor-shaped, stable-ordered JSON of the state (state_initial.json / state_final.json). */
  snapshot(state: S): unknown;
  /** Login / id the session's tokens act as. */
  defaultActor: string;
  errors: TwinErrors;
  auth: TwinAuth;
  phrases: PhraseFamily[];
  /**
   * Also serve the REST routes at the server root (`/v1/...`), the session then being
   * resolved from the token alone: for SDKs that only take a host and port (stripe-node).
   */
  rootMount?: boolean;
  /** How a REST body becomes fields (default: by content type, `readBodyByContentType`). */
  bodyReader?: BodyReader;
  /** How list operations (`paginate`) are paged; required when any operation declares `paginate`. */
  pagination?: PaginationStrategy;
  /** Idempotency keys, for operations marked `idempotencyKeyed`; required when any is. */
  idempotency?: IdempotencyRules;
  /**
   * Top-level input fields the operation's schema does not declare. Without this hook they
   * are dropped, as GitHub and Slack ignore them; a twin whose vendor refuses them answers
   * its error here (Stripe's `parameter_unknown` over REST), or undefined to drop them.
   */
  unknownInput?(names: string[], transport: Transport): Reply | undefined;
  /** The vendor's success envelope around a handler's result (Slack: `{ ok: true, … }`). */
  success?(reply: Reply): Reply;
  /**
   * Which fields identify an object in a list of the snapshot (`full_name`, `number`,
   * `id`, `ts` …), tried in order: state diffs match list elements by them and name them.
   */
  identityKeys: string[][];
  /** Headers added to every REST reply of this twin (Stripe `request-id`). */
  responseHeaders?(ctx: { clock: Clock; ids: IdSource; operation: string | null }): Record<string, string>;
}

/** A fault injection rule (scenario `faults:`, spec/twins.md "Faults"). */
export interface FaultRule {
  twin: TwinName;
  /** Operation name (as in the twin's table). */
  operation: string;
  /** 1-based attempt numbers the rule applies to (default: every attempt). */
  attempts?: number[];
  /** Answer with this HTTP status and vendor body instead of calling the handler. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Added latency before answering, in milliseconds. */
  latency_ms?: number;
  /** Run the handler (the mutation happens), then answer `status` (default 502) anyway. */
  lose_response?: boolean;
}
