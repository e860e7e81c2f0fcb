/** The engine's public contract: a loopback server hosting isolated, session-scoped worlds. */
import type { TwinCall } from "../../trace/index.js";
import type { DeliveryReport } from "./outbox.js";
import type { FaultRule, TwinName } from "./twin.js";

export interface TwinServerOptions {
  /** Port to listen on (default 0: an ephemeral port). Always bound to 127.0.0.1. */
  port?: number;
  /**
   * Told about exceptions a handler threw (the client only sees a vendor-shaped 500, never
   * a stack trace), so a twin bug is not silent.
   */
  onInternalError?: (error: unknown, where: { twin: string; operation: string | null }) => void;
}

export interface TwinServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Secret for the admin routes (header `x-pome-admin-token`, loopback only); never given to agents. */
  adminToken: string;
  openSession(spec: SessionSpec): Session;
  close(): Promise<void>;
}

export interface SessionSpec {
  twins: TwinName[];
  /** Seeds keyed by twin, validated against each twin's schema; a missing one means the twin's default seed. */
  seeds?: Partial<Record<TwinName, unknown>>;
  /** The session clock and ids are derived from this string (e.g. scenario sha + trial) so runs are reproducible. */
  seedKey?: string;
  faults?: FaultRule[];
  /** Called synchronously for every recorded twin call (admin routes are never recorded). */
  onCall?: (call: TwinCall) => void;
  /** Told about every attempt to deliver a message a twin sends out (a signed webhook event). */
  onDelivery?: (report: DeliveryReport) => void;
  /** Lifetime of the session JWT in seconds (default 3600). */
  tokenTtlSeconds?: number;
}

export interface SessionUrls {
  /** REST root, e.g. `http://127.0.0.1:PORT/s/<sid>/<twin>` (an SDK's base URL). */
  rest: string;
  /** MCP Streamable HTTP endpoint, e.g. `http://127.0.0.1:PORT/s/<sid>/<twin>/mcp`. */
  mcp: string;
}

export interface Session {
  id: string;
  twins: TwinName[];
  urls: Partial<Record<TwinName, SessionUrls>>;
  /** The session JWT, accepted by every twin of this session. */
  jwt: string;
  /** Vendor-shaped token per twin (`ghp_…`, `sk_test_…`, `xoxb-…`). */
  tokens: Partial<Record<TwinName, string>>;
  /** Every credential the session accepts (its JWT, each twin's tokens, extra ones like Slack's user token): secrets to redact. */
  credentials: string[];
  /**
   * Variables for the agent: POME_TWIN_NAMES, POME_AUTH_TOKEN, POME_<TWIN>_REST_URL,
   * POME_<TWIN>_MCP_URL and each twin's token variables (POME_<TWIN>_TOKEN, …).
   */
  env: Record<string, string>;
  /** Vendor-shaped state of every twin, keyed by twin name. */
  snapshot(): Record<string, unknown>;
  /** Rebuild every twin's state from its seed (clock and ids restart too). */
  reseed(): void;
  /** While on, recorded calls carry `preflight: true`. */
  setPreflight(on: boolean): void;
  /** Resolves when every message the twins sent so far has been delivered or given up on. */
  deliveriesSettled(): Promise<void>;
  /** Forget the session: its tokens stop working, deliveries in flight are aborted. */
  close(): void;
}
