/** State → StripeSnapshot (the contract in snapshot-types.ts): API objects, oldest first by created then id. */
import type { StripeSnapshot } from "./snapshot-types.js";
import { oldestFirst, type StripeState } from "./state.js";

export function stripeSnapshot(state: StripeState): Required<StripeSnapshot> {
  const copy = structuredClone(state);
  return {
    account: copy.account,
    customers: oldestFirst(copy.customers),
    payment_methods: oldestFirst(copy.payment_methods),
    payment_intents: oldestFirst(copy.payment_intents),
    charges: oldestFirst(copy.charges),
    refunds: oldestFirst(copy.refunds),
    balance_transactions: oldestFirst(copy.balance_transactions),
    // Events of one call share their second: they keep the order they happened in.
    events: [...copy.events].sort((a, b) => a.created - b.created),
    products: oldestFirst(copy.products),
    prices: oldestFirst(copy.prices),
    coupons: oldestFirst(copy.coupons),
    discounts: [...copy.discounts].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    subscriptions: oldestFirst(copy.subscriptions),
    invoices: oldestFirst(copy.invoices),
    disputes: oldestFirst(copy.disputes),
    webhook_endpoints: oldestFirst(copy.webhook_endpoints),
  };
}
