import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

async function paid(world: ReturnType<typeof openWorld>, amount: number) {
  return world.stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_visa", confirm: true });
}

describe("charges, balance and events through stripe-node", () => {
  test("charges: retrieve with expand, list by payment_intent", async () => {
    const world = openWorld();
    const pi = await paid(world, 1000);
    const charge = await world.stripe.charges.retrieve(pi.latest_charge as string, { expand: ["payment_intent", "balance_transaction"] });
    expect(charge.payment_intent).toMatchObject({ id: pi.id, object: "payment_intent" });
    expect(charge.balance_transaction).toMatchObject({ object: "balance_transaction", fee: 59 });
    expect(charge.payment_method_details).toMatchObject({ type: "card", card: { brand: "visa", last4: "4242" } });
    await paid(world, 2000);
    expect((await world.stripe.charges.list({ payment_intent: pi.id })).data.map((c) => c.id)).toEqual([charge.id]);
    const all: string[] = [];
    for await (const c of world.stripe.charges.list({ limit: 1 })) all.push(c.id);
    expect(all).toHaveLength(2);
    expect(await world.stripe.charges.retrieve("ch_ghost").catch((e) => e.code)).toBe("resource_missing");
  });

  test("balance: card funds are pending, crypto funds available; balance transactions list and retrieve", async () => {
    const world = openWorld({ balance_transactions: [{ id: "txn_seed", type: "adjustment", amount: 5000, currency: "usd", status: "available" }] });
    await paid(world, 1000);
    const balance = await world.stripe.balance.retrieve();
    expect(balance).toMatchObject({ object: "balance", available: [{ currency: "usd", amount: 5000 }], pending: [{ currency: "usd", amount: 941 }] });
    const txns = await world.stripe.balanceTransactions.list({ type: "charge" });
    expect(txns.data).toHaveLength(1);
    expect(await world.stripe.balanceTransactions.retrieve("txn_seed")).toMatchObject({ amount: 5000, net: 5000, type: "adjustment" });
  });

  test("events: retrieve, filter by type, type wildcard and types[]", async () => {
    const world = openWorld();
    await world.stripe.customers.create({ email: "e@x.io" });
    await paid(world, 1000);
    const all = await world.stripe.events.list();
    expect(all.data.map((e) => e.type)).toEqual(["payment_intent.succeeded", "charge.succeeded", "payment_intent.created", "customer.created"]);
    expect((await world.stripe.events.list({ type: "charge.succeeded" })).data).toHaveLength(1);
    expect((await world.stripe.events.list({ type: "payment_intent.*" })).data).toHaveLength(2);
    expect((await world.stripe.events.list({ types: ["customer.created", "charge.succeeded"] })).data).toHaveLength(2);
    const event = await world.stripe.events.retrieve(all.data[3].id);
    expect(event).toMatchObject({ object: "event", type: "customer.created", data: { object: { object: "customer", email: "e@x.io" } } });
  });
});

describe("charges, balance and events through MCP", () => {
  test("every read tool", async () => {
    const world = openWorld();
    const pi = await paid(world, 1500);
    expect((await world.tool("retrieve_charge", { id: pi.latest_charge })).json.amount).toBe(1500);
    expect((await world.tool("list_charges", { payment_intent: pi.id })).json.data).toHaveLength(1);
    expect((await world.tool("retrieve_balance")).json.object).toBe("balance");
    const txns = (await world.tool("list_balance_transactions", {})).json.data;
    expect((await world.tool("retrieve_balance_transaction", { id: txns[0].id })).json.id).toBe(txns[0].id);
    const events = (await world.tool("list_events", { type: "charge.succeeded" })).json.data;
    expect((await world.tool("retrieve_event", { id: events[0].id })).json.type).toBe("charge.succeeded");
  });
});
