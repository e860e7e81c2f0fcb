/**
 * Reading a request body under the size limit, and the body readers a twin picks from to
 * turn it into fields the way its vendor does (always JSON; form-encoded with nested
 * keys; form or JSON by content type). A twin may also bring its own.
 */
import type { IncomingMessage } from "node:http";
import { assembleFields, parseUrlEncoded } from "./form-encoding.js";
import { multipartBoundary, parseMultipart } from "./multipart.js";

/** Bodies above this answer 413 in the vendor's envelope. */
export const BODY_LIMIT = 10 * 1024 * 1024;

/**
 * The deepest nesting a body (JSON arrays and objects, bracketed form keys) may have: Ruby's
 * JSON parser (GitHub, Stripe) refuses more than 100 levels by default, and no vendor
 * argument comes near it. Deeper data would overflow the recursive walks that record,
 * validate and copy it, so it is refused as malformed before any of them runs.
 */
export const MAX_NESTING = 100;

const EMPTY = Buffer.alloc(0);

/** The body bytes, or null when they exceed `limit` (the rest is drained and dropped). */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer | null> {
  const length = req.headers["content-length"];
  if ((length === undefined || length === "0") && req.headers["transfer-encoding"] === undefined) {
    return Promise.resolve(EMPTY);
  }
  if (length !== undefined && Number(length) > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    });
    req.on("error", reject);
    // A client that goes away mid-body must not leave the request pending forever.
    req.on("close", () => {
      if (!req.complete) reject(new Error("the client closed the connection before the body ended"));
    });
  });
}

export type ParsedBody =
  | { kind: "none" }
  | { kind: "fields"; value: unknown }
  | { kind: "malformed"; detail: string };

const NONE: ParsedBody = { kind: "none" };

/** How deeply arrays and objects nest in a parsed JSON value (0 for a scalar), without recursing. */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === "object" && child !== null) stack.push([child, level]);
    }
  }
  return deepest;
}

function parseJson(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: "malformed", detail: error instanceof Error ? error.message : "invalid JSON" };
  }
  if (nestingDepth(value) > MAX_NESTING) return { kind: "malformed", detail: `the JSON nests deeper than ${MAX_NESTING} levels` };
  return { kind: "fields", value };
}

/** Text that is JSON rather than form pairs: an object, an array, or a (double-encoded) string. */
const looksLikeJson = (text: string) => /^\s*[[{"]/.test(text);

/** Turns a non-limit-breaking body into fields; the content type is the request's. */
export type BodyReader = (contentType: string | undefined, raw: Buffer) => ParsedBody;

/** Every non-empty body is JSON, whatever its content type (a vendor that answers `curl -d '{bad'` with a JSON parse error). */
export const readJsonBody: BodyReader = (_contentType, raw) => (raw.length === 0 ? NONE : parseJson(raw.toString("utf8")));

/**
 * Fields of a body by its content type: JSON, form-encoded (with bracketed nested keys),
 * multipart. JSON sent as a form or without a type (curl -d) is still read as JSON; other
 * binary types are left to `ctx.rawBody`. The engine's default.
 */
export const readBodyByContentType: BodyReader = (contentType, raw) => {
  if (raw.length === 0) return NONE;
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json" || type.endsWith("+json")) return parseJson(raw.toString("utf8"));
  if (type === "application/x-www-form-urlencoded") {
    const text = raw.toString("utf8");
    if (looksLikeJson(text)) {
      const json = parseJson(text);
      if (json.kind === "fields") return json;
    }
    return { kind: "fields", value: parseUrlEncoded(text) };
  }
  if (type === "multipart/form-data") {
    const boundary = multipartBoundary(contentType ?? "");
    const pairs = boundary === null ? null : parseMultipart(raw, boundary);
    if (pairs === null) return { kind: "malformed", detail: "the multipart body could not be parsed" };
    return { kind: "fields", value: assembleFields(pairs) };
  }
  if (type === "" || type === "text/plain") {
    // `fetch(url, { body: JSON.stringify(x) })` sends text/plain: any JSON value, scalars included, is read as JSON.
    const text = raw.toString("utf8");
    if (looksLikeJson(text)) return parseJson(text);
    const scalar = parseJson(text);
    return scalar.kind === "fields" ? scalar : NONE;
  }
  return NONE;
};
