/**
 * Subscriptions: a customer billed for recurring prices (`items[n][price]`). Creating one
 * bills its first period at once: an invoice charged to the default payment method
 * (`default_payment_method`, else the customer's `invoice_settings.default_payment_method`)
 * with the card rules of PaymentIntents — paid → `active`, declined → `incomplete`.
 * Update (items, `cancel_at_period_end`, discounts, metadata; no prorations), cancel,
 * list, and pome's renewal helper: a renewal whose payment fails leaves it `past_due`.
 */
import { z } from "zod";
import { changedFields, emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing } from "../errors.js";
import { boolean, expand, id, inCreated, integer, listOf, listParams, mergeMetadata, metadata, text } from "../inputs.js";
import { requireById, requireCustomer, stripeOperation } from "../lookup.js";
import { newestFirst, newId, type Price, type StripeContext, type StripeState, type Subscription, type SubscriptionStatus } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireInvoice, wireSubscription } from "../wire/objects.js";
import {
  applyCoupon,
  billingPaymentMethod,
  chargeInvoice,
  customerPaymentMethod,
  draftInvoice,
  finalize,
  NO_PAYMENT_METHOD,
  periodEnd,
  requestedCoupons,
  RETRY_AFTER,
} from "./billing.js";
import { requireCoupon } from "./coupons.js";
import { requirePrice } from "./prices.js";

const quantity = integer.pipe(z.number().min(1));
const discountsInput = z.union([z.literal(""), listOf(z.object({ coupon: z.string().min(1).optional(), discount: z.string().optional(), promotion_code: z.string().optional() }))]);

export function requireSubscription(state: StripeState, subId: string, param = "id"): Subscription {
  return requireById(state.subscriptions, "subscription", subId, param);
}

/** A price a subscription item may bill: recurring, active, in the subscription's currency and interval. */
function itemPrice(ctx: StripeContext, priceId: string, param: string, like: Price | undefined): Price {
  const price = requirePrice(ctx.state, priceId, param);
  if (price.type !== "recurring" || price.recurring === null) {
    throw invalidRequest("The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.", { param });
  }
  if (!price.active) throw invalidRequest("The price specified is inactive. This field only accepts active prices.", { param });
  if (like && like.currency !== price.currency) {
    throw invalidRequest(`The price specified (${price.id}) has currency ${price.currency}, but the subscription's currency is ${like.currency}. All prices on a subscription must have the same currency.`, { param });
  }
  if (like && (like.recurring!.interval !== price.recurring.interval || like.recurring!.interval_count !== price.recurring.interval_count)) {
    throw invalidRequest("The price specified has a different billing interval than the other prices on this subscription. All prices on a subscription must have the same recurring interval and interval_count.", { param });
  }
  return price;
}

function checkCoupons(ctx: StripeContext, input: { coupon?: string; discounts?: z.infer<typeof discountsInput> }): { id: string; param: string }[] {
  const wanted = requestedCoupons(input);
  for (const c of wanted) requireCoupon(ctx.state, c.id, c.param);
  return wanted;
}

