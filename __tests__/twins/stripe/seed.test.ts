import { describe, expect, test } from "vitest";
import { ZodError } from "zod";
import { seedSnapshot, validateSeed } from "../../../src/twins/index.js";
import { stripeOperations } from "../../../src/twins/stripe/index.js";
import { failureInjectionFaults, stripeSeedSchema } from "../../../src/twins/stripe/seed/index.js";

const UPSTREAM = {
  api_keys: [{ key: "sk_test_pome_default", sid: "default", account_id: "acct_default" }],
  payment_intents: [{ id: "pi_test_200", amount: 20000, currency: "usd", status: "succeeded" }],
  charges: [{ id: "ch_test_200", payment_intent: "pi_test_200", amount: 20000, amount_captured: 20000, amount_refunded: 0 }],
  failure_injection: [{ method: "POST", path: "/v1/refunds", attempt: 1, mode: "after_handler", status: 402, body: { error: { type: "card_error", message: "lost response" } } }],
};

describe("Stripe seeds", () => {
  test("the earlier twin's format (scenario 14) seeds Stripe objects; keys and failure rules stay out of the state", () => {
    const state: any = seedSnapshot("stripe", UPSTREAM);
    expect(state.account.id).toBe("acct_default");
    expect(state.payment_intents[0]).toMatchObject({ id: "pi_test_200", object: "payment_intent", status: "succeeded", amount_received: 20000, latest_charge: "ch_test_200" });
    expect(state.charges[0]).toMatchObject({ id: "ch_test_200", currency: "usd", status: "succeeded", captured: true, refunded: false, payment_intent: "pi_test_200" });
    expect(JSON.stringify(state)).not.toContain("sk_test_pome_default");
    expect(JSON.stringify(state)).not.toContain("lost response");
  });

  test("the earlier `*_id` spellings read as Stripe's fields", () => {
    const state: any = seedSnapshot("stripe", {
      payment_intents: [{ id: "pi_1", account_id: "acct_x", amount: 500, currency: "usd", status: "succeeded", latest_charge_id: "ch_1", created: 10 }],
      charges: [{ id: "ch_1", account_id: "acct_x", payment_intent_id: "pi_1", amount: 500, balance_transaction_id: "txn_1", created: 10 }],
      refunds: [{ id: "re_1", charge_id: "ch_1", amount: 100, created: 11 }],
      balance_transactions: [{ id: "txn_1", type: "charge", amount: 500, source_id: "ch_1", created: 10 }],
    });
    expect(state.charges[0]).toMatchObject({ payment_intent: "pi_1", balance_transaction: "txn_1" });
    expect(state.refunds[0]).toMatchObject({ charge: "ch_1", payment_intent: "pi_1", currency: "usd" });
    expect(state.balance_transactions[0]).toMatchObject({ source: "ch_1", net: 500 });
  });

  test("partial Stripe objects get Stripe's defaults and deterministic prefixed ids", () => {
    const seed = { customers: [{ email: "a@x.io" }], payment_methods: [{ test_card: "pm_card_chargeDeclined" }] };
    const a: any = seedSnapshot("stripe", seed, "k");
    expect(a.customers[0]).toMatchObject({ object: "customer", email: "a@x.io", name: null, balance: 0, metadata: {}, livemode: false });
    expect(a.customers[0].id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(a.payment_methods[0]).toMatchObject({ card: { brand: "visa", last4: "0002" } });
    expect(seedSnapshot("stripe", seed, "k")).toEqual(a);
    expect((seedSnapshot("stripe", seed, "other") as any).customers[0].id).not.toBe(a.customers[0].id);
  });

  test("a bad seed names the JSON path", () => {
    try {
      validateSeed("stripe", { charges: [{ amount: "ten" }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0].path).toEqual(["charges", 0, "amount"]);
    }
  });

  test("billing: products, prices, coupons, subscriptions (a coupon becomes a discount) and invoices as Stripe objects", () => {
    const state: any = seedSnapshot("stripe", {
      customers: [{ id: "cus_1" }],
      products: [{ id: "prod_1", name: "Pro" }],
      prices: [{ id: "price_1", product: "prod_1", unit_amount: 1200, recurring: { interval: "year" } }],
      coupons: [{ id: "TEN", percent_off: 10, duration: "forever" }],
      subscriptions: [{ id: "sub_1", customer: "cus_1", items: { data: [{ price: { id: "price_1" } }] }, coupon: "TEN", status: "past_due", created: 1_700_000_000 }],
      invoices: [{ id: "in_1", customer: "cus_1", subscription: "sub_1", status: "open", attempt_count: 1 }, { customer: "cus_1", amount_due: 500 }],
    });
    expect(state.products[0]).toMatchObject({ id: "prod_1", object: "product", active: true, default_price: null });
    expect(state.prices[0]).toMatchObject({ id: "price_1", object: "price", currency: "usd", type: "recurring", recurring: { interval: "year", interval_count: 1 } });
    expect(state.coupons[0]).toMatchObject({ id: "TEN", object: "coupon", valid: true, times_redeemed: 0 });
    expect(state.subscriptions[0]).toMatchObject({ id: "sub_1", status: "past_due", currency: "usd", items: { data: [{ price: { id: "price_1" }, current_period_start: 1_700_000_000 }] } });
    expect(state.subscriptions[0].items.data[0].current_period_end).toBe(1_731_622_400);
    expect(state.discounts[0]).toMatchObject({ object: "discount", subscription: "sub_1", source: { coupon: { id: "TEN" } } });
    expect(state.subscriptions[0].discounts).toEqual([state.discounts[0].id]);
    expect(state.invoices[0]).toMatchObject({ id: "in_1", status: "open", amount_due: 1200, amount_remaining: 1200, parent: { subscription_details: { subscription: "sub_1" } } });
    expect(state.invoices[1]).toMatchObject({ status: "draft", amount_due: 500, lines: { data: [{ amount: 500 }] }, parent: null });
  });

  test("a subscription must name a recurring price of the seed", () => {
    try {
      validateSeed("stripe", { customers: [{ id: "cus_1" }], subscriptions: [{ customer: "cus_1", items: [{ price: "price_nope" }] }] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0].path).toEqual(["subscriptions", 0, "items", 0, "price"]);
    }
  });

  test("failure_injection rules become fault rules on the operation of their route", () => {
    const { failure_injection } = stripeSeedSchema.parse({
      failure_injection: [...UPSTREAM.failure_injection, { method: "get", path: "/v1/customers/search", attempt: 2, mode: "before_handler", status: 429 }, { method: "POST", path: "/v1/transfers", attempt: 1, status: 500 }],
    });
    expect(failureInjectionFaults(failure_injection, stripeOperations)).toEqual([
      { twin: "stripe", operation: "create_refund", attempts: [1], status: 402, body: UPSTREAM.failure_injection[0].body, lose_response: true },
      { twin: "stripe", operation: "search_customers", attempts: [2], status: 429 },
    ]);
  });
});
