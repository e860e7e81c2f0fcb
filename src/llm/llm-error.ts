/**
 * What can go wrong talking to an LLM, as values (spec/evaluate.md): auth problems and an
 * oversized prompt cannot be fixed by retrying and make a criterion `skipped`; everything
 * else, after retries, makes it `errored`.
 */

export type LlmErrorKind =
  /** 401/403: the key is wrong or lacks access. */
  | "auth"
  /** The prompt does not fit the model's context window. */
  | "context_too_long"
  /** 429, or a Retry-After longer than pome is willing to wait. */
  | "rate_limited"
  /** 5xx (including 529 overloaded) after the last try. */
  | "server"
  /** Any other 4xx: a request the provider rejects (unknown model, bad parameter). */
  | "bad_request"
  /** Connection refused/reset, DNS, TLS. */
  | "network"
  | "timeout"
  /** A 2xx whose body is not the provider's reply shape. */
  | "malformed_response"
  /** The model's answer did not match the schema, even after one repair attempt. */
  | "invalid_output"
  /** The answer was cut off at the token limit. */
  | "truncated";

export interface TokenUsage {
  input: number | null;
  output: number | null;
}

export class LlmError extends Error {
  readonly kind: LlmErrorKind;
  /** HTTP status, when there was a response. */
  readonly status: number | null;
  /** Tokens already spent on the failed exchange (a repair attempt that still failed costs). */
  usage: TokenUsage;
  /** How long the provider asked pome to wait before trying again (Retry-After), in ms. */
  readonly retryAfterMs: number | null;

  constructor(
    kind: LlmErrorKind,
    message: string,
    opts: { status?: number | null; usage?: TokenUsage; retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "LlmError";
    this.kind = kind;
    this.status = opts.status ?? null;
    this.usage = opts.usage ?? { input: null, output: null };
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** Worth another try: the same request may well succeed in a moment. */
export function isRetryable(error: LlmError): boolean {
  return error.kind === "rate_limited" || error.kind === "server" || error.kind === "network" || error.kind === "timeout";
}

/** The criterion outcome an LLM failure leads to (spec/evaluate.md "Errors map to outcomes"). */
export function outcomeOfLlmError(error: unknown): "skipped" | "errored" {
  return error instanceof LlmError && (error.kind === "auth" || error.kind === "context_too_long") ? "skipped" : "errored";
}

const PREFIX: Record<LlmErrorKind, string> = {
  auth: "the LLM provider refused the credentials",
  context_too_long: "the judge's input is longer than the model's context window",
  rate_limited: "the LLM provider rate-limited pome",
  server: "the LLM provider failed",
  bad_request: "the LLM provider rejected the request",
  network: "the LLM provider could not be reached",
  timeout: "the LLM provider did not answer in time",
  malformed_response: "the LLM provider sent a reply pome cannot read",
  invalid_output: "the model's answer was not valid",
  truncated: "the model's answer was cut off at the token limit",
};

/** One line for a verdict reason or a warning: what happened, then the provider's own words. */
export function describeLlmError(error: unknown): string {
  if (error instanceof LlmError) return `${PREFIX[error.kind]}: ${error.message}`;
  return `unexpected error talking to the LLM: ${error instanceof Error ? error.message : String(error)}`;
}