export const createSubscription = stripeOperation({
  name: "create_subscription",
  description:
    "Create a subscription for a customer to recurring prices (`items[0][price]`). The first invoice is created and charged at once to `default_payment_method` or the customer's `invoice_settings.default_payment_method`: paid → status active; declined → status incomplete with an open invoice. `coupon` or `discounts[0][coupon]` discounts its invoices (POST /v1/subscriptions).",
  rest: [{ method: "POST", path: "/v1/subscriptions" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    customer: z.string().min(1),
    items: listOf(z.object({ price: z.string().min(1), quantity: quantity.optional(), metadata: metadata.optional() })).pipe(z.array(z.any()).min(1)),
    default_payment_method: z.string().min(1).optional(),
    coupon: z.string().optional(),
    discounts: discountsInput.optional(),
    payment_behavior: z.enum(["allow_incomplete", "default_incomplete", "error_if_incomplete"]).default("allow_incomplete"),
    collection_method: z.enum(["charge_automatically", "send_invoice"]).default("charge_automatically"),
    days_until_due: integer.optional(),
    cancel_at_period_end: boolean.optional(),
    proration_behavior: z.enum(["create_prorations", "none", "always_invoice"]).optional(),
    description: text.optional(),
    metadata: metadata.optional(),
    expand,
  }),
  handle(ctx, input) {
    const customer = requireCustomer(ctx.state, input.customer, "customer");
    if (input.collection_method === "send_invoice" && input.days_until_due === undefined) {
      throw invalidRequest("Missing required param: days_until_due.", { code: "parameter_missing", param: "days_until_due" });
    }
    const prices: Price[] = [];
    input.items.forEach((item: { price: string }, i: number) => prices.push(itemPrice(ctx, item.price, `items[${i}][price]`, prices[0])));
    const coupons = checkCoupons(ctx, input);
    const charges = input.collection_method === "charge_automatically" && input.payment_behavior !== "default_incomplete";
    let defaultPm: string | null = null;
    if (input.default_payment_method !== undefined) defaultPm = customerPaymentMethod(ctx, customer, input.default_payment_method, "default_payment_method").id;
    if (charges && defaultPm === null && customer.invoice_settings.default_payment_method === null) throw invalidRequest(NO_PAYMENT_METHOD);

    const now = ctx.clock.unix();
    const subId = newId(ctx.ids, "sub");
    const end = periodEnd(now, prices[0]!.recurring!.interval, prices[0]!.recurring!.interval_count);
    const sub: Subscription = {
      id: subId,
      object: "subscription",
      customer: customer.id,
      status: "incomplete",
      currency: prices[0]!.currency,
      items: {
        object: "list",
        data: input.items.map((item: { quantity?: number; metadata?: z.infer<typeof metadata> }, i: number) => ({
          id: newId(ctx.ids, "si"),
          object: "subscription_item" as const,
          price: structuredClone(prices[i]!),
          quantity: item.quantity ?? 1,
          subscription: subId,
          current_period_start: now,
          current_period_end: end,
          discounts: [],
          metadata: mergeMetadata({}, item.metadata),
          created: now,
        })),
        has_more: false,
        total_count: input.items.length,
        url: `/v1/subscription_items?subscription=${subId}`,
      },
      default_payment_method: defaultPm,
      latest_invoice: null,
      collection_method: input.collection_method,
      days_until_due: input.collection_method === "send_invoice" ? (input.days_until_due ?? null) : null,
      discounts: [],
      billing_cycle_anchor: now,
      start_date: now,
      cancel_at_period_end: input.cancel_at_period_end ?? false,
      cancel_at: input.cancel_at_period_end ? end : null,
      canceled_at: null,
      ended_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      description: input.description ?? null,
      metadata: mergeMetadata({}, input.metadata),
      created: now,
      livemode: false,
    };
    for (const c of coupons) sub.discounts.push(applyCoupon(ctx, c.id, c.param, { customer: customer.id, subscription: sub.id, invoice: null }).id);
    ctx.state.subscriptions.push(sub);
    emitEvent(ctx, "customer.subscription.created", wireSubscription(sub));

    const invoice = draftInvoice(ctx, customer, { subscription: sub, billing_reason: "subscription_create", currency: sub.currency });
    sub.latest_invoice = invoice.id;
    finalize(ctx, invoice);
    let failure = null;
    if (invoice.status === "paid" || input.collection_method === "send_invoice") sub.status = "active";
    else if (charges) {
      const pm = billingPaymentMethod(ctx, invoice, undefined);
      failure = pm ? chargeInvoice(ctx, invoice, pm) : null;
      if (pm && !failure) sub.status = "active";
    }
    if (sub.status === "active") emitEvent(ctx, "customer.subscription.updated", wireSubscription(sub), { status: "incomplete" });
    if (failure && input.payment_behavior === "error_if_incomplete") throw failure;
    return expandWire(ctx.state, wireSubscription(sub), input.expand);
  },
});

