/**
 * Invoices: create a draft for a customer (for a subscription's current period with
 * `subscription`, otherwise with no lines), finalize (draft → open), pay (open → paid by
 * charging the default payment method; a decline answers Stripe's 402 card_error and
 * emits `invoice.payment_failed`), retrieve and list by customer, subscription, status.
 */
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest } from "../errors.js";
import { boolean, currency, expand, id, inCreated, integer, listOf, listParams, mergeMetadata, metadata, requireCurrency, text } from "../inputs.js";
import { requireById, requireCustomer, stripeOperation } from "../lookup.js";
import { newestFirst, type Invoice, type StripeState } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireInvoice } from "../wire/objects.js";
import { applyCoupon, billingPaymentMethod, computeTotals, chargeInvoice, customerPaymentMethod, draftInvoice, finalize, NO_PAYMENT_METHOD, requestedCoupons, subscriptionInvoicePaid } from "./billing.js";
import { requireCoupon } from "./coupons.js";
import { requireSubscription } from "./subscriptions.js";

export function requireInvoice(state: StripeState, invoiceId: string, param = "invoice"): Invoice {
  return requireById(state.invoices, "invoice", invoiceId, param);
}

export const createInvoice = stripeOperation({
  name: "create_invoice",
  description:
    "Create a draft invoice for a customer (POST /v1/invoices). With `subscription`, it bills that subscription's items for their current period; otherwise it has no lines. Finalize it, then pay it.",
  rest: [{ method: "POST", path: "/v1/invoices" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    customer: z.string().min(1),
    subscription: z.string().min(1).optional(),
    currency: currency.optional(),
    description: text.optional(),
    auto_advance: boolean.optional(),
    collection_method: z.enum(["charge_automatically", "send_invoice"]).optional(),
    days_until_due: integer.optional(),
    default_payment_method: z.string().min(1).optional(),
    discounts: z.union([z.literal(""), listOf(z.object({ coupon: z.string().min(1).optional(), discount: z.string().optional() }))]).optional(),
    pending_invoice_items_behavior: z.enum(["exclude", "include"]).optional(),
    metadata: metadata.optional(),
    expand,
  }),
  handle(ctx, input) {
    const customer = requireCustomer(ctx.state, input.customer, "customer");
    const sub = input.subscription === undefined ? undefined : requireSubscription(ctx.state, input.subscription, "subscription");
    if (sub && sub.customer !== customer.id) {
      throw invalidRequest(`The subscription ${sub.id} does not belong to the customer ${customer.id}.`, { param: "subscription" });
    }
    if (sub?.status === "canceled") throw invalidRequest(`The subscription ${sub.id} is canceled; a canceled subscription cannot be invoiced.`, { param: "subscription" });
    if (input.collection_method === "send_invoice" && input.days_until_due === undefined) {
      throw invalidRequest("Missing required param: days_until_due.", { code: "parameter_missing", param: "days_until_due" });
    }
    const code = input.currency === undefined ? (sub?.currency ?? customer.currency ?? ctx.state.account.default_currency) : requireCurrency(input.currency);
    const coupons = requestedCoupons({ discounts: input.discounts });
    for (const c of coupons) requireCoupon(ctx.state, c.id, c.param);
    const pm = input.default_payment_method === undefined ? null : customerPaymentMethod(ctx, customer, input.default_payment_method, "default_payment_method").id;
    const invoice = draftInvoice(ctx, customer, {
      subscription: sub,
      billing_reason: "manual",
      currency: code,
      description: input.description ?? null,
      default_payment_method: pm,
      auto_advance: input.auto_advance ?? false,
      collection_method: input.collection_method ?? "charge_automatically",
      metadata: mergeMetadata({}, input.metadata),
      period: sub ? { start: sub.items.data[0]!.current_period_start, end: sub.items.data[0]!.current_period_end } : undefined,
    });
    if (coupons.length > 0) {
      invoice.discounts = [...invoice.discounts, ...coupons.map((c) => applyCoupon(ctx, c.id, c.param, { customer: customer.id, subscription: null, invoice: invoice.id }).id)];
      computeTotals(ctx, invoice);
    }
    return expandWire(ctx.state, wireInvoice(ctx.state, invoice), input.expand);
  },
});

