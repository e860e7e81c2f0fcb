/**
 * Storage → the objects Stripe's API answers: the stored fields plus the fields Stripe
 * always sends that the twin keeps constant (billing details, payment method options,
 * fee details…). Copies, so a caller never holds live state.
 */
import type { BalanceTransaction, Charge, Customer, PaymentIntent, PaymentMethod, Refund, StripeEvent, StripeState } from "../state.js";

const EMPTY_ADDRESS = { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
const BILLING_DETAILS = { address: EMPTY_ADDRESS, email: null, name: null, phone: null, tax_id: null };

export function wireCustomer(c: Customer): Record<string, unknown> {
  if (c.deleted) return { id: c.id, object: "customer", deleted: true };
  return {
    ...structuredClone(c),
    address: null,
    default_source: null,
    discount: null,
    invoice_prefix: c.id.slice(4, 12).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: c.invoice_settings.default_payment_method, footer: null, rendering_options: null },
    next_invoice_sequence: 1,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}

export function wirePaymentMethod(pm: PaymentMethod): Record<string, unknown> {
  const card = pm.card
    ? {
        ...pm.card,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: "unchecked" },
        display_brand: pm.card.brand,
        networks: { available: [pm.card.brand], preferred: null },
        three_d_secure_usage: { supported: true },
        wallet: null,
      }
    : undefined;
  return { ...structuredClone(pm), ...(card ? { card } : {}), billing_details: BILLING_DETAILS, allow_redisplay: "unspecified" };
}

const isCrypto = (pi: PaymentIntent) => pi.payment_method_types.includes("crypto");

export function paymentMethodOptions(pi: PaymentIntent): Record<string, unknown> {
  if (isCrypto(pi)) return { crypto: { mode: "deposit", deposit_options: { networks: ["base"] } } };
  return { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: "automatic" } };
}

export function wirePaymentIntent(pi: PaymentIntent): Record<string, unknown> {
  return {
    ...structuredClone(pi),
    amount_details: { tip: {} },
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    invoice: null,
    on_behalf_of: null,
    payment_method_options: paymentMethodOptions(pi),
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    transfer_data: null,
    transfer_group: null,
  };
}

function paymentMethodDetails(state: StripeState, charge: Charge): Record<string, unknown> | null {
  const pm = charge.payment_method ? state.payment_methods.find((p) => p.id === charge.payment_method) : undefined;
  if (pm?.card) {
    const { brand, last4, exp_month, exp_year, funding, country } = pm.card;
    return { type: "card", card: { brand, last4, exp_month, exp_year, funding, country, network: brand, checks: { cvc_check: "pass" } } };
  }
  const pi = charge.payment_intent ? state.payment_intents.find((p) => p.id === charge.payment_intent) : undefined;
  if (pi && isCrypto(pi)) return { type: "crypto", crypto: { network: "base", token_currency: "usdc", buyer_address: null, transaction_hash: null } };
  return null;
}

export function wireCharge(state: StripeState, charge: Charge): Record<string, unknown> {
  return {
    ...structuredClone(charge),
    application: null,
    application_fee: null,
    billing_details: BILLING_DETAILS,
    calculated_statement_descriptor: "POME TWIN",
    fraud_details: {},
    invoice: null,
    payment_method_details: paymentMethodDetails(state, charge),
    receipt_email: null,
    receipt_url: null,
    refunds: null,
    review: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    transfer_group: null,
  };
}

export function wireRefund(r: Refund): Record<string, unknown> {
  return { ...structuredClone(r), destination_details: null, receipt_number: null, source_transfer_reversal: null, transfer_reversal: null };
}

export function wireBalanceTransaction(t: BalanceTransaction): Record<string, unknown> {
  const fee_details = t.fee === 0 ? [] : [{ amount: t.fee, application: null, currency: t.currency, description: "Stripe processing fees", type: "stripe_fee" }];
  return { ...structuredClone(t), exchange_rate: null, fee_details };
}

export function wireEvent(e: StripeEvent): Record<string, unknown> {
  return structuredClone(e) as unknown as Record<string, unknown>;
}

/** The wire object an id names, found by its prefix; null when the twin holds no such object. */
export function wireById(state: StripeState, id: string): Record<string, unknown> | null {
  const find = <T extends { id: string }>(list: T[]) => list.find((o) => o.id === id);
  const prefix = id.slice(0, id.indexOf("_") + 1);
  switch (prefix) {
    case "cus_": {
      const c = find(state.customers);
      return c ? wireCustomer(c) : null;
    }
    case "pm_": {
      const pm = find(state.payment_methods);
      return pm ? wirePaymentMethod(pm) : null;
    }
    case "pi_": {
      const pi = find(state.payment_intents);
      return pi ? wirePaymentIntent(pi) : null;
    }
    case "ch_":
    case "py_": {
      const ch = find(state.charges);
      return ch ? wireCharge(state, ch) : null;
    }
    case "re_": {
      const r = find(state.refunds);
      return r ? wireRefund(r) : null;
    }
    case "txn_": {
      const t = find(state.balance_transactions);
      return t ? wireBalanceTransaction(t) : null;
    }
    case "evt_": {
      const e = find(state.events);
      return e ? wireEvent(e) : null;
    }
    default:
      return null;
  }
}
