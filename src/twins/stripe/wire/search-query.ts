/**
 * Stripe's Search Query Language, the part agents use: clauses `field:value` (exact),
 * `field~value` (substring), `field>n` `<` `>=` `<=`, `-field:value` (negation),
 * `metadata['key']:'value'`, `field:null`, joined by all-AND or all-OR. Results page with
 * `limit` and the opaque `page` token of `next_page`.
 */
import { invalidRequest } from "../errors.js";

interface Clause {
  negated: boolean;
  field: string;
  metadataKey: string | null;
  operator: ":" | "~" | ">" | "<" | ">=" | "<=";
  value: string;
}

export interface SearchQuery {
  join: "AND" | "OR";
  clauses: Clause[];
}

const CLAUSE = /^(-)?([a-z_]+)(?:\[\s*(?:'([^']*)'|"([^"]*)")\s*\])?\s*(>=|<=|:|~|>|<)\s*(?:'([^']*)'|"([^"]*)"|([^\s'"]+))$/i;

const invalid = (query: string, why: string) => invalidRequest(`Invalid search query: ${why} (query: ${query}).`, { code: "parameter_invalid_string", param: "query" });

/** Splits on AND / OR outside quotes. */
function split(query: string): { parts: string[]; joins: string[] } {
  const parts: string[] = [];
  const joins: string[] = [];
  let current = "";
  let quote: string | null = null;
  const words = query.split(/(\s+)/);
  for (const word of words) {
    for (const ch of word) if (ch === "'" || ch === '"') quote = quote === ch ? null : quote ?? ch;
    if (quote === null && /^(AND|OR)$/.test(word.trim()) && word.trim() === word) {
      parts.push(current.trim());
      joins.push(word);
      current = "";
    } else current += word;
  }
  parts.push(current.trim());
  return { parts, joins };
}

export function parseSearchQuery(query: string, fields: readonly string[]): SearchQuery {
  if (query.trim() === "") throw invalid(query, "the query is empty");
  const { parts, joins } = split(query);
  if (new Set(joins).size > 1) throw invalid(query, "AND and OR cannot be mixed");
  if (parts.length > 10) throw invalid(query, "at most 10 clauses");
  const clauses = parts.map((part) => {
    const m = CLAUSE.exec(part);
    if (!m) throw invalid(query, `cannot read '${part}'`);
    const field = m[2].toLowerCase();
    const metadataKey = m[3] ?? m[4] ?? null;
    if (!fields.includes(field) || (field === "metadata") !== (metadataKey !== null)) throw invalid(query, `'${field}' is not a searchable field`);
    return { negated: m[1] === "-", field, metadataKey, operator: m[5] as Clause["operator"], value: m[6] ?? m[7] ?? m[8] ?? "" };
  });
  return { join: (joins[0] as "AND" | "OR" | undefined) ?? "AND", clauses };
}

function matches(clause: Clause, object: Record<string, unknown>): boolean {
  const raw = clause.metadataKey !== null ? (object.metadata as Record<string, unknown> | undefined)?.[clause.metadataKey] : object[clause.field];
  const value = raw === undefined ? null : raw;
  const want = clause.value;
  switch (clause.operator) {
    case ":":
      if (want.toLowerCase() === "null") return value === null;
      return value !== null && String(value).toLowerCase() === want.toLowerCase();
    case "~":
      return value !== null && String(value).toLowerCase().includes(want.toLowerCase());
    default: {
      const a = Number(value);
      const b = Number(want);
      if (value === null || Number.isNaN(a) || Number.isNaN(b)) return false;
      return clause.operator === ">" ? a > b : clause.operator === "<" ? a < b : clause.operator === ">=" ? a >= b : a <= b;
    }
  }
}

export function searchMatches(query: SearchQuery, object: Record<string, unknown>): boolean {
  const results = query.clauses.map((clause) => matches(clause, object) !== clause.negated);
  return query.join === "AND" ? results.every(Boolean) : results.some(Boolean);
}

/** `{object: "search_result", data, has_more, next_page, url}` for one page of the matches. */
export function searchResult<T>(url: string, matchesNewestFirst: T[], limit: number | undefined, page: string | undefined) {
  const size = limit ?? 10;
  const start = page === undefined ? 0 : Number.parseInt(Buffer.from(page, "base64url").toString("utf8").replace(/^offset:/, ""), 10);
  if (!Number.isInteger(start) || start < 0) throw invalidRequest(`Invalid page: ${page}`, { param: "page" });
  const data = matchesNewestFirst.slice(start, start + size);
  const has_more = matchesNewestFirst.length > start + size;
  return {
    object: "search_result" as const,
    data,
    has_more,
    next_page: has_more ? Buffer.from(`offset:${start + size}`).toString("base64url") : null,
    total_count: matchesNewestFirst.length,
    url,
  };
}
