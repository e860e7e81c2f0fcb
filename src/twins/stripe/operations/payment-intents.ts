/**
 * PaymentIntents: create (card or crypto deposit, optionally confirming at once),
 * retrieve, update while unconfirmed, list and search. Confirming, capturing, cancelling
 * and the crypto deposit helper are in payment-intent-flow.ts.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest } from "../errors.js";
import { amount, boolean, currency, expand, id, inCreated, listParams, mergeMetadata, metadata, requireCurrency, text } from "../inputs.js";
import { requireCustomer, requirePaymentIntent, stripeOperation } from "../lookup.js";
import { clientSecret, newestFirst, newId, type PaymentIntent, type StripeContext } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wirePaymentIntent } from "../wire/objects.js";
import { parseSearchQuery, searchMatches, searchResult } from "../wire/search-query.js";
import { confirmIntent } from "./payment-intent-flow.js";
import { resolvePaymentMethod } from "./payment-methods.js";

/** USDC on Base: the token contract the earlier twin advertised. */
const USDC_BASE = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913";

/** Stripe's minimum charge amounts, in minor units, for the currencies it states one. */
const MINIMUM: Record<string, number> = { usd: 50, eur: 50, gbp: 30, cad: 50, aud: 50, chf: 50, jpy: 50 };

const paymentMethodTypes = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.enum(["card", "crypto"])).min(1));
const cryptoOptions = z.object({ crypto: z.object({ mode: z.literal("deposit").optional(), deposit_options: z.object({ networks: z.array(z.literal("base")).optional() }).optional() }).optional() });

export function depositAction(intentId: string): Record<string, unknown> {
  const address = `0x${createHash("sha256").update(intentId).digest("hex").slice(0, 40)}`;
  return { type: "display_crypto_deposit_information", crypto_display_details: { deposit_addresses: { base: { address, supported_tokens: [{ token_currency: "usdc", token_contract_address: USDC_BASE }] } } } };
}

function checkAmount(value: number, code: string): void {
  const minimum = MINIMUM[code];
  if (minimum !== undefined && value < minimum) {
    throw invalidRequest(`Amount must be at least ${code === "usd" ? "$0.50 usd" : `${minimum} ${code}`}`, { code: "amount_too_small", param: "amount" });
  }
}

function setPaymentMethodField(ctx: StripeContext, pi: PaymentIntent, pmId: string): void {
  const pm = resolvePaymentMethod(ctx, pmId, "payment_method");
  if (pm.customer !== null && pi.customer !== null && pm.customer !== pi.customer) {
    throw invalidRequest(`The provided PaymentMethod ${pm.id} belongs to a different Customer.`, { param: "payment_method" });
  }
  pi.payment_method = pm.id;
}

export const createPaymentIntent = stripeOperation({
  name: "create_payment_intent",
  description: "Create a PaymentIntent: card (optionally `confirm: true` with a payment_method) or a crypto deposit (POST /v1/payment_intents).",
  rest: [{ method: "POST", path: "/v1/payment_intents" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    amount,
    currency,
    customer: z.string().optional(),
    description: text.optional(),
    metadata: metadata.optional(),
    payment_method: z.string().optional(),
    payment_method_types: paymentMethodTypes.optional(),
    payment_method_options: cryptoOptions.optional(),
    automatic_payment_methods: z.object({ enabled: boolean.optional(), allow_redirects: z.string().optional() }).optional(),
    capture_method: z.enum(["automatic", "automatic_async", "manual"]).default("automatic_async"),
    confirmation_method: z.enum(["automatic", "manual"]).default("automatic"),
    confirm: boolean.optional(),
    receipt_email: z.string().optional(),
    return_url: z.string().optional(),
    expand,
  }),
  handle(ctx, input) {
    const code = requireCurrency(input.currency);
    const types = input.payment_method_types ?? ["card"];
    const crypto = types.includes("crypto");
    if (crypto && types.length > 1) throw invalidRequest("The crypto payment method type cannot be combined with others.", { code: "parameter_invalid_string", param: "payment_method_types" });
    if (crypto && code !== "usd") throw invalidRequest(`The currency ${code} is not supported for crypto deposits; use usd.`, { code: "currency_not_supported", param: "currency" });
    checkAmount(input.amount, code);
    if (input.customer !== undefined) requireCustomer(ctx.state, input.customer, "customer");
    const piId = newId(ctx.ids, "pi");
    const pi: PaymentIntent = {
      id: piId,
      object: "payment_intent",
      amount: input.amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: code,
      customer: input.customer ?? null,
      description: input.description ?? null,
      status: "requires_payment_method",
      payment_method: null,
      payment_method_types: types,
      capture_method: input.capture_method,
      confirmation_method: input.confirmation_method,
      latest_charge: null,
      last_payment_error: null,
      next_action: null,
      canceled_at: null,
      cancellation_reason: null,
      client_secret: clientSecret(ctx.ids, piId),
      metadata: mergeMetadata({}, input.metadata),
      created: ctx.clock.unix(),
      livemode: false,
    };
    if (crypto) {
      pi.status = "requires_action";
      pi.next_action = depositAction(pi.id);
    } else if (input.payment_method !== undefined) {
      setPaymentMethodField(ctx, pi, input.payment_method);
      pi.status = "requires_confirmation";
    }
    ctx.state.payment_intents.push(pi);
    emitEvent(ctx, "payment_intent.created", wirePaymentIntent(pi));
    if (crypto) emitEvent(ctx, "payment_intent.requires_action", wirePaymentIntent(pi));
    if (input.confirm && !crypto) confirmIntent(ctx, pi, undefined);
    return expandWire(ctx.state, wirePaymentIntent(pi), input.expand);
  },
});

