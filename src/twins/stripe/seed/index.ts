/**
 * Seed → state. Objects keep the ids they are given; others get deterministic Stripe ids.
 * Rows are stored as given (a seed may be mid-flow), with Stripe's defaults for what is
 * left out and the earlier format's `*_id` references read as the real field names.
 * `api_keys` and `failure_injection` are not state: the session mints its own key, and
 * `failureInjectionFaults` turns the rules into the engine's fault rules.
 */
import type { StripeState, SeedContext } from "../state.js";
import { clientSecret, DEFAULT_ACCOUNT_ID, emptyState, newId } from "../state.js";
import { cardOfNumber, TEST_NUMBERS, TEST_TOKENS, type TestCard } from "../test-cards.js";
import { depositAction } from "../operations/payment-intents.js";
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
      api_version: "2026-11-18.endive",
      data: e.data,
      request: { id: null, idempotency_key: null },
      pending_webhooks: 0,
      created: e.created ?? now,
      livemode: false,
    });
  }
  return state;
}
