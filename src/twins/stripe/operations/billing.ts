/**
 * What billing does to the state, shared by subscriptions, invoices and the renewal test
 * helper: coupons applied as discounts, invoices built from a subscription's items (with
 * their discounts), finalized (numbered; a zero total is paid at once), and paid through a
 * PaymentIntent charged with the same card rules as any PaymentIntent (charging.ts).
 */
import type { TwinError } from "../../engine/operation.js";
import { emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing } from "../errors.js";
import { findPaymentMethod } from "../lookup.js";
import type { Customer, Discount, Invoice, PaymentIntent, PaymentMethod, StripeContext, Subscription } from "../state.js";
import { clientSecret, newId } from "../state.js";
import { TEST_NUMBERS, TEST_TOKENS } from "../test-cards.js";
import { wireInvoice, wirePaymentIntent, wireSubscription } from "../wire/objects.js";
import { chargeCard } from "./charging.js";
import { storeCard } from "./payment-methods.js";
import { requireCoupon } from "./coupons.js";

const DAY = 24 * 3600;
export const RETRY_AFTER = 3 * DAY;

export const NO_PAYMENT_METHOD =
  "This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.";

/** `at` moved on by `count` calendar months (the day clamped to the month's length), in UTC. */
export function addMonths(at: number, count: number): number {
  const date = new Date(at * 1000);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + count);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return Math.floor(date.getTime() / 1000);
}

/** The end of a billing period that starts at `start`. */
export function periodEnd(start: number, interval: "day" | "week" | "month" | "year", count: number): number {
  if (interval === "day") return start + count * DAY;
  if (interval === "week") return start + count * 7 * DAY;
  return addMonths(start, interval === "year" ? 12 * count : count);
}

/**
 * A payment method the customer may be billed with: one attached to them, or a test token
 * (`pm_card_chargeDeclined`), which mints a card attached to the customer.
 */
export function customerPaymentMethod(ctx: StripeContext, customer: Customer, pmId: string, param: string): PaymentMethod {
  const stored = findPaymentMethod(ctx.state, pmId);
  if (stored) {
    if (stored.customer !== customer.id) {
      throw invalidRequest(`The customer does not have a payment method with the ID ${pmId}. The payment method must be attached to the customer.`, { param });
    }
    return stored;
  }
  const number = TEST_TOKENS[pmId];
  if (number === undefined) throw resourceMissing("PaymentMethod", pmId, param);
  const pm = storeCard(ctx, TEST_NUMBERS[number]!);
  pm.customer = customer.id;
  return pm;
}

/** A coupon applied: a Discount holding a copy of the coupon, and one more redemption. */
export function applyCoupon(ctx: StripeContext, couponId: string, param: string, owner: { customer: string; subscription: string | null; invoice: string | null }): Discount {
  const coupon = requireCoupon(ctx.state, couponId, param);
  const now = ctx.clock.unix();
  if ((coupon.redeem_by !== null && coupon.redeem_by < now) || (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions)) {
    coupon.valid = false;
    throw invalidRequest(`Coupon expired: ${coupon.id}`, { param });
  }
  coupon.times_redeemed += 1;
  if (coupon.max_redemptions !== null && coupon.times_redeemed >= coupon.max_redemptions) coupon.valid = false;
  const discount: Discount = {
    id: newId(ctx.ids, "di"),
    object: "discount",
    source: { type: "coupon", coupon: structuredClone(coupon) },
    customer: owner.customer,
    subscription: owner.subscription,
    invoice: owner.invoice,
    start: now,
    end: coupon.duration === "repeating" && coupon.duration_in_months !== null ? addMonths(now, coupon.duration_in_months) : null,
  };
  ctx.state.discounts.push(discount);
  return discount;
}

/** The coupon ids a create/update asks for: `coupon`, or `discounts[n][coupon]`. */
export function requestedCoupons(input: { coupon?: string; discounts?: ({ coupon?: string } | undefined)[] | "" }): { id: string; param: string }[] {
  if (input.coupon !== undefined && input.coupon !== "") return [{ id: input.coupon, param: "coupon" }];
  if (Array.isArray(input.discounts)) {
    return input.discounts.flatMap((d, i) => (d?.coupon !== undefined ? [{ id: d.coupon, param: `discounts[${i}][coupon]` }] : []));
  }
  return [];
}

/** The amounts of an invoice from its lines and discounts (a discount applies while it has not ended). */
export function computeTotals(ctx: StripeContext, invoice: Invoice): void {
  const subtotal = invoice.lines.data.reduce((sum, line) => sum + line.amount, 0);
  let remaining = subtotal;
  const amounts: { amount: number; discount: string }[] = [];
  for (const discountId of invoice.discounts) {
    const discount = ctx.state.discounts.find((d) => d.id === discountId);
    if (!discount) continue;
    const coupon = discount.source.coupon;
    let off = 0;
    if (coupon.percent_off !== null) off = Math.round((remaining * coupon.percent_off) / 100);
    else if (coupon.amount_off !== null && coupon.currency === invoice.currency) off = Math.min(coupon.amount_off, remaining);
    remaining -= off;
    amounts.push({ amount: off, discount: discount.id });
  }
  invoice.subtotal = subtotal;
  invoice.total = remaining;
  invoice.total_discount_amounts = amounts;
  invoice.amount_due = remaining;
  invoice.amount_remaining = remaining - invoice.amount_paid;
}

