/**
 * Refunds: partial and full, of a charge or of a PaymentIntent's charge. The default
 * amount is what remains; nothing left answers `charge_already_refunded`, more than
 * remains answers `amount_too_large`. A refund moves money back: the charge's
 * `amount_refunded`/`refunded`, a negative balance transaction, and events.
 */
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing } from "../errors.js";
import { amount, expand, id, inCreated, listParams, mergeMetadata, metadata, money } from "../inputs.js";
import { requireById, requireCharge, requirePaymentIntent, stripeOperation } from "../lookup.js";
import { newestFirst, newId, type Charge, type Refund, type StripeContext } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireCharge, wireRefund } from "../wire/objects.js";
import { recordBalanceTransaction } from "./charging.js";

/** The charge a refund request names: `charge`, or the latest charge of `payment_intent`. */
function chargeToRefund(ctx: StripeContext, input: { charge?: string; payment_intent?: string }): Charge {
  if (input.charge !== undefined && input.payment_intent !== undefined) {
    throw invalidRequest("You can only specify one of these parameters: charge, payment_intent.", { param: "payment_intent" });
  }
  if (input.charge !== undefined) return requireCharge(ctx.state, input.charge, "charge");
  if (input.payment_intent === undefined) {
    throw invalidRequest("One of the following params should be provided for this request: payment_intent or charge.", { code: "parameter_missing", param: "charge" });
  }
  const pi = requirePaymentIntent(ctx.state, input.payment_intent, "payment_intent");
  const charge = pi.latest_charge === null ? undefined : ctx.state.charges.find((c) => c.id === pi.latest_charge);
  if (!charge || charge.status !== "succeeded") {
    throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, { code: "charge_not_refundable", param: "payment_intent" });
  }
  return charge;
}

export const createRefund = stripeOperation({
  name: "create_refund",
  description: "Refund a charge, fully or partly (`amount`), by `charge` or `payment_intent` (POST /v1/refunds).",
  rest: [{ method: "POST", path: "/v1/refunds" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    charge: z.string().optional(),
    payment_intent: z.string().optional(),
    amount: amount.optional(),
    reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).optional(),
    metadata: metadata.optional(),
    expand,
  }),
  handle(ctx, input) {
    const charge = chargeToRefund(ctx, input);
    if (charge.status !== "succeeded") throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, { code: "charge_not_refundable", param: "charge" });
    if (!charge.captured) throw invalidRequest(`Charge ${charge.id} has not been captured; cancel its PaymentIntent to release the funds.`, { code: "charge_not_refundable", param: "charge" });
    if (charge.disputed && ctx.state.disputes.some((d) => d.charge === charge.id && !d.is_charge_refundable)) {
      throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: "charge_disputed", param: "charge" });
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: "charge_already_refunded", param: "charge" });
    const value = input.amount ?? remaining;
    if (value > remaining) {
      throw invalidRequest(`Refund amount (${money(value, charge.currency)}) is greater than charge amount (${money(remaining, charge.currency)})`, { code: "amount_too_large", param: "amount" });
    }
    const refund: Refund = {
      id: newId(ctx.ids, "re"),
      object: "refund",
      amount: value,
      currency: charge.currency,
      charge: charge.id,
      payment_intent: charge.payment_intent,
      balance_transaction: null,
      reason: input.reason ?? null,
      status: "succeeded",
      metadata: mergeMetadata({}, input.metadata),
      created: ctx.clock.unix(),
    };
    refund.balance_transaction = recordBalanceTransaction(ctx, { amount: -value, fee: 0, currency: charge.currency, type: "refund", source: refund.id }).id;
    ctx.state.refunds.push(refund);
    const before = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded >= charge.amount_captured;
    emitEvent(ctx, "charge.refunded", wireCharge(ctx.state, charge), before);
    emitEvent(ctx, "refund.created", wireRefund(refund));
    return expandWire(ctx.state, wireRefund(refund), input.expand);
  },
});

export const retrieveRefund = stripeOperation({
  name: "retrieve_refund",
  description: "Retrieve a refund (GET /v1/refunds/{id}).",
  rest: [{ method: "GET", path: "/v1/refunds/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireRefund(requireById(ctx.state.refunds, "refund", input.id, "id")), input.expand);
  },
});

export const listRefunds = stripeOperation({
  name: "list_refunds",
  description: "List refunds, newest first, optionally by charge or payment_intent (GET /v1/refunds).",
  rest: [{ method: "GET", path: "/v1/refunds" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, charge: z.string().optional(), payment_intent: z.string().optional() }),
  handle(ctx, input) {
    if (input.charge !== undefined && !ctx.state.charges.some((c) => c.id === input.charge)) throw resourceMissing("charge", input.charge, "charge");
    const found = newestFirst(ctx.state.refunds).filter(
      (r) =>
        inCreated(input.created, r.created) &&
        (input.charge === undefined || r.charge === input.charge) &&
        (input.payment_intent === undefined || r.payment_intent === input.payment_intent),
    );
    return expandWire(ctx.state, listEnvelope("/v1/refunds", found.map(wireRefund)), input.expand);
  },
});

export const refundOperations = [createRefund, retrieveRefund, listRefunds];
