/**
 * Compiling a `[D]` criterion (DESIGN.md, principle 4): a JSONata expression, or a phrase
 * of exactly one booted twin. Each booted twin tries its families in order (no two of a
 * twin's families accept the same sentence); when several twins accept the sentence it is
 * an error asking for a twin tag (`[D:stripe]`), and a tagged criterion is compiled
 * against that twin alone. Text that no twin understands is an error naming the closest
 * supported phrasings over every twin (booted or not), so the scenario parser can report
 * it at its line.
 */
import { closestPhrasings } from "./closest-phrasings.js";
import { compileExpression, ExpressionSyntaxError, splitExpression } from "./expression.js";
import { listing } from "./phrase-family.js";
import type { CompileResult, PhraseFamily, Predicate } from "./types.js";

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

export interface CompileOptions {
  /** The criterion's twin tag (`[D:stripe]`): only that twin's families are tried. */
  twin?: string;
  /** A must-pass criterion: the tags suggested in messages are `[D!:twin]`. */
  mustPass?: boolean;
}

export type CompiledCriterion =
  /** `twin`: the twin whose family compiled it (or the tag of an expression); null for an untagged expression. */
  | { ok: true; check: Predicate; family: string; twin: string | null }
  | { ok: false; error: string };

type Claim = { twin: string; result: CompileResult };

export function compileCriterion(text: string, vocabularies: readonly Vocabulary[], options: CompileOptions = {}): CompiledCriterion {
  const booted = vocabularies.filter((vocabulary) => vocabulary.booted);
  const tag = (twin: string) => `[D${options.mustPass ? "!" : ""}:${twin}]`;
  let candidates = booted;
  if (options.twin !== undefined) {
    const tagged = booted.find((vocabulary) => vocabulary.twin === options.twin);
    if (!tagged) {
      return {
        ok: false,
        error: `[D] the twin tag \`${options.twin}\` names no twin of this scenario (its twins: ${booted.map((v) => v.twin).join(", ") || "none"})`,
      };
    }
    candidates = [tagged];
  }

  const expression = splitExpression(text);
  if (expression) {
    try {
      return { ok: true, check: compileExpression(expression.source), family: "expression", twin: options.twin ?? null };
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error;
      return { ok: false, error: `[D] expression does not compile: ${error.message}` };
    }
  }

  const claims: Claim[] = [];
  for (const vocabulary of candidates) {
    const claim = claimOf(text, vocabulary);
    if ("crashed" in claim) return { ok: false, error: claim.crashed };
    if (claim.result) claims.push({ twin: vocabulary.twin, result: claim.result });
  }

  const accepted = claims.filter((claim) => claim.result.ok);
  if (accepted.length === 1) {
    const [{ twin, result }] = accepted;
    if (result.ok) return { ok: true, check: result.predicate, family: result.family, twin };
  }
  if (accepted.length > 1) {
    const who = accepted.map((claim) => `${claim.twin} (\`${claim.result.family}\`)`);
    return {
      ok: false,
      error:
        `[D] more than one twin of this scenario understands "${text}": ${listing(who)}; ` +
        `say which twin it is about with a tag: ${accepted.map((claim) => tag(claim.twin)).join(" or ")}`,
    };
  }

  // The sentence is some family's, but its arguments are wrong (no twin accepted it).
  const refused = claims.filter((claim): claim is { twin: string; result: Extract<CompileResult, { ok: false }> } => !claim.result.ok);
  if (refused.length === 1) {
    const { result } = refused[0];
    return { ok: false, error: `[D] ${result.error} (phrase family \`${result.family}\`)${suggest(text, vocabularies)}` };
  }
  if (refused.length > 1) {
    const each = refused.map(({ twin, result }) => `${twin}: ${result.error} (phrase family \`${result.family}\`)`);
    return { ok: false, error: `[D] ${each.join("; ")}${suggest(text, vocabularies)}` };
  }
  return {
    ok: false,
    error:
      `[D] no phrase family of ${candidates.map((v) => v.twin).join(", ")} understands "${text}"${suggest(text, vocabularies)}; ` +
      "or write it as an expression: <text> => `<JSONata>` (`pome scenarios phrases` lists every family)",
  };
}

/** The first family of one twin that claims the text (families of a twin never overlap). */
function claimOf(text: string, vocabulary: Vocabulary): { result: CompileResult | null } | { crashed: string } {
  const { twin, operations, families, initial, identityKeys } = vocabulary;
  for (const family of families) {
    let result: CompileResult | null;
    try {
      result = family.compile(text, { twin, operations, initial, identityKeys });
    } catch (error) {
      return { crashed: `[D] phrase family \`${family.id}\` (${twin}) failed on this criterion: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (result !== null) return { result };
  }
  return { result: null };
}

/** The closest example sentences over every twin; a twin that is not booted is named. */
export function suggestedPhrasings(text: string, vocabularies: readonly Vocabulary[], count = 3): string[] {
  const owner = new Map(vocabularies.flatMap((vocabulary) => vocabulary.families.map((family) => [family.id, vocabulary] as const)));
  const several = vocabularies.filter((vocabulary) => vocabulary.booted).length > 1;
  return closestPhrasings(text, vocabularies.flatMap((vocabulary) => vocabulary.families), count).map(({ family, example }) => {
    const vocabulary = owner.get(family)!;
    if (!vocabulary.booted) return `${example} (${vocabulary.twin} twin, not booted)`;
    return several ? `${example} (${vocabulary.twin})` : example;
  });
}

function suggest(text: string, vocabularies: readonly Vocabulary[]): string {
  const phrasings = suggestedPhrasings(text, vocabularies);
  return phrasings.length ? ` — closest phrasings: ${phrasings.map((p) => `"${p}"`).join("; ")}` : "";
}
