/**
 * Payment methods: cards from Stripe's test numbers and `pm_card_*` / `tok_*` tokens (the
 * number is never stored, only brand and last four, which decide how a charge ends),
 * attach to and detach from customers, list by customer.
 */
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing, stripeError } from "../errors.js";
import { expand, id, integer, listParams, inCreated, mergeMetadata, metadata } from "../inputs.js";
import { findPaymentMethod, requireCustomer, stripeOperation } from "../lookup.js";
import { newestFirst, newId, type PaymentMethod, type StripeContext } from "../state.js";
import { cardOfNumber, luhnValid, TEST_NUMBERS, TEST_TOKENS, type TestCard } from "../test-cards.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wirePaymentMethod } from "../wire/objects.js";

const EXP_YEAR = 2034;

export function storeCard(ctx: StripeContext, card: TestCard, exp: { month: number; year: number } = { month: 12, year: EXP_YEAR }, meta: Record<string, string> = {}): PaymentMethod {
  const pm: PaymentMethod = {
    id: newId(ctx.ids, "pm"),
    object: "payment_method",
    type: "card",
    customer: null,
    card: { brand: card.brand, last4: card.last4, exp_month: exp.month, exp_year: exp.year, funding: card.funding, country: card.country },
    metadata: meta,
    created: ctx.clock.unix(),
    livemode: false,
  };
  ctx.state.payment_methods.push(pm);
  return pm;
}

/**
 * A stored payment method, or a new one minted from a test token (`pm_card_visa`): Stripe
 * answers every use of such a token with a fresh PaymentMethod.
 */
export function resolvePaymentMethod(ctx: StripeContext, pmId: string, param: string): PaymentMethod {
  const stored = findPaymentMethod(ctx.state, pmId);
  if (stored) return stored;
  const number = TEST_TOKENS[pmId];
  if (number === undefined) throw resourceMissing("PaymentMethod", pmId, param);
  return storeCard(ctx, TEST_NUMBERS[number]!);
}

const cardInput = z.object({
  number: z.string().optional(),
  exp_month: integer.optional(),
  exp_year: integer.optional(),
  cvc: z.string().optional(),
  token: z.string().optional(),
});

function cardFrom(input: z.infer<typeof cardInput>): TestCard {
  if (input.token !== undefined) {
    const number = TEST_TOKENS[input.token];
    if (number === undefined) throw resourceMissing("token", input.token, "card[token]");
    return TEST_NUMBERS[number]!;
  }
  if (input.number === undefined) throw invalidRequest("Missing required param: card[number].", { code: "parameter_missing", param: "card[number]" });
  const number = input.number.replace(/[\s-]/g, "");
  if (!luhnValid(number)) throw stripeError(402, "Your card number is incorrect.", { code: "incorrect_number", param: "card[number]" });
  if (input.exp_month === undefined) throw invalidRequest("Missing required param: card[exp_month].", { code: "parameter_missing", param: "card[exp_month]" });
  if (input.exp_year === undefined) throw invalidRequest("Missing required param: card[exp_year].", { code: "parameter_missing", param: "card[exp_year]" });
  if (input.exp_month < 1 || input.exp_month > 12) throw stripeError(402, "Your card's expiration month is invalid.", { code: "invalid_expiry_month", param: "card[exp_month]" });
  return cardOfNumber(number);
}

export const createPaymentMethod = stripeOperation({
  name: "create_payment_method",
  description: "Create a card PaymentMethod from a test card number or test token (POST /v1/payment_methods).",
  rest: [{ method: "POST", path: "/v1/payment_methods" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ type: z.literal("card"), card: cardInput.optional(), metadata: metadata.optional(), expand }),
  handle(ctx, input) {
    if (input.card === undefined) throw invalidRequest("Missing required param: card.", { code: "parameter_missing", param: "card" });
    const card = cardFrom(input.card);
    const year = input.card.exp_year === undefined ? EXP_YEAR : input.card.exp_year < 100 ? 2000 + input.card.exp_year : input.card.exp_year;
    const yearNow = new Date(ctx.clock.unix() * 1000).getUTCFullYear();
    if (year < yearNow) throw stripeError(402, "Your card's expiration year is invalid.", { code: "invalid_expiry_year", param: "card[exp_year]" });
    const pm = storeCard(ctx, card, { month: input.card.exp_month ?? 12, year }, mergeMetadata({}, input.metadata));
    return expandWire(ctx.state, wirePaymentMethod(pm), input.expand);
  },
});

