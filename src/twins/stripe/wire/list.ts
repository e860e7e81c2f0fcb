/**
 * Stripe's list envelope `{object: "list", data, has_more, url}` and its cursor paging:
 * `limit` (default 10, 1..100), `starting_after` / `ending_before` (object ids) over a list
 * that is newest first. Handlers return the whole filtered list; the strategy cuts the page.
 */
import type { PaginationStrategy } from "../../engine/pagination.js";
import { invalidRequest, resourceMissing } from "../errors.js";

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

export interface StripeList<T = unknown> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

export function listEnvelope<T>(url: string, data: T[]): StripeList<T> {
  return { object: "list", data, has_more: false, url };
}

/** The kind of object an id names, for "No such …" messages. */
export function kindOfId(id: string): string {
  const kinds: Record<string, string> = { cus: "customer", pm: "PaymentMethod", pi: "payment_intent", ch: "charge", re: "refund", txn: "balance transaction", evt: "event", prod: "product", price: "price", sub: "subscription", in: "invoice", di: "discount", dp: "dispute", we: "webhook endpoint" };
  return kinds[id.split("_")[0]] ?? "object";
}

function limitOf(value: unknown): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, n));
}

const idOf = (item: unknown) => (typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined);

export const stripePagination: PaginationStrategy = {
  page(items, { input }) {
    const limit = limitOf(input.limit);
    const after = typeof input.starting_after === "string" && input.starting_after !== "" ? input.starting_after : undefined;
    const before = typeof input.ending_before === "string" && input.ending_before !== "" ? input.ending_before : undefined;
    if (after !== undefined && before !== undefined) {
      throw invalidRequest("You may only specify one of these parameters: ending_before, starting_after.", { param: "starting_after" });
    }
    const cursor = after ?? before;
    if (cursor === undefined) return { items: items.slice(0, limit), fields: { has_more: items.length > limit } };
    const at = items.findIndex((item) => idOf(item) === cursor);
    if (at === -1) throw resourceMissing(kindOfId(cursor), cursor, after !== undefined ? "starting_after" : "ending_before");
    if (after !== undefined) {
      const rest = items.slice(at + 1);
      return { items: rest.slice(0, limit), fields: { has_more: rest.length > limit } };
    }
    const earlier = items.slice(0, at);
    return { items: earlier.slice(Math.max(0, earlier.length - limit)), fields: { has_more: earlier.length > limit } };
  },
};
