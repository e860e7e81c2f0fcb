/**
 * Slack search syntax, the part agents use: words (all must appear, any case), "quoted
 * phrases", `-word` to exclude, `in:#channel` / `in:<#C…|name>` / `in:@user` (the DM),
 * `from:@user` / `from:<@U…>` / `from:name`, `has:link`, `has:reaction`, `has:pin`,
 * `is:thread`, and `before:` / `after:` / `on:` with `YYYY-MM-DD` dates.
 */
export interface SearchQuery {
  words: string[];
  excluded: string[];
  in: string[];
  from: string[];
  has: string[];
  is: string[];
  /** Unix seconds bounds (exclusive before/after, as Slack reads them). */
  before?: number;
  after?: number;
  on?: number;
}

const DAY = 86_400;

function day(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const value = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 1000;
  return Number.isFinite(value) ? value : undefined;
}

export function parseSearchQuery(query: string): SearchQuery {
  const parsed: SearchQuery = { words: [], excluded: [], in: [], from: [], has: [], is: [] };
  const tokens = query.match(/-?"[^"]*"|\S+/g) ?? [];
  for (const token of tokens) {
    const modifier = /^(in|from|has|is|before|after|on|during):(.+)$/i.exec(token);
    if (modifier) {
      const [, key, raw] = modifier;
      const value = raw.replace(/^<[#@]([^>|]+)(\|[^>]*)?>$/, "$1");
      const lower = key.toLowerCase();
      if (lower === "in") parsed.in.push(value);
      else if (lower === "from") parsed.from.push(value);
      else if (lower === "has") parsed.has.push(value.replace(/:/g, "").toLowerCase());
      else if (lower === "is") parsed.is.push(value.toLowerCase());
      else if (lower === "before") parsed.before = day(value) ?? parsed.before;
      else if (lower === "after") parsed.after = day(value) !== undefined ? day(value)! + DAY : parsed.after;
      else if (lower === "on" || lower === "during") parsed.on = day(value) ?? parsed.on;
      continue;
    }
    const negative = token.startsWith("-") && token.length > 1;
    const word = (negative ? token.slice(1) : token).replace(/^"|"$/g, "").toLowerCase();
    if (word === "") continue;
    (negative ? parsed.excluded : parsed.words).push(word);
  }
  return parsed;
}

export { DAY };
