/**
 * The PaymentIntent state machine: confirm (charge the card; a decline answers 402 and
 * leaves the PI in `requires_payment_method`), capture (manual capture), cancel, and the
 * crypto deposit test helper that settles a `requires_action` crypto PI.
 */
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest, unexpectedState } from "../errors.js";
import { amount, expand, id } from "../inputs.js";
import { requireCharge, requirePaymentIntent, stripeOperation } from "../lookup.js";
import type { PaymentIntent, StripeContext } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { wireCharge, wirePaymentIntent } from "../wire/objects.js";
import { captureCharge, chargeCard, disputeIfTestCard, settleCryptoDeposit } from "./charging.js";
import { resolvePaymentMethod } from "./payment-methods.js";

const isCrypto = (pi: PaymentIntent) => pi.payment_method_types.includes("crypto");

const CONFIRMABLE = new Set(["requires_payment_method", "requires_confirmation", "requires_action"]);

/** Confirm a card PaymentIntent with its payment method or the one given. */
export function confirmIntent(ctx: StripeContext, pi: PaymentIntent, paymentMethod: string | undefined): void {
  if (isCrypto(pi)) {
    // A crypto deposit is confirmed by the deposit itself: confirming changes nothing.
    if (pi.status === "canceled") throw unexpectedState(`You cannot confirm this PaymentIntent because it has a status of canceled.`);
    return;
  }
  if (!CONFIRMABLE.has(pi.status)) {
    throw unexpectedState(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_action, requires_payment_method.`,
    );
  }
  const pmId = paymentMethod ?? pi.payment_method;
  if (pmId === null) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a payment method, either update it with the `payment_method` parameter or provide one here.",
      { param: "payment_method" },
    );
  }
  const pm = resolvePaymentMethod(ctx, pmId, "payment_method");
  if (pm.customer !== null && pi.customer !== null && pm.customer !== pi.customer) {
    throw invalidRequest(`The provided PaymentMethod ${pm.id} belongs to a different Customer.`, { param: "payment_method" });
  }
  chargeCard(ctx, pi, pm);
}

export const confirmPaymentIntent = stripeOperation({
  name: "confirm_payment_intent",
  description: "Confirm a PaymentIntent, charging its payment method (POST /v1/payment_intents/{id}/confirm).",
  rest: [{ method: "POST", path: "/v1/payment_intents/{id}/confirm" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, payment_method: z.string().optional(), return_url: z.string().optional(), expand }),
  handle(ctx, input) {
    const pi = requirePaymentIntent(ctx.state, input.id);
    confirmIntent(ctx, pi, input.payment_method);
    return expandWire(ctx.state, wirePaymentIntent(pi), input.expand);
  },
});

export const capturePaymentIntent = stripeOperation({
  name: "capture_payment_intent",
  description: "Capture an authorized PaymentIntent (capture_method manual), fully or `amount_to_capture` (POST /v1/payment_intents/{id}/capture).",
  rest: [{ method: "POST", path: "/v1/payment_intents/{id}/capture" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, amount_to_capture: amount.optional(), expand }),
  handle(ctx, input) {
    const pi = requirePaymentIntent(ctx.state, input.id);
    if (pi.status !== "requires_capture" || pi.latest_charge === null) {
      throw unexpectedState(`This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
    }
    const capture = input.amount_to_capture ?? pi.amount_capturable;
    if (capture > pi.amount_capturable) {
      throw invalidRequest(`The amount to capture (${capture}) cannot be greater than the amount capturable (${pi.amount_capturable}).`, { code: "amount_too_large", param: "amount_to_capture" });
    }
    const charge = requireCharge(ctx.state, pi.latest_charge);
    captureCharge(ctx, pi, charge, capture);
    emitEvent(ctx, "charge.captured", wireCharge(ctx.state, charge));
    emitEvent(ctx, "payment_intent.succeeded", wirePaymentIntent(pi));
    disputeIfTestCard(ctx, charge);
    return expandWire(ctx.state, wirePaymentIntent(pi), input.expand);
  },
});

const CANCELABLE = new Set(["requires_payment_method", "requires_confirmation", "requires_action", "requires_capture", "processing"]);

export const cancelPaymentIntent = stripeOperation({
  name: "cancel_payment_intent",
  description: "Cancel a PaymentIntent that has not succeeded; an authorization is released (POST /v1/payment_intents/{id}/cancel).",
  rest: [{ method: "POST", path: "/v1/payment_intents/{id}/cancel" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, cancellation_reason: z.enum(["duplicate", "fraudulent", "requested_by_customer", "abandoned"]).optional(), expand }),
  handle(ctx, input) {
    const pi = requirePaymentIntent(ctx.state, input.id);
    if (!CANCELABLE.has(pi.status)) {
      throw unexpectedState(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
      );
    }
    if (pi.status === "requires_capture" && pi.latest_charge !== null) {
      const charge = requireCharge(ctx.state, pi.latest_charge);
      charge.amount_refunded = charge.amount;
      charge.refunded = true;
    }
    pi.status = "canceled";
    pi.canceled_at = ctx.clock.unix();
    pi.cancellation_reason = input.cancellation_reason ?? null;
    pi.next_action = null;
    pi.amount_capturable = 0;
    emitEvent(ctx, "payment_intent.canceled", wirePaymentIntent(pi));
    return expandWire(ctx.state, wirePaymentIntent(pi), input.expand);
  },
});

export const simulateCryptoDeposit = stripeOperation({
  name: "simulate_crypto_deposit",
  description: "Test helper: the crypto deposit of a `requires_action` crypto PaymentIntent arrives and settles it (POST /v1/test_helpers/payment_intents/{id}/simulate_crypto_deposit).",
  rest: [{ method: "POST", path: "/v1/test_helpers/payment_intents/{id}/simulate_crypto_deposit" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    const pi = requirePaymentIntent(ctx.state, input.id);
    if (!isCrypto(pi) || pi.status !== "requires_action") {
      throw unexpectedState(`A crypto deposit can only be simulated for a crypto PaymentIntent with status requires_action; this one is ${isCrypto(pi) ? pi.status : "not a crypto PaymentIntent"}.`);
    }
    settleCryptoDeposit(ctx, pi);
    return expandWire(ctx.state, wirePaymentIntent(pi), input.expand);
  },
});

export const paymentIntentFlowOperations = [confirmPaymentIntent, capturePaymentIntent, cancelPaymentIntent, simulateCryptoDeposit];
