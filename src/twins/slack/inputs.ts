/**
 * Slack's argument habits as zod: everything may arrive as a form string (WebClient posts
 * forms) or as JSON (agents with `Authorization: Bearer`), so numbers read as strings,
 * booleans as `true/1/false/0`, lists as CSV or arrays, and blocks/attachments as JSON
 * strings or arrays. A required field's schema carries the Slack error its absence gives
 * (`channel_not_found`, `no_text`), which `slackErrors.invalidInput` answers as is.
 */
import { z } from "zod";
import { slackError } from "./errors.js";

const stringOfScalar = (value: unknown) => (typeof value === "number" || typeof value === "bigint" ? String(value) : value);

/** A required string; `code` is the Slack error when it is missing or empty. */
export const need = (code: string) => z.preprocess(stringOfScalar, z.string({ error: code }).trim().min(1, { error: code }));

/** An optional string (numbers accepted: a JSON `ts` or `post_at`). */
export const optional = z.preprocess(stringOfScalar, z.string().optional());

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["0", "false", "no", "off", ""]);

/** A boolean as Slack reads one: `true/false`, `1/0`, or a JSON boolean. */
export const flag = z.preprocess((value) => {
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (TRUE.has(lower)) return true;
    if (FALSE.has(lower)) return false;
  }
  if (value === 1) return true;
  if (value === 0) return false;
  return value;
}, z.boolean().optional());

/** A comma-separated list (`users=U1,U2`) or an array of strings. */
export const csv = z.preprocess(
  (value) => (typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : Array.isArray(value) ? value.map(stringOfScalar) : value),
  z.array(z.string()).optional(),
);

/** An integer argument (`limit`, `count`, `post_at`), string or number. */
export const integer = z.preprocess((value) => (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value), z.number().finite().optional());

/** A JSON value sent as a JSON string (forms) or as itself (JSON bodies). */
export const jsonValue = z.unknown().optional();

/** Parse `blocks`/`attachments`: an array, or a JSON string of one; anything else is `code`. */
export function jsonArray(value: unknown, code: string): unknown[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw slackError(code);
    }
  }
  if (!Array.isArray(parsed)) throw slackError(code);
  return parsed;
}

/** Pagination arguments of a cursor-paged method (read by the pagination strategy). */
export const cursorParams = { cursor: optional, limit: integer };

/** Slack's cap on message text. */
export const MAX_TEXT_LENGTH = 40_000;
