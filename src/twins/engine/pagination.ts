/**
 * Pagination is the twin's habit, not the engine's: a handler returns the whole list,
 * the operation says where the list is (`paginate`), and the twin's strategy picks the
 * page the request asked for (page numbers and a `Link` header, `starting_after` and
 * `has_more`, a `cursor` answered by a `next_cursor` field…).
 */
import { type Pagination, Reply } from "./operation.js";

/** What a strategy may read of the request. */
export interface PageRequest {
  /** Path params + query + body (REST) or tool arguments (MCP), as sent. */
  input: Record<string, unknown>;
  /** The REST query string, parsed flat (for links that keep the other parameters). */
  query: Record<string, string | string[]>;
  /** Absolute URL of this page without its query (REST only). */
  pageUrl?: string;
}

export interface Page {
  items: unknown[];
  /** Headers to send with the page (a `Link` header). */
  headers?: Record<string, string>;
  /** Fields set beside the list in an object result (`has_more`, `response_metadata`). */
  fields?: Record<string, unknown>;
}

export interface PaginationStrategy {
  page(items: readonly unknown[], request: PageRequest): Page;
}

/** The list a result holds: the result itself (`array`) or one of its fields. */
function listIn(body: unknown, pagination: Pagination): unknown[] | null {
  const list = pagination === "array" ? body : typeof body === "object" && body !== null ? (body as Record<string, unknown>)[pagination.items] : undefined;
  return Array.isArray(list) ? list : null;
}

/** The reply cut to the requested page; a result that is not a list of the declared shape is left alone. */
export function paginate(reply: Reply, pagination: Pagination, strategy: PaginationStrategy, request: PageRequest): Reply {
  const list = listIn(reply.body, pagination);
  if (!list) return reply;
  const page = strategy.page(list, request);
  const body = pagination === "array" ? page.items : { ...(reply.body as Record<string, unknown>), [pagination.items]: page.items, ...page.fields };
  return new Reply(reply.status, body, page.headers ? { ...reply.headers, ...page.headers } : reply.headers);
}
