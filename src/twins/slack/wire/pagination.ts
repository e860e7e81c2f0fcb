/**
 * Slack's cursor pagination: `limit` (default 100, at most 1000) and an opaque `cursor`;
 * every page answers `response_metadata.next_cursor` ("" on the last page), which
 * WebClient's `paginate()` follows. A cursor is `base64("next:<offset>")`, close to
 * Slack's own `dXNlcjpVMDYxTkZUVDI=` style; one that does not decode is `invalid_cursor`.
 */
import type { PaginationStrategy } from "../../engine/pagination.js";
import { slackError } from "../errors.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export const encodeCursor = (offset: number) => Buffer.from(`next:${offset}`).toString("base64");

export function decodeCursor(cursor: unknown): number {
  if (cursor === undefined || cursor === null || cursor === "") return 0;
  if (typeof cursor !== "string") throw slackError("invalid_cursor");
  const match = /^next:(\d{1,9})$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw slackError("invalid_cursor");
  return Number(match[1]);
}

export function limitOf(value: unknown, fallback = DEFAULT_LIMIT, max = MAX_LIMIT): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n <= 0) return fallback;
  return Math.min(max, n);
}

export const slackPagination: PaginationStrategy = {
  page(items, { input }) {
    const offset = decodeCursor(input.cursor);
    const limit = limitOf(input.limit);
    const page = items.slice(offset, offset + limit);
    const next = offset + limit < items.length ? encodeCursor(offset + limit) : "";
    return { items: page, fields: { response_metadata: { next_cursor: next } } };
  },
};
