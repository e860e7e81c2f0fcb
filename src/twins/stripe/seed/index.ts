/**
 * Seed → state. Objects keep the ids they are given; others get deterministic Stripe ids.
 * Rows are stored as given (a seed may be mid-flow), with Stripe's defaults for what is
 * left out and the earlier format's `*_id` references read as the real field names.
 * `api_keys` and `failure_injection` are not state: the session mints its own key, and
 * `failureInjectionFaults` turns the rules into the engine's fault rules.
 */
import type { StripeState, SeedContext } from "../state.js";
import { base62, clientSecret, DEFAULT_ACCOUNT_ID, emptyState, newId, STRIPE_API_VERSION } from "../state.js";
import { newDispute } from "../operations/charging.js";
import { newWebhookEndpoint } from "../operations/webhook-endpoints.js";
import { cardOfNumber, TEST_NUMBERS, TEST_TOKENS, type TestCard } from "../test-cards.js";
import { depositAction } from "../operations/payment-intents.js";
import { addMonths, periodEnd } from "../operations/billing.js";
import type { StripeSeed } from "./schema.js";

export { stripeSeedSchema, type StripeSeed, type StripeSeedInput, type FailureInjectionSeed } from "./schema.js";
export { defaultStripeSeed } from "./default.js";
export { failureInjectionFaults } from "./failure-injection.js";

function seededCard(pm: StripeSeed["payment_methods"][number]): TestCard {
  const token = pm.test_card ?? pm.card?.number;
  if (token !== undefined) {
    const number = TEST_TOKENS[token] ?? token.replace(/[\s-]/g, "");
    return TEST_NUMBERS[number] ?? cardOfNumber(number);
  }
  return { brand: pm.card?.brand ?? "visa", last4: pm.card?.last4 ?? "4242", funding: (pm.card?.funding ?? "credit") as TestCard["funding"], country: pm.card?.country ?? "US" };
}

