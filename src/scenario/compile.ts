/**
 * `[D]` criteria compile at parse time (DESIGN.md, principle 4): a JSONata expression, or
 * the first phrase family of a booted twin that claims the text. One that does not
 * compile is a scenario error at its line with the closest supported phrasings.
 */
import { distance } from "fastest-levenshtein";
import type { Predicate, TwinName } from "../twins/index.js";
import type { TwinCatalog } from "./catalog.js";
import type { CriterionSource } from "./criteria.js";
import { compileExpression, ExpressionSyntaxError, splitExpression } from "./expression.js";
import type { Problems } from "./problems.js";

export interface CompiledCheck {
  check: Predicate;
  family: string;
}

export interface CompileScope {
  catalog: TwinCatalog;
  twins: TwinName[];
  /** Each booted twin's seeded snapshot. */
  initial: Partial<Record<TwinName, unknown>>;
}

export function compileCriterion(criterion: CriterionSource, scope: CompileScope, problems: Problems): CompiledCheck | null {
  const expression = splitExpression(criterion.text);
  if (expression) {
    try {
      return { check: compileExpression(expression.source), family: "expression" };
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      problems.error(criterion.line, `[D] expression does not compile: ${error.message}`);
      return null;
    }
  }

  for (const twin of scope.twins) {
    const definition = scope.catalog[twin];
    const operations = definition?.operations.map((operation) => operation.name) ?? [];
    for (const family of definition?.phrases ?? []) {
      let result;
      try {
        result = family.compile(criterion.text, { twin, operations, initial: scope.initial[twin] });
      } catch (error) {
        problems.error(
          criterion.line,
          `[D] phrase family \`${family.id}\` (${twin}) failed on this criterion: ${error instanceof Error ? error.message : String(error)}`,
        );
        return null;
      }
      if (result === null) continue;
      if (result.ok) return { check: result.predicate, family: result.family };
      problems.error(criterion.line, `[D] ${result.error} (phrase family \`${result.family}\`)${suggest(criterion.text, scope)}`);
      return null;
    }
  }
  problems.error(
    criterion.line,
    `[D] no phrase family of ${scope.twins.join(", ")} understands "${criterion.text}"${suggest(criterion.text, scope)}; ` +
      "or write it as an expression: <text> => `<JSONata>` (`pome scenarios phrases` lists every family)",
  );
  return null;
}

/**
 * The example phrasings nearest to the text, over every family of every twin: edit
 * distance, less a bonus per shared word stem, so "got labelled bug" finds the label
 * family rather than the shortest sentence.
 */
export function closestPhrasings(text: string, catalog: TwinCatalog, booted: readonly TwinName[], count = 3): string[] {
  const wanted = text.toLowerCase();
  const wantedStems = stems(wanted);
  const candidates = Object.entries(catalog).flatMap(([twin, definition]) =>
    (definition?.phrases ?? []).flatMap((family) =>
      family.examples.map((example) => ({
        example,
        label: booted.includes(twin as TwinName) ? example : `${example} (${twin} twin, not booted)`,
        score: distance(wanted, example.toLowerCase()) - 4 * [...stems(example.toLowerCase())].filter((s) => wantedStems.has(s)).length,
      })),
    ),
  );
  return candidates
    .sort((a, b) => a.score - b.score)
    .slice(0, count)
    .map((c) => c.label);
}

function stems(text: string): Set<string> {
  return new Set(
    text
      .split(/[^a-z0-9_]+/)
      .filter((word) => word.length >= 3)
      .map((word) => word.slice(0, 5)),
  );
}

function suggest(text: string, scope: CompileScope): string {
  const phrasings = closestPhrasings(text, scope.catalog, scope.twins);
  return phrasings.length ? ` — closest phrasings: ${phrasings.map((p) => `"${p}"`).join("; ")}` : "";
}
