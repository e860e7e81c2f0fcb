import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

describe("the account", () => {
  test("stripe-node's accounts.retrieve() and the hosted server's get_stripe_account_info are one operation", async () => {
    const world = openWorld({ account: { id: "acct_1PomeTest", default_currency: "eur", country: "DE" } });
    const account = await world.stripe.accounts.retrieveCurrent();
    expect(account).toMatchObject({ id: "acct_1PomeTest", object: "account", country: "DE", default_currency: "eur", charges_enabled: true, payouts_enabled: true });
    const info = await world.tool("get_stripe_account_info", { stripe_context: "acct_1PomeTest", livemode: false });
    expect(info).toMatchObject({ isError: false, json: { id: "acct_1PomeTest", country: "DE" } });
    expect(world.calls.map((c) => [c.operation, c.transport])).toEqual([
      ["retrieve_account", "rest"],
      ["retrieve_account", "mcp"],
    ]);
    expect((await world.tool("retrieve_account", {})).json.id).toBe("acct_1PomeTest");
  });
});

describe("the hosted server's discovery: stripe_api_search → stripe_api_details → stripe_api_write", () => {
  test("search finds the operation ids for an intent, details tells how to call one, and the write tool calls it", async () => {
    const world = openWorld({ charges: [{ id: "ch_paid", amount: 3000, currency: "usd", status: "succeeded", captured: true, amount_captured: 3000 }] });
    const found = await world.tool("stripe_api_search", { intent: "refund a charge", resource: "refunds", limit: 3, stripe_context: "acct_default", livemode: false });
    expect(found.isError).toBe(false);
    expect(found.json.results.map((r: any) => r.stripe_api_operation_id)).toContain("PostRefunds");
    const postRefunds = found.json.results.find((r: any) => r.stripe_api_operation_id === "PostRefunds");
    expect(postRefunds).toMatchObject({ method: "POST", path: "/v1/refunds", tool: "stripe_api_write" });
    expect(found.json.results.length).toBeLessThanOrEqual(3);

    const details = await world.tool("stripe_api_details", { stripe_api_operation_id: "PostRefunds" });
    expect(details.json).toMatchObject({ stripe_api_operation_id: "PostRefunds", method: "POST", path: "/v1/refunds", tool: "stripe_api_write" });
    expect(Object.keys(details.json.parameters.properties)).toEqual(expect.arrayContaining(["charge", "payment_intent", "amount", "reason"]));

    const customer = await world.tool("stripe_api_details", { stripe_api_operation_id: "GetCustomersCustomer" });
    expect(customer.json).toMatchObject({ path: "/v1/customers/{customer}", tool: "stripe_api_read" });
    expect(customer.json.parameters.properties).toHaveProperty("customer");
    expect(customer.json.parameters.properties).not.toHaveProperty("id");
    expect(customer.json.parameters.required).toContain("customer");

    const refund = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostRefunds", parameters: { charge: "ch_paid", amount: 1000 }, human_confirmation: true });
    expect(refund).toMatchObject({ isError: false, json: { object: "refund", amount: 1000, charge: "ch_paid" } });
    expect(world.calls.map((c) => c.operation)).toEqual(["stripe_api_search", "stripe_api_details", "stripe_api_details", "create_refund"]);
  });

  test("the hosted create_refund takes payment_intent and human_confirmation", async () => {
    const world = openWorld();
    const pi = await world.stripe.paymentIntents.create({ amount: 1500, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    const refund = await world.tool("create_refund", { payment_intent: pi.id, amount: 500, reason: "requested_by_customer", human_confirmation: true, stripe_context: "acct_default", livemode: false });
    expect(refund).toMatchObject({ isError: false, json: { object: "refund", amount: 500, payment_intent: pi.id, reason: "requested_by_customer" } });
  });

  test("an unknown id is Stripe's error, not a crash; search finds nothing for nonsense", async () => {
    const world = openWorld();
    const unknown = await world.tool("stripe_api_details", { stripe_api_operation_id: "PostTeleport" });
    expect(unknown).toMatchObject({ isError: true, json: { error: { type: "invalid_request_error", code: "endpoint_not_supported" } } });
    expect((await world.tool("stripe_api_search", { intent: "zzqx", resource: "qqzz" })).json.results).toEqual([]);
  });
});
