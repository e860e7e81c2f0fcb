import { describe, expect, test } from "vitest";
import { backoffMs, estimateCostUsd, retryAfterMs } from "../../../src/llm/index.js";

describe("backoff", () => {
  const opts = { baseMs: 1000, maxMs: 5000 };

  test("doubles per retry, between half and all of the ceiling", () => {
    expect(backoffMs(1, opts, () => 0)).toBe(500);
    expect(backoffMs(1, opts, () => 1)).toBe(1000);
    expect(backoffMs(2, opts, () => 0)).toBe(1000);
    expect(backoffMs(3, opts, () => 1)).toBe(4000);
  });

  test("never exceeds the maximum", () => {
    expect(backoffMs(10, opts, () => 1)).toBe(5000);
  });
});

describe("Retry-After", () => {
  test("seconds", () => expect(retryAfterMs({ "retry-after": "2" })).toBe(2000));
  test("an HTTP date", () => expect(retryAfterMs({ "retry-after": "Wed, 21 Oct 2015 07:28:05 GMT" }, Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5000));
  test("retry-after-ms wins over retry-after", () => expect(retryAfterMs({ "retry-after-ms": "150", "retry-after": "9" })).toBe(150));
  test("absent or unreadable: null", () => {
    expect(retryAfterMs({})).toBeNull();
    expect(retryAfterMs({ "retry-after": "soon" })).toBeNull();
  });
});

describe("cost estimate", () => {
  test("known models are priced per million tokens, dated and gateway names included", () => {
    expect(estimateCostUsd("claude-haiku-4-5", { input: 1_000_000, output: 100_000 })).toBe(1.5);
    expect(estimateCostUsd("anthropic/claude-haiku-4-5-20251001", { input: 2000, output: 100 })).toBe(0.0025);
    expect(estimateCostUsd("gpt-4o-mini", { input: 1_000_000, output: 0 })).toBe(0.15);
    expect(estimateCostUsd("gpt-4o-2024-08-06", { input: 1_000_000, output: 0 })).toBe(2.5);
  });

  test("an unknown model or unknown usage has no estimate", () => {
    expect(estimateCostUsd("my-local-llama", { input: 10, output: 10 })).toBeNull();
    expect(estimateCostUsd("gpt-4o-mini", { input: null, output: 10 })).toBeNull();
  });
});
