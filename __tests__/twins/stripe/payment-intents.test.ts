import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

const DEPOSIT = "/v1/test_helpers/payment_intents/{id}/simulate_crypto_deposit";

describe("card payment intents through stripe-node", () => {
  test("create + confirm with a good card succeeds: charge, fee 2.9% + 30¢ balance transaction, events", async () => {
    const { stripe, snapshot } = openWorld();
    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: "usd" });
    expect(pi).toMatchObject({ object: "payment_intent", status: "requires_payment_method", amount: 2000, currency: "usd" });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa", expand: ["latest_charge.balance_transaction"] });
    expect(confirmed.status).toBe("succeeded");
    expect(confirmed.amount_received).toBe(2000);
    const charge = confirmed.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: "charge", status: "succeeded", captured: true, amount_captured: 2000, payment_intent: pi.id });
    expect(charge.balance_transaction).toMatchObject({ object: "balance_transaction", amount: 2000, fee: 88, net: 1912, type: "charge" });
    // The snapshot orders by created, then id: events of one call come in id order.
    expect(snapshot().events.map((e: any) => e.type).sort()).toEqual(["charge.succeeded", "payment_intent.created", "payment_intent.succeeded"]);
  });

  test("a declining card is a StripeCardError with decline_code; the PI needs a new payment method and a failed charge is recorded", async () => {
    const { stripe, snapshot } = openWorld();
    const cases = [
      ["pm_card_chargeDeclined", "card_declined", "generic_decline"],
      ["pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds"],
      ["pm_card_chargeDeclinedExpiredCard", "expired_card", "expired_card"],
      ["pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", "incorrect_cvc"],
    ];
    for (const [token, code, decline] of cases) {
      const error = await stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: token, confirm: true }).catch((e) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
      expect(error).toMatchObject({ statusCode: 402, type: "StripeCardError", code, decline_code: decline });
      expect(error.payment_intent).toMatchObject({ status: "requires_payment_method", last_payment_error: { code, decline_code: decline } });
    }
    const state = snapshot();
    expect(state.charges.map((c: any) => c.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(state.balance_transactions).toEqual([]);
    expect(state.events.filter((e: any) => e.type === "payment_intent.payment_failed")).toHaveLength(4);
  });

  test("a declined confirm answers an error yet changed state, so it is recorded as a mutation; a refused one that changed nothing is not", async () => {
    const { stripe, calls } = openWorld();
    const pi = await stripe.paymentIntents.create({ amount: 1000, currency: "usd" });
    await stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_chargeDeclined" }).catch(() => undefined);
    await stripe.paymentIntents.confirm("pi_missing", { payment_method: "pm_card_visa" }).catch(() => undefined);
    expect(calls.map((c) => [c.operation, c.status, c.state_mutation])).toEqual([
      ["create_payment_intent", 200, true],
      ["confirm_payment_intent", 402, true],
      ["confirm_payment_intent", 404, false],
    ]);
  });

  test("raw decline numbers decline too; retrying with a good card succeeds", async () => {
    const { stripe } = openWorld();
    const bad = await stripe.paymentMethods.create({ type: "card", card: { number: "4000000000009995", exp_month: 5, exp_year: 2035 } });
    const pi = await stripe.paymentIntents.create({ amount: 5000, currency: "usd", payment_method: bad.id });
    expect(pi.status).toBe("requires_confirmation");
    const error = await stripe.paymentIntents.confirm(pi.id).catch((e) => e);
    expect(error).toMatchObject({ decline_code: "insufficient_funds" });
    const updated = await stripe.paymentIntents.update(pi.id, { payment_method: "pm_card_visa", metadata: { order: "7" } });
    expect(updated).toMatchObject({ status: "requires_confirmation", metadata: { order: "7" } });
    expect((await stripe.paymentIntents.confirm(pi.id)).status).toBe("succeeded");
    const late = await stripe.paymentIntents.update(pi.id, { amount: 100 }).catch((e) => e);
    expect(late).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    // Bookkeeping fields change in any status, as on Stripe.
    const noted = await stripe.paymentIntents.update(pi.id, { metadata: { order_status: "refunded" }, description: "Order 7" });
    expect(noted).toMatchObject({ status: "succeeded", amount: 5000, description: "Order 7", metadata: { order: "7", order_status: "refunded" } });
  });

  test("manual capture: requires_capture, then capture; cancel releases another authorization", async () => {
    const { stripe } = openWorld();
    const pi = await stripe.paymentIntents.create({ amount: 3000, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
    expect(pi).toMatchObject({ status: "requires_capture", amount_capturable: 3000 });
    const tooMuch = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 4000 }).catch((e) => e);
    expect(tooMuch).toMatchObject({ statusCode: 400, code: "amount_too_large" });
    const captured = await stripe.paymentIntents.capture(pi.id, { amount_to_capture: 2500 });
    expect(captured).toMatchObject({ status: "succeeded", amount_received: 2500 });
    const other = await stripe.paymentIntents.create({ amount: 1000, currency: "usd", payment_method: "pm_card_visa", capture_method: "manual", confirm: true });
    const canceled = await stripe.paymentIntents.cancel(other.id, { cancellation_reason: "requested_by_customer" });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_reason: "requested_by_customer" });
    const twice = await stripe.paymentIntents.cancel(other.id).catch((e) => e);
    expect(twice).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
  });

  test("list and search; expand customer; list auto-pagination", async () => {
    const { stripe } = openWorld();
    const customer = await stripe.customers.create({ email: "buyer@x.io" });
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) ids.push((await stripe.paymentIntents.create({ amount: 1000 * i, currency: "usd", customer: customer.id, metadata: { n: String(i) } })).id);
    const listed: string[] = [];
    for await (const pi of stripe.paymentIntents.list({ limit: 2, customer: customer.id })) listed.push(pi.id);
    expect(listed).toEqual([...ids].reverse());
    const withCustomer = await stripe.paymentIntents.retrieve(ids[0], { expand: ["customer"] });
    expect(withCustomer.customer).toMatchObject({ object: "customer", email: "buyer@x.io" });
    const listExpanded = await stripe.paymentIntents.list({ limit: 1, expand: ["data.customer"] });
    expect(listExpanded.data[0].customer).toMatchObject({ id: customer.id });
    const found = await stripe.paymentIntents.search({ query: "amount>1500 AND status:'requires_payment_method'" });
    expect(found.data.map((p) => p.id)).toEqual([ids[2], ids[1]]);
    const bad = await stripe.paymentIntents.retrieve(ids[0], { expand: ["nonsense"] }).catch((e) => e);
    expect(bad).toMatchObject({ statusCode: 400, param: "expand" });
  });

  test("zero amounts, unknown currencies and unknown ids are 400/404, never 5xx", async () => {
    const { stripe } = openWorld();
    const zero = await stripe.paymentIntents.create({ amount: 0, currency: "usd" }).catch((e) => e);
    expect(zero).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "amount" });
    expect(zero.raw.message).toBe("This value must be greater than or equal to 1.");
    const missing = await stripe.paymentIntents.create({ amount: 100 } as never).catch((e) => e);
    expect(missing).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "currency" });
    const currency = await stripe.paymentIntents.create({ amount: 100, currency: "zzz" }).catch((e) => e);
    expect(currency).toMatchObject({ statusCode: 400, param: "currency" });
    const small = await stripe.paymentIntents.create({ amount: 10, currency: "usd" }).catch((e) => e);
    expect(small).toMatchObject({ code: "amount_too_small" });
    const ghost = await stripe.paymentIntents.confirm("pi_ghost").catch((e) => e);
    expect(ghost).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("crypto deposit payment intents", () => {
  test("requires_action with deposit details until the deposit is simulated; settles without a fee", async () => {
    const { stripe, snapshot } = openWorld();
    const pi = await stripe.paymentIntents.create({ amount: 10000, currency: "usd", payment_method_types: ["crypto"], payment_method_options: { crypto: { mode: "deposit" } } } as never);
    expect(pi.status).toBe("requires_action");
    expect(pi.next_action).toMatchObject({ type: "display_crypto_deposit_information" });
    const settled: any = await stripe.rawRequest("POST", DEPOSIT.replace("{id}", pi.id), {});
    expect(settled).toMatchObject({ id: pi.id, status: "succeeded", amount_received: 10000 });
    const txn = snapshot().balance_transactions[0];
    expect(txn).toMatchObject({ amount: 10000, fee: 0, net: 10000, status: "available" });
    // list_events is newest first in the order they were emitted.
    expect((await stripe.events.list()).data.map((e) => e.type)).toEqual([
      "charge.succeeded",
      "payment_intent.succeeded",
      "payment_intent.processing",
      "payment_intent.requires_action",
      "payment_intent.created",
    ]);
    const again: any = await stripe.rawRequest("POST", DEPOSIT.replace("{id}", pi.id), {}).catch((e) => e);
    expect(again).toMatchObject({ statusCode: 400, code: "payment_intent_unexpected_state" });
    const eur = await stripe.paymentIntents.create({ amount: 100, currency: "eur", payment_method_types: ["crypto"] } as never).catch((e) => e);
    expect(eur).toMatchObject({ code: "currency_not_supported" });
  });
});

