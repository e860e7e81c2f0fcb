/**
 * The `[D]` language's contracts: what a compiled check reads (`CheckInput`), what it
 * says (`CheckOutcome`), and what a phrase family is. Twins contribute families written
 * against these types; nothing here knows a vendor.
 */
import type { TraceEvent, TwinCall } from "../trace/index.js";

export interface CheckInput {
  /** Twin states before the agent, keyed by twin (`state_initial.json`). */
  initial: Record<string, unknown>;
  /** Twin states after the agent (`state_final.json`). */
  final: Record<string, unknown>;
  /** Normalised twin calls of the scored run (preflight calls excluded), in order, with event ids. */
  calls: Array<TwinCall & { event_id: string }>;
  /** Every event of the run. */
  events: TraceEvent[];
}

export interface CheckOutcome {
  passed: boolean;
  /** One sentence a developer can act on: what was expected and what was found. */
  reason: string;
  /** Event ids that support the verdict (the offending call, the mutation). */
  evidence?: string[];
}

/**
 * A compiled `[D]` criterion. It may be async: JSONata expressions evaluate asynchronously,
 * so callers always `await` the outcome.
 */
export type Predicate = (input: CheckInput) => CheckOutcome | Promise<CheckOutcome>;

/** What a phrase family knows at compile time: one twin's operation names and seeded state. */
export interface CompileContext {
  /** The twin whose family is compiling (its key in `initial`/`final` and `TwinCall.twin`). */
  twin: string;
  /** Names of the twin's operations (its table), for criteria that name an operation. */
  operations: readonly string[];
  /** Snapshot of this twin's seeded state (same shape as state_initial.json[twin]). */
  initial: unknown;
  /** The twin's identity fields of snapshot objects (`TwinDefinition.identityKeys`), for naming what changed. */
  identityKeys: readonly string[][];
}

export type CompileResult =
  | { ok: true; predicate: Predicate; family: string }
  /** The text is this family's, but its arguments are wrong (unknown repo, ambiguous repo…). */
  | { ok: false; family: string; error: string };

/** A sentence family of `[D]` criteria (spec/twins.md, "[D] phrase families"). */
export interface PhraseFamily {
  id: string;
  summary: string;
  /** Example sentences, each of which must compile (tested). Shown by `pome scenarios phrases`. */
  examples: string[];
  /** null when the text is not of this family. */
  compile(text: string, ctx: CompileContext): CompileResult | null;
}
