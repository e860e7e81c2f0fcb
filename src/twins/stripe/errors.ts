/**
 * Stripe's error envelope: `{error: {type, code?, decline_code?, param?, message, doc_url?}}`.
 * Handlers throw TwinErrors through the factories below; their `details` carry the Stripe
 * fields (and, for a declined payment, the `payment_intent` / `charge` Stripe embeds).
 */
import type { z } from "zod";
import { reply, type Reply, TwinError } from "../engine/operation.js";
import type { TwinErrors } from "../engine/twin.js";

export type StripeErrorType = "invalid_request_error" | "card_error" | "idempotency_error" | "api_error" | "rate_limit_error";

export interface StripeErrorFields {
  type?: StripeErrorType;
  code?: string;
  decline_code?: string;
  param?: string;
  /** Objects Stripe embeds in some errors (`payment_intent`, `charge`, `payment_method`). */
  [extra: string]: unknown;
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, "-")}`;

function typeFor(status: number): StripeErrorType {
  if (status === 402) return "card_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "api_error";
  return "invalid_request_error";
}

export function stripeErrorBody(status: number, message: string, fields: StripeErrorFields = {}) {
  const { type, code, decline_code, param, ...extra } = fields;
  return {
    error: {
      ...(code ? { code } : {}),
      ...(decline_code ? { decline_code } : {}),
      ...(code ? { doc_url: docUrl(code) } : {}),
      message,
      ...(param ? { param } : {}),
      ...extra,
      type: type ?? typeFor(status),
    },
  };
}

export const stripeError = (status: number, message: string, fields: StripeErrorFields = {}) => new TwinError(status, message, fields);
export const invalidRequest = (message: string, fields: StripeErrorFields = {}) => stripeError(400, message, fields);

/** 404 `resource_missing`: "No such customer: 'cus_x'". */
export function resourceMissing(kind: string, id: string, param = "id"): TwinError {
  return stripeError(404, `No such ${kind}: '${id}'`, { code: "resource_missing", param });
}

export function unexpectedState(message: string, fields: StripeErrorFields = {}): TwinError {
  return invalidRequest(message, { code: "payment_intent_unexpected_state", ...fields });
}

/** Stripe's bracket notation for a nested parameter: `metadata[plan]`, `items[0][price]`. */
export function paramName(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  return (head ?? "") + rest.map((segment) => `[${segment}]`).join("");
}

const shown = (value: unknown) => (value === undefined ? "(not a valid value)" : typeof value === "string" ? value : (JSON.stringify(value) ?? String(value)));

/** An absent field: zod reports a type error on `undefined` (in every branch of a union). */
function isMissing(issue: z.core.$ZodIssue): boolean {
  // zod leaves `input` out of issues unless asked, so the message is what tells absence apart.
  if (issue.code === "invalid_type") return /received undefined/.test(issue.message);
  if (issue.code === "invalid_union") return issue.errors.length > 0 && issue.errors.every((branch) => branch.some(isMissing));
  return false;
}

/** The Stripe answer to a schema failure: its first problem, with Stripe's code and message. */
export function describeIssue(issue: z.core.$ZodIssue): { message: string; code?: string; param: string } {
  // A union (`metadata` is "" or a hash) reports every branch: the one that got deepest says what was wrong.
  if (issue.code === "invalid_union" && !isMissing(issue)) {
    const deepest = issue.errors.flatMap((branch) => branch.slice(0, 1)).sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && deepest.path.length > 0) return describeIssue({ ...deepest, path: [...issue.path, ...deepest.path] } as z.core.$ZodIssue);
  }
  const param = paramName(issue.path);
  const input = (issue as { input?: unknown }).input;
  if (isMissing(issue)) return { message: `Missing required param: ${param}.`, code: "parameter_missing", param };
  switch (issue.code) {
    case "invalid_type":
      if (issue.expected === "number" || issue.expected === "int") return { message: `Invalid integer: ${shown(input)}`, code: "parameter_invalid_integer", param };
      if (issue.expected === "string") return { message: `Invalid string: ${shown(input)}`, code: "parameter_invalid_string", param };
      if (issue.expected === "boolean") return { message: `Invalid boolean: ${shown(input)}`, code: "parameter_invalid_boolean", param };
      if (issue.expected === "array") return { message: `Invalid array`, param };
      return { message: `Invalid ${issue.expected === "object" || issue.expected === "record" ? "hash" : issue.expected}`, param };
    case "too_small":
      if (issue.origin === "string") {
        return {
          message: `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
          code: "parameter_invalid_empty",
          param,
        };
      }
      return { message: `This value must be greater than or equal to ${String(issue.minimum)}.`, code: "parameter_invalid_integer", param };
    case "too_big":
      if (issue.origin === "string") return { message: `Invalid string: ${shown(input).slice(0, 40)}...; must be at most ${String(issue.maximum)} characters`, code: "parameter_invalid_string", param };
      return { message: `This value must be less than or equal to ${String(issue.maximum)}.`, code: "parameter_invalid_integer", param };
    case "invalid_value":
      return { message: `Invalid ${param}: must be one of ${issue.values.map(String).join(", ")}`, param };
    case "unrecognized_keys":
      return { message: `Received unknown parameter: ${paramName([...issue.path, issue.keys[0] ?? ""])}`, code: "parameter_unknown", param: paramName([...issue.path, issue.keys[0] ?? ""]) };
    case "invalid_format":
      return { message: `Invalid ${param}: ${shown(input)}`, code: "parameter_invalid_string", param };
    default:
      return { message: issue.message.endsWith(".") ? issue.message : `${issue.message}.`, param };
  }
}

export const MISSING_KEY_MESSAGE =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

export const NOT_A_FORM_MESSAGE =
  "Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.";

export const stripeErrors: TwinErrors = {
  render(error: TwinError): Reply {
    return reply(error.status, stripeErrorBody(error.status, error.message, error.details as StripeErrorFields));
  },
  unauthorized(kind) {
    if (kind === "missing") return reply(401, { error: { message: MISSING_KEY_MESSAGE, type: "invalid_request_error" } });
    // The engine does not hand the refused key over, so the message cannot end with its last four characters as Stripe's does.
    return reply(401, { error: { message: "Invalid API Key provided: sk_test_********************", type: "invalid_request_error" } });
  },
  forbidden() {
    return reply(403, stripeErrorBody(403, "The provided key does not have access to this account (it belongs to another pome session).", { code: "secret_key_required" }));
  },
  unsupported(method, path) {
    return reply(
      501,
      stripeErrorBody(501, `Unrecognized request URL (${method}: ${path}). This endpoint is not supported by the pome Stripe twin.`, { type: "invalid_request_error", code: "endpoint_not_supported" }),
    );
  },
  malformedBody(detail) {
    return reply(400, stripeErrorBody(400, `Invalid request body: ${detail}`, { code: "parameter_invalid" }));
  },
  // Stripe reads forms and answers any JSON body this way; the twin still reads JSON objects
  // (the earlier twin's agents send them), so only JSON that is not an object gets it.
  bodyNotObject() {
    return reply(400, stripeErrorBody(400, NOT_A_FORM_MESSAGE));
  },
  invalidInput(issues) {
    const first = issues[0];
    if (!first) return reply(400, stripeErrorBody(400, "Invalid request"));
    const { message, code, param } = describeIssue(first);
    return reply(400, stripeErrorBody(400, message, { ...(code ? { code } : {}), ...(param ? { param } : {}) }));
  },
};