describe("payment intents through MCP", () => {
  test("every payment intent tool", async () => {
    const world = openWorld();
    const pi = (await world.tool("create_payment_intent", { amount: 1200, currency: "usd", capture_method: "manual" })).json;
    expect((await world.tool("retrieve_payment_intent", { id: pi.id })).json.status).toBe("requires_payment_method");
    expect((await world.tool("update_payment_intent", { id: pi.id, payment_method: "pm_card_visa" })).json.status).toBe("requires_confirmation");
    expect((await world.tool("confirm_payment_intent", { id: pi.id })).json.status).toBe("requires_capture");
    expect((await world.tool("capture_payment_intent", { id: pi.id })).json.status).toBe("succeeded");
    expect((await world.tool("list_payment_intents", { limit: 5 })).json.data).toHaveLength(1);
    expect((await world.tool("search_payment_intents", { query: "status:'succeeded'" })).json.data[0].id).toBe(pi.id);
    const crypto = (await world.tool("create_payment_intent", { amount: 500, currency: "usd", payment_method_types: ["crypto"] })).json;
    expect((await world.tool("simulate_crypto_deposit", { id: crypto.id })).json.status).toBe("succeeded");
    const other = (await world.tool("create_payment_intent", { amount: 700, currency: "usd" })).json;
    expect((await world.tool("cancel_payment_intent", { id: other.id })).json.status).toBe("canceled");
    const declined = await world.tool("confirm_payment_intent", { id: (await world.tool("create_payment_intent", { amount: 900, currency: "usd" })).json.id, payment_method: "pm_card_chargeDeclined" });
    expect(declined).toMatchObject({ isError: true, json: { error: { type: "card_error", code: "card_declined", decline_code: "generic_decline" } } });
  });
});
