/** How the judge's part of a score reads in reports: per verdict, and per run. */
import type { Score, Verdict } from "../evaluate/index.js";
import { count } from "./format.js";

/** `judge claude-haiku-4-5, confidence 0.9, cached` for a judged `[P]` verdict; null otherwise. */
export function judgeNote(v: Verdict): string | null {
  if (v.kind !== "P" || !v.judge_model) return null;
  const parts = [`judge ${v.judge_model}`];
  if (v.confidence !== null) parts.push(`confidence ${Math.round(v.confidence * 100) / 100}`);
  if (v.judge_cached) parts.push("cached");
  return parts.join(", ");
}

/** `claude-haiku-4-5 · 2 calls, 1 cached · 6,000 in / 160 out tokens · ≈$0.0068`; null without a judge. */
export function judgeUsageLine(score: Score): string | null {
  if (!score.judge_model) return null;
  const judged = score.results.filter((v) => v.kind === "P" && v.judge_model);
  const cached = judged.filter((v) => v.judge_cached).length;
  const calls = `${count(judged.length - cached, "call")}${cached ? `, ${cached} cached` : ""}`;
  const tokens = score.judge_tokens_in === null || score.judge_tokens_out === null ? "tokens unknown" : `${thousands(score.judge_tokens_in)} in / ${thousands(score.judge_tokens_out)} out tokens`;
  const cost = score.judge_cost_usd === null ? "cost unknown" : `≈$${score.judge_cost_usd.toFixed(4)}`;
  return [score.judge_model, calls, tokens, cost].join(" · ");
}

const thousands = (n: number) => n.toLocaleString("en-US");
