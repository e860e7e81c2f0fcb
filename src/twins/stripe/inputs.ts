/**
 * Input pieces every Stripe operation shares. Form bodies and query strings carry every
 * value as a string (`amount=2000`, `confirm=true`), JSON bodies carry typed values, so
 * numbers and booleans accept both spellings; anything else fails with Stripe's codes.
 */
import { z } from "zod";
import { invalidRequest } from "./errors.js";
import type { Metadata } from "./snapshot-types.js";

const digits = /^\s*-?\d+\s*$/;

/** An integer as JSON or as a form string. */
export const integer = z.preprocess((v) => (typeof v === "string" && digits.test(v) ? Number(v) : v), z.number().int());
export const amount = z.preprocess((v) => (typeof v === "string" && digits.test(v) ? Number(v) : v), z.number().int().min(1).max(99999999));
export const boolean = z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());

export const id = z.string().min(1);
export const text = z.string().max(5000);

export const currency = z
  .string()
  .transform((c) => c.toLowerCase())
  .pipe(z.string().regex(/^[a-z]{3}$/));

const metadataValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);
/** `metadata` is a hash; `""` (or a key set to `""`) unsets, as on Stripe. */
export const metadata = z.union([z.literal(""), z.record(z.string(), metadataValue)]);

/** `expand[]=customer`, `expand=customer` or a JSON array. */
export const expand = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string())).optional();

const range = z.object({ gt: integer.optional(), gte: integer.optional(), lt: integer.optional(), lte: integer.optional() });
export const created = z.union([integer, range]).optional();

/** The list parameters every list takes (the pagination strategy reads them; the schema checks them). */
export const listParams = {
  limit: z.preprocess((v) => (typeof v === "string" && digits.test(v) ? Number(v) : v), z.number().int().min(1).max(100)).optional(),
  starting_after: z.string().optional(),
  ending_before: z.string().optional(),
  created,
  expand,
};

export type CreatedFilter = z.infer<typeof created>;

export function inCreated(filter: CreatedFilter, value: number): boolean {
  if (filter === undefined) return true;
  if (typeof filter === "number") return value === filter;
  return (
    (filter.gt === undefined || value > filter.gt) &&
    (filter.gte === undefined || value >= filter.gte) &&
    (filter.lt === undefined || value < filter.lt) &&
    (filter.lte === undefined || value <= filter.lte)
  );
}

/** Metadata after an update: keys merge, a key set to "" is removed, `metadata=""` clears all. */
export function mergeMetadata(current: Metadata, update: z.infer<typeof metadata> | undefined): Metadata {
  if (update === undefined) return current;
  if (update === "") return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === "") delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > 50) throw invalidRequest("You can specify up to 50 keys in metadata.", { param: "metadata" });
  return next;
}

/** A currency Stripe's test mode supports for the rail (the crypto rail settles USD only). */
export const CURRENCIES = new Set(["usd", "eur", "gbp", "cad", "aud", "jpy", "chf", "sek", "nok", "dkk", "nzd", "sgd", "hkd", "mxn", "brl", "inr", "pln", "czk"]);
export const ZERO_DECIMAL = new Set(["jpy", "krw", "vnd", "clp", "pyg", "ugx", "xaf", "xof"]);

export function requireCurrency(code: string, param = "currency"): string {
  if (!CURRENCIES.has(code)) {
    throw invalidRequest(`Invalid currency: ${code}. Stripe currently supports these currencies: ${[...CURRENCIES].join(", ")}`, { code: "parameter_invalid_string", param });
  }
  return code;
}

/** `$12.50`, as Stripe writes amounts in messages. */
export function money(minor: number, currencyCode: string): string {
  if (ZERO_DECIMAL.has(currencyCode)) return `${minor} ${currencyCode.toUpperCase()}`;
  const major = (minor / 100).toFixed(2);
  return currencyCode === "usd" ? `$${major}` : `${major} ${currencyCode.toUpperCase()}`;
}

/** A list parameter: a JSON array, or the form's `items[0][price]` (an object keyed by index). */
export function listOf<T extends z.ZodType>(element: T) {
  return z.preprocess((v) => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (!keys.every((k) => /^\d+$/.test(k))) return v;
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => (v as Record<string, unknown>)[k]);
  }, z.array(element));
}
