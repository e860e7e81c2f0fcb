/**
 * Fault injection (spec/twins.md "Faults"): rules keyed by operation and 1-based attempt
 * number, counted per session and operation. Counters restart when the session is reseeded.
 */
import { STATUS_CODES } from "node:http";
import { Reply, TwinError } from "./operation.js";
import type { FaultRule, TwinErrors } from "./twin.js";

export interface FaultBook {
  /** Count an attempt of `operation` and return the rule that applies to it, if any. */
  attempt(operation: string): FaultRule | null;
  reset(): void;
}

export function createFaultBook(rules: readonly FaultRule[]): FaultBook {
  const attempts = new Map<string, number>();
  const byOperation = new Map<string, FaultRule[]>();
  for (const rule of rules) {
    const list = byOperation.get(rule.operation) ?? [];
    list.push(rule);
    byOperation.set(rule.operation, list);
  }
  return {
    attempt(operation) {
      const candidates = byOperation.get(operation);
      if (!candidates) return null;
      const n = (attempts.get(operation) ?? 0) + 1;
      attempts.set(operation, n);
      return candidates.find((rule) => rule.attempts === undefined || rule.attempts.includes(n)) ?? null;
    },
    reset() {
      attempts.clear();
    },
  };
}

/** The status a lost response answers with when the rule names none. */
export const LOST_RESPONSE_STATUS = 502;

/**
 * The reply a rule imposes: its own body when it gives one, else the twin's error envelope
 * for that status. Null when the rule only adds latency.
 */
export function faultReply(rule: FaultRule, errors: TwinErrors): Reply | null {
  const status = rule.status ?? (rule.lose_response ? LOST_RESPONSE_STATUS : undefined);
  if (status === undefined) return null;
  const rendered = rule.body === undefined ? errors.render(new TwinError(status, STATUS_CODES[status] ?? "Error")) : null;
  const headers = { ...(rendered?.headers ?? {}), ...(rule.headers ?? {}) };
  return new Reply(status, rule.body === undefined ? rendered?.body : rule.body, headers);
}
