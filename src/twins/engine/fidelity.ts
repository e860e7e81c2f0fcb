/** The fidelity table (`pome twin fidelity`), derived from the operation table. */
import type { Tier } from "./operation.js";
import type { TwinDefinition } from "./twin.js";

export interface FidelityRow {
  twin: string;
  operation: string;
  /** `METHOD /path` of each REST route. */
  routes: string[];
  tier: Tier;
  mutates: boolean;
}

export function fidelityRows(definition: TwinDefinition): FidelityRow[] {
  return definition.operations
    .map((operation) => ({
      twin: definition.name,
      operation: operation.name,
      routes: operation.rest.map((route) => `${route.method} ${route.path}`),
      tier: operation.tier,
      mutates: operation.mutates,
    }))
    .sort((a, b) => a.operation.localeCompare(b.operation));
}

/** Aligned text columns: operation, tier, routes (one line per extra route). */
export function renderFidelityTable(rows: readonly FidelityRow[]): string {
  if (rows.length === 0) return "no operations\n";
  const nameWidth = Math.max("operation".length, ...rows.map((row) => row.operation.length));
  const tierWidth = Math.max("tier".length, ...rows.map((row) => row.tier.length));
  const lines = [`${"operation".padEnd(nameWidth)}  ${"tier".padEnd(tierWidth)}  rest`];
  for (const row of rows) {
    const [first = "(MCP only)", ...rest] = row.routes;
    lines.push(`${row.operation.padEnd(nameWidth)}  ${row.tier.padEnd(tierWidth)}  ${first}`);
    for (const route of rest) lines.push(`${"".padEnd(nameWidth)}  ${"".padEnd(tierWidth)}  ${route}`);
  }
  const tiers = rows.reduce<Record<string, number>>((acc, row) => ({ ...acc, [row.tier]: (acc[row.tier] ?? 0) + 1 }), {});
  const summary = Object.entries(tiers)
    .map(([tier, n]) => `${n} ${tier}`)
    .join(", ");
  lines.push("", `${rows.length} operations (${summary}); any other route answers 501 unsupported`);
  return `${lines.join("\n")}\n`;
}
