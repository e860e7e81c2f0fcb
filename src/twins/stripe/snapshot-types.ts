/**
 * The Stripe twin's state snapshot (state_initial.json / state_final.json under "stripe").
 * This is a contract: `[D]` phrase families, JSONata expressions in scenarios and people
 * read it. Every object is the one Stripe's API answers (field names, `object`, amounts in
 * the currency's minor unit, Unix-second timestamps), unexpanded (ids where Stripe puts
 * ids); each list is oldest first by `created`, then `id` — but events, which are in the
 * order they happened (several share a second).
 */

export type Metadata = Record<string, string>;

export interface SnapshotAccount {
  id: string;
  object: "account";
  default_currency: string;
  country: string;
}

export interface SnapshotCustomer {
  id: string;
  object: "customer";
  email: string | null;
  name: string | null;
  description: string | null;
  phone: string | null;
  balance: number;
  currency: string | null;
  delinquent: boolean;
  invoice_settings: { default_payment_method: string | null };
  metadata: Metadata;
  created: number;
  livemode: false;
  /** Deleted customers stay in the snapshot, as Stripe keeps answering `{id, object, deleted: true}` for them. */
  deleted?: true;
}

export interface SnapshotPaymentMethod {
  id: string;
  object: "payment_method";
  type: string;
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; funding: string; country: string | null } | null;
  metadata: Metadata;
  created: number;
  livemode: false;
}

export type PaymentIntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "requires_capture"
  | "canceled"
  | "succeeded";

export interface LastPaymentError {
  type: string;
  code: string | null;
  decline_code: string | null;
  message: string;
  payment_method: { id: string } | null;
}

export interface SnapshotPaymentIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  description: string | null;
  status: PaymentIntentStatus;
  payment_method: string | null;
  payment_method_types: string[];
  capture_method: "automatic" | "automatic_async" | "manual";
  confirmation_method: "automatic" | "manual";
  latest_charge: string | null;
  last_payment_error: LastPaymentError | null;
  next_action: Record<string, unknown> | null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  client_secret: string;
  metadata: Metadata;
  created: number;
  livemode: false;
}

export interface SnapshotCharge {
  id: string;
  object: "charge";
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string | null;
  payment_method: string | null;
  balance_transaction: string | null;
  status: "succeeded" | "pending" | "failed";
  paid: boolean;
  captured: boolean;
  refunded: boolean;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
  outcome: { type: string; network_status: string; reason: string | null; seller_message: string } | null;
  description: string | null;
  metadata: Metadata;
  created: number;
  livemode: false;
}

export interface SnapshotRefund {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string | null;
  balance_transaction: string | null;
  reason: "duplicate" | "fraudulent" | "requested_by_customer" | null;
  status: "succeeded" | "pending" | "failed" | "canceled";
  metadata: Metadata;
  created: number;
}

export interface SnapshotBalanceTransaction {
  id: string;
  object: "balance_transaction";
  amount: number;
  fee: number;
  net: number;
  currency: string;
  type: string;
  reporting_category: string;
  source: string | null;
  status: "available" | "pending";
  available_on: number;
  description: string | null;
  created: number;
}

export interface SnapshotEvent {
  id: string;
  object: "event";
  type: string;
  api_version: string;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  request: { id: string | null; idempotency_key: string | null };
  pending_webhooks: number;
  created: number;
  livemode: false;
}

export interface SnapshotProduct {
  id: string;
  object: "product";
  name: string;
  description: string | null;
  active: boolean;
  default_price: string | null;
  metadata: Metadata;
  created: number;
  updated: number;
  livemode: false;
}

export interface PriceRecurring {
  interval: "day" | "week" | "month" | "year";
  interval_count: number;
  usage_type: "licensed";
  meter: null;
  trial_period_days: number | null;
}

export interface SnapshotPrice {
  id: string;
  object: "price";
  active: boolean;
  currency: string;
  product: string;
  unit_amount: number;
  unit_amount_decimal: string;
  type: "one_time" | "recurring";
  recurring: PriceRecurring | null;
  nickname: string | null;
  lookup_key: string | null;
  metadata: Metadata;
  created: number;
  livemode: false;
}

export interface SnapshotCoupon {
  id: string;
  object: "coupon";
  name: string | null;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: "once" | "repeating" | "forever";
  duration_in_months: number | null;
  max_redemptions: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
  metadata: Metadata;
  created: number;
  livemode: false;
  /** Deleted coupons stay in the snapshot (discounts made from them keep their copy); the API answers 404 for them. */
  deleted?: true;
}

/** A coupon applied to a subscription or invoice; `source.coupon` is the coupon as it was applied. */
export interface SnapshotDiscount {
  id: string;
  object: "discount";
  source: { type: "coupon"; coupon: SnapshotCoupon };
  customer: string | null;
  subscription: string | null;
  invoice: string | null;
  start: number;
  end: number | null;
}

export interface SnapshotSubscriptionItem {
  id: string;
  object: "subscription_item";
  /** The Price, embedded as Stripe embeds it (not an id). */
  price: SnapshotPrice;
  quantity: number;
  subscription: string;
  current_period_start: number;
  current_period_end: number;
  discounts: string[];
  metadata: Metadata;
  created: number;
}

export type SubscriptionStatus = "incomplete" | "incomplete_expired" | "trialing" | "active" | "past_due" | "canceled" | "unpaid" | "paused";

