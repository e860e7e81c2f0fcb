/** What the proxy's tunnel and forwarding code share: where events go, timeouts, upstream dialing. */
import type { LookupFunction, Socket } from "node:net";
import type { EventBody } from "../trace/index.js";

export type LlmCallBody = EventBody<"LlmCallEvent">;
export type EgressRefusedBody = EventBody<"EgressRefusedEvent">;
export type CaptureEvent = LlmCallBody | EgressRefusedBody;

export interface ProxyTimeouts {
  /** Dialing an upstream host. */
  connectMs: number;
  /** An upstream that sends nothing for this long is given up on (504 if nothing was answered yet). */
  idleMs: number;
  /** A client that does not finish its request headers in time gets 408. */
  headersMs: number;
  /** A client that does not finish its whole request in time gets 408. */
  requestMs: number;
}

export const DEFAULT_TIMEOUTS: ProxyTimeouts = {
  connectMs: 15_000,
  // Long: a non-streamed reasoning call can think for minutes before its first byte.
  idleMs: 600_000,
  headersMs: 30_000,
  requestMs: 300_000,
};

/**
 * Test seam: where to dial a host instead of the real one, and which extra CAs to trust
 * upstream. Tests map provider hostnames to local servers here (never via /etc/hosts).
 */
export interface UpstreamOptions {
  resolve?: (host: string, port: number) => { host: string; port: number } | null;
  ca?: string | string[];
}

export interface Dial {
  host: string;
  port: number;
  lookup?: LookupFunction;
}

export interface ProxyContext {
  timeouts: ProxyTimeouts;
  /** Emits one event; never throws. */
  record(event: CaptureEvent): void;
  /** Where to dial `host:port` (the test resolver, else the host itself; loopback names with a lookup that never asks a resolver). */
  dial(host: string, port: number): Dial;
  upstreamCa: string | string[] | undefined;
  /** Registers an exchange still open; `finish` is called at most once, by the exchange or when the proxy stops. */
  open(finish: () => void): () => void;
  /** Keeps an upstream socket so stopping the proxy can end it. */
  track(socket: Socket): void;
  warn(message: string): void;
}

export const round1 = (ms: number) => Math.round(ms * 10) / 10;