export const retrieveInvoice = stripeOperation({
  name: "retrieve_invoice",
  description: "Retrieve an invoice (GET /v1/invoices/{id}); `expand[]=customer` or `discounts` embeds them.",
  rest: [{ method: "GET", path: "/v1/invoices/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireInvoice(ctx.state, requireInvoice(ctx.state, input.id, "id")), input.expand);
  },
});

export const finalizeInvoice = stripeOperation({
  name: "finalize_invoice",
  description: "Finalize a draft invoice: it gets a number and becomes open (an invoice with nothing due is paid at once) (POST /v1/invoices/{id}/finalize).",
  rest: [{ method: "POST", path: "/v1/invoices/{id}/finalize" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, auto_advance: boolean.optional(), expand }),
  handle(ctx, input) {
    const invoice = requireInvoice(ctx.state, input.id);
    if (invoice.status !== "draft") throw invalidRequest("This invoice is already finalized, you can't re-finalize a non-draft invoice.", { code: "invoice_not_editable" });
    if (input.auto_advance !== undefined) invoice.auto_advance = input.auto_advance;
    finalize(ctx, invoice);
    // finalize() pays an invoice with nothing due.
    if ((invoice.status as Invoice["status"]) === "paid") subscriptionInvoicePaid(ctx, invoice);
    return expandWire(ctx.state, wireInvoice(ctx.state, invoice), input.expand);
  },
});

export const payInvoice = stripeOperation({
  name: "pay_invoice",
  description:
    "Pay an open invoice now (a draft is finalized first) by charging `payment_method` or the default payment method (the invoice's, its subscription's, the customer's). A decline answers a 402 card_error and emits invoice.payment_failed; `paid_out_of_band` marks it paid without charging (POST /v1/invoices/{id}/pay).",
  rest: [{ method: "POST", path: "/v1/invoices/{id}/pay" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, payment_method: z.string().min(1).optional(), paid_out_of_band: boolean.optional(), off_session: boolean.optional(), forgive: boolean.optional(), expand }),
  handle(ctx, input) {
    const invoice = requireInvoice(ctx.state, input.id);
    if (invoice.status === "paid") throw invalidRequest("Invoice is already paid");
    if (invoice.status === "void" || invoice.status === "uncollectible") {
      throw invalidRequest(`You cannot pay this invoice because it has a status of ${invoice.status}.`);
    }
    const pm = input.paid_out_of_band ? null : billingPaymentMethod(ctx, invoice, input.payment_method);
    if (!input.paid_out_of_band && pm === null && invoice.amount_due > 0) throw invalidRequest(NO_PAYMENT_METHOD);
    if (invoice.status === "draft") finalize(ctx, invoice);
    if ((invoice.status as Invoice["status"]) === "open") {
      if (input.paid_out_of_band) {
        invoice.status = "paid";
        invoice.amount_remaining = 0;
        invoice.next_payment_attempt = null;
        invoice.status_transitions.paid_at = ctx.clock.unix();
        emitEvent(ctx, "invoice.paid", wireInvoice(ctx.state, invoice));
      } else {
        const failure = chargeInvoice(ctx, invoice, pm!);
        if (failure) throw failure;
      }
    }
    subscriptionInvoicePaid(ctx, invoice);
    return expandWire(ctx.state, wireInvoice(ctx.state, invoice), input.expand);
  },
});

export const listInvoices = stripeOperation({
  name: "list_invoices",
  description: "List invoices, newest first, by customer, subscription, status (draft|open|paid|uncollectible|void) or collection_method (GET /v1/invoices).",
  rest: [{ method: "GET", path: "/v1/invoices" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({
    ...listParams,
    customer: z.string().optional(),
    subscription: z.string().optional(),
    status: z.enum(["draft", "open", "paid", "uncollectible", "void"]).optional(),
    collection_method: z.enum(["charge_automatically", "send_invoice"]).optional(),
  }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.invoices).filter(
      (i) =>
        inCreated(input.created, i.created) &&
        (input.customer === undefined || i.customer === input.customer) &&
        (input.subscription === undefined || i.parent?.subscription_details.subscription === input.subscription) &&
        (input.status === undefined || i.status === input.status) &&
        (input.collection_method === undefined || i.collection_method === input.collection_method),
    );
    return expandWire(ctx.state, listEnvelope("/v1/invoices", found.map((i) => wireInvoice(ctx.state, i))), input.expand);
  },
});

export const invoiceOperations = [createInvoice, retrieveInvoice, finalizeInvoice, payInvoice, listInvoices];
