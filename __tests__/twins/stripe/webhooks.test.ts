import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { DeliveryReport } from "../../../src/twins/index.js";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

interface Received {
  body: string;
  headers: IncomingMessage["headers"];
}

/** An agent's webhook receiver on loopback: answers `status` (or each of `statuses` in turn). */
async function receiver(statuses: number[] = [200]): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)]!;
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webhooks`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.close()));
});

describe("webhook endpoints through stripe-node", () => {
  test("create answers the secret once; retrieve, update, list and delete", async () => {
    const { stripe, snapshot } = openWorld();
    const endpoint = await stripe.webhookEndpoints.create({ url: "http://127.0.0.1:4242/hook", enabled_events: ["charge.refunded", "payment_intent.succeeded"], description: "refunds" });
    expect(endpoint).toMatchObject({ object: "webhook_endpoint", url: "http://127.0.0.1:4242/hook", enabled_events: ["charge.refunded", "payment_intent.succeeded"], status: "enabled", description: "refunds", livemode: false });
    expect(endpoint.id).toMatch(/^we_[A-Za-z0-9]{24}$/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    const again = await stripe.webhookEndpoints.retrieve(endpoint.id);
    expect(again.secret).toBeUndefined();
    const updated = await stripe.webhookEndpoints.update(endpoint.id, { enabled_events: ["*"], disabled: true, metadata: { team: "billing" } });
    expect(updated).toMatchObject({ enabled_events: ["*"], status: "disabled", metadata: { team: "billing" } });
    const second = await stripe.webhookEndpoints.create({ url: "https://example.test/other", enabled_events: ["*"] });
    const listed: string[] = [];
    for await (const e of stripe.webhookEndpoints.list({ limit: 1 })) listed.push(e.id);
    expect(listed).toEqual([second.id, endpoint.id]);
    expect(await stripe.webhookEndpoints.del(second.id)).toMatchObject({ id: second.id, object: "webhook_endpoint", deleted: true });
    expect(await stripe.webhookEndpoints.retrieve(second.id).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(snapshot().webhook_endpoints.map((e: any) => e.secret)).toEqual([endpoint.secret, expect.stringMatching(/^whsec_/)]);
  });

  test("Stripe's 4xx: a bad URL, no events, an unknown event type, an unknown endpoint", async () => {
    const { stripe } = openWorld();
    expect(await stripe.webhookEndpoints.create({ url: "not a url", enabled_events: ["*"] }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "url" });
    expect(await stripe.webhookEndpoints.create({ url: "ftp://x.test/", enabled_events: ["*"] }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "url" });
    expect(await stripe.webhookEndpoints.create({ url: "http://127.0.0.1:1/" } as never).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "enabled_events" });
    expect(await stripe.webhookEndpoints.create({ url: "http://127.0.0.1:1/", enabled_events: ["Charge Refunded" as never] }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "enabled_events[0]" });
    expect(await stripe.webhookEndpoints.update("we_missing", { disabled: true }).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("signed deliveries", () => {
  test("every event of an enabled type reaches the URL, and constructEvent verifies it with the endpoint's secret", async () => {
    const hook = await receiver();
    open.push(hook);
    const reports: DeliveryReport[] = [];
    const { stripe, session, snapshot } = openWorld(undefined, "test", { onDelivery: (r) => reports.push(r) });
    const endpoint = await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ["payment_intent.succeeded", "charge.refunded"] });
    const pi = await stripe.paymentIntents.create({ amount: 2000, currency: "usd", payment_method: "pm_card_visa", confirm: true });
    await stripe.refunds.create({ payment_intent: pi.id, amount: 500 });
    await session.deliveriesSettled();

    const events = hook.received.map((r) => stripe.webhooks.constructEvent(r.body, r.headers["stripe-signature"] as string, endpoint.secret!));
    expect(events.map((e) => e.type)).toEqual(["payment_intent.succeeded", "charge.refunded"]);
    expect(events[0]!.data.object).toMatchObject({ id: pi.id, status: "succeeded" });
    expect(events[1]!.data.object).toMatchObject({ amount_refunded: 500 });
    expect(events[1]!.data.previous_attributes).toMatchObject({ amount_refunded: 0 });
    expect(events.map((e) => e.id)).toEqual(snapshot().events.filter((e: any) => ["payment_intent.succeeded", "charge.refunded"].includes(e.type)).map((e: any) => e.id));
    expect(events[0]!.pending_webhooks).toBe(1);
    expect(hook.received[0]!.headers).toMatchObject({ "content-type": "application/json; charset=utf-8", "user-agent": expect.stringMatching(/^Stripe\/1\.0/) });
    expect(() => stripe.webhooks.constructEvent(hook.received[0]!.body, hook.received[0]!.headers["stripe-signature"] as string, "whsec_wrong")).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(reports.map((r) => [r.twin, r.url, r.label.split(" ")[1], r.attempt, r.status, r.error])).toEqual([
      ["stripe", hook.url, "payment_intent.succeeded", 1, 200, null],
      ["stripe", hook.url, "charge.refunded", 1, 200, null],
    ]);
  });

  test("`*` gets every event; a disabled or deleted endpoint gets none; a seeded endpoint signs with its seeded secret", async () => {
    const all = await receiver();
    const off = await receiver();
    open.push(all, off);
    const { stripe, session } = openWorld({
      webhook_endpoints: [
        { url: all.url, secret: "whsec_fixedsecretforthescenario0001" },
        { url: off.url, enabled_events: ["customer.created"], status: "disabled" },
      ],
    });
    await stripe.customers.create({ email: "a@example.test" });
    await session.deliveriesSettled();
    expect(all.received.map((r) => stripe.webhooks.constructEvent(r.body, r.headers["stripe-signature"] as string, "whsec_fixedsecretforthescenario0001").type)).toEqual(["customer.created"]);
    expect(off.received).toEqual([]);
  });

  test("a receiver that fails is retried, and each attempt is reported; closing the session stops the retries", async () => {
    const flaky = await receiver([500, 200]);
    open.push(flaky);
    const reports: DeliveryReport[] = [];
    const world = openWorld(undefined, "test", { onDelivery: (r) => reports.push(r) });
    await world.stripe.webhookEndpoints.create({ url: flaky.url, enabled_events: ["customer.created"] });
    await world.stripe.customers.create({ email: "b@example.test" });
    await world.session.deliveriesSettled();
    expect(reports.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, 500, "the receiver answered HTTP 500"],
      [2, 200, null],
    ]);
    expect(flaky.received[0]!.body).toBe(flaky.received[1]!.body);

    const gone = await receiver();
    await gone.close();
    const nobody = openWorld(undefined, "test", { onDelivery: (r) => reports.push(r) });
    await nobody.stripe.webhookEndpoints.create({ url: gone.url.replace("/webhooks", "/refused"), enabled_events: ["*"] });
    await nobody.stripe.customers.create({ email: "c@example.test" });
    const settled = nobody.session.deliveriesSettled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    nobody.session.close();
    await settled;
    const refused = reports.filter((r) => r.url.endsWith("/refused"));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThan(3);
    expect(refused[0]).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });

  test("an idempotent replay does not deliver again", async () => {
    const hook = await receiver();
    open.push(hook);
    const { stripe, session } = openWorld();
    await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ["customer.created"] });
    await stripe.customers.create({ email: "d@example.test" }, { idempotencyKey: "once" });
    await stripe.customers.create({ email: "d@example.test" }, { idempotencyKey: "once" });
    await session.deliveriesSettled();
    expect(hook.received).toHaveLength(1);
  });
});

describe("webhook endpoints through MCP", () => {
  test("the webhook tools, and the generic tools by OpenAPI id", async () => {
    const world = openWorld();
    const created = await world.tool("create_webhook_endpoint", { url: "http://127.0.0.1:4242/h", enabled_events: ["*"] });
    expect(created.json.secret).toMatch(/^whsec_/);
    const id = created.json.id;
    expect((await world.tool("retrieve_webhook_endpoint", { id })).json.url).toBe("http://127.0.0.1:4242/h");
    expect((await world.tool("update_webhook_endpoint", { id, description: "mine" })).json.description).toBe("mine");
    expect((await world.tool("list_webhook_endpoints", {})).json.data).toHaveLength(1);
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetWebhookEndpointsWebhookEndpoint", parameters: { webhook_endpoint: id } })).json.id).toBe(id);
    expect((await world.tool("delete_webhook_endpoint", { id })).json.deleted).toBe(true);
  });
});
