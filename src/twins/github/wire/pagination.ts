/**
 * GitHub's page slicing: `page` / `per_page` (MCP also `perPage`), default 30 per page, at
 * most 100, and a `Link` header whose absolute URLs keep the request's other query
 * parameters, so `octokit.paginate` walks every page.
 *
 * Numbers out of range are not errors on GitHub, and are not here: `page` 0 or below is
 * the first page (api.github.com answers `page=0` and `page=-1` with page 1: octokit.rb
 * issue #767); `per_page` above 100 is cut to 100 (GitHub's pagination guide: "GitHub does
 * not return an error… the value is automatically reduced to the maximum"); `per_page` 0
 * or below falls back to the default 30 (observed on the list-issues endpoint). A value
 * that is not a number at all (`page=abc`, `page=0x1`) fails the operation's schema: a 422.
 */
import type { PaginationStrategy } from "../../engine/pagination.js";

export const DEFAULT_PER_PAGE = 30;
export const MAX_PER_PAGE = 100;

export interface PageNumber {
  page: number;
  perPage: number;
}

function positiveInteger(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 1 ? n : null;
}

export function pageRequest(input: Record<string, unknown>): PageNumber {
  const page = positiveInteger(input.page) ?? 1;
  const perPage = positiveInteger(input.per_page ?? input.perPage) ?? DEFAULT_PER_PAGE;
  return { page, perPage: Math.min(perPage, MAX_PER_PAGE) };
}

/** The requested page of a list and the number of the last page. */
export function slicePage(items: readonly unknown[], request: PageNumber): { items: unknown[]; lastPage: number } {
  const start = (request.page - 1) * request.perPage;
  return { items: items.slice(start, start + request.perPage), lastPage: Math.max(1, Math.ceil(items.length / request.perPage)) };
}
/**
 * `<url>; rel="prev", <url>; rel="next", <url>; rel="last", <url>; rel="first"` (the
 * order GitHub uses), or undefined when everything fits on one page.
 */
export function linkHeader(pageUrl: string, query: Record<string, string | string[]>, request: PageNumber, lastPage: number): string | undefined {
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

export const githubPagination: PaginationStrategy = {
  page(items, request) {
    const number = pageRequest(request.input);
    const slice = slicePage(items, number);
    const link = request.pageUrl ? linkHeader(request.pageUrl, request.query, number, slice.lastPage) : undefined;
    return { items: slice.items, headers: link ? { link } : undefined };
  },
};
