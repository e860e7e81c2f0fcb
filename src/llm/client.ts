/**
 * The one way pome calls an LLM (spec/evaluate.md): undici, a timeout per try, up to three
 * tries on 429/5xx/network errors with backoff and jitter (a provider's Retry-After is
 * honoured), and a concurrency limit shared by everything using the client.
 */
import { setTimeout as delay } from "node:timers/promises";
import { request } from "undici";
import type { ChatReply, ChatRequest } from "./chat-types.js";
import { ConcurrencyLimit } from "./concurrency-limit.js";
import { isRetryable, LlmError } from "./llm-error.js";
import type { LlmProvider } from "./provider.js";
import { backoffMs, retryAfterMs, type BackoffOptions } from "./retry-timing.js";
import { providerMessage, WIRE_FORMATS } from "./wire-format.js";

export interface LlmClientOptions {
  provider: LlmProvider;
  /** Per try (default 60 s). */
  timeoutMs?: number;
  /** Tries in all, the first included (default 3). */
  tries?: number;
  backoff?: BackoffOptions;
  /** A Retry-After longer than this gives up at once rather than stall the run (default 60 s). */
  maxRetryAfterMs?: number;
  /** Calls in flight at once: a number, or a limit shared with other clients (default 4). */
  concurrency?: number | ConcurrencyLimit;
  /** Aborting ends waits and requests in flight. */
  signal?: AbortSignal;
  /** For tests. */
  random?: () => number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_TRIES = 3;
export const DEFAULT_CONCURRENCY = 4;
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 16_000 };

/** A 400 that names the prompt's size: no retry and no model will fix it. */
const CONTEXT_TOO_LONG = /context[ _](window|length)|too long|too many tokens|maximum context|exceeds? the (max|maximum|context)|prompt is too long|input length/i;
/** Reasoning models accept only their default temperature. */
const TEMPERATURE_REJECTED = /temperature/i;

export class LlmClient {
  readonly provider: LlmProvider;
  readonly limit: ConcurrencyLimit;
  private readonly timeoutMs: number;
  private readonly tries: number;
  private readonly backoff: BackoffOptions;
  private readonly maxRetryAfterMs: number;
  private readonly signal?: AbortSignal;
  private readonly random: () => number;

  constructor(opts: LlmClientOptions) {
    this.provider = opts.provider;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.tries = Math.max(1, opts.tries ?? DEFAULT_TRIES);
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 60_000;
    this.limit = opts.concurrency instanceof ConcurrencyLimit ? opts.concurrency : new ConcurrencyLimit(opts.concurrency ?? DEFAULT_CONCURRENCY);
    this.signal = opts.signal;
    this.random = opts.random ?? Math.random;
  }

  /** One answer from the model; an LlmError when it cannot be had. */
  complete(chat: ChatRequest): Promise<ChatReply> {
    return this.limit.run(() => this.withRetries(chat));
  }

  private async withRetries(chat: ChatRequest): Promise<ChatReply> {
    let omitTemperature = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(chat, omitTemperature);
      } catch (caught) {
        if (!(caught instanceof LlmError)) throw caught;
        if (caught.kind === "bad_request" && !omitTemperature && TEMPERATURE_REJECTED.test(caught.message)) {
          // Not a failed try: the same request without the parameter the model refuses.
          omitTemperature = true;
          attempt--;
          continue;
        }
        if (!isRetryable(caught) || this.signal?.aborted) throw caught;
        if (caught.retryAfterMs !== null && caught.retryAfterMs > this.maxRetryAfterMs) {
          throw new LlmError(
            "rate_limited",
            `${caught.message}; the provider asked to retry after ${seconds(caught.retryAfterMs)}, longer than pome waits (${seconds(this.maxRetryAfterMs)})`,
            { status: caught.status },
          );
        }
        if (attempt >= this.tries) {
          throw new LlmError(caught.kind, `${caught.message} (gave up after ${attempt} ${attempt === 1 ? "try" : "tries"})`, { status: caught.status });
        }
        const wait = Math.max(backoffMs(attempt, this.backoff, this.random), caught.retryAfterMs ?? 0);
        try {
          await delay(wait, undefined, { signal: this.signal });
        } catch {
          throw caught; // aborted while waiting
        }
      }
    }
  }

  private async send(chat: ChatRequest, omitTemperature: boolean): Promise<ChatReply> {
    const wire = WIRE_FORMATS[this.provider.api];
    const model = chat.model ?? this.provider.model;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.signal ? AbortSignal.any([timeout, this.signal]) : timeout;
    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await request(wire.url(this.provider), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...wire.headers(this.provider) },
        body: JSON.stringify(wire.body(chat, this.provider, { model, omitTemperature })),
        signal,
      });
      status = response.statusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (error) {
      if (timeout.aborted) throw new LlmError("timeout", `no reply from ${this.provider.baseUrl} within ${seconds(this.timeoutMs)}`, { cause: error });
      if (this.signal?.aborted) throw new LlmError("network", "the request was cancelled", { cause: error });
      throw new LlmError("network", `${this.provider.baseUrl}: ${networkMessage(error)}`, { cause: error });
    }

    if (status >= 200 && status < 300) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new LlmError("malformed_response", `HTTP ${status} with a body that is not JSON: ${providerMessage(text)}`, { status });
      }
      return wire.reply(json, model);
    }

    const message = `HTTP ${status}: ${providerMessage(text)}`;
    const wait = retryAfterMs(headers);
    if (status === 401 || status === 403) throw new LlmError("auth", message, { status });
    if ((status === 400 || status === 413) && CONTEXT_TOO_LONG.test(text)) throw new LlmError("context_too_long", message, { status });
    if (status === 429) throw new LlmError("rate_limited", message, { status, retryAfterMs: wait });
    if (status >= 500 || status === 408) throw new LlmError("server", message, { status, retryAfterMs: wait });
    throw new LlmError("bad_request", message, { status });
  }
}

function seconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number.isInteger(ms / 1000) ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
}

function networkMessage(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : null;
  const message = typeof e?.message === "string" ? e.message : String(error);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}
