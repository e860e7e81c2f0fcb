/**
 * The earlier twin's `failure_injection` rules (method + path + attempt) as the engine's
 * fault rules (operation + attempt): `before_handler` answers without running anything,
 * `after_handler` runs the handler and loses its response. Rules whose route this twin
 * does not serve are dropped. The scenario parser adds them to the scenario's faults
 * (`TwinDefinition.seed.faults`).
 */
import type { Operation } from "../../engine/operation.js";
import type { FaultRule } from "../../engine/twin.js";
import type { FailureInjectionSeed } from "./schema.js";

function routeRegex(path: string): RegExp {
  const pattern = path
    .split("/")
    .map((segment) => (/^\{.+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${pattern}$`);
}

export function failureInjectionFaults(rules: readonly FailureInjectionSeed[], operations: readonly Operation[]): FaultRule[] {
  const out: FaultRule[] = [];
  for (const rule of rules) {
    const path = rule.path.replace(/^\/s\/[^/]+/, "").split("?")[0];
    // A static segment beats a placeholder (`/v1/customers/search` is not a customer id).
    const matches = operations.flatMap((op) => op.rest.filter((r) => r.method === rule.method && routeRegex(r.path).test(path)).map((r) => ({ op, holes: r.path.split("{").length })));
    const operation = matches.sort((a, b) => a.holes - b.holes)[0]?.op;
    if (!operation) continue;
    out.push({
      twin: "stripe",
      operation: operation.name,
      attempts: [rule.attempt],
      status: rule.status,
      ...(rule.body !== undefined ? { body: rule.body } : {}),
      ...(rule.mode === "after_handler" ? { lose_response: true } : {}),
    });
  }
  return out;
}
