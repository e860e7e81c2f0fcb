/** When to try again: exponential backoff with jitter, or what the provider's Retry-After asks. */

export interface BackoffOptions {
  /** Delay before the second try (before jitter). */
  baseMs: number;
  /** No computed delay exceeds this. */
  maxMs: number;
}

/**
 * Delay before try `retry + 1` (retry 1 = the first retry): base × 2^(retry−1), capped, with
 * "equal jitter" (half fixed, half random) so parallel judges that failed together do not
 * come back together.
 */
export function backoffMs(retry: number, opts: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The wait a provider asked for, in ms: `retry-after-ms` (OpenAI), else `retry-after` as
 * seconds or an HTTP date. Null when absent or unreadable.
 */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now: number = Date.now()): number | null {
  const first = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const ms = first("retry-after-ms");
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = first("retry-after")?.trim();
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
