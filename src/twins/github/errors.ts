/**
 * GitHub's error envelope: `{message, errors?, documentation_url, status: "<code>"}`
 * (the status is a string on api.github.com). Handlers throw TwinErrors whose `details`
 * may carry `errors` (422 field errors) and `documentation_url`.
 */
import type { z } from "zod";
import { reply, type Reply, type TwinError } from "../engine/operation.js";
import type { TwinErrors } from "../engine/twin.js";

export const DOCS = "https://docs.github.com/rest";
export const UNSUPPORTED_MESSAGE = "This endpoint is not supported by the pome GitHub twin";

export function githubErrorBody(status: number, message: string, extra: Record<string, unknown> = {}) {
  const { documentation_url, ...rest } = extra;
  return { message, ...rest, documentation_url: typeof documentation_url === "string" ? documentation_url : DOCS, status: String(status) };
}

/** One field error of a 422 "Validation Failed" (GitHub's `errors[]` item). */
export interface FieldError {
  resource: string;
  field: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  value?: unknown;
  message?: string;
}

export function validationFailed(errors: FieldError[], documentation_url?: string) {
  return { errors, ...(documentation_url ? { documentation_url } : {}) };
}

/** A JSON value as GitHub quotes it in "Invalid request." messages. */
function shown(value: unknown): string {
  return value === undefined ? "null" : JSON.stringify(value);
}

/** A value quoted in a message, cut short: a double-encoded body may be megabytes long. */
function shownBriefly(value: unknown): string {
  const text = shown(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const isNotFound = (issue: z.core.$ZodIssue) => issue.code === "custom" && (issue.params as { status?: unknown } | undefined)?.status === 404;

/** zod reports an absent field as a type error on `undefined` (inside a union, in every branch). */
function isMissing(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "invalid_type") return /received undefined/.test(issue.message);
  if (issue.code === "invalid_union") return issue.errors.length > 0 && issue.errors.every((branch) => branch.some(isMissing));
  return false;
}

/**
 * GitHub answers request-schema failures with 422 "Invalid request." and one line per
 * problem (e.g. `"title" wasn't supplied.`), not with `errors[]`.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join("/");
  if (isMissing(issue)) return `"${field}" wasn't supplied.`;
  const input = (issue as { input?: unknown }).input;
  const value = input === undefined ? "the value" : shown(input);
  if (issue.code === "invalid_type") return `For 'properties/${field}', ${value} is not a${/^[aeiou]/.test(issue.expected) ? "n" : ""} ${issue.expected}.`;
  if (issue.code === "invalid_value") return `For 'properties/${field}', ${value} is not a member of ${JSON.stringify(issue.values)}.`;
  return `For 'properties/${field}', ${issue.message.replace(/\.$/, "")}.`;
}

export const githubErrors: TwinErrors = {
  render(error: TwinError): Reply {
    return reply(error.status, githubErrorBody(error.status, error.message, error.details));
  },
  unauthorized(kind) {
    return reply(401, githubErrorBody(401, kind === "missing" ? "Requires authentication" : "Bad credentials"));
  },
  forbidden() {
    return reply(403, githubErrorBody(403, "Resource not accessible by personal access token"));
  },
  unsupported(method, path) {
    return reply(501, { ...githubErrorBody(501, UNSUPPORTED_MESSAGE), fidelity: "unsupported", method, path });
  },
  // GitHub says only this, whatever the parser's complaint was.
  malformedBody() {
    return reply(400, githubErrorBody(400, "Problems parsing JSON"));
  },
  // Valid JSON that is not an object fails GitHub's request schema at its root, which GitHub
  // names by the schema's JSON pointer: `For 'links/0/schema', "str" is not an object.`
  bodyNotObject(value) {
    return reply(400, githubErrorBody(400, `Invalid request.\n\nFor 'links/0/schema', ${shownBriefly(value)} is not an object.`));
  },
  // The trace names a 422 by its first field error code (`already_exists`, `invalid`…).
  describe(status, body) {
    if (status < 400) return null;
    const record = (typeof body === "object" && body !== null ? body : {}) as { message?: unknown; errors?: Array<{ code?: unknown }> };
    const code = Array.isArray(record.errors) && typeof record.errors[0]?.code === "string" ? record.errors[0].code : null;
    return { code, message: typeof record.message === "string" ? record.message : `HTTP ${status}` };
  },
  invalidInput(issues) {
    // A path number GitHub's router would not match (`issues/0x1`): routing fails before any validation.
    if (issues.some(isNotFound)) return reply(404, githubErrorBody(404, "Not Found"));
    return reply(422, githubErrorBody(422, ["Invalid request.", "", ...issues.map(describeIssue)].join("\n")));
  },
};
