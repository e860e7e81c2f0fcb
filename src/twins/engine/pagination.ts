/**
 * GitHub-style page slicing for operations that declare `paginate`: `page` / `per_page`
 * (MCP also `perPage`), default 30 per page, at most 100, and a `Link` header whose
 * absolute URLs keep the request's other query parameters, so `octokit.paginate` walks
 * every page.
 */
import type { Pagination } from "./operation.js";

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

function positiveInteger(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export function pageRequest(input: Record<string, unknown>): PageRequest {
  const page = positiveInteger(input.page) ?? 1;
  const perPage = positiveInteger(input.per_page ?? input.perPage) ?? DEFAULT_PER_PAGE;
  return { page, perPage: Math.min(perPage, MAX_PER_PAGE) };
}

export interface PageSlice {
  body: unknown;
  lastPage: number;
}

/** The requested page of a list result, or null when the result is not a list of that shape. */
export function slicePage(body: unknown, pagination: Pagination, request: PageRequest): PageSlice | null {
  const list = pagination === "array" ? body : typeof body === "object" && body !== null ? (body as Record<string, unknown>)[pagination.items] : undefined;
  if (!Array.isArray(list)) return null;
  const start = (request.page - 1) * request.perPage;
  const items = list.slice(start, start + request.perPage);
  const lastPage = Math.max(1, Math.ceil(list.length / request.perPage));
  return { body: pagination === "array" ? items : { ...(body as Record<string, unknown>), [pagination.items]: items }, lastPage };
}

/**
 * `<url>; rel="prev", <url>; rel="next", <url>; rel="last", <url>; rel="first"` (the
 * order GitHub uses), or undefined when everything fits on one page.
 */
export function linkHeader(pageUrl: string, query: Record<string, string | string[]>, request: PageRequest, lastPage: number): string | undefined {
  const { page } = request;
  const at = (n: number) => {
    const params = new URLSearchParams();
    let placed = false;
    for (const [name, value] of Object.entries(query)) {
      if (name === "page") {
        params.append("page", String(n));
        placed = true;
        continue;
      }
      for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
    }
    if (!placed) params.append("page", String(n));
    return `<${pageUrl}?${params.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${at(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${at(1)}; rel="first"`);
  return links.length > 0 ? links.join(", ") : undefined;
}
