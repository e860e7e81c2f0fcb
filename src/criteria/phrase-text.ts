/**
 * Criterion text → tokens. Values an author decorates (backticks, quotes, `#N`,
 * `owner/repo`, `@login`, `:emoji:`) become placeholders in a normalised sentence, so
 * phrase patterns match the sentence's structure and read the values back untouched.
 */

export type ValueKind = "quoted" | "number" | "slashed" | "login" | "emoji" | "hashtag";

export interface ValueToken {
  kind: ValueKind;
  /** The token as written, decoration included (`` `bug` ``, `#2`, `@alice`). */
  raw: string;
  /** The value without its decoration (`bug`, `2`, `alice`, `acme/api`, `tada`). */
  value: string;
  /** For `acme/api#3`: the repository written in front of the number. */
  repo?: string;
}

export interface Tokenized {
  text: string;
  /**
   * The sentence as words separated by single spaces, with a leading space, values
   * replaced by `«<code><index>»` (`«q0»` quoted, `«n1»` number, `«s2»` slashed, `«l3»`
   * login, `«e4»` emoji, `«h5»` `#name`). Words keep their case; contractions are expanded.
   */
  normalized: string;
  values: ValueToken[];
}

const CODE: Record<ValueKind, string> = { quoted: "q", number: "n", slashed: "s", login: "l", emoji: "e", hashtag: "h" };

const CONTRACTIONS: Record<string, string> = {
  "doesn't": "does not",
  "don't": "do not",
  "didn't": "did not",
  "isn't": "is not",
  "aren't": "are not",
  "wasn't": "was not",
  "weren't": "were not",
  "hasn't": "has not",
  "haven't": "have not",
  "hadn't": "had not",
  "won't": "will not",
  "wouldn't": "would not",
  "can't": "cannot",
  "shouldn't": "should not",
};

// Order matters: quotes before words, `owner/repo#N` before `#N`, words before punctuation.
const TOKEN = new RegExp(
  [
    String.raw`(?<ws>\s+)`,
    "`(?<bt>[^`]*)`",
    String.raw`"(?<dq>[^"]*)"`,
    "“(?<cq>[^”]*)”",
    "‘(?<cs>[^’]*)’",
    // A single quote opens a value only after a space or "(" and closes before a space or
    // punctuation, so apostrophes in words ("it's") stay words.
    String.raw`(?<=^|[\s(])'(?<sq>[^'\s][^']*)'(?=$|[\s,.;:!?)])`,
    String.raw`(?<slashed>(?:[\w-]|\.(?=[\w-]))+(?:/(?:[\w-]|\.(?=[\w-]))+)+)(?:#(?<slnum>\d+))?`,
    String.raw`#(?<num>\d+)\b`,
    String.raw`#(?<tag>[A-Za-z_][\w.-]*\w|[A-Za-z_])`,
    String.raw`@(?<login>[\w-]+(?:\[bot\])?)`,
    String.raw`:(?<emoji>[\w+-]+):`,
    String.raw`(?<word>\w(?:[\w'’-]|\.(?=\w))*)`,
    // Punctuation that only separates clauses is dropped; anything else stays as a word so
    // that an unexpected symbol makes the sentence not match rather than be ignored.
    String.raw`(?<drop>[,;.!?:'"’])`,
    String.raw`(?<sym>[^\s\w])`,
  ].join("|"),
  "gy",
);

/** Split a criterion into words and value placeholders (see `Tokenized.normalized`). */
export function tokenize(text: string): Tokenized {
  const values: ValueToken[] = [];
  const parts: string[] = [];
  const push = (token: ValueToken) => {
    parts.push(`«${CODE[token.kind]}${values.length}»`);
    values.push(token);
  };
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (match = TOKEN.exec(text)) !== null) {
    const g = match.groups ?? {};
    const raw = match[0];
    const quoted = g.bt ?? g.dq ?? g.cq ?? g.cs ?? g.sq;
    if (g.ws !== undefined || g.drop !== undefined) continue;
    if (quoted !== undefined) push({ kind: "quoted", raw, value: quoted });
    else if (g.slashed !== undefined) {
      if (g.slnum !== undefined) push({ kind: "number", raw, value: g.slnum, repo: g.slashed });
      else push({ kind: "slashed", raw, value: g.slashed });
    } else if (g.num !== undefined) push({ kind: "number", raw, value: g.num });
    else if (g.tag !== undefined) push({ kind: "hashtag", raw, value: g.tag });
    else if (g.login !== undefined) push({ kind: "login", raw, value: g.login });
    else if (g.emoji !== undefined) push({ kind: "emoji", raw, value: g.emoji });
    else if (g.word !== undefined) {
      const word = g.word.replace(/’/g, "'");
      parts.push(CONTRACTIONS[word.toLowerCase()] ?? word);
    } else parts.push(raw);
  }
  return { text, normalized: parts.length ? ` ${parts.join(" ")}` : "", values };
}

/** Strip one layer of identifier decoration: `@alice` → `alice`, `#general` → `general`, `:tada:` → `tada`. */
export function bareIdentifier(value: string): string {
  const trimmed = value.trim();
  const emoji = /^:([^:\s]+):$/.exec(trimmed);
  if (emoji) return emoji[1];
  return trimmed.replace(/^[@#]/, "");
}

const SKELETON_MARK: Record<ValueKind, string> = {
  quoted: "`x`",
  number: "#n",
  slashed: "o/r",
  login: "@u",
  emoji: ":e:",
  hashtag: "#x",
};

/**
 * The shape of a sentence with its values blanked out and words lower-cased, so that
 * "closest phrasing" ranks structure, not label or repo names.
 */
export function phraseSkeleton(text: string): string {
  const { normalized, values } = tokenize(text);
  return normalized
    .replace(/«[a-z](\d+)»/g, (_, i: string) => SKELETON_MARK[values[Number(i)].kind])
    .trim()
    .toLowerCase();
}
