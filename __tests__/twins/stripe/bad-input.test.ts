/**
 * Requests no SDK would send, straight over HTTP: Stripe's 4xx envelope for each, never a
 * 5xx. Unknown parameters (malformed keys included) are refused over REST as Stripe does.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

const SEED = { charges: [{ id: "ch_1", amount: 1000, currency: "usd", status: "succeeded", captured: true, amount_captured: 1000 }] };

async function post(env: Record<string, string>, path: string, body: string) {
  const response = await fetch(`${env.POME_STRIPE_API_BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${env.POME_STRIPE_API_KEY}`, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return { status: response.status, error: ((await response.json()) as { error?: Record<string, unknown> }).error };
}

describe("bad input over REST", () => {
  test.each([
    ["a malformed key", "/v1/payment_intents", "a[b=1&amount=100&currency=usd", { code: "parameter_unknown", param: "a[b", message: "Received unknown parameter: a[b" }],
    ["a misspelt parameter", "/v1/refunds", "charge=ch_1&ammount=100", { code: "parameter_unknown", param: "ammount" }],
    ["two unknown parameters", "/v1/customers", "emial=x&nmae=y", { code: "parameter_unknown", message: "Received unknown parameters: emial, nmae" }],
    ["a malformed key for a known one", "/v1/payment_intents", "amount[=1&currency=usd", { code: "parameter_unknown", param: "amount[" }],
    ["a negative amount", "/v1/payment_intents", "amount=-5&currency=usd", { param: "amount" }],
    ["a zero amount", "/v1/payment_intents", "amount=0&currency=usd", { param: "amount" }],
    ["an amount that is not a number", "/v1/refunds", "charge=ch_1&amount=abc", { code: "parameter_invalid_integer", param: "amount" }],
    ["a duplicate scalar key", "/v1/payment_intents", "amount=100&amount=200&currency=usd", { param: "amount" }],
    ["an unknown currency", "/v1/payment_intents", "amount=100&currency=xyz", { param: "currency" }],
    ["a refund above what remains", "/v1/refunds", "charge=ch_1&amount=2000", { code: "amount_too_large", param: "amount" }],
    ["an unknown id (404)", "/v1/refunds", "charge=ch_nope", { code: "resource_missing", param: "charge" }],
    ["a hash where a string goes", "/v1/customers", "email[x]=y", { param: "email" }],
    ["a body that is not a form", "/v1/payment_intents", "%%%", { code: "parameter_unknown", param: "%%%" }],
  ])("%s: Stripe's 4xx envelope", async (name, path, body, expected) => {
    const { session } = openWorld(SEED);
    const answer = await post(session.env, path, body);
    expect(answer.status).toBe(name.includes("(404)") ? 404 : 400);
    expect(answer.error).toMatchObject({ type: "invalid_request_error", ...expected });
  });

  test.each([
    ["a string", '"str"'],
    ["null", "null"],
    ["a number", "123"],
    ["a boolean", "true"],
    ["an array", "[]"],
    ["an object JSON-encoded twice", JSON.stringify(JSON.stringify({ email: "twice@example.com" }))],
  ])("a JSON body that is not an object (%s) gets Stripe's answer to a body that is not a form, and creates nothing", async (_name, body) => {
    const world = openWorld(SEED);
    const response = await fetch(`${world.session.env.POME_STRIPE_API_BASE}/v1/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.session.env.POME_STRIPE_API_KEY}`, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.",
        type: "invalid_request_error",
      },
    });
    expect(world.snapshot().customers).toEqual([]);
  });

  test("a JSON object body is still read (the earlier twin's agents send JSON)", async () => {
    const world = openWorld(SEED);
    const response = await fetch(`${world.session.env.POME_STRIPE_API_BASE}/v1/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${world.session.env.POME_STRIPE_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ email: "json@example.com" }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: "customer", email: "json@example.com" });
  });

  test("form keys nested 20,000 levels deep are an unknown parameter, not a crash", async () => {
    const { session } = openWorld(SEED);
    const answer = await post(session.env, "/v1/customers", `metadata${"[x]".repeat(20_000)}=1`);
    expect(answer.status).toBe(400);
    expect(answer.error).toMatchObject({ type: "invalid_request_error", code: "parameter_unknown" });
    expect((await post(session.env, "/v1/customers", "email=after@example.com")).status).toBe(200);
  });

  test("MCP tools take the hosted server's extra arguments without complaint", async () => {
    const world = openWorld(SEED);
    const refund = await world.tool("create_refund", { charge: "ch_1", amount: 100, stripe_context: "acct_default", livemode: false, human_confirmation: true });
    expect(refund).toMatchObject({ isError: false, json: { object: "refund", amount: 100 } });
  });
});
