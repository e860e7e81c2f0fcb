/**
 * Messages a twin sends out of the world (Stripe's signed webhook deliveries): a handler
 * hands them to `ctx.deliver`, and the session's outbox posts each one after the call
 * has been answered, as the vendor does. Each attempt is reported (the run writes them to
 * events.jsonl); a refused or failed attempt is retried a few times, quickly, because a
 * run lasts minutes, not the vendor's three days. Closing the session aborts what is
 * still in flight, so no request outlives a run.
 */

export interface OutboundMessage {
  /** Where it goes (`http://127.0.0.1:4242/webhooks`). */
  url: string;
  /** The request body, sent as it is. */
  body: string;
  /** The request headers of one attempt; `sentAt` is that attempt's wall-clock Unix second (signatures are made then). */
  headers(sentAt: number): Record<string, string>;
  /** What it is, for reports: `evt_1 charge.refunded`. */
  label: string;
}

export interface DeliveryReport {
  twin: string;
  url: string;
  label: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** The receiver's HTTP status; null when no answer came (refused, timed out, aborted). */
  status: number | null;
  /** Why the attempt failed; null for a 2xx. */
  error: string | null;
  latency_ms: number;
}

export interface OutboxOptions {
  onDelivery?: (report: DeliveryReport) => void;
  /** Delays before the second, third … attempt (ms). */
  retryDelaysMs?: readonly number[];
  /** One attempt's time limit (ms). */
  attemptTimeoutMs?: number;
}

const DEFAULT_RETRY_DELAYS_MS = [500, 2000];
const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

export class Outbox {
  private readonly abort = new AbortController();
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly opts: OutboxOptions = {}) {}

  /** Queue messages of one twin; they are posted after the current call has been answered. */
  send(twin: string, messages: readonly OutboundMessage[]): void {
    if (this.abort.signal.aborted) return;
    for (const message of messages) {
      const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.deliver(twin, message));
      this.pending.add(delivery);
      void delivery.finally(() => this.pending.delete(delivery));
    }
  }

  /** Wait until every queued message has been delivered or has given up. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Abort every attempt in flight and drop what is queued. */
  close(): void {
    this.abort.abort();
  }

  private async deliver(twin: string, message: OutboundMessage): Promise<void> {
    const delays = this.opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let attempt = 1; attempt <= delays.length + 1; attempt++) {
      if (this.abort.signal.aborted) return;
      if (attempt > 1 && !(await this.wait(delays[attempt - 2]))) return;
      const ok = await this.attempt(twin, message, attempt);
      if (ok) return;
    }
  }

  private async attempt(twin: string, message: OutboundMessage, attempt: number): Promise<boolean> {
    const started = performance.now();
    const report = (status: number | null, error: string | null) =>
      this.opts.onDelivery?.({ twin, url: message.url, label: message.label, attempt, status, error, latency_ms: Math.round(performance.now() - started) });
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS)]);
    try {
      const response = await fetch(message.url, { method: "POST", headers: message.headers(Math.floor(Date.now() / 1000)), body: message.body, signal, redirect: "manual" });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      report(response.status, ok ? null : `the receiver answered HTTP ${response.status}`);
      return ok;
    } catch (error) {
      if (this.abort.signal.aborted) return true;
      report(null, describeFailure(error));
      return false;
    }
  }

  /** Sleep unless closed first; false when closed. */
  private wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.abort.signal.removeEventListener("abort", onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      this.abort.signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}

function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if ((error as Error)?.name === "TimeoutError") return "no answer within the time limit";
  if (cause?.code) return `${cause.code}${cause.message ? `: ${cause.message}` : ""}`;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
