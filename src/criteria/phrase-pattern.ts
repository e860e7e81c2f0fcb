/**
 * A small pattern language for criterion sentences, compiled once to an anchored regex
 * over `Tokenized.normalized`:
 *
 *   word            a literal word (case-insensitive)
 *   [ a b ]         optional sequence
 *   ( a | b c )     alternatives; `(name= a | b)` also captures which one matched
 *   {name:type}     a typed slot: number, value, name, names, words, text, repo, path, count, times,
 *                   or a type the family declares
 *
 * Every pattern matches the whole sentence, so a family never claims a sentence by a
 * keyword it happens to contain (the earlier matcher's first-match bug).
 */
import { COUNT_SOURCE, negateQuantity, parseQuantity, TIMES_SOURCE, type Quantity } from "./quantity.js";
import type { Tokenized, ValueToken } from "./phrase-text.js";

/** Words a bare (unquoted) slot never takes, so "has no labels" is not "has the `no` label". */
export const STOP_WORDS = [
  "not", "no", "the", "a", "an", "any", "anyone", "anybody", "nobody", "someone", "somebody", "and", "or",
  "is", "was", "were", "are", "has", "have", "had", "been", "be", "by", "to", "on", "in", "of", "from",
  "with", "without", "never", "only", "exactly", "at", "most", "least", "more", "fewer", "less", "once",
  "twice", "none", "all", "every", "it", "its", "still", "now", "new", "zero", "one", "two", "three",
  "four", "five", "six", "seven", "eight", "nine", "ten", "single", "that", "which", "who", "than",
];

const PLACEHOLDER = (codes: string) => `«[${codes}]\\d+»`;

export interface PatternOptions {
  /** Extra slot types: name → regex source (no capturing groups). */
  slots?: Record<string, string>;
  /** Extra words bare slots must not take (a family's own keywords). */
  reserved?: string[];
}

function bare(reserved: string[]): string {
  const stop = [...STOP_WORDS, ...reserved].map(escape).join("|");
  return `(?!(?:${stop})(?= |$))\\w[\\w.-]*`;
}

function slotSources(options: PatternOptions): Record<string, string> {
  const word = bare(options.reserved ?? []);
  const name = `${PLACEHOLDER("qsleh")}|${word}`;
  return {
    number: `«n\\d+»|\\d+`,
    value: PLACEHOLDER("qsleh"),
    name,
    names: `(?:${name})(?: and (?:${name}))*`,
    /** Two to four bare words, none a stop word ("merge pull request"). */
    words: `${word}(?: ${word}){1,3}`,
    text: name,
    repo: PLACEHOLDER("qs"),
    path: `${PLACEHOLDER("qs")}|\\w[\\w-]*\\.\\w[\\w.-]*`,
    count: COUNT_SOURCE,
    times: TIMES_SOURCE,
    ...options.slots,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Compile one pattern (see the file comment) to an anchored, case-insensitive regex. */
export function compilePattern(pattern: string, options: PatternOptions = {}): RegExp {
  const sources = slotSources(options);
  const tokens = pattern.match(/\(\w+=|[[\]()|]|\{[^}]+\}|[^\s[\]()|{}]+/g) ?? [];
  let pos = 0;
  const groupNames = new Set<string>();

  const sequence = (): string => {
    let out = "";
    while (pos < tokens.length && ![")", "]", "|"].includes(tokens[pos])) out += element();
    return out;
  };
  const expect = (close: string) => {
    if (tokens[pos] !== close) throw new Error(`pattern "${pattern}": expected "${close}" at token ${pos}`);
    pos++;
  };
  const claim = (name: string) => {
    if (groupNames.has(name)) throw new Error(`pattern "${pattern}": slot "${name}" used twice`);
    groupNames.add(name);
  };
  const element = (): string => {
    const token = tokens[pos++];
    if (token === "[") {
      const inner = sequence();
      expect("]");
      return `(?:${inner})?`;
    }
    if (token === "(" || token.startsWith("(")) {
      const name = token === "(" ? undefined : token.slice(1, -1);
      const alternatives = [sequence()];
      while (tokens[pos] === "|") {
        pos++;
        alternatives.push(sequence());
      }
      expect(")");
      if (name === undefined) return `(?:${alternatives.join("|")})`;
      claim(name);
      return `(?<${name}>${alternatives.join("|")})`;
    }
    if (token.startsWith("{")) {
      const [name, type] = token.slice(1, -1).split(":");
      const source = sources[type];
      if (source === undefined) throw new Error(`pattern "${pattern}": unknown slot type "${type}"`);
      claim(name);
      return ` (?<${name}>${source})`;
    }
    return ` ${escape(token)}`;
  };

  const body = sequence();
  if (pos !== tokens.length) throw new Error(`pattern "${pattern}": unbalanced "${tokens[pos]}"`);
  return new RegExp(`^${body}$`, "i");
}

/** What a matched pattern captured, with placeholders resolved to the author's values. */
export class PhraseMatch {
  constructor(
    private readonly groups: Record<string, string | undefined>,
    readonly tokenized: Tokenized,
  ) {}

  /** True when the slot or named alternative took part in the match. */
  has(name: string): boolean {
    return this.groups[name] !== undefined;
  }

  /** The captured words, lower-cased, placeholders left in (`not`, `pull request`). */
  word(name: string): string | undefined {
    return this.groups[name]?.trim().replace(/\s+/g, " ").toLowerCase();
  }

  /** The placeholder token a slot captured, if it captured one. */
  token(name: string): ValueToken | undefined {
    const found = /^«[a-z](\d+)»$/i.exec(this.groups[name]?.trim() ?? "");
    return found ? this.tokenized.values[Number(found[1])] : undefined;
  }

  /** A slot's value: the token's value for a placeholder, else the bare word as written. */
  value(name: string): string | undefined {
    const text = this.groups[name]?.trim();
    if (text === undefined) return undefined;
    return this.resolve(text);
  }

  /** A `names` slot: "`alice` and bob" → ["alice", "bob"]. */
  values(name: string): string[] {
    const text = this.groups[name]?.trim();
    if (text === undefined) return [];
    return text.split(/ and /i).map((part) => this.resolve(part.trim()));
  }

  number(name: string): number | undefined {
    const value = this.value(name);
    return value === undefined ? undefined : Number(value);
  }

  /** A count/times slot as a quantity (`fallback` when the slot is absent), negated when asked. */
  quantity(name: string, fallback: Quantity, negate = false): Quantity {
    const text = this.groups[name];
    const q = text === undefined ? fallback : parseQuantity(text);
    return negate ? negateQuantity(q) : q;
  }

  private resolve(text: string): string {
    return text.replace(/«[a-z](\d+)»/gi, (_, i: string) => this.tokenized.values[Number(i)].value);
  }
}

/** Run a compiled pattern over a tokenized sentence. */
export function matchPattern(regex: RegExp, tokenized: Tokenized): PhraseMatch | null {
  const found = regex.exec(tokenized.normalized);
  return found ? new PhraseMatch(found.groups ?? {}, tokenized) : null;
}
