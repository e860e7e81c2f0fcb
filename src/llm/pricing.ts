/**
 * A cost estimate for judge and fix-prompt calls: list prices in USD per million tokens
 * (input, output) of the models people commonly judge with. An unknown model has no
 * estimate (null), rather than a wrong one.
 */
import type { TokenUsage } from "./llm-error.js";

const PRICES: Array<[prefix: string, input: number, output: number]> = [
  // Longest prefixes first: "gpt-4o-mini" before "gpt-4o".
  ["claude-haiku-4-5", 1, 5],
  ["claude-sonnet-4-5", 3, 15],
  ["claude-sonnet-4", 3, 15],
  ["claude-opus-4-5", 5, 25],
  ["claude-opus-4-1", 15, 75],
  ["claude-opus-4", 15, 75],
  ["claude-3-7-sonnet", 3, 15],
  ["claude-3-5-haiku", 0.8, 4],
  ["claude-3-5-sonnet", 3, 15],
  ["gpt-4o-mini", 0.15, 0.6],
  ["gpt-4o", 2.5, 10],
  ["gpt-4.1-nano", 0.1, 0.4],
  ["gpt-4.1-mini", 0.4, 1.6],
  ["gpt-4.1", 2, 8],
  ["gpt-5-nano", 0.05, 0.4],
  ["gpt-5-mini", 0.25, 2],
  ["gpt-5", 1.25, 10],
  ["o4-mini", 1.1, 4.4],
  ["o3-mini", 1.1, 4.4],
  ["o3", 2, 8],
];

/** Prices per million tokens, or null. Gateway prefixes (`anthropic/…`) and date suffixes are ignored. */
export function priceOf(model: string): { input: number; output: number } | null {
  const name = model.toLowerCase().split("/").pop()!;
  const hit = PRICES.filter(([prefix]) => name === prefix || name.startsWith(`${prefix}-`) || name.startsWith(`${prefix}@`)).sort(
    (a, b) => b[0].length - a[0].length,
  )[0];
  return hit ? { input: hit[1], output: hit[2] } : null;
}

/** USD for this usage, rounded to a millionth of a dollar; null when the model or the usage is unknown. */
export function estimateCostUsd(model: string, usage: TokenUsage): number | null {
  const price = priceOf(model);
  if (!price || usage.input === null || usage.output === null) return null;
  return Math.round(usage.input * price.input + usage.output * price.output) / 1_000_000;
}
