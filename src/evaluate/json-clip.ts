/**
 * Shrinking recorded JSON for an LLM's input without hiding that something was cut: long
 * strings and long arrays are elided with a marker saying how much is missing.
 */

export const ELIDED = (n: number, what = "chars") => `…[${n} ${what} elided]`;

/** `value` as JSON of at most about `max` characters. */
export function clipJson(value: unknown, max: number): string {
  const whole = JSON.stringify(value) ?? "null";
  if (whole.length <= max) return whole;
  // First shorten the parts (a long file body, a long list), keeping the shape readable.
  for (const limit of [Math.floor(max / 3), Math.floor(max / 8), 40]) {
    const shrunk = JSON.stringify(shrink(value, limit)) ?? "null";
    if (shrunk.length <= max) return shrunk;
  }
  const cut = JSON.stringify(shrink(value, 40)) ?? "null";
  return `${cut.slice(0, max)}${ELIDED(cut.length - max)}`;
}

/** Text of at most `max` characters. */
export function clipText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}${ELIDED(text.length - max)}`;
}

function shrink(value: unknown, limit: number): unknown {
  if (typeof value === "string") return clipText(value, limit);
  if (Array.isArray(value)) {
    const keep = Math.max(2, Math.floor(limit / 20));
    if (value.length <= keep + 1) return value.map((v) => shrink(v, limit));
    // Head and tail: the last element is often the one the agent just added.
    const head = value.slice(0, keep - 1).map((v) => shrink(v, limit));
    return [...head, ELIDED(value.length - keep, "items"), shrink(value[value.length - 1], limit)];
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shrink(v, limit)]));
  }
  return value;
}
