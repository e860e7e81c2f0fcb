/**
 * Compiling a `[D]` criterion (DESIGN.md, principle 4): a JSONata expression, or the first
 * phrase family of a booted twin that claims the text. Text that does not compile is an
 * error naming the closest supported phrasings, over every twin (booted or not), so the
 * scenario parser can report it at its line.
 */
import { closestPhrasings } from "./closest-phrasings.js";
import { compileExpression, ExpressionSyntaxError, splitExpression } from "./expression.js";
import type { PhraseFamily, Predicate } from "./types.js";

/** What one twin brings to the language: its families, its operation names, its seeded state. */
export interface Vocabulary {
  twin: string;
  /** Only a booted twin's families compile; the others are offered as suggestions. */
  booted: boolean;
  operations: readonly string[];
  families: readonly PhraseFamily[];
  /** The twin's seeded snapshot (state_initial.json[twin]); unused when not booted. */
  initial: unknown;
  identityKeys: readonly string[][];
}

export type CompiledCriterion = { ok: true; check: Predicate; family: string } | { ok: false; error: string };

export function compileCriterion(text: string, vocabularies: readonly Vocabulary[]): CompiledCriterion {
  const expression = splitExpression(text);
  if (expression) {
    try {
      return { ok: true, check: compileExpression(expression.source), family: "expression" };
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      return { ok: false, error: `[D] expression does not compile: ${error.message}` };
    }
  }

  const booted = vocabularies.filter((vocabulary) => vocabulary.booted);
  for (const { twin, operations, families, initial, identityKeys } of booted) {
    for (const family of families) {
      let result;
      try {
        result = family.compile(text, { twin, operations, initial, identityKeys });
      } catch (error) {
        return { ok: false, error: `[D] phrase family \`${family.id}\` (${twin}) failed on this criterion: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (result === null) continue;
      if (result.ok) return { ok: true, check: result.predicate, family: result.family };
      return { ok: false, error: `[D] ${result.error} (phrase family \`${result.family}\`)${suggest(text, vocabularies)}` };
    }
  }
  return {
    ok: false,
    error:
      `[D] no phrase family of ${booted.map((v) => v.twin).join(", ")} understands "${text}"${suggest(text, vocabularies)}; ` +
      "or write it as an expression: <text> => `<JSONata>` (`pome scenarios phrases` lists every family)",
  };
}

/** The closest example sentences over every twin; a twin that is not booted is named. */
export function suggestedPhrasings(text: string, vocabularies: readonly Vocabulary[], count = 3): string[] {
  const owner = new Map(vocabularies.flatMap((vocabulary) => vocabulary.families.map((family) => [family.id, vocabulary] as const)));
  return closestPhrasings(text, vocabularies.flatMap((vocabulary) => vocabulary.families), count).map(({ family, example }) => {
    const vocabulary = owner.get(family)!;
    return vocabulary.booted ? example : `${example} (${vocabulary.twin} twin, not booted)`;
  });
}

function suggest(text: string, vocabularies: readonly Vocabulary[]): string {
  const phrasings = suggestedPhrasings(text, vocabularies);
  return phrasings.length ? ` — closest phrasings: ${phrasings.map((p) => `"${p}"`).join("; ")}` : "";
}
