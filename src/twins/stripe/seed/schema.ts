/**
 * The Stripe seed as scenarios write it: the earlier twin's format (upstream-twins §3.1:
 * `api_keys`, `failure_injection`, rows with `latest_charge_id`, `payment_intent_id`,
 * `charge_id`, `balance_transaction_id`, `source_id`, `account_id`…) accepted unchanged,
 * and partial Stripe API objects (real field names; Stripe's defaults fill the rest).
 * Both spellings of a reference are read; unknown keys are stripped.
 */
import { z } from "zod";

const int = z.number().int();
const money = int.min(0);
const meta = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({});
const currency = z.string().regex(/^[A-Za-z]{3}$/, "currency must be a three-letter ISO code").transform((c) => c.toLowerCase());
const ref = z.string().min(1).nullish();

export const apiKeySeed = z.object({ key: z.string().min(1), sid: z.string().optional(), account_id: z.string().optional() });

export const failureInjectionSeed = z.object({
  method: z.string().transform((m) => m.toUpperCase()),
  path: z.string().startsWith("/"),
  attempt: int.min(1),
  mode: z.enum(["before_handler", "after_handler"]).default("after_handler"),
  status: int.min(100).max(599),
  body: z.unknown().optional(),
});

const customerSeed = z.object({
  id: z.string().startsWith("cus_").optional(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  phone: z.string().nullish(),
  balance: int.default(0),
  currency: currency.nullish(),
  delinquent: z.boolean().default(false),
  default_payment_method: z.string().nullish(),
  invoice_settings: z.object({ default_payment_method: z.string().nullish() }).optional(),
  metadata: meta,
  deleted: z.boolean().optional(),
  created: int.optional(),
});

const paymentMethodSeed = z.object({
  id: z.string().optional(),
  type: z.literal("card").default("card"),
  customer: ref,
  /** A test token (`pm_card_chargeDeclined`) or number stands for the card it names. */
  test_card: z.string().optional(),
  card: z
    .object({
      number: z.string().optional(),
      brand: z.string().optional(),
      last4: z.string().regex(/^\d{4}$/, "last4 must be four digits").optional(),
      exp_month: int.min(1).max(12).default(12),
      exp_year: int.default(2034),
      funding: z.string().default("credit"),
      country: z.string().nullish(),
    })
    .optional(),
  metadata: meta,
  created: int.optional(),
});

const paymentIntentStatus = z.enum(["requires_payment_method", "requires_confirmation", "requires_action", "processing", "requires_capture", "canceled", "succeeded"]);

const paymentIntentSeed = z.object({
  id: z.string().optional(),
  amount: int.min(1),
  currency: currency.default("usd"),
  status: paymentIntentStatus.default("requires_payment_method"),
  customer: ref,
  description: z.string().nullish(),
  payment_method: ref,
  payment_method_types: z.array(z.string()).optional(),
  capture_method: z.enum(["automatic", "automatic_async", "manual"]).default("automatic"),
  confirmation_method: z.enum(["automatic", "manual"]).default("automatic"),
  latest_charge: ref,
  latest_charge_id: ref,
  amount_received: money.optional(),
  amount_capturable: money.optional(),
  next_action: z.record(z.string(), z.unknown()).nullish(),
  last_payment_error: z.record(z.string(), z.unknown()).nullish(),
  client_secret: z.string().optional(),
  canceled_at: int.nullish(),
  cancellation_reason: z.string().nullish(),
  metadata: meta,
  created: int.optional(),
});

const chargeSeed = z.object({
  id: z.string().optional(),
  amount: int.min(1),
  amount_captured: money.optional(),
  amount_refunded: money.default(0),
  currency: currency.optional(),
  customer: ref,
  payment_intent: ref,
  payment_intent_id: ref,
  payment_method: ref,
  balance_transaction: ref,
  balance_transaction_id: ref,
  status: z.enum(["succeeded", "pending", "failed"]).default("succeeded"),
  captured: z.boolean().default(true),
  refunded: z.boolean().optional(),
  disputed: z.boolean().default(false),
  failure_code: z.string().nullish(),
  failure_message: z.string().nullish(),
  description: z.string().nullish(),
  metadata: meta,
  created: int.optional(),
});

const refundSeed = z.object({
  id: z.string().optional(),
  amount: int.min(1),
  currency: currency.optional(),
  charge: ref,
  charge_id: ref,
  payment_intent: ref,
  payment_intent_id: ref,
  balance_transaction: ref,
  reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]).nullish(),
  status: z.enum(["succeeded", "pending", "failed", "canceled"]).default("succeeded"),
  metadata: meta,
  created: int.optional(),
});