export const retrievePaymentIntent = stripeOperation({
  name: "retrieve_payment_intent",
  description: "Retrieve a PaymentIntent (GET /v1/payment_intents/{id}).",
  rest: [{ method: "GET", path: "/v1/payment_intents/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, client_secret: z.string().optional(), expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wirePaymentIntent(requirePaymentIntent(ctx.state, input.id)), input.expand);
  },
});

const UPDATABLE = new Set(["requires_payment_method", "requires_confirmation", "requires_action"]);
/** What Stripe lets change once a PaymentIntent is past confirmation: the bookkeeping fields. */
const ALWAYS_UPDATABLE = new Set(["id", "metadata", "description", "receipt_email", "expand"]);

export const updatePaymentIntent = stripeOperation({
  name: "update_payment_intent",
  description: "Update a PaymentIntent: amount, currency, customer, payment_method while unconfirmed; description and metadata in any status (POST /v1/payment_intents/{id}).",
  rest: [{ method: "POST", path: "/v1/payment_intents/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    id,
    amount: amount.optional(),
    currency: currency.optional(),
    customer: z.string().optional(),
    description: z.union([z.literal(""), text]).optional(),
    metadata: metadata.optional(),
    payment_method: z.string().optional(),
    capture_method: z.enum(["automatic", "automatic_async", "manual"]).optional(),
    receipt_email: z.string().optional(),
    expand,
  }),
  handle(ctx, input) {
    const pi = requirePaymentIntent(ctx.state, input.id);
    const moneyFields = Object.keys(input).filter((key) => input[key as keyof typeof input] !== undefined && !ALWAYS_UPDATABLE.has(key));
    if (!UPDATABLE.has(pi.status) && moneyFields.length > 0) {
      throw invalidRequest(
        `This PaymentIntent could not be updated because it has a status of ${pi.status}. You may only update a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
        { code: "payment_intent_unexpected_state" },
      );
    }
    const crypto = pi.payment_method_types.includes("crypto");
    const nextCurrency = input.currency === undefined ? pi.currency : requireCurrency(input.currency);
    if (crypto && nextCurrency !== "usd") throw invalidRequest(`The currency ${nextCurrency} is not supported for crypto deposits; use usd.`, { code: "currency_not_supported", param: "currency" });
    checkAmount(input.amount ?? pi.amount, nextCurrency);
    if (input.customer !== undefined) pi.customer = input.customer === "" ? null : requireCustomer(ctx.state, input.customer, "customer").id;
    pi.amount = input.amount ?? pi.amount;
    pi.currency = nextCurrency;
    if (input.description !== undefined) pi.description = input.description === "" ? null : input.description;
    pi.metadata = mergeMetadata(pi.metadata, input.metadata);
    if (input.capture_method !== undefined) pi.capture_method = input.capture_method;
    if (input.payment_method !== undefined && !crypto) {
      setPaymentMethodField(ctx, pi, input.payment_method);
      if (pi.status === "requires_payment_method") pi.status = "requires_confirmation";
    }
    return expandWire(ctx.state, wirePaymentIntent(pi), input.expand);
  },
});

export const listPaymentIntents = stripeOperation({
  name: "list_payment_intents",
  description: "List PaymentIntents, newest first, optionally by customer or created (GET /v1/payment_intents).",
  rest: [{ method: "GET", path: "/v1/payment_intents" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, customer: z.string().optional() }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.payment_intents).filter((pi) => inCreated(input.created, pi.created) && (input.customer === undefined || pi.customer === input.customer));
    return expandWire(ctx.state, listEnvelope("/v1/payment_intents", found.map(wirePaymentIntent)), input.expand);
  },
});

export const searchPaymentIntents = stripeOperation({
  name: "search_payment_intents",
  description: "Search PaymentIntents: amount, currency, customer, status, metadata['k'], created (GET /v1/payment_intents/search).",
  rest: [{ method: "GET", path: "/v1/payment_intents/search" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ query: z.string(), limit: listParams.limit, page: z.string().optional(), expand }),
  handle(ctx, input) {
    const query = parseSearchQuery(input.query, ["amount", "currency", "customer", "status", "metadata", "created"]);
    const found = newestFirst(ctx.state.payment_intents).map(wirePaymentIntent).filter((pi) => searchMatches(query, pi));
    return expandWire(ctx.state, searchResult("/v1/payment_intents/search", found, input.limit, input.page), input.expand);
  },
});

export const paymentIntentOperations = [createPaymentIntent, retrievePaymentIntent, updatePaymentIntent, listPaymentIntents, searchPaymentIntents];
