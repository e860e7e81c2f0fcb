/**
 * GitHub search syntax: whitespace-separated terms, `"quoted phrases"`, `key:value`
 * qualifiers (values may be quoted), and `-key:value` / `NOT term` negation.
 */

export interface SearchQualifier {
  key: string;
  value: string;
  negated: boolean;
}

export interface SearchQuery {
  /** Free-text terms (phrases kept whole), lower-cased. */
  terms: string[];
  /** Terms that must not appear, lower-cased. */
  excluded: string[];
  qualifiers: SearchQualifier[];
}

const TOKEN = /(-?)(?:([A-Za-z_-]+):(?:"([^"]*)"|(\S+))|"([^"]*)"|(\S+))/g;

export function parseSearchQuery(q: string): SearchQuery {
  const query: SearchQuery = { terms: [], excluded: [], qualifiers: [] };
  let negateNext = false;
  for (const m of q.matchAll(TOKEN)) {
    const [, minus, key, quotedValue, value, phrase, word] = m;
    if (word === "NOT") {
      negateNext = true;
      continue;
    }
    // AND/OR between terms: every term must match anyway, so they carry no meaning here.
    if (word === "AND" || word === "OR") continue;
    const negated = minus === "-" || negateNext;
    negateNext = false;
    if (key !== undefined) {
      query.qualifiers.push({ key: key.toLowerCase(), value: quotedValue ?? value ?? "", negated });
      continue;
    }
    const text = (phrase ?? word ?? "").toLowerCase();
    if (text === "") continue;
    (negated ? query.excluded : query.terms).push(text);
  }
  return query;
}

/** Values of a qualifier (`label:a,b` is "a or b": each entry is one OR-group). */
export function qualifierValues(query: SearchQuery, ...keys: string[]): SearchQualifier[] {
  return query.qualifiers.filter((q) => keys.includes(q.key));
}

/** Whether every term appears in one of `fields`, and no excluded term does. */
export function matchesText(query: SearchQuery, fields: Array<string | null | undefined>): boolean {
  const haystack = fields.map((f) => (f ?? "").toLowerCase());
  const has = (t: string) => haystack.some((h) => h.includes(t));
  return query.terms.every(has) && !query.excluded.some(has);
}
