/**
 * Evaluating a compiled check over a run. A check is user-reachable code (JSONata, phrase
 * predicates over whatever the agent left behind), so whatever it does — throw, return
 * nonsense — becomes an `errored` outcome with a reason, never a crash of the run.
 */
import type { CheckInput, Predicate } from "./types.js";

export interface CheckResult {
  outcome: "passed" | "failed" | "errored";
  reason: string;
  /** Event ids the check cites. */
  evidence: string[];
}

export async function runCheck(check: Predicate, input: CheckInput): Promise<CheckResult> {
  let outcome: unknown;
  try {
    outcome = await check(input);
  } catch (error) {
    return { outcome: "errored", reason: `the check failed: ${error instanceof Error ? error.message : String(error)}`, evidence: [] };
  }
  if (!isCheckOutcome(outcome)) {
    return { outcome: "errored", reason: "the check returned no verdict (expected {passed, reason})", evidence: [] };
  }
  return {
    outcome: outcome.passed ? "passed" : "failed",
    reason: outcome.reason,
    evidence: Array.isArray(outcome.evidence) ? outcome.evidence.filter((id): id is string => typeof id === "string") : [],
  };
}

function isCheckOutcome(v: unknown): v is { passed: boolean; reason: string; evidence?: unknown } {
  return typeof v === "object" && v !== null && typeof (v as { passed?: unknown }).passed === "boolean" && typeof (v as { reason?: unknown }).reason === "string";
}