/** The discounts of a subscription that apply to a period starting at `start`; a `once` coupon is used up. */
function discountsFor(ctx: StripeContext, sub: Subscription, start: number): string[] {
  const applying = sub.discounts.filter((discountId) => {
    const d = ctx.state.discounts.find((x) => x.id === discountId);
    return d !== undefined && (d.end === null || start < d.end);
  });
  // A `once` coupon discounts one invoice, then leaves the subscription.
  sub.discounts = sub.discounts.filter((discountId) => {
    const d = ctx.state.discounts.find((x) => x.id === discountId);
    return d !== undefined && d.source.coupon.duration !== "once" && (d.end === null || start < d.end);
  });
  return applying;
}

/** A draft invoice for `customer`: the subscription's items for the period, or no lines. */
export function draftInvoice(
  ctx: StripeContext,
  customer: Customer,
  fields: {
    subscription?: Subscription;
    billing_reason: Invoice["billing_reason"];
    currency: string;
    description?: string | null;
    default_payment_method?: string | null;
    auto_advance?: boolean;
    collection_method?: Invoice["collection_method"];
    metadata?: Record<string, string>;
    discounts?: string[];
    period?: { start: number; end: number };
  },
): Invoice {
  const now = ctx.clock.unix();
  const invoiceId = newId(ctx.ids, "in");
  const sub = fields.subscription;
  const item = sub?.items.data[0];
  const start = item?.current_period_start ?? now;
  const invoice: Invoice = {
    id: invoiceId,
    object: "invoice",
    customer: customer.id,
    status: "draft",
    number: null,
    currency: fields.currency,
    subtotal: 0,
    total: 0,
    amount_due: 0,
    amount_paid: 0,
    amount_remaining: 0,
    total_discount_amounts: [],
    discounts: [...(fields.discounts ?? []), ...(sub ? discountsFor(ctx, sub, start) : [])],
    lines: { object: "list", data: [], has_more: false, total_count: 0, url: `/v1/invoices/${invoiceId}/lines` },
    parent: sub ? { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } }, quote_details: null } : null,
    billing_reason: fields.billing_reason,
    collection_method: fields.collection_method ?? sub?.collection_method ?? "charge_automatically",
    default_payment_method: fields.default_payment_method ?? null,
    attempt_count: 0,
    attempted: false,
    auto_advance: fields.auto_advance ?? sub !== undefined,
    next_payment_attempt: null,
    // A subscription's invoice covers what accrued up to the period it opens (nothing, for the first).
    period_start: fields.period?.start ?? (sub ? start : now),
    period_end: fields.period?.end ?? (sub ? start : now),
    description: fields.description ?? null,
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    payments: { object: "list", data: [], has_more: false, url: `/v1/invoice_payments?invoice=${invoiceId}` },
    metadata: fields.metadata ?? {},
    created: now,
    livemode: false,
  };
  if (sub) {
    for (const si of sub.items.data) {
      invoice.lines.data.push({
        id: newId(ctx.ids, "il"),
        object: "line_item",
        amount: si.price.unit_amount * si.quantity,
        currency: si.price.currency,
        description: `${si.quantity} × ${productName(ctx, si.price.product)} (at ${formatAmount(si.price.unit_amount, si.price.currency)} / ${si.price.recurring?.interval ?? "period"})`,
        discount_amounts: [],
        invoice: invoice.id,
        period: { start: si.current_period_start, end: si.current_period_end },
        pricing: { type: "price_details", price_details: { price: si.price.id, product: si.price.product }, unit_amount_decimal: si.price.unit_amount_decimal },
        quantity: si.quantity,
        parent: { type: "subscription_item_details", subscription_item_details: { subscription: sub.id, subscription_item: si.id, invoice_item: null, proration: false } },
        metadata: {},
        livemode: false,
      });
    }
    invoice.lines.total_count = invoice.lines.data.length;
  }
  computeTotals(ctx, invoice);
  ctx.state.invoices.push(invoice);
  emitEvent(ctx, "invoice.created", wireInvoice(ctx.state, invoice));
  return invoice;
}

function productName(ctx: StripeContext, productId: string): string {
  return ctx.state.products.find((p) => p.id === productId)?.name ?? productId;
}

