/**
 * Storage → the objects Stripe's API answers: the stored fields plus the fields Stripe
 * always sends that the twin keeps constant (billing details, payment method options,
 * fee details…). Copies, so a caller never holds live state.
 */
import type {
  BalanceTransaction,
  Charge,
  Coupon,
  Customer,
  Discount,
  Dispute,
  Invoice,
  PaymentIntent,
  PaymentMethod,
  Price,
  Product,
  Refund,
  StripeEvent,
  StripeState,
  Subscription,
  WebhookEndpoint,
} from "../state.js";

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

export function wireProduct(p: Product): Record<string, unknown> {
  return {
    ...structuredClone(p),
    images: [],
    marketing_features: [],
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: "service",
    unit_label: null,
    url: null,
  };
}

export function wirePrice(p: Price): Record<string, unknown> {
  return { ...structuredClone(p), billing_scheme: "per_unit", custom_unit_amount: null, tax_behavior: "unspecified", tiers_mode: null, transform_quantity: null };
}

/** The legacy Plan Stripe still sends beside a subscription item's price. */
function planOf(p: Price): Record<string, unknown> {
  return {
    id: p.id,
    object: "plan",
    active: p.active,
    amount: p.unit_amount,
    amount_decimal: p.unit_amount_decimal,
    billing_scheme: "per_unit",
    created: p.created,
    currency: p.currency,
    interval: p.recurring?.interval ?? null,
    interval_count: p.recurring?.interval_count ?? null,
    livemode: false,
    metadata: { ...p.metadata },
    meter: null,
    nickname: p.nickname,
    product: p.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: "licensed",
  };
}

export function wireCoupon(c: Coupon): Record<string, unknown> {
  if (c.deleted) return { id: c.id, object: "coupon", deleted: true };
  return structuredClone(c) as unknown as Record<string, unknown>;
}

export function wireDiscount(d: Discount): Record<string, unknown> {
  const { deleted: _deleted, ...coupon } = structuredClone(d.source.coupon);
  return {
    ...structuredClone(d),
    source: { type: "coupon", coupon },
    checkout_session: null,
    customer_account: null,
    invoice_item: null,
    promotion_code: null,
    subscription_item: null,
  };
}

const NO_AUTOMATIC_TAX = { enabled: false, disabled_reason: null, liability: null };

export function wireSubscription(s: Subscription): Record<string, unknown> {
  const copy = structuredClone(s);
  return {
    ...copy,
    items: {
      ...copy.items,
      data: copy.items.data.map((item) => ({ ...item, price: wirePrice(item.price), plan: planOf(item.price), billing_thresholds: null, current_trial: null, tax_rates: [] })),
    },
    application: null,
    application_fee_percent: null,
    automatic_tax: NO_AUTOMATIC_TAX,
    billing_cycle_anchor_config: null,
    billing_mode: { type: "classic" },
    billing_thresholds: null,
    customer_account: null,
    default_source: null,
    default_tax_rates: [],
    invoice_settings: { account_tax_ids: null, issuer: { type: "self" } },
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: "create_invoice" } },
    trial_start: null,
  };
}

export function wireInvoice(state: StripeState, i: Invoice): Record<string, unknown> {
  const copy = structuredClone(i);
  const customer = state.customers.find((c) => c.id === i.customer);
  const finalized = i.status_transitions.finalized_at;
  return {
    ...copy,
    lines: { ...copy.lines, data: copy.lines.data.map((line) => ({ ...line, discountable: true, discounts: [], pretax_credit_amounts: [], taxes: [] })) },
    account_country: state.account.country,
    account_name: null,
    account_tax_ids: null,
    amount_overpaid: 0,
    amount_shipping: 0,
    application: null,
    automatic_tax: NO_AUTOMATIC_TAX,
    automatically_finalizes_at: i.status === "draft" && i.auto_advance ? i.created + 3600 : null,
    custom_fields: null,
    customer_account: null,
    customer_address: null,
    customer_email: customer && !customer.deleted ? customer.email : null,
    customer_name: customer && !customer.deleted ? customer.name : null,
    customer_phone: customer && !customer.deleted ? customer.phone : null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    default_source: null,
    default_tax_rates: [],
    due_date: null,
    effective_at: finalized,
    ending_balance: finalized === null ? null : 0,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: finalized === null ? null : `https://invoice.stripe.com/i/pome/${i.id}`,
    invoice_pdf: finalized === null ? null : `https://pay.stripe.com/invoice/pome/${i.id}/pdf`,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    on_behalf_of: null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    subtotal_excluding_tax: i.subtotal,
    test_clock: null,
    total_excluding_tax: i.total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: finalized,
  };
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
    case "prod_": {
      const p = find(state.products);
      return p ? wireProduct(p) : null;
    }
    case "price_": {
      const p = find(state.prices);
      return p ? wirePrice(p) : null;
    }
    case "di_": {
      const d = find(state.discounts);
      return d ? wireDiscount(d) : null;
    }
    case "sub_": {
      const sub = find(state.subscriptions);
      return sub ? wireSubscription(sub) : null;
    }
    case "in_": {
      const inv = find(state.invoices);
      return inv ? wireInvoice(state, inv) : null;
    }
    case "evt_": {
      const e = find(state.events);
      return e ? wireEvent(e) : null;
    }
    case "dp_": {
      const d = find(state.disputes);
      return d ? wireDispute(d) : null;
    }
    default:
      return null;
  }
}

/** Every evidence field Stripe's dispute carries (strings or file ids), null until given. */
export const DISPUTE_EVIDENCE_FIELDS = [
  "access_activity_log", "billing_address", "cancellation_policy", "cancellation_policy_disclosure", "cancellation_rebuttal",
  "customer_communication", "customer_email_address", "customer_name", "customer_purchase_ip", "customer_signature",
  "duplicate_charge_documentation", "duplicate_charge_explanation", "duplicate_charge_id", "product_description", "receipt",
  "refund_policy", "refund_policy_disclosure", "refund_refusal_explanation", "service_date", "service_documentation",
  "shipping_address", "shipping_carrier", "shipping_date", "shipping_documentation", "shipping_tracking_number",
  "uncategorized_file", "uncategorized_text",
] as const;

export function wireDispute(d: Dispute): Record<string, unknown> {
  const { balance_transactions: txns, ...dispute } = structuredClone(d);
  return {
    ...dispute,
    balance_transactions: txns,
    enhanced_eligibility_types: [],
    payment_method_details: { card: { brand: "visa", case_type: "chargeback", network_reason_code: "10.4" }, type: "card" },
  };
}

/** The endpoint as Stripe answers it after creation: without its secret. */
export function wireWebhookEndpoint(endpoint: WebhookEndpoint, withSecret = false): Record<string, unknown> {
  if (endpoint.deleted) return { id: endpoint.id, object: "webhook_endpoint", deleted: true };
  const { secret, ...rest } = structuredClone(endpoint);
  return { ...rest, application: null, ...(withSecret ? { secret } : {}) };
}
