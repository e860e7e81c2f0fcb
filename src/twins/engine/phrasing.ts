/**
 * The twin-neutral toolkit every twin's `[D]` catalog is built from: tokenising criterion
 * text (phrasing-text.ts), a pattern language with typed slots (phrasing-pattern.ts),
 * quantities (phrasing-quantity.ts), the family builder (phrasing-family.ts), the families
 * every twin shares (phrasing-calls.ts, phrasing-state.ts) and "closest supported phrasings".
 */
import { distance } from "fastest-levenshtein";
import type { PhraseFamily } from "./twin.js";
import { phraseSkeleton } from "./phrasing-text.js";

export * from "./phrasing-text.js";
export * from "./phrasing-quantity.js";
export * from "./phrasing-pattern.js";
export * from "./phrasing-family.js";
export * from "./phrasing-calls.js";
export * from "./phrasing-state.js";

export interface ClosestPhrasing {
  family: string;
  example: string;
  /** Levenshtein distance between the sentence shapes (values blanked out). */
  distance: number;
}

/**
 * The catalog examples nearest in shape to a sentence no family understood, best first.
 * Shapes ignore the values (labels, repos, numbers), so "Issue #9 has label `x`" ranks the
 * label examples first whatever their values are.
 */
export function closestPhrasings(text: string, families: readonly PhraseFamily[], limit = 3): ClosestPhrasing[] {
  const shape = phraseSkeleton(text);
  const ranked = families.flatMap((family) =>
    family.examples.map((example) => ({ family: family.id, example, distance: distance(shape, phraseSkeleton(example)) })),
  );
  ranked.sort((a, b) => a.distance - b.distance);
  return ranked.slice(0, limit);
}
