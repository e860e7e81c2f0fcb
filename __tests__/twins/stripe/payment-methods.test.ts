import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

describe("payment methods through stripe-node", () => {
  test("a test card number makes a card PaymentMethod without storing the number", async () => {
    const { stripe, snapshot } = openWorld();
    const pm = await stripe.paymentMethods.create({ type: "card", card: { number: "4242424242424242", exp_month: 12, exp_year: 2034, cvc: "123" } });
    expect(pm).toMatchObject({ object: "payment_method", type: "card", customer: null, card: { brand: "visa", last4: "4242", exp_month: 12, exp_year: 2034 } });
    expect(pm.id).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    expect(JSON.stringify(snapshot())).not.toContain("4242424242424242");
    expect((await stripe.paymentMethods.retrieve(pm.id)).id).toBe(pm.id);
  });

  test("a number failing the Luhn check is a 402 incorrect_number card error", async () => {
    const { stripe } = openWorld();
    const error = await stripe.paymentMethods.create({ type: "card", card: { number: "4242424242424241", exp_month: 1, exp_year: 2034 } }).catch((e) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: "incorrect_number", param: "card[number]" });
  });

  test("attach (a pm_card_* token mints a new PaymentMethod), list by customer both ways, detach", async () => {
    const { stripe, snapshot } = openWorld();
    const customer = await stripe.customers.create({ email: "c@x.io" });
    const pm = await stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id });
    expect(pm).toMatchObject({ customer: customer.id, card: { brand: "mastercard", last4: "4444" } });
    expect(pm.id).not.toBe("pm_card_mastercard");
    expect((await stripe.paymentMethods.list({ customer: customer.id, type: "card" })).data.map((p) => p.id)).toEqual([pm.id]);
    expect((await stripe.customers.listPaymentMethods(customer.id)).data.map((p) => p.id)).toEqual([pm.id]);
    const detached = await stripe.paymentMethods.detach(pm.id);
    expect(detached.customer).toBeNull();
    const again = await stripe.paymentMethods.detach(pm.id).catch((e) => e);
    expect(again).toMatchObject({ statusCode: 400, code: "payment_method_unexpected_state" });
    expect(snapshot().events.map((e: any) => e.type).sort()).toEqual(["customer.created", "payment_method.attached", "payment_method.detached"]);
  });

  test("attaching to an unknown customer names the customer param", async () => {
    const { stripe } = openWorld();
    const error = await stripe.paymentMethods.attach("pm_card_visa", { customer: "cus_ghost" }).catch((e) => e);
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing", param: "customer" });
  });
});

describe("payment methods through MCP", () => {
  test("create, retrieve, attach, list, detach", async () => {
    const world = openWorld();
    const customer = (await world.tool("create_customer", { email: "p@x.io" })).json;
    const pm = (await world.tool("create_payment_method", { type: "card", card: { token: "tok_visa" } })).json;
    expect(pm.card.last4).toBe("4242");
    expect((await world.tool("retrieve_payment_method", { id: pm.id })).json.id).toBe(pm.id);
    expect((await world.tool("attach_payment_method", { id: pm.id, customer: customer.id })).json.customer).toBe(customer.id);
    expect((await world.tool("list_payment_methods", { customer: customer.id })).json.data).toHaveLength(1);
    expect((await world.tool("detach_payment_method", { id: pm.id })).json.customer).toBeNull();
  });
});
