/**
 * "Closest supported phrasings" for a `[D]` sentence no family understood: the catalog
 * examples nearest to it, best first. The one ranking every caller uses (the scenario
 * parser's error, `pome scenarios phrases`, tests).
 */
import { distance } from "fastest-levenshtein";
import { phraseSkeleton } from "./phrase-text.js";
import type { PhraseFamily } from "./types.js";

export interface ClosestPhrasing {
  family: string;
  example: string;
  /** Lower is closer: edit distance between the sentence shapes, less a bonus per shared word stem. */
  distance: number;
}

/** Each shared word stem is worth this many edits. */
const STEM_BONUS = 4;

/**
 * Shapes ignore the values (labels, repos, numbers), so "Issue #9 has label `x`" ranks the
 * label examples first whatever their values are; shared word stems count too, so "got
 * labelled bug" finds the label family rather than the shortest sentence.
 */
export function closestPhrasings(text: string, families: readonly PhraseFamily[], limit = 3): ClosestPhrasing[] {
  const shape = phraseSkeleton(text);
  const wanted = stems(text);
  const ranked = families.flatMap((family) =>
    family.examples.map((example) => {
      const shared = [...stems(example)].filter((stem) => wanted.has(stem)).length;
      return { family: family.id, example, distance: distance(shape, phraseSkeleton(example)) - STEM_BONUS * shared };
    }),
  );
  ranked.sort((a, b) => a.distance - b.distance);
  return ranked.slice(0, limit);
}

function stems(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9_]+/)
      .filter((word) => word.length >= 3)
      .map((word) => word.slice(0, 5)),
  );
}