const balanceTransactionSeed = z.object({
  id: z.string().optional(),
  type: z.string().default("charge"),
  amount: int,
  fee: int.default(0),
  net: int.optional(),
  currency: currency.default("usd"),
  source: ref,
  source_id: ref,
  reporting_category: z.string().optional(),
  status: z.enum(["available", "pending"]).default("available"),
  available_on: int.optional(),
  description: z.string().nullish(),
  created: int.optional(),
});

const eventSeed = z.object({
  id: z.string().optional(),
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()), previous_attributes: z.record(z.string(), z.unknown()).optional() }),
  created: int.optional(),
});

const productSeed = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1),
  description: z.string().nullish(),
  active: z.boolean().default(true),
  default_price: ref,
  metadata: meta,
  created: int.optional(),
});

const interval = z.enum(["day", "week", "month", "year"]);

const priceSeed = z.object({
  id: z.string().min(1).optional(),
  product: z.string().min(1),
  currency: currency.default("usd"),
  unit_amount: money,
  recurring: z.object({ interval, interval_count: int.min(1).default(1) }).nullish(),
  active: z.boolean().default(true),
  nickname: z.string().nullish(),
  lookup_key: z.string().nullish(),
  metadata: meta,
  created: int.optional(),
});

const couponSeed = z.object({
  id: z.string().min(1).optional(),
  name: z.string().nullish(),
  percent_off: z.number().gt(0).max(100).nullish(),
  amount_off: int.min(1).nullish(),
  currency: currency.nullish(),
  duration: z.enum(["once", "repeating", "forever"]).default("once"),
  duration_in_months: int.min(1).nullish(),
  max_redemptions: int.min(1).nullish(),
  redeem_by: int.nullish(),
  times_redeemed: int.min(0).default(0),
  valid: z.boolean().default(true),
  metadata: meta,
  deleted: z.boolean().optional(),
  created: int.optional(),
});

const subscriptionItemSeed = z.object({
  id: z.string().min(1).optional(),
  /** A price id of the seed, or a Price object (its `id` is read). */
  price: z.union([z.string().min(1), z.object({ id: z.string().min(1) }).transform((p) => p.id)]),
  quantity: int.min(1).default(1),
  current_period_start: int.optional(),
  current_period_end: int.optional(),
  metadata: meta,
});

const subscriptionStatus = z.enum(["incomplete", "incomplete_expired", "trialing", "active", "past_due", "canceled", "unpaid", "paused"]);

const subscriptionSeed = z.object({
  id: z.string().min(1).optional(),
  customer: z.string().min(1),
  status: subscriptionStatus.default("active"),
  /** Stripe's list (`{data: [...]}`) or a plain array of items. */
  items: z.union([z.array(subscriptionItemSeed), z.object({ data: z.array(subscriptionItemSeed) }).transform((l) => l.data)]).pipe(z.array(z.any()).min(1)),
  default_payment_method: ref,
  latest_invoice: ref,
  collection_method: z.enum(["charge_automatically", "send_invoice"]).default("charge_automatically"),
  days_until_due: int.nullish(),
  /** A coupon of the seed applied to the subscription (a discount is made for it). */
  coupon: z.string().min(1).optional(),
  /** The period, if the items do not say: the earlier API's top-level fields. */
  current_period_start: int.optional(),
  current_period_end: int.optional(),
  cancel_at_period_end: z.boolean().default(false),
  canceled_at: int.nullish(),
  ended_at: int.nullish(),
  description: z.string().nullish(),
  metadata: meta,
  created: int.optional(),
});

const invoiceSeed = z.object({
  id: z.string().min(1).optional(),
  customer: z.string().min(1),
  /** The subscription it bills (or Stripe's `parent.subscription_details.subscription`); its items make the lines. */
  subscription: ref,
  parent: z.object({ subscription_details: z.object({ subscription: z.string().min(1) }).optional() }).nullish(),
  status: z.enum(["draft", "open", "paid", "uncollectible", "void"]).default("draft"),
  currency: currency.optional(),
  /** Without a subscription: the amount of its one line. */
  amount_due: money.optional(),
  description: z.string().nullish(),
  billing_reason: z.enum(["subscription_create", "subscription_cycle", "subscription_update", "manual"]).optional(),
  collection_method: z.enum(["charge_automatically", "send_invoice"]).default("charge_automatically"),
  default_payment_method: ref,
  attempt_count: int.min(0).default(0),
  number: z.string().nullish(),
  metadata: meta,
  created: int.optional(),
});

