/**
 * The Stripe twin's state snapshot (state_initial.json / state_final.json under "stripe").
 * This is a contract: `[D]` phrase families, JSONata expressions in scenarios and people
 * read it. Every object is the one Stripe's API answers (field names, `object`, amounts in
 * the currency's minor unit, Unix-second timestamps), unexpanded (ids where Stripe puts
 * ids); each list is oldest first by `created`, then `id`.
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

export interface StripeSnapshot {
  account: SnapshotAccount;
  customers: SnapshotCustomer[];
  payment_methods: SnapshotPaymentMethod[];
  payment_intents: SnapshotPaymentIntent[];
  charges: SnapshotCharge[];
  refunds: SnapshotRefund[];
  balance_transactions: SnapshotBalanceTransaction[];
  events: SnapshotEvent[];
}
