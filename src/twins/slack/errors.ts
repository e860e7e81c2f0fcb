/**
 * Slack's error envelope: HTTP 200 with `{ok: false, error: "<code>"}` for every API error
 * (auth included), HTTP 429 with `Retry-After` for `ratelimited`, 5xx only for server
 * faults. Handlers throw `slackError("channel_not_found")`; the engine's own problems
 * (a bad body, a failed schema, an unknown method) get Slack's codes here too.
 */
import type { z } from "zod";
import { reply, type Reply, TwinError } from "../engine/operation.js";
import type { TwinErrors } from "../engine/twin.js";

/** A Slack error code (`channel_not_found`): what `{ok:false, error}` carries. */
export function slackError(code: string, extra: Record<string, unknown> = {}): TwinError {
  return new TwinError(code === "ratelimited" ? 429 : 400, code, { error: code, ...extra });
}

/** Seconds a `ratelimited` answer asks the client to wait when the fault names none. */
export const DEFAULT_RETRY_AFTER = "1";

/** Codes for errors that carry only an HTTP status (engine limits, injected faults). */
function codeForStatus(status: number): string {
  if (status === 429) return "ratelimited";
  if (status === 413) return "request_too_large";
  if (status === 401) return "invalid_auth";
  if (status === 403) return "access_denied";
  if (status === 503) return "service_unavailable";
  if (status === 504) return "request_timeout";
  if (status >= 500) return status === 500 ? "internal_error" : "fatal_error";
  return "invalid_arguments";
}

const body = (error: string, extra: Record<string, unknown> = {}) => ({ ok: false, error, ...extra });

/** A code is a lower-case word: a zod message that is one is the Slack error a schema chose for that field. */
const SLACK_CODE = /^[a-z][a-z0-9_]*$/;

function pointer(path: readonly PropertyKey[]): string {
  return `/${path.map(String).join("/")}`;
}

export const slackErrors: TwinErrors = {
  render(error: TwinError): Reply {
    const code = typeof error.details.error === "string" ? error.details.error : codeForStatus(error.status);
    const { error: _code, ...extra } = error.details;
    if (code === "ratelimited") return reply(429, body(code, extra), { "retry-after": DEFAULT_RETRY_AFTER });
    // Slack answers API errors with 200; only a status-only error (a server fault, an engine limit) keeps its status.
    const status = typeof error.details.error === "string" ? 200 : error.status;
    return reply(status, body(code, extra));
  },
  unauthorized(kind) {
    return reply(200, body(kind === "missing" ? "not_authed" : "invalid_auth"));
  },
  forbidden() {
    // A token of another pome session is, to Slack, a token of another workspace.
    return reply(200, body("invalid_auth"));
  },
  unsupported(method, path) {
    const name = path.replace(/^\//, "");
    return reply(501, body("unknown_method", { req_method: name, warning: `${method} ${name} is not supported by the pome Slack twin` }));
  },
  malformedBody() {
    return reply(200, body("invalid_json"));
  },
  // Slack's documented code for a JSON body that is not an object.
  bodyNotObject() {
    return reply(200, body("json_not_object"));
  },
  invalidInput(issues: z.core.$ZodIssue[]) {
    const first = issues[0];
    if (first && SLACK_CODE.test(first.message)) return reply(200, body(first.message));
    const messages = issues.slice(0, 5).map((issue) => `[ERROR] ${issue.message} [json-pointer:${pointer(issue.path)}]`);
    return reply(200, body("invalid_arguments", { response_metadata: { messages } }));
  },
  describe(status, answer) {
    if (typeof answer === "object" && answer !== null && !Array.isArray(answer)) {
      const record = answer as Record<string, unknown>;
      if (record.ok === false) {
        const code = typeof record.error === "string" ? record.error : "unknown_error";
        return { code, message: code };
      }
      if (status < 400) return null;
      const code = typeof record.error === "string" ? record.error : null;
      return { code, message: code ?? (typeof record.message === "string" ? record.message : `HTTP ${status}`) };
    }
    if (status < 400) return null;
    return { code: null, message: typeof answer === "string" && answer !== "" ? answer : `HTTP ${status}` };
  },
};