const disputeSeed = z.object({
  id: z.string().startsWith("dp_").optional(),
  /** The disputed charge, of the seed. */
  charge: z.string().min(1),
  amount: money.optional(),
  reason: z.enum(["bank_cannot_process", "check_returned", "credit_not_processed", "customer_initiated", "debit_not_authorized", "duplicate", "fraudulent", "general", "incorrect_account_details", "insufficient_funds", "product_not_received", "product_unacceptable", "subscription_canceled", "unrecognized"]).default("fraudulent"),
  status: z.enum(["warning_needs_response", "warning_under_review", "warning_closed", "needs_response", "under_review", "won", "lost"]).default("needs_response"),
  evidence: z.record(z.string(), z.string().nullable()).default({}),
  metadata: meta,
  created: int.optional(),
});

/** Where events are delivered, signed with `secret` (a fixed one lets the scenario tell the agent). */
const webhookEndpointSeed = z.object({
  id: z.string().startsWith("we_").optional(),
  url: z.url({ protocol: /^https?$/ }),
  enabled_events: z.array(z.string().min(1)).min(1).default(["*"]),
  secret: z.string().startsWith("whsec_").optional(),
  status: z.enum(["enabled", "disabled"]).default("enabled"),
  description: z.string().nullish(),
  metadata: meta,
  created: int.optional(),
});

export const stripeSeedSchema = z.object({
  account: z.object({ id: z.string().startsWith("acct_").optional(), default_currency: currency.default("usd"), country: z.string().default("US") }).optional(),
  api_keys: z.array(apiKeySeed).default([]),
  failure_injection: z.array(failureInjectionSeed).default([]),
  customers: z.array(customerSeed).default([]),
  payment_methods: z.array(paymentMethodSeed).default([]),
  payment_intents: z.array(paymentIntentSeed).default([]),
  charges: z.array(chargeSeed).default([]),
  refunds: z.array(refundSeed).default([]),
  balance_transactions: z.array(balanceTransactionSeed).default([]),
  events: z.array(eventSeed).default([]),
  products: z.array(productSeed).default([]),
  prices: z.array(priceSeed).default([]),
  coupons: z.array(couponSeed).default([]),
  subscriptions: z.array(subscriptionSeed).default([]),
  invoices: z.array(invoiceSeed).default([]),
  disputes: z.array(disputeSeed).default([]),
  webhook_endpoints: z.array(webhookEndpointSeed).default([]),
}).superRefine((seed, issue) => {
  seed.disputes.forEach((d, i) => {
    if (!seed.charges.some((c) => c.id === d.charge)) issue.addIssue({ code: "custom", path: ["disputes", i, "charge"], message: `a dispute must name a charge of the seed (with an id); ${d.charge} is not one` });
  });
  // A subscription bills prices: each item must name a recurring price of the seed.
  const prices = new Map(seed.prices.map((p) => [p.id, p]));
  seed.subscriptions.forEach((sub, s) =>
    (sub.items as { price: string }[]).forEach((item, i) => {
      const price = prices.get(item.price);
      if (!price || !price.recurring) issue.addIssue({ code: "custom", path: ["subscriptions", s, "items", i, "price"], message: `subscription items must name a recurring price of the seed (with an id); ${item.price} is not one` });
    }),
  );
  seed.coupons.forEach((c, i) => {
    if ((c.percent_off == null) === (c.amount_off == null)) issue.addIssue({ code: "custom", path: ["coupons", i], message: "a coupon has either percent_off or amount_off (with currency)" });
  });
  seed.subscriptions.forEach((sub, s) => {
    if (sub.coupon !== undefined && !seed.coupons.some((c) => c.id === sub.coupon)) issue.addIssue({ code: "custom", path: ["subscriptions", s, "coupon"], message: `no coupon ${sub.coupon} in the seed` });
  });
});

export type StripeSeed = z.infer<typeof stripeSeedSchema>;
export type StripeSeedInput = z.input<typeof stripeSeedSchema>;
export type FailureInjectionSeed = z.infer<typeof failureInjectionSeed>;
