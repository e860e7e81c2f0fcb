/**
 * Errors Stripe answered: "A `card_error` was returned for `confirm_payment_intent`", "No
 * `idempotency_error` was returned", and the earlier format's "The invalid request returns
 * a Stripe invalid_request_error" (then about payment intent creates). Read from the
 * recorded replies, so REST and MCP count alike.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, PhraseError, plural } from "../../../criteria/index.js";
import { NOTE_SOURCE } from "./refunds.js";
import { cite, errorTypeOf, stripeCalls } from "./world.js";

const ERROR_TYPES = ["api_error", "card_error", "idempotency_error", "invalid_request_error", "rate_limit_error", "authentication_error"];
/** An error type as written, bare or quoted; a value that is not one of Stripe's types leaves the sentence to others. */
const TYPE = "{etype:name}";
const errorType = (value: string | undefined) => (value !== undefined && ERROR_TYPES.includes(value) ? value : null);
const NOTE = "[{note:note}]";

function returned(type: string, operation: string | undefined, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const calls = stripeCalls(input, ctx).filter((call) => operation === undefined || call.operation === operation);
    const matching = calls.filter((call) => errorTypeOf(call) === type);
    return {
      passed: quantity.test(matching.length),
      reason: `${plural(matching.length, `${type} reply`, `${type} replies`)}${operation ? ` to ${code(operation)}` : ""}${matching.length ? ` (${cite(matching)})` : ""}; expected ${quantity.describe}`,
      evidence: matching.map((call) => call.event_id),
    };
  };
}

function operationOf(name: string | undefined, ctx: CompileContext): string | undefined {
  if (name === undefined) return undefined;
  const found = ctx.operations.find((operation) => operation === name);
  if (!found) throw new PhraseError(`${code(name)} is not an operation of the Stripe twin`);
  return found;
}

export const callErrorFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.call-errors",
  summary: "Stripe error replies by `type` (card_error, invalid_request_error, idempotency_error, …), optionally to one operation, with counts and negation.",
  examples: [
    "A `card_error` was returned for `confirm_payment_intent`",
    "No `idempotency_error` was returned",
    "The invalid request returns a Stripe invalid_request_error",
  ],
  slots: { note: NOTE_SOURCE },
  reserved: ["error", "returned", "stripe", "was", "were"],
  forms: [
    {
      patterns: [`{count:count} [stripe] ${TYPE} (was | were | has been) returned [(for | by | to | from) [the] {operation:name} [(call | calls | operation | tool)]] ${NOTE}`],
      compile: (m, ctx) => {
        const type = errorType(m.value("etype"));
        return type === null ? null : returned(type, operationOf(m.value("operation"), ctx), m.quantity("count", atLeastOne))(ctx);
      },
    },
    {
      patterns: [`the invalid (request | payment intent request | payment intent create) (returns | returned) [a] [stripe] ${TYPE} ${NOTE}`],
      // As the earlier format meant it: a refused payment intent create.
      compile: (m, ctx) => {
        const type = errorType(m.value("etype"));
        return type === null ? null : returned(type, ctx.operations.includes("create_payment_intent") ? "create_payment_intent" : undefined, atLeastOne)(ctx);
      },
    },
  ],
});