export const retrievePaymentMethod = stripeOperation({
  name: "retrieve_payment_method",
  description: "Retrieve a PaymentMethod (GET /v1/payment_methods/{id}).",
  rest: [{ method: "GET", path: "/v1/payment_methods/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    const pm = findPaymentMethod(ctx.state, input.id);
    if (!pm) throw resourceMissing("PaymentMethod", input.id, "payment_method");
    return expandWire(ctx.state, wirePaymentMethod(pm), input.expand);
  },
});

export const attachPaymentMethod = stripeOperation({
  name: "attach_payment_method",
  description: "Attach a PaymentMethod (or a test token) to a customer (POST /v1/payment_methods/{id}/attach).",
  rest: [{ method: "POST", path: "/v1/payment_methods/{id}/attach" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, customer: id, expand }),
  handle(ctx, input) {
    const customer = requireCustomer(ctx.state, input.customer, "customer");
    const pm = resolvePaymentMethod(ctx, input.id, "payment_method");
    if (pm.customer !== null && pm.customer !== customer.id) {
      throw invalidRequest("The payment method you provided has already been attached to a customer.", { code: "payment_method_unexpected_state", param: "payment_method" });
    }
    if (pm.customer === null) {
      pm.customer = customer.id;
      emitEvent(ctx, "payment_method.attached", wirePaymentMethod(pm));
    }
    return expandWire(ctx.state, wirePaymentMethod(pm), input.expand);
  },
});

export const detachPaymentMethod = stripeOperation({
  name: "detach_payment_method",
  description: "Detach a PaymentMethod from its customer (POST /v1/payment_methods/{id}/detach).",
  rest: [{ method: "POST", path: "/v1/payment_methods/{id}/detach" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    const pm = findPaymentMethod(ctx.state, input.id);
    if (!pm) throw resourceMissing("PaymentMethod", input.id, "payment_method");
    if (pm.customer === null) {
      throw invalidRequest("The payment method you provided is not attached to a customer so detachment is impossible.", { code: "payment_method_unexpected_state", param: "payment_method" });
    }
    const owner = ctx.state.customers.find((c) => c.id === pm.customer);
    if (owner?.invoice_settings.default_payment_method === pm.id) owner.invoice_settings.default_payment_method = null;
    pm.customer = null;
    emitEvent(ctx, "payment_method.detached", wirePaymentMethod(pm));
    return expandWire(ctx.state, wirePaymentMethod(pm), input.expand);
  },
});

export const listPaymentMethods = stripeOperation({
  name: "list_payment_methods",
  description: "List a customer's PaymentMethods (GET /v1/payment_methods?customer=… or GET /v1/customers/{customer}/payment_methods).",
  rest: [
    { method: "GET", path: "/v1/payment_methods" },
    { method: "GET", path: "/v1/customers/{customer}/payment_methods" },
  ],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, customer: z.string().optional(), type: z.string().optional() }),
  handle(ctx, input) {
    if (input.customer !== undefined) requireCustomer(ctx.state, input.customer, "customer");
    const url = input.customer === undefined ? "/v1/payment_methods" : `/v1/customers/${input.customer}/payment_methods`;
    const found = newestFirst(ctx.state.payment_methods).filter(
      (pm) =>
        (input.customer === undefined || pm.customer === input.customer) &&
        (input.type === undefined || pm.type === input.type) &&
        inCreated(input.created, pm.created),
    );
    return expandWire(ctx.state, listEnvelope(url, found.map(wirePaymentMethod)), input.expand);
  },
});

export const paymentMethodOperations = [createPaymentMethod, retrievePaymentMethod, attachPaymentMethod, detachPaymentMethod, listPaymentMethods];