export function createStripeState(seed: StripeSeed, { clock, ids }: SeedContext): StripeState {
  const state = emptyState();
  const now = clock.unix();
  state.account = {
    id: seed.account?.id ?? seed.api_keys.find((k) => k.account_id)?.account_id ?? DEFAULT_ACCOUNT_ID,
    object: "account",
    default_currency: seed.account?.default_currency ?? "usd",
    country: seed.account?.country ?? "US",
  };

  for (const c of seed.customers) {
    state.customers.push({
      id: c.id ?? newId(ids, "cus"),
      object: "customer",
      email: c.email ?? null,
      name: c.name ?? null,
      description: c.description ?? null,
      phone: c.phone ?? null,
      balance: c.balance,
      currency: c.currency ?? null,
      delinquent: c.delinquent,
      invoice_settings: { default_payment_method: c.invoice_settings?.default_payment_method ?? c.default_payment_method ?? null },
      metadata: c.metadata,
      created: c.created ?? now,
      livemode: false,
      ...(c.deleted ? { deleted: true as const } : {}),
    });
  }

  for (const pm of seed.payment_methods) {
    const card = seededCard(pm);
    state.payment_methods.push({
      id: pm.id ?? newId(ids, "pm"),
      object: "payment_method",
      type: "card",
      customer: pm.customer ?? null,
      card: { brand: card.brand, last4: card.last4, exp_month: pm.card?.exp_month ?? 12, exp_year: pm.card?.exp_year ?? 2034, funding: card.funding, country: card.country },
      metadata: pm.metadata,
      created: pm.created ?? now,
      livemode: false,
    });
  }

  for (const p of seed.payment_intents) {
    const id = p.id ?? newId(ids, "pi");
    const types = p.payment_method_types ?? (p.next_action ? ["crypto"] : ["card"]);
    const crypto = types.includes("crypto");
    state.payment_intents.push({
      id,
      object: "payment_intent",
      amount: p.amount,
      amount_capturable: p.amount_capturable ?? (p.status === "requires_capture" ? p.amount : 0),
      amount_received: p.amount_received ?? (p.status === "succeeded" ? p.amount : 0),
      currency: p.currency,
      customer: p.customer ?? null,
      description: p.description ?? null,
      status: p.status,
      payment_method: p.payment_method ?? null,
      payment_method_types: types,
      capture_method: p.capture_method,
      confirmation_method: p.confirmation_method,
      latest_charge: p.latest_charge ?? p.latest_charge_id ?? null,
      last_payment_error: (p.last_payment_error as StripeState["payment_intents"][number]["last_payment_error"]) ?? null,
      next_action: p.next_action ?? (crypto && p.status === "requires_action" ? depositAction(id) : null),
      canceled_at: p.canceled_at ?? null,
      cancellation_reason: p.cancellation_reason ?? null,
      client_secret: p.client_secret ?? clientSecret(ids, id),
      metadata: p.metadata,
      created: p.created ?? now,
      livemode: false,
    });
  }

  for (const c of seed.charges) {
    const piId = c.payment_intent ?? c.payment_intent_id ?? null;
    const pi = piId === null ? undefined : state.payment_intents.find((p) => p.id === piId);
    const captured = c.status === "succeeded" && c.captured;
    const amountCaptured = c.amount_captured ?? (captured ? c.amount : 0);
    const charge = {
      id: c.id ?? newId(ids, "ch"),
      object: "charge" as const,
      amount: c.amount,
      amount_captured: amountCaptured,
      amount_refunded: c.amount_refunded,
      currency: c.currency ?? pi?.currency ?? state.account.default_currency,
      customer: c.customer ?? pi?.customer ?? null,
      payment_intent: piId,
      payment_method: c.payment_method ?? pi?.payment_method ?? null,
      balance_transaction: c.balance_transaction ?? c.balance_transaction_id ?? null,
      status: c.status,
      paid: c.status === "succeeded",
      captured: c.captured && c.status === "succeeded",
      refunded: c.refunded ?? (c.amount_refunded > 0 && c.amount_refunded >= amountCaptured),
      disputed: c.disputed,
      failure_code: c.failure_code ?? null,
      failure_message: c.failure_message ?? null,
      outcome:
        c.status === "failed"
          ? { type: "issuer_declined", network_status: "declined_by_network", reason: c.failure_code ?? "generic_decline", seller_message: "The bank did not return any further details with this decline." }
          : { type: "authorized", network_status: "approved_by_network", reason: null, seller_message: "Payment complete." },
      description: c.description ?? null,
      metadata: c.metadata,
      created: c.created ?? now,
      livemode: false as const,
    };
    state.charges.push(charge);
    // A PI that names no charge points at its newest seeded one, so refunds by payment_intent work.
    if (pi && pi.latest_charge === null) pi.latest_charge = charge.id;
  }

  for (const r of seed.refunds) {
    const chargeId = r.charge ?? r.charge_id ?? "";
    const charge = state.charges.find((c) => c.id === chargeId);
    state.refunds.push({
      id: r.id ?? newId(ids, "re"),
      object: "refund",
      amount: r.amount,
      currency: r.currency ?? charge?.currency ?? state.account.default_currency,
      charge: chargeId,
      payment_intent: r.payment_intent ?? r.payment_intent_id ?? charge?.payment_intent ?? null,
      balance_transaction: r.balance_transaction ?? null,
      reason: r.reason ?? null,
      status: r.status,
      metadata: r.metadata,
      created: r.created ?? now,
    });
  }

  for (const t of seed.balance_transactions) {
    const created = t.created ?? now;
    state.balance_transactions.push({
      id: t.id ?? newId(ids, "txn"),
      object: "balance_transaction",
      amount: t.amount,
      fee: t.fee,
      net: t.net ?? t.amount - t.fee,
      currency: t.currency,
      type: t.type,
      reporting_category: t.reporting_category ?? t.type,
      source: t.source ?? t.source_id ?? null,
      status: t.status,
      available_on: t.available_on ?? created,
      description: t.description ?? null,
      created,
    });
  }

  for (const e of seed.events) {
    state.events.push({
      id: e.id ?? newId(ids, "evt"),
      object: "event",
      type: e.type,
      api_version: STRIPE_API_VERSION,
      data: e.data,
      request: { id: null, idempotency_key: null },
      pending_webhooks: 0,
      created: e.created ?? now,
      livemode: false,
    });
  }

  seedBilling(state, seed, { clock, ids });
  seedDisputesAndEndpoints(state, seed, { clock, ids });
  return state;
}

