/**
 * `faults:` rules (spec/twins.md, "Faults") checked against the booted twins: the twin may
 * be left out when only one boots or only one has the operation, and the operation must be
 * one of that twin's.
 */
import type { FaultRule, TwinName } from "../twins/index.js";
import type { TwinCatalog } from "./catalog.js";
import { didYouMean, type FaultInput } from "./config.js";
import type { DataPath } from "./data-block.js";
import type { Problems } from "./problems.js";

export function resolveFaults(
  faults: FaultInput[],
  twins: TwinName[],
  catalog: TwinCatalog,
  lineOf: (path: DataPath) => number,
  problems: Problems,
): FaultRule[] {
  const rules: FaultRule[] = [];
  faults.forEach((fault, i) => {
    const at = (key?: string) => lineOf(key ? ["faults", i, key] : ["faults", i]);
    // With several twins, the one twin that has the operation, as for [D] criteria.
    const owners = twins.filter((name) => (catalog[name]?.operations ?? []).some((op) => op.name === fault.operation));
    const twin = fault.twin ?? (twins.length === 1 ? twins[0] : owners.length === 1 ? owners[0] : undefined);
    if (!twin && owners.length === 0) {
      const operations = twins.flatMap((name) => (catalog[name]?.operations ?? []).map((op) => op.name));
      problems.error(at("operation"), `faults[${i}].operation: \`${fault.operation}\` is not an operation of ${twins.join(" or ")}${didYouMean(fault.operation, operations)}`);
      return;
    }
    if (!twin) {
      problems.error(at(), `faults[${i}]: say which twin it applies to (\`twin:\` one of ${twins.join(", ")}): \`${fault.operation}\` is an operation of ${owners.join(" and ")}`);
      return;
    }
    if (!twins.includes(twin)) {
      problems.error(at("twin"), `faults[${i}].twin: \`${twin}\` is not booted (twins: ${twins.join(", ")})`);
      return;
    }
    const operations = (catalog[twin]?.operations ?? []).map((op) => op.name);
    if (!operations.includes(fault.operation)) {
      problems.error(at("operation"), `faults[${i}].operation: \`${fault.operation}\` is not a ${twin} operation${didYouMean(fault.operation, operations)}`);
      return;
    }
    if (fault.status === undefined && fault.latency_ms === undefined && !fault.lose_response) {
      problems.error(at(), `faults[${i}] does nothing: give \`status\`, \`latency_ms\` or \`lose_response\``);
      return;
    }
    const rule: FaultRule = { twin, operation: fault.operation };
    if (fault.attempts) rule.attempts = fault.attempts;
    if (fault.status !== undefined) rule.status = fault.status;
    if (fault.body !== undefined) rule.body = fault.body;
    if (fault.headers) rule.headers = fault.headers;
    if (fault.latency_ms !== undefined) rule.latency_ms = fault.latency_ms;
    if (fault.lose_response !== undefined) rule.lose_response = fault.lose_response;
    rules.push(rule);
  });
  return rules;
}
