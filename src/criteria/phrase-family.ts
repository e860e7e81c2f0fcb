/**
 * The family builder: forms (patterns + interpretation) → a `PhraseFamily` whose compile
 * step tokenises once, tries each pattern, and turns argument problems into scenario errors.
 */
import type { CheckInput, CheckOutcome, CompileContext, CompileResult, PhraseFamily, Predicate } from "./types.js";
import { compilePattern, matchPattern, type PatternOptions, type PhraseMatch } from "./phrase-pattern.js";
import { tokenize } from "./phrase-text.js";

/**
 * Thrown by a form's compile step when the sentence is the family's but its arguments are
 * wrong (unknown repository, ambiguous repository, unknown operation): a scenario error.
 */
export class PhraseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PhraseError";
  }
}

/** One way of saying something: patterns that share an interpretation. */
export interface PhraseForm {
  patterns: string[];
  /** The predicate; `null` when the match turns out not to be this family's after all. Throw PhraseError for bad arguments. */
  compile(match: PhraseMatch, ctx: CompileContext): Predicate | null;
}

export interface PhraseFamilyDefinition extends PatternOptions {
  id: string;
  summary: string;
  examples: string[];
  forms: PhraseForm[];
}

/**
 * Build a family from forms. Patterns compile once, here; a predicate that throws at run
 * time becomes a failed verdict with the error as its reason, never a crash.
 */
export function definePhraseFamily(definition: PhraseFamilyDefinition): PhraseFamily {
  const compiled = definition.forms.map((form) => ({
    form,
    regexes: form.patterns.map((pattern) => compilePattern(pattern, definition)),
  }));
  return {
    id: definition.id,
    summary: definition.summary,
    examples: definition.examples,
    compile(text: string, ctx: CompileContext): CompileResult | null {
      const tokenized = tokenize(text);
      for (const { form, regexes } of compiled) {
        for (const regex of regexes) {
          const match = matchPattern(regex, tokenized);
          if (!match) continue;
          try {
            const predicate = form.compile(match, ctx);
            if (predicate) return { ok: true, family: definition.id, predicate: guarded(predicate, definition.id) };
          } catch (error) {
            if (error instanceof PhraseError) return { ok: false, family: definition.id, error: error.message };
            throw error;
          }
        }
      }
      return null;
    },
  };
}

function guarded(predicate: Predicate, family: string): Predicate {
  const failed = (error: unknown): CheckOutcome => {
    const message = error instanceof Error ? error.message : String(error);
    return { passed: false, reason: `the ${family} check could not read the run's state: ${message}` };
  };
  return (input: CheckInput) => {
    try {
      const outcome = predicate(input);
      return outcome instanceof Promise ? outcome.catch(failed) : outcome;
    } catch (error) {
      return failed(error);
    }
  };
}

/** Render a value the way criteria write it, for reasons: `bug`. */
export function code(value: string | number): string {
  return `\`${value}\``;
}

/** "a, b and c"; `empty` when there is nothing. */
export function listing(items: readonly string[], empty = "none"): string {
  if (items.length === 0) return empty;
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "1 call" / "2 calls". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