function formatAmount(minor: number, currency: string): string {
  return currency === "usd" ? `$${(minor / 100).toFixed(2)}` : `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

/** Draft → open: numbered, `invoice.finalized`; an invoice with nothing due is paid at once. */
export function finalize(ctx: StripeContext, invoice: Invoice): void {
  const now = ctx.clock.unix();
  const customer = ctx.state.customers.find((c) => c.id === invoice.customer);
  const sequence = ctx.state.invoices.filter((i) => i.customer === invoice.customer && i.number !== null).length + 1;
  invoice.number = `${(customer?.id ?? "cus_POME").slice(4, 12).toUpperCase()}-${String(sequence).padStart(4, "0")}`;
  invoice.status = "open";
  invoice.status_transitions.finalized_at = now;
  computeTotals(ctx, invoice);
  emitEvent(ctx, "invoice.finalized", wireInvoice(ctx.state, invoice));
  if (invoice.amount_due === 0) markPaid(ctx, invoice);
}

function markPaid(ctx: StripeContext, invoice: Invoice): void {
  invoice.status = "paid";
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.next_payment_attempt = null;
  invoice.status_transitions.paid_at = ctx.clock.unix();
  emitEvent(ctx, "invoice.paid", wireInvoice(ctx.state, invoice));
  emitEvent(ctx, "invoice.payment_succeeded", wireInvoice(ctx.state, invoice));
}

/** The payment method an invoice is charged with: given, the invoice's, the subscription's, the customer's default. */
export function billingPaymentMethod(ctx: StripeContext, invoice: Invoice, given: string | undefined): PaymentMethod | null {
  const customer = ctx.state.customers.find((c) => c.id === invoice.customer);
  if (!customer) throw resourceMissing("customer", invoice.customer, "customer");
  if (given !== undefined) return customerPaymentMethod(ctx, customer, given, "payment_method");
  const subId = invoice.parent?.subscription_details.subscription;
  const sub = subId ? ctx.state.subscriptions.find((s) => s.id === subId) : undefined;
  const pmId = invoice.default_payment_method ?? sub?.default_payment_method ?? customer.invoice_settings.default_payment_method;
  return pmId === null ? null : (findPaymentMethod(ctx.state, pmId) ?? null);
}

/**
 * Charge an open invoice's amount due: a PaymentIntent for it, charged with the card rules.
 * Paid → `invoice.paid`; declined → the attempt is counted, `invoice.payment_failed`, and
 * the card error is returned (the caller decides whether it is the answer).
 */
export function chargeInvoice(ctx: StripeContext, invoice: Invoice, pm: PaymentMethod): TwinError | null {
  const now = ctx.clock.unix();
  const piId = newId(ctx.ids, "pi");
  const pi: PaymentIntent = {
    id: piId,
    object: "payment_intent",
    amount: invoice.amount_remaining,
    amount_capturable: 0,
    amount_received: 0,
    currency: invoice.currency,
    customer: invoice.customer,
    description: invoice.billing_reason === "subscription_create" ? "Subscription creation" : invoice.billing_reason === "subscription_cycle" ? "Subscription update" : `Invoice ${invoice.number ?? invoice.id}`,
    status: "requires_payment_method",
    payment_method: null,
    payment_method_types: ["card"],
    capture_method: "automatic",
    confirmation_method: "automatic",
    latest_charge: null,
    last_payment_error: null,
    next_action: null,
    canceled_at: null,
    cancellation_reason: null,
    client_secret: clientSecret(ctx.ids, piId),
    metadata: {},
    created: now,
    livemode: false,
  };
  ctx.state.payment_intents.push(pi);
  emitEvent(ctx, "payment_intent.created", wirePaymentIntent(pi));
  const payment = {
    id: newId(ctx.ids, "inpay"),
    object: "invoice_payment" as const,
    amount_paid: null as number | null,
    amount_requested: pi.amount,
    currency: pi.currency,
    invoice: invoice.id,
    is_default: true,
    payment: { type: "payment_intent" as const, payment_intent: pi.id },
    status: "open" as "open" | "paid" | "canceled",
    status_transitions: { canceled_at: null, paid_at: null as number | null },
    created: now,
    livemode: false as const,
  };
  for (const earlier of invoice.payments.data) earlier.is_default = false;
  invoice.payments.data.push(payment);
  invoice.attempt_count += 1;
  invoice.attempted = true;
  try {
    chargeCard(ctx, pi, pm);
  } catch (error) {
    invoice.next_payment_attempt = invoice.collection_method === "charge_automatically" ? now + RETRY_AFTER : null;
    emitEvent(ctx, "invoice.payment_failed", wireInvoice(ctx.state, invoice));
    return error as TwinError;
  }
  payment.status = "paid";
  payment.amount_paid = pi.amount;
  payment.status_transitions.paid_at = now;
  markPaid(ctx, invoice);
  return null;
}

/** After an invoice of a subscription is paid: an incomplete or past-due subscription becomes active. */
export function subscriptionInvoicePaid(ctx: StripeContext, invoice: Invoice): void {
  const subId = invoice.parent?.subscription_details.subscription;
  const sub = subId ? ctx.state.subscriptions.find((s) => s.id === subId) : undefined;
  if (!sub || sub.latest_invoice !== invoice.id) return;
  if (sub.status === "incomplete" || sub.status === "past_due" || sub.status === "unpaid") setSubscriptionStatus(ctx, sub, "active");
}

export function setSubscriptionStatus(ctx: StripeContext, sub: Subscription, status: Subscription["status"]): void {
  if (sub.status === status) return;
  const previous = sub.status;
  sub.status = status;
  emitEvent(ctx, "customer.subscription.updated", wireSubscription(sub), { status: previous });
}
