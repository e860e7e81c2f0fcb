/**
 * Quantities in criteria: "exactly / at most / at least N", "once", "twice", "N times",
 * "never", "no", "a/an/one" (= at least one). A quantity is a test over a count plus the
 * words that explain it in a verdict.
 */

export interface Quantity {
  test(count: number): boolean;
  /** "exactly 1", "at least 1", "at most 2", "none", "not exactly 2"… */
  describe: string;
  /** True when the quantity only admits zero: "no", "never", "zero". */
  none: boolean;
  /** Bounds of the admitted counts; a negated exact count ("not twice") has no single range. */
  min: number;
  max: number;
}

const NUMBER_WORDS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
];

const MODIFIERS: Array<[RegExp, (n: number) => [number, number]]> = [
  [/^(?:exactly|only|precisely|just)$/, (n) => [n, n]],
  [/^(?:at most|no more than|not more than|up to)$/, (n) => [0, n]],
  [/^(?:at least|no fewer than|no less than|not fewer than|not less than)$/, (n) => [n, Infinity]],
  [/^(?:more than|over)$/, (n) => [n + 1, Infinity]],
  [/^(?:fewer than|less than|under)$/, (n) => [0, Math.max(0, n - 1)]],
];

const MODIFIER_WORDS =
  "exactly|only|precisely|just|at most|no more than|not more than|up to|at least|no fewer than|no less than|not fewer than|not less than|more than|over|fewer than|less than|under";
const NUMBER_ALT = `\\d+|${NUMBER_WORDS.join("|")}`;

/** Regex source of a count before a noun: "a", "no", "exactly one", "at least 2". */
export const COUNT_SOURCE = `(?:(?:${MODIFIER_WORDS}) )?(?:${NUMBER_ALT}|a single|a|an|no)`;
/** Regex source of a count after a verb: "once", "twice", "exactly 3 times", "at most once". */
export const TIMES_SOURCE = `(?:(?:${MODIFIER_WORDS}) )?(?:once|twice|thrice|(?:${NUMBER_ALT}) times?)`;

function range(min: number, max: number): Quantity {
  let describe: string;
  if (min === 0 && max === 0) describe = "none";
  else if (min === max) describe = `exactly ${min}`;
  else if (max === Infinity) describe = `at least ${min}`;
  else if (min === 0) describe = `at most ${max}`;
  else describe = `between ${min} and ${max}`;
  return { test: (count) => count >= min && count <= max, describe, none: max === 0, min, max };
}

export const atLeastOne: Quantity = range(1, Infinity);
export const noneAtAll: Quantity = range(0, 0);
export const exactly = (n: number): Quantity => range(n, n);

function numberOf(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  const index = NUMBER_WORDS.indexOf(word);
  return index >= 0 ? index : undefined;
}

/**
 * Read a quantity. Bare "a", "an", "one", "1", "a single" mean at least one; other bare
 * numbers are exact ("two comments" = exactly two); "once"/"twice"/"N times" are exact.
 */
export function parseQuantity(text: string): Quantity {
  const words = text.trim().toLowerCase().replace(/\s+/g, " ");
  if (/^(?:no|none|never|zero|0)(?: times?)?$/.test(words)) return noneAtAll;
  for (const [modifier, bounds] of MODIFIERS) {
    for (const split of [1, 2, 3]) {
      const head = words.split(" ").slice(0, split).join(" ");
      if (!modifier.test(head)) continue;
      const n = countOf(words.split(" ").slice(split).join(" "));
      if (n !== undefined) return range(...bounds(n));
    }
  }
  if (/^(?:a|an|a single|one|1)$/.test(words)) return atLeastOne;
  const n = countOf(words);
  if (n === undefined) throw new Error(`not a quantity: "${text}"`);
  return exactly(n);
}

/** "once" → 1, "twice" → 2, "3 times" → 3, "a" → 1, "two" → 2. */
function countOf(words: string): number | undefined {
  if (words === "once" || words === "a" || words === "an" || words === "a single") return 1;
  if (words === "twice") return 2;
  if (words === "thrice") return 3;
  const times = /^(\S+) times?$/.exec(words);
  return numberOf(times ? times[1] : words);
}

/** The complement: "was not called more than once" = at most once. */
export function negateQuantity(q: Quantity): Quantity {
  if (q.min === 0 && q.max !== Infinity) return range(q.max + 1, Infinity);
  if (q.max === Infinity && q.min > 0) return range(0, q.min - 1);
  return { test: (count) => !q.test(count), describe: `not ${q.describe}`, none: false, min: 0, max: Infinity };
}