/** Disputes on seeded charges (marked `disputed`) and the webhook endpoints events go to. */
function seedDisputesAndEndpoints(state: StripeState, seed: StripeSeed, { clock, ids }: SeedContext): void {
  const now = clock.unix();
  for (const d of seed.disputes) {
    const charge = state.charges.find((c) => c.id === d.charge)!;
    charge.disputed = true;
    const dispute = newDispute(d.id ?? newId(ids, "dp"), charge, d.created ?? now, d.reason);
    dispute.amount = d.amount ?? dispute.amount;
    dispute.status = d.status;
    dispute.evidence = { ...dispute.evidence, ...d.evidence };
    dispute.evidence_details.has_evidence = Object.values(d.evidence).some((v) => v !== null);
    dispute.metadata = d.metadata;
    state.disputes.push(dispute);
  }
  for (const w of seed.webhook_endpoints) {
    state.webhook_endpoints.push(newWebhookEndpoint(ids, { ...w, description: w.description ?? null, created: w.created ?? now }));
  }

}

/** Products, prices, coupons, subscriptions (with discounts for their coupons) and invoices. */
function seedBilling(state: StripeState, seed: StripeSeed, { clock, ids }: SeedContext): void {
  const now = clock.unix();
  for (const p of seed.products) {
    const created = p.created ?? now;
    state.products.push({
      id: p.id ?? newId(ids, "prod"),
      object: "product",
      name: p.name,
      description: p.description ?? null,
      active: p.active,
      default_price: p.default_price ?? null,
      metadata: p.metadata,
      created,
      updated: created,
      livemode: false,
    });
  }
  for (const p of seed.prices) {
    state.prices.push({
      id: p.id ?? newId(ids, "price"),
      object: "price",
      active: p.active,
      currency: p.currency,
      product: p.product,
      unit_amount: p.unit_amount,
      unit_amount_decimal: String(p.unit_amount),
      type: p.recurring ? "recurring" : "one_time",
      recurring: p.recurring ? { interval: p.recurring.interval, interval_count: p.recurring.interval_count, usage_type: "licensed", meter: null, trial_period_days: null } : null,
      nickname: p.nickname ?? null,
      lookup_key: p.lookup_key ?? null,
      metadata: p.metadata,
      created: p.created ?? now,
      livemode: false,
    });
  }
  for (const c of seed.coupons) {
    state.coupons.push({
      id: c.id ?? base62(ids, "coupon", 8),
      object: "coupon",
      name: c.name ?? null,
      percent_off: c.percent_off ?? null,
      amount_off: c.amount_off ?? null,
      currency: c.currency ?? (c.amount_off != null ? state.account.default_currency : null),
      duration: c.duration,
      duration_in_months: c.duration_in_months ?? null,
      max_redemptions: c.max_redemptions ?? null,
      redeem_by: c.redeem_by ?? null,
      times_redeemed: c.times_redeemed,
      valid: c.valid && !c.deleted,
      metadata: c.metadata,
      created: c.created ?? now,
      livemode: false,
      ...(c.deleted ? { deleted: true as const } : {}),
    });
  }
  for (const sub of seed.subscriptions) {
    const id = sub.id ?? newId(ids, "sub");
    const created = sub.created ?? now;
    const items = (sub.items as { id?: string; price: string; quantity: number; current_period_start?: number; current_period_end?: number; metadata: Record<string, string> }[]).map((item) => {
      const price = state.prices.find((p) => p.id === item.price)!;
      const start = item.current_period_start ?? sub.current_period_start ?? created;
      return {
        id: item.id ?? newId(ids, "si"),
        object: "subscription_item" as const,
        price: structuredClone(price),
        quantity: item.quantity,
        subscription: id,
        current_period_start: start,
        current_period_end: item.current_period_end ?? sub.current_period_end ?? periodEnd(start, price.recurring!.interval, price.recurring!.interval_count),
        discounts: [],
        metadata: item.metadata,
        created,
      };
    });
    const discounts: string[] = [];
    const coupon = sub.coupon === undefined ? undefined : state.coupons.find((c) => c.id === sub.coupon);
    if (coupon) {
      const discountId = newId(ids, "di");
      state.discounts.push({
        id: discountId,
        object: "discount",
        source: { type: "coupon", coupon: structuredClone(coupon) },
        customer: sub.customer,
        subscription: id,
        invoice: null,
        start: created,
        end: coupon.duration === "repeating" && coupon.duration_in_months !== null ? addMonths(created, coupon.duration_in_months) : null,
      });
      discounts.push(discountId);
    }
    const ended = sub.status === "canceled" || sub.status === "incomplete_expired";
    state.subscriptions.push({
      id,
      object: "subscription",
      customer: sub.customer,
      status: sub.status,
      currency: items[0]!.price.currency,
      items: { object: "list", data: items, has_more: false, total_count: items.length, url: `/v1/subscription_items?subscription=${id}` },
      default_payment_method: sub.default_payment_method ?? null,
      latest_invoice: sub.latest_invoice ?? null,
      collection_method: sub.collection_method,
      days_until_due: sub.days_until_due ?? null,
      discounts,
      billing_cycle_anchor: items[0]!.current_period_start,
      start_date: created,
      cancel_at_period_end: sub.cancel_at_period_end,
      cancel_at: sub.cancel_at_period_end ? items[0]!.current_period_end : null,
      canceled_at: sub.canceled_at ?? (ended ? created : null),
      ended_at: sub.ended_at ?? (ended ? created : null),
      cancellation_details: { comment: null, feedback: null, reason: ended || sub.cancel_at_period_end ? "cancellation_requested" : null },
      description: sub.description ?? null,
      metadata: sub.metadata,
      created,
      livemode: false,
    });
  }
  for (const inv of seed.invoices) {
    const id = inv.id ?? newId(ids, "in");
    const created = inv.created ?? now;
    const subId = inv.subscription ?? inv.parent?.subscription_details?.subscription ?? null;
    const sub = subId === null ? undefined : state.subscriptions.find((s) => s.id === subId);
    const currency = inv.currency ?? sub?.currency ?? state.account.default_currency;
    const lines = sub
      ? sub.items.data.map((si) => ({
          id: newId(ids, "il"),
          object: "line_item" as const,
          amount: si.price.unit_amount * si.quantity,
          currency: si.price.currency,
          description: null,
          discount_amounts: [],
          invoice: id,
          period: { start: si.current_period_start, end: si.current_period_end },
          pricing: { type: "price_details" as const, price_details: { price: si.price.id, product: si.price.product }, unit_amount_decimal: si.price.unit_amount_decimal },
          quantity: si.quantity,
          parent: { type: "subscription_item_details" as const, subscription_item_details: { subscription: sub.id, subscription_item: si.id, invoice_item: null, proration: false as const } },
          metadata: {},
          livemode: false as const,
        }))
      : inv.amount_due
        ? [{ id: newId(ids, "il"), object: "line_item" as const, amount: inv.amount_due, currency, description: inv.description ?? null, discount_amounts: [], invoice: id, period: { start: created, end: created }, pricing: null, quantity: 1, parent: null, metadata: {}, livemode: false as const }]
        : [];
    const total = inv.amount_due ?? lines.reduce((sum, l) => sum + l.amount, 0);
    const paid = inv.status === "paid";
    const finalized = inv.status !== "draft";
    state.invoices.push({
      id,
      object: "invoice",
      customer: inv.customer,
      status: inv.status,
      number: inv.number ?? (finalized ? `${inv.customer.slice(4, 12).toUpperCase()}-${String(state.invoices.filter((i) => i.customer === inv.customer).length + 1).padStart(4, "0")}` : null),
      currency,
      subtotal: total,
      total,
      amount_due: total,
      amount_paid: paid ? total : 0,
      amount_remaining: paid || inv.status === "void" ? 0 : total,
      total_discount_amounts: [],
      discounts: [],
      lines: { object: "list", data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
      parent: sub ? { type: "subscription_details", subscription_details: { subscription: sub.id, metadata: { ...sub.metadata } }, quote_details: null } : null,
      billing_reason: inv.billing_reason ?? (sub ? "subscription_cycle" : "manual"),
      collection_method: inv.collection_method,
      default_payment_method: inv.default_payment_method ?? null,
      attempt_count: inv.attempt_count,
      attempted: inv.attempt_count > 0 || paid,
      auto_advance: !paid && inv.status !== "void",
      next_payment_attempt: null,
      period_start: sub?.items.data[0]?.current_period_start ?? created,
      period_end: sub?.items.data[0]?.current_period_start ?? created,
      description: inv.description ?? null,
      status_transitions: { finalized_at: finalized ? created : null, marked_uncollectible_at: inv.status === "uncollectible" ? created : null, paid_at: paid ? created : null, voided_at: inv.status === "void" ? created : null },
      payments: { object: "list", data: [], has_more: false, url: `/v1/invoice_payments?invoice=${id}` },
      metadata: inv.metadata,
      created,
      livemode: false,
    });
  }
}
