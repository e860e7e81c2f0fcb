/**
 * The x402 paywall (upstream-twins.md §3.7) through real HTTP, stripe-node's rawRequest
 * and the MCP client: the 402 challenge backed by a crypto PaymentIntent, payment with
 * `X-PAYMENT` settling that PaymentIntent as `simulate_crypto_deposit` does, the refused
 * payments, the replayed header, and the MCP `x_payment` argument.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

const PAYWALL = "/x402/protected-resource";
const NETWORK = "eip155:84532";
const PAYER = "0x1111111111111111111111111111111111111111";

function payment(to: string, over: { value?: string | number; network?: string; from?: string; nonce?: string } = {}): string {
  const body = {
    x402Version: 1,
    scheme: "exact",
    network: over.network ?? NETWORK,
    payload: {
      authorization: { from: over.from ?? PAYER, to, value: over.value ?? "10000", validAfter: "0", validBefore: "9999999999", nonce: over.nonce ?? `0x${"ab".repeat(32)}` },
      signature: `0x${"cd".repeat(65)}`,
    },
  };
  return Buffer.from(JSON.stringify(body)).toString("base64");
}

const decodeHeader = (value: string | null) => JSON.parse(Buffer.from(value ?? "", "base64").toString("utf8"));

function http(world: ReturnType<typeof openWorld>) {
  const base = world.session.env.POME_STRIPE_API_BASE!;
  const key = world.session.env.POME_STRIPE_API_KEY!;
  return async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${PAYWALL}`, { headers: { authorization: `Bearer ${key}`, ...headers } });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };
}

describe("the x402 paywall over HTTP", () => {
  test("the first request answers 402 with the challenge, backed by a crypto PaymentIntent whose deposit address is payTo", async () => {
    const world = openWorld();
    const get = http(world);
    const first = await get();
    expect(first.status).toBe(402);
    expect(first.body).toMatchObject({ x402Version: 1, error: "payment required" });
    expect(first.body.accepts).toHaveLength(1);
    const [accept] = first.body.accepts;
    expect(accept).toMatchObject({
      scheme: "exact",
      network: NETWORK,
      maxAmountRequired: "10000",
      resource: expect.stringMatching(/\/x402\/protected-resource$/),
      mimeType: "application/json",
      payTo: expect.stringMatching(/^0x[0-9a-f]{40}$/),
      maxTimeoutSeconds: 60,
      asset: "USDC",
      outputSchema: null,
    });
    expect(typeof accept.description).toBe("string");
    const [pi] = world.snapshot().payment_intents;
    expect(pi).toMatchObject({ amount: 10000, currency: "usd", status: "requires_action", payment_method_types: ["crypto"], metadata: { x402_route: `GET ${PAYWALL}` } });
    expect(pi.next_action.crypto_display_details.deposit_addresses.base.address).toBe(accept.payTo);
    // An unpaid challenge is reused.
    const again = await get();
    expect(again.body.accepts[0].payTo).toBe(accept.payTo);
    expect(world.snapshot().payment_intents).toHaveLength(1);
    const recorded = world.calls.filter((c) => c.operation === "access_x402_resource");
    expect(recorded.map((c) => c.status)).toEqual([402, 402]);
    expect(recorded[0].error).toMatchObject({ message: "payment required" });
  });

  test("paying with X-PAYMENT answers 200 with X-PAYMENT-RESPONSE and settles the PaymentIntent: charge, balance transaction, events", async () => {
    const world = openWorld();
    const get = http(world);
    const { payTo } = (await get()).body.accepts[0];
    const paid = await get({ "x-payment": payment(payTo) });
    expect(paid.status).toBe(200);
    expect(paid.body).toEqual({ ok: true, resource: "stripe-x402-protected-resource", message: expect.any(String) });
    const state = world.snapshot();
    const [pi] = state.payment_intents;
    expect(decodeHeader(paid.headers.get("x-payment-response"))).toEqual({ success: true, transaction: pi.id, network: NETWORK, payer: PAYER });
    expect(pi).toMatchObject({ status: "succeeded", amount_received: 10000, next_action: null, latest_charge: expect.stringMatching(/^ch_/) });
    expect(state.charges).toEqual([expect.objectContaining({ id: pi.latest_charge, payment_intent: pi.id, amount: 10000, status: "succeeded", captured: true })]);
    expect(state.balance_transactions).toEqual([expect.objectContaining({ amount: 10000, fee: 0, net: 10000, type: "charge", source: pi.latest_charge })]);
    expect(state.events.map((e: any) => e.type).sort()).toEqual([
      "charge.succeeded",
      "payment_intent.created",
      "payment_intent.processing",
      "payment_intent.requires_action",
      "payment_intent.succeeded",
    ]);
    const last = world.calls.at(-1)!;
    expect(last).toMatchObject({ operation: "access_x402_resource", status: 200, error: null, state_mutation: true });
    // The next unpaid request gets a new challenge with a new PaymentIntent.
    const next = await get();
    expect(next.status).toBe(402);
    expect(next.body.accepts[0].payTo).not.toBe(payTo);
    expect(world.snapshot().payment_intents).toHaveLength(2);
  });

  test("a number value is the same amount as the string", async () => {
    const world = openWorld();
    const get = http(world);
    const { payTo } = (await get()).body.accepts[0];
    expect((await get({ "x-payment": payment(payTo, { value: 10000 }) })).status).toBe(200);
  });

  test("a wrong amount, an unknown payTo, a wrong network and a malformed header answer 402 with an error and a fresh challenge", async () => {
    const world = openWorld();
    const get = http(world);
    const { payTo } = (await get()).body.accepts[0];
    const refused = [
      [payment(payTo, { value: "1" }), /value 1 does not equal the required amount 10000/],
      [payment(payTo, { value: 100 }), /value 100 does not equal/],
      [payment("0x2222222222222222222222222222222222222222"), /not a known payTo/],
      [payment(payTo, { network: "base" }), /network base does not match/],
      ["not base64 json!!", /malformed X-PAYMENT/],
      [Buffer.from(JSON.stringify({ x402Version: 1, scheme: "exact" })).toString("base64"), /malformed X-PAYMENT header: network/],
    ] as const;
    for (const [header, error] of refused) {
      const res = await get({ "x-payment": header });
      expect(res.status, String(error)).toBe(402);
      expect(res.body.error).toMatch(error);
      expect(res.body.accepts[0]).toMatchObject({ payTo, maxAmountRequired: "10000", network: NETWORK });
      expect(res.headers.get("x-payment-response")).toBeNull();
    }
    const state = world.snapshot();
    expect(state.payment_intents).toEqual([expect.objectContaining({ status: "requires_action" })]);
    expect(state.charges).toEqual([]);
    expect(world.calls.filter((c) => c.status === 402).every((c) => c.error !== null)).toBe(true);
  });

  test("a replayed header passes straight through: 200, no second settlement", async () => {
    const world = openWorld();
    const get = http(world);
    const { payTo } = (await get()).body.accepts[0];
    const header = payment(payTo);
    const first = await get({ "x-payment": header });
    const before = world.snapshot();
    const replay = await get({ "x-payment": header });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("x-payment-response")).toBe(first.headers.get("x-payment-response"));
    const after = world.snapshot();
    expect(after.charges).toHaveLength(1);
    expect(after.balance_transactions).toHaveLength(1);
    expect(after.events).toHaveLength(before.events.length);
    // A different payment to the settled address is accepted as the deposit already made, without a second one.
    const other = await get({ "x-payment": payment(payTo, { nonce: `0x${"ef".repeat(32)}` }) });
    expect(other.status).toBe(200);
    expect(world.snapshot().charges).toHaveLength(1);
  });

  test("a PaymentIntent settled by simulate_crypto_deposit first still unlocks; a canceled one does not", async () => {
    const world = openWorld();
    const get = http(world);
    const { payTo } = (await get()).body.accepts[0];
    const [pi] = world.snapshot().payment_intents;
    await world.stripe.rawRequest("POST", `/v1/test_helpers/payment_intents/${pi.id}/simulate_crypto_deposit`, {});
    expect((await get({ "x-payment": payment(payTo) })).status).toBe(200);
    expect(world.snapshot().charges).toHaveLength(1);

    const { payTo: second } = (await get()).body.accepts[0];
    const open = world.snapshot().payment_intents.find((p: any) => p.status === "requires_action");
    await world.stripe.paymentIntents.cancel(open.id);
    const refused = await get({ "x-payment": payment(second) });
    expect(refused.status).toBe(402);
    expect(refused.body.error).toMatch(/is canceled/);
  });
});

describe("the x402 paywall through stripe-node", () => {
  test("rawRequest sends X-PAYMENT as an additional header", async () => {
    const world = openWorld();
    const challenge: any = await world.stripe.rawRequest("GET", "/x402/protected-resource", undefined).catch((e) => e);
    // stripe-node reads the challenge's string `error` as an OAuth error and drops `accepts`:
    // the backing PaymentIntent's deposit address is the payTo.
    expect(challenge).toMatchObject({ statusCode: 402, type: "StripeOAuthError", rawType: "payment required" });
    const { data } = await world.stripe.paymentIntents.list({ limit: 1 });
    const payTo = (data[0].next_action as any).crypto_display_details.deposit_addresses.base.address;
    const paid: any = await world.stripe.rawRequest("GET", "/x402/protected-resource", undefined, { additionalHeaders: { "X-PAYMENT": payment(payTo) } } as any);
    expect(paid).toMatchObject({ ok: true, resource: "stripe-x402-protected-resource" });
    expect(world.snapshot().payment_intents[0].status).toBe("succeeded");
  });
});

describe("the x402 paywall over MCP", () => {
  test("access_x402_resource: 402 challenge, then the x_payment argument pays", async () => {
    const world = openWorld();
    const first = await world.tool("access_x402_resource");
    expect(first.isError).toBe(true);
    expect(first.json).toMatchObject({ x402Version: 1, error: "payment required", accepts: [{ network: NETWORK, maxAmountRequired: "10000" }] });
    const { payTo } = first.json.accepts[0];
    const wrong = await world.tool("access_x402_resource", { x_payment: payment(payTo, { value: "1" }) });
    expect(wrong.isError).toBe(true);
    const paid = await world.tool("access_x402_resource", { x_payment: payment(payTo) });
    expect(paid).toEqual({ isError: false, json: { ok: true, resource: "stripe-x402-protected-resource", message: expect.stringContaining("pi_") } });
    expect(world.snapshot().payment_intents[0]).toMatchObject({ status: "succeeded" });
    expect(world.calls.map((c) => [c.transport, c.status])).toEqual([["mcp", 402], ["mcp", 402], ["mcp", 200]]);
  });
});