export const retrieveSubscription = stripeOperation({
  name: "retrieve_subscription",
  description: "Retrieve a subscription (GET /v1/subscriptions/{id}); `expand[]=latest_invoice` embeds its latest invoice.",
  rest: [{ method: "GET", path: "/v1/subscriptions/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireSubscription(requireSubscription(ctx.state, input.id)), input.expand);
  },
});

export const updateSubscription = stripeOperation({
  name: "update_subscription",
  description:
    "Update a subscription: `cancel_at_period_end`, `items` (`items[0][id]` with a new `price` or `quantity`, or a new item; no prorations are made), `default_payment_method`, `coupon` / `discounts`, description, metadata (POST /v1/subscriptions/{id}).",
  rest: [{ method: "POST", path: "/v1/subscriptions/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    id,
    items: listOf(z.object({ id: z.string().optional(), price: z.string().min(1).optional(), quantity: quantity.optional(), deleted: boolean.optional(), metadata: metadata.optional() })).optional(),
    cancel_at_period_end: boolean.optional(),
    default_payment_method: z.string().optional(),
    coupon: z.string().optional(),
    discounts: discountsInput.optional(),
    proration_behavior: z.enum(["create_prorations", "none", "always_invoice"]).optional(),
    payment_behavior: z.enum(["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"]).optional(),
    cancellation_details: z.object({ comment: z.union([z.literal(""), text]).optional(), feedback: z.string().optional() }).optional(),
    description: z.union([z.literal(""), text]).optional(),
    metadata: metadata.optional(),
    expand,
  }),
  handle(ctx, input) {
    const sub = requireSubscription(ctx.state, input.id);
    const customer = requireCustomer(ctx.state, sub.customer, "customer");
    const { id: _id, metadata: _m, cancellation_details: _c, expand: _e, ...others } = input;
    if (sub.status === "canceled" && Object.values(others).some((v) => v !== undefined)) {
      throw invalidRequest("A canceled subscription can only update its cancellation_details and metadata.");
    }
    // Everything is checked before anything changes.
    const first = sub.items.data[0]?.price;
    const itemChanges = (input.items ?? []).map((item, i) => {
      const existing = item.id === undefined ? undefined : sub.items.data.find((si) => si.id === item.id);
      if (item.id !== undefined && !existing) throw resourceMissing("subscription_item", item.id, `items[${i}][id]`);
      if (!existing && item.price === undefined) throw invalidRequest(`Missing required param: items[${i}][price].`, { code: "parameter_missing", param: `items[${i}][price]` });
      const price = item.price === undefined ? undefined : itemPrice(ctx, item.price, `items[${i}][price]`, sub.items.data.length > 1 || !existing ? first : undefined);
      return { item, existing, price };
    });
    const remaining = sub.items.data.length - itemChanges.filter((c) => c.existing && c.item.deleted).length + itemChanges.filter((c) => !c.existing).length;
    if (remaining === 0) throw invalidRequest("A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint.", { param: "items" });
    const coupons = input.coupon !== undefined || input.discounts !== undefined ? checkCoupons(ctx, input) : undefined;
    let defaultPm = sub.default_payment_method;
    if (input.default_payment_method !== undefined) {
      defaultPm = input.default_payment_method === "" ? null : customerPaymentMethod(ctx, customer, input.default_payment_method, "default_payment_method").id;
    }

    const before = wireSubscription(sub);
    const now = ctx.clock.unix();
    for (const { item, existing, price } of itemChanges) {
      if (existing && item.deleted) {
        sub.items.data = sub.items.data.filter((si) => si.id !== existing.id);
        continue;
      }
      if (existing) {
        if (price) existing.price = structuredClone(price);
        existing.quantity = item.quantity ?? existing.quantity;
        existing.metadata = mergeMetadata(existing.metadata, item.metadata);
      } else {
        const like = sub.items.data[0];
        sub.items.data.push({
          id: newId(ctx.ids, "si"),
          object: "subscription_item",
          price: structuredClone(price!),
          quantity: item.quantity ?? 1,
          subscription: sub.id,
          current_period_start: like?.current_period_start ?? now,
          current_period_end: like?.current_period_end ?? periodEnd(now, price!.recurring!.interval, price!.recurring!.interval_count),
          discounts: [],
          metadata: mergeMetadata({}, item.metadata),
          created: now,
        });
      }
    }
    sub.items.total_count = sub.items.data.length;
    if (input.cancel_at_period_end !== undefined) {
      sub.cancel_at_period_end = input.cancel_at_period_end;
      sub.cancel_at = input.cancel_at_period_end ? (sub.items.data[0]?.current_period_end ?? null) : null;
      sub.canceled_at = input.cancel_at_period_end ? now : null;
      sub.cancellation_details.reason = input.cancel_at_period_end ? "cancellation_requested" : null;
    }
    if (input.cancellation_details) {
      if (input.cancellation_details.comment !== undefined) sub.cancellation_details.comment = input.cancellation_details.comment === "" ? null : input.cancellation_details.comment;
      if (input.cancellation_details.feedback !== undefined) sub.cancellation_details.feedback = input.cancellation_details.feedback === "" ? null : input.cancellation_details.feedback;
    }
    sub.default_payment_method = defaultPm;
    if (coupons !== undefined) sub.discounts = coupons.map((c) => applyCoupon(ctx, c.id, c.param, { customer: sub.customer, subscription: sub.id, invoice: null }).id);
    if (input.description !== undefined) sub.description = input.description === "" ? null : input.description;
    sub.metadata = mergeMetadata(sub.metadata, input.metadata);
    const after = wireSubscription(sub);
    const previous = changedFields(before, after);
    if (Object.keys(previous).length > 0) emitEvent(ctx, "customer.subscription.updated", after, previous);
    return expandWire(ctx.state, after, input.expand);
  },
});

function endSubscription(ctx: StripeContext, sub: Subscription, at: number, reason: string): void {
  sub.status = "canceled";
  sub.canceled_at = sub.canceled_at ?? at;
  sub.ended_at = at;
  sub.cancel_at = null;
  sub.cancellation_details.reason = sub.cancellation_details.reason ?? reason;
  emitEvent(ctx, "customer.subscription.deleted", wireSubscription(sub));
}

export const cancelSubscription = stripeOperation({
  name: "cancel_subscription",
  description: "Cancel a subscription at once (DELETE /v1/subscriptions/{id}): status canceled, with canceled_at and ended_at. To cancel at the period's end instead, update it with `cancel_at_period_end`.",
  rest: [{ method: "DELETE", path: "/v1/subscriptions/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    id,
    invoice_now: boolean.optional(),
    prorate: boolean.optional(),
    cancellation_details: z.object({ comment: text.optional(), feedback: z.string().optional() }).optional(),
    expand,
  }),
  handle(ctx, input) {
    const sub = requireSubscription(ctx.state, input.id);
    if (sub.status === "canceled") throw resourceMissing("subscription", sub.id, "id");
    if (input.cancellation_details?.comment !== undefined) sub.cancellation_details.comment = input.cancellation_details.comment;
    if (input.cancellation_details?.feedback !== undefined) sub.cancellation_details.feedback = input.cancellation_details.feedback;
    sub.canceled_at = null;
    sub.cancellation_details.reason = "cancellation_requested";
    sub.cancel_at_period_end = false;
    endSubscription(ctx, sub, ctx.clock.unix(), "cancellation_requested");
    return expandWire(ctx.state, wireSubscription(sub), input.expand);
  },
});

const LISTED_BY_DEFAULT = new Set<SubscriptionStatus>(["active", "past_due", "unpaid", "trialing", "incomplete", "paused"]);

export const listSubscriptions = stripeOperation({
  name: "list_subscriptions",
  description: "List subscriptions, newest first, by customer, price or status (default: all but canceled; `status=all` includes them) (GET /v1/subscriptions).",
  rest: [{ method: "GET", path: "/v1/subscriptions" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({
    ...listParams,
    customer: z.string().optional(),
    price: z.string().optional(),
    status: z.enum(["active", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "trialing", "paused", "all", "ended"]).optional(),
    collection_method: z.enum(["charge_automatically", "send_invoice"]).optional(),
  }),
  handle(ctx, input) {
    const statusOk = (s: SubscriptionStatus) =>
      input.status === undefined ? LISTED_BY_DEFAULT.has(s) : input.status === "all" ? true : input.status === "ended" ? s === "canceled" || s === "incomplete_expired" : s === input.status;
    const found = newestFirst(ctx.state.subscriptions).filter(
      (s) =>
        statusOk(s.status) &&
        inCreated(input.created, s.created) &&
        (input.customer === undefined || s.customer === input.customer) &&
        (input.price === undefined || s.items.data.some((si) => si.price.id === input.price)) &&
        (input.collection_method === undefined || s.collection_method === input.collection_method),
    );
    return expandWire(ctx.state, listEnvelope("/v1/subscriptions", found.map(wireSubscription)), input.expand);
  },
});

export const RENEW = "/v1/test_helpers/subscriptions/{id}/renew";

export const simulateSubscriptionRenewal = stripeOperation({
  name: "simulate_subscription_renewal",
  description:
    "pome test helper, not a Stripe endpoint (Stripe uses test clocks): the subscription reaches the end of its period now. One set to cancel at period end is canceled; otherwise it moves to the next period and its renewal invoice is charged to its default payment method — paid keeps it active (a past_due one becomes active), declined makes it past_due (POST /v1/test_helpers/subscriptions/{id}/renew).",
  rest: [{ method: "POST", path: RENEW }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    const sub = requireSubscription(ctx.state, input.id);
    if (!["active", "past_due", "unpaid", "trialing"].includes(sub.status)) {
      throw invalidRequest(`A subscription with status ${sub.status} does not renew; only active, trialing, past_due and unpaid subscriptions do.`, { param: "id" });
    }
    const customer = requireCustomer(ctx.state, sub.customer, "customer");
    const item = sub.items.data[0]!;
    const boundary = item.current_period_end;
    if (sub.cancel_at_period_end) {
      endSubscription(ctx, sub, boundary, "cancellation_requested");
      return expandWire(ctx.state, wireSubscription(sub), input.expand);
    }
    const before = wireSubscription(sub);
    const previousStart = item.current_period_start;
    for (const si of sub.items.data) {
      si.current_period_start = boundary;
      si.current_period_end = periodEnd(boundary, si.price.recurring!.interval, si.price.recurring!.interval_count);
    }
    const invoice = draftInvoice(ctx, customer, { subscription: sub, billing_reason: "subscription_cycle", currency: sub.currency, period: { start: previousStart, end: boundary } });
    sub.latest_invoice = invoice.id;
    finalize(ctx, invoice);
    if (invoice.status === "open" && sub.collection_method === "charge_automatically") {
      const pm = billingPaymentMethod(ctx, invoice, undefined);
      let failed = true;
      if (pm) failed = chargeInvoice(ctx, invoice, pm) !== null;
      else {
        invoice.attempt_count += 1;
        invoice.attempted = true;
        invoice.next_payment_attempt = ctx.clock.unix() + RETRY_AFTER;
        emitEvent(ctx, "invoice.payment_failed", wireInvoice(ctx.state, invoice));
      }
      sub.status = failed ? "past_due" : "active";
    }
    const after = wireSubscription(sub);
    emitEvent(ctx, "customer.subscription.updated", after, changedFields(before, after));
    return expandWire(ctx.state, after, input.expand);
  },
});

export const subscriptionOperations = [createSubscription, retrieveSubscription, updateSubscription, cancelSubscription, listSubscriptions, simulateSubscriptionRenewal];
