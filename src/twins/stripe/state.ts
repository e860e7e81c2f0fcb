/**
 * Storage shape of the Stripe twin: the API objects themselves, unexpanded (ids where
 * Stripe puts ids), exactly as the snapshot contract shows them. Wire-only constants
 * (billing details, payment method options…) are added in wire/, so storage holds no
 * field twice. Arrays are in creation order; lists sort newest first, snapshots oldest.
 */
import type { Clock, IdSource, OperationContext } from "../engine/operation.js";
import type {
  SnapshotAccount,
  SnapshotBalanceTransaction,
  SnapshotCharge,
  SnapshotCoupon,
  SnapshotCustomer,
  SnapshotDispute,
  SnapshotWebhookEndpoint,
  SnapshotDiscount,
  SnapshotInvoice,
  SnapshotPrice,
  SnapshotProduct,
  SnapshotSubscription,
  SnapshotEvent,
  SnapshotPaymentIntent,
  SnapshotPaymentMethod,
  SnapshotRefund,
  SubscriptionStatus,
} from "./snapshot-types.js";

export type { SubscriptionStatus };

export type Customer = SnapshotCustomer;
export type PaymentMethod = SnapshotPaymentMethod;
export type PaymentIntent = SnapshotPaymentIntent;
export type Charge = SnapshotCharge;
export type Refund = SnapshotRefund;
export type BalanceTransaction = SnapshotBalanceTransaction;
export type StripeEvent = SnapshotEvent;
export type Product = SnapshotProduct;
export type Price = SnapshotPrice;
export type Coupon = SnapshotCoupon;
export type Discount = SnapshotDiscount;
export type Subscription = SnapshotSubscription;
export type Invoice = SnapshotInvoice;
export type Dispute = SnapshotDispute;
export type WebhookEndpoint = SnapshotWebhookEndpoint;

export interface StripeState {
  account: SnapshotAccount;
  customers: Customer[];
  payment_methods: PaymentMethod[];
  payment_intents: PaymentIntent[];
  charges: Charge[];
  refunds: Refund[];
  balance_transactions: BalanceTransaction[];
  events: StripeEvent[];
  products: Product[];
  prices: Price[];
  coupons: Coupon[];
  discounts: Discount[];
  subscriptions: Subscription[];
  invoices: Invoice[];
  disputes: Dispute[];
  webhook_endpoints: WebhookEndpoint[];
}

export type StripeContext = OperationContext<StripeState>;

/** The account every session key acts for (the earlier twin's default account). */
export const DEFAULT_ACCOUNT_ID = "acct_default";
/** The API version stripe-node 23 pins; events and the `stripe-version` header carry it. */
export const STRIPE_API_VERSION = "2026-11-18.endive";

export function emptyState(): StripeState {
  return {
    account: { id: DEFAULT_ACCOUNT_ID, object: "account", default_currency: "usd", country: "US" },
    customers: [],
    payment_methods: [],
    payment_intents: [],
    charges: [],
    refunds: [],
    balance_transactions: [],
    events: [],
    products: [],
    prices: [],
    coupons: [],
    discounts: [],
    subscriptions: [],
    invoices: [],
    disputes: [],
    webhook_endpoints: [],
  };
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` base62 characters from the session's id source (two hex digits per character). */
export function base62(ids: IdSource, kind: string, length: number): string {
  const hex = ids.hex(kind, length * 2);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 62];
  return out;
}

/** Stripe's id lengths: short for customers, 24 characters for the payment objects. */
const ID_LENGTH: Record<string, number> = { cus: 14, prod: 14, si: 14, il: 14, we: 24, dp: 24 };

/** A new Stripe id with its prefix (`cus_`, `pm_`, `pi_`, `ch_`, `re_`, `txn_`, `evt_`). */
export function newId(ids: IdSource, prefix: string): string {
  return `${prefix}_${base62(ids, prefix, ID_LENGTH[prefix] ?? 24)}`;
}

export function clientSecret(ids: IdSource, intentId: string): string {
  return `${intentId}_secret_${base62(ids, "secret", 25)}`;
}

export type SeedContext = { clock: Clock; ids: IdSource };

/**
 * Newest first, as Stripe lists: by `created` descending, and among objects created in the
 * same second, the later-created one first (arrays are in creation order).
 */
export function newestFirst<T extends { created: number }>(list: readonly T[]): T[] {
  return list
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.created - a.item.created || b.index - a.index)
    .map(({ item }) => item);
}

/** Oldest first by `created`, then `id`: the snapshot order. */
export function oldestFirst<T extends { created: number; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