export interface SnapshotSubscription {
  id: string;
  object: "subscription";
  customer: string;
  status: SubscriptionStatus;
  currency: string;
  items: { object: "list"; data: SnapshotSubscriptionItem[]; has_more: false; total_count: number; url: string };
  default_payment_method: string | null;
  latest_invoice: string | null;
  collection_method: "charge_automatically" | "send_invoice";
  days_until_due: number | null;
  discounts: string[];
  billing_cycle_anchor: number;
  start_date: number;
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  cancellation_details: { comment: string | null; feedback: string | null; reason: string | null };
  description: string | null;
  metadata: Metadata;
  created: number;
  livemode: false;
}

export interface SnapshotInvoiceLine {
  id: string;
  object: "line_item";
  amount: number;
  currency: string;
  description: string | null;
  discount_amounts: { amount: number; discount: string }[];
  invoice: string;
  period: { start: number; end: number };
  pricing: { type: "price_details"; price_details: { price: string; product: string }; unit_amount_decimal: string } | null;
  quantity: number;
  parent: {
    type: "subscription_item_details";
    subscription_item_details: { subscription: string; subscription_item: string; invoice_item: null; proration: false };
  } | null;
  metadata: Metadata;
  livemode: false;
}

export interface SnapshotInvoicePayment {
  id: string;
  object: "invoice_payment";
  amount_paid: number | null;
  amount_requested: number;
  currency: string;
  invoice: string;
  is_default: boolean;
  payment: { type: "payment_intent"; payment_intent: string };
  status: "open" | "paid" | "canceled";
  status_transitions: { canceled_at: number | null; paid_at: number | null };
  created: number;
  livemode: false;
}

export type InvoiceStatus = "draft" | "open" | "paid" | "uncollectible" | "void";

export interface SnapshotInvoice {
  id: string;
  object: "invoice";
  customer: string;
  status: InvoiceStatus;
  number: string | null;
  currency: string;
  subtotal: number;
  total: number;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  total_discount_amounts: { amount: number; discount: string }[];
  discounts: string[];
  lines: { object: "list"; data: SnapshotInvoiceLine[]; has_more: false; total_count: number; url: string };
  /** Where Stripe (since 2025-03-31) names the subscription an invoice bills. */
  parent: { type: "subscription_details"; subscription_details: { subscription: string; metadata: Metadata | null }; quote_details: null } | null;
  billing_reason: "subscription_create" | "subscription_cycle" | "subscription_update" | "manual";
  collection_method: "charge_automatically" | "send_invoice";
  default_payment_method: string | null;
  attempt_count: number;
  attempted: boolean;
  auto_advance: boolean;
  next_payment_attempt: number | null;
  period_start: number;
  period_end: number;
  description: string | null;
  status_transitions: { finalized_at: number | null; marked_uncollectible_at: number | null; paid_at: number | null; voided_at: number | null };
  /** The PaymentIntents that paid (or tried to pay) the invoice, oldest first. */
  payments: { object: "list"; data: SnapshotInvoicePayment[]; has_more: false; url: string };
  metadata: Metadata;
  created: number;
  livemode: false;
}

export type DisputeStatus = "warning_needs_response" | "warning_under_review" | "warning_closed" | "needs_response" | "under_review" | "won" | "lost";

/** A chargeback on a charge; its evidence fields are strings (or file ids), null until given. */
export interface SnapshotDispute {
  id: string;
  object: "dispute";
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string | null;
  reason: string;
  status: DisputeStatus;
  is_charge_refundable: boolean;
  evidence: Record<string, string | null>;
  evidence_details: { due_by: number | null; has_evidence: boolean; past_due: boolean; submission_count: number };
  /** The balance transactions of the dispute: the amount and the $15 fee taken, and given back if won. */
  balance_transactions: string[];
  metadata: Metadata;
  created: number;
  livemode: false;
}

/**
 * Where the twin delivers events, signed with `secret` (Stripe answers the secret only when
 * the endpoint is created; the snapshot keeps it so a scenario can give it to the agent).
 */
export interface SnapshotWebhookEndpoint {
  id: string;
  object: "webhook_endpoint";
  url: string;
  enabled_events: string[];
  status: "enabled" | "disabled";
  description: string | null;
  api_version: string | null;
  secret: string;
  metadata: Metadata;
  created: number;
  livemode: false;
  deleted?: true;
}

export interface StripeSnapshot {
  account: SnapshotAccount;
  customers: SnapshotCustomer[];
  payment_methods: SnapshotPaymentMethod[];
  payment_intents: SnapshotPaymentIntent[];
  charges: SnapshotCharge[];
  refunds: SnapshotRefund[];
  balance_transactions: SnapshotBalanceTransaction[];
  events: SnapshotEvent[];
  /*
   * Billing. The twin always writes these lists; they are optional only because snapshots
   * recorded before billing existed do not have them (read them as empty).
   */
  products?: SnapshotProduct[];
  prices?: SnapshotPrice[];
  coupons?: SnapshotCoupon[];
  discounts?: SnapshotDiscount[];
  subscriptions?: SnapshotSubscription[];
  invoices?: SnapshotInvoice[];
  disputes?: SnapshotDispute[];
  webhook_endpoints?: SnapshotWebhookEndpoint[];
}
