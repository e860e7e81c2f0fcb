import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

const SEED = {
  payment_intents: [{ id: "pi_test_200", amount: 20000, currency: "usd", status: "succeeded" }],
  charges: [{ id: "ch_test_200", payment_intent: "pi_test_200", amount: 20000, amount_captured: 20000, amount_refunded: 0 }],
};

describe("refunds through stripe-node", () => {
  test("a partial then the remaining refund; the charge records both; then charge_already_refunded", async () => {
    const { stripe, snapshot } = openWorld(SEED);
    const first = await stripe.refunds.create({ charge: "ch_test_200", amount: 7500, reason: "requested_by_customer" });
    expect(first).toMatchObject({ object: "refund", amount: 7500, charge: "ch_test_200", payment_intent: "pi_test_200", status: "succeeded" });
    const rest = await stripe.refunds.create({ payment_intent: "pi_test_200", expand: ["charge"] });
    expect(rest.amount).toBe(12500);
    expect(rest.charge).toMatchObject({ amount_refunded: 20000, refunded: true });
    const again = await stripe.refunds.create({ charge: "ch_test_200" }).catch((e) => e);
    expect(again).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(again).toMatchObject({ statusCode: 400, code: "charge_already_refunded" });
    const state = snapshot();
    expect(state.balance_transactions.map((t: any) => [t.type, t.amount]).sort()).toEqual([["refund", -12500], ["refund", -7500]]);
    expect(state.events.filter((e: any) => e.type === "charge.refunded")).toHaveLength(2);
    expect(state.events.filter((e: any) => e.type === "refund.created")).toHaveLength(2);
  });

  test("more than remains is amount_too_large with Stripe's message", async () => {
    const { stripe } = openWorld(SEED);
    const error = await stripe.refunds.create({ charge: "ch_test_200", amount: 25000 }).catch((e) => e);
    expect(error).toMatchObject({ statusCode: 400, code: "amount_too_large", param: "amount" });
    expect(error.raw.message).toBe("Refund amount ($250.00) is greater than charge amount ($200.00)");
  });

  test("an idempotency key replays the refund; the same key with other parameters is an idempotency error", async () => {
    const { stripe, snapshot, calls } = openWorld(SEED);
    const first = await stripe.refunds.create({ charge: "ch_test_200", amount: 1000 }, { idempotencyKey: "refund-1" });
    const replay = await stripe.refunds.create({ charge: "ch_test_200", amount: 1000 }, { idempotencyKey: "refund-1" });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(calls.at(-1)).toMatchObject({ idempotent_replay: true, state_mutation: false });
    const mismatch = await stripe.refunds.create({ charge: "ch_test_200", amount: 2000 }, { idempotencyKey: "refund-1" }).catch((e) => e);
    expect(mismatch).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(mismatch.raw.message).toBe(
      "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'refund-1' if you meant to execute a different request.",
    );
    expect(snapshot().refunds).toHaveLength(1);
  });

  test("retrieve and list by charge, with auto-pagination; unknown ids are resource_missing", async () => {
    const { stripe } = openWorld(SEED);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await stripe.refunds.create({ charge: "ch_test_200", amount: 100 })).id);
    expect((await stripe.refunds.retrieve(ids[1])).amount).toBe(100);
    const listed: string[] = [];
    for await (const r of stripe.refunds.list({ charge: "ch_test_200", limit: 2 })) listed.push(r.id);
    expect(listed).toEqual([...ids].reverse());
    expect(await stripe.refunds.retrieve("re_ghost").catch((e) => e.code)).toBe("resource_missing");
    expect(await stripe.refunds.create({ charge: "ch_ghost" }).catch((e) => e.param)).toBe("charge");
  });
});

describe("refunds through MCP", () => {
  test("create (by payment_intent, as the hosted server's create_refund), retrieve, list", async () => {
    const world = openWorld(SEED);
    const refund = (await world.tool("create_refund", { payment_intent: "pi_test_200", amount: 500, stripe_context: "acct_default", livemode: false })).json;
    expect(refund).toMatchObject({ amount: 500, charge: "ch_test_200" });
    expect((await world.tool("retrieve_refund", { id: refund.id })).json.id).toBe(refund.id);
    expect((await world.tool("list_refunds", { charge: "ch_test_200" })).json.data).toHaveLength(1);
    const keyed = { charge: "ch_test_200", amount: 300, idempotency_key: "k1" };
    const a = (await world.tool("create_refund", keyed)).json;
    const b = (await world.tool("create_refund", keyed)).json;
    expect(b.id).toBe(a.id);
    expect((await world.tool("stripe_api_write", { stripe_api_operation_id: "PostRefunds", parameters: { charge: "ch_test_200", amount: 200 } })).json.amount).toBe(200);
    expect(world.snapshot().charges[0].amount_refunded).toBe(1000);
  });
});
