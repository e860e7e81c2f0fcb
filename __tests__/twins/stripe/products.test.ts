import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

describe("products through stripe-node", () => {
  test("create (with an idempotency key), retrieve with expand[]=default_price, update, events", async () => {
    const { stripe, snapshot } = openWorld();
    const product = await stripe.products.create(
      { name: "Pro plan", description: "Everything", metadata: { tier: "pro" }, default_price_data: { currency: "usd", unit_amount: 2000, recurring: { interval: "month" } } },
      { idempotencyKey: "prod-1" },
    );
    expect(product).toMatchObject({ object: "product", name: "Pro plan", description: "Everything", active: true, metadata: { tier: "pro" }, livemode: false });
    expect(product.id).toMatch(/^prod_[A-Za-z0-9]{14}$/);
    expect(product.default_price).toMatch(/^price_/);
    const replay = await stripe.products.create(
      { name: "Pro plan", description: "Everything", metadata: { tier: "pro" }, default_price_data: { currency: "usd", unit_amount: 2000, recurring: { interval: "month" } } },
      { idempotencyKey: "prod-1" },
    );
    expect(replay.id).toBe(product.id);
    expect(replay.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect(snapshot().products).toHaveLength(1);

    const expanded = await stripe.products.retrieve(product.id, { expand: ["default_price"] });
    expect(expanded.default_price).toMatchObject({ object: "price", unit_amount: 2000, currency: "usd", recurring: { interval: "month", interval_count: 1 }, product: product.id });

    const updated = await stripe.products.update(product.id, { name: "Pro", active: false, metadata: { tier: "", seats: "5" } });
    expect(updated).toMatchObject({ name: "Pro", active: false, metadata: { seats: "5" } });
    const types = snapshot().events.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(["product.created", "price.created", "product.updated"]));
    expect(snapshot().events.find((e: any) => e.type === "product.updated").data.previous_attributes).toMatchObject({ name: "Pro plan", active: true });
  });

  test("list is newest first, filters by active and ids, and pages with for await", async () => {
    const { stripe } = openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await stripe.products.create({ name: `P${i}`, active: i !== 1 })).id);
    const page = await stripe.products.list({ limit: 2 });
    expect(page.data.map((p) => p.id)).toEqual([ids[4], ids[3]]);
    expect(page).toMatchObject({ object: "list", has_more: true, url: "/v1/products" });
    const all: string[] = [];
    for await (const p of stripe.products.list({ limit: 2 })) all.push(p.id);
    expect(all).toEqual([...ids].reverse());
    expect((await stripe.products.list({ active: false })).data.map((p) => p.id)).toEqual([ids[1]]);
    expect((await stripe.products.list({ ids: [ids[0], ids[2]] })).data.map((p) => p.id)).toEqual([ids[2], ids[0]]);
  });

  test("errors: missing name, unknown product, a default price of another product; never a 5xx", async () => {
    const { stripe } = openWorld();
    const missing = await stripe.products.create({} as never).catch((e) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "name" });
    const unknown = await stripe.products.retrieve("prod_nope").catch((e) => e);
    expect(unknown).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    expect(unknown.raw.message).toBe("No such product: 'prod_nope'");
    const a = await stripe.products.create({ name: "A", default_price_data: { currency: "usd", unit_amount: 100 } });
    const b = await stripe.products.create({ name: "B" });
    const foreign = await stripe.products.update(b.id, { default_price: a.default_price as string }).catch((e) => e);
    expect(foreign).toMatchObject({ statusCode: 400, param: "default_price" });
    const badActive = await stripe.products.create({ name: "C", active: "maybe" as never }).catch((e) => e);
    expect(badActive).toMatchObject({ statusCode: 400, code: "parameter_invalid_boolean", param: "active" });
    const dup = await stripe.products.create({ name: "D", id: b.id } as never).catch((e) => e);
    expect(dup).toMatchObject({ statusCode: 400, code: "resource_already_exists" });
  });
});

describe("products through MCP", () => {
  test("every product tool, and the generic tools by OpenAPI id", async () => {
    const world = openWorld();
    const created = await world.tool("create_product", { name: "Team", metadata: { seats: 10 } });
    expect(created).toMatchObject({ isError: false, json: { object: "product", name: "Team", metadata: { seats: "10" } } });
    const id = created.json.id;
    expect((await world.tool("retrieve_product", { id })).json.id).toBe(id);
    expect((await world.tool("update_product", { id, description: "For teams" })).json.description).toBe("For teams");
    expect((await world.tool("list_products", { limit: 1 })).json).toMatchObject({ object: "list", data: [{ id }] });
    const missing = await world.tool("retrieve_product", { id: "prod_missing" });
    expect(missing).toMatchObject({ isError: true, json: { error: { type: "invalid_request_error", code: "resource_missing" } } });
    const write = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostProducts", parameters: { name: "Generic" } });
    expect(write.json).toMatchObject({ object: "product", name: "Generic" });
    const read = await world.tool("stripe_api_read", { stripe_api_operation_id: "GetProductsId", parameters: { id: write.json.id } });
    expect(read.json.id).toBe(write.json.id);
    const update = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostProductsId", parameters: { id: write.json.id, name: "Renamed" } });
    expect(update.json.name).toBe("Renamed");
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetProducts", parameters: {} })).json.data).toHaveLength(2);
    expect(world.calls.every((c) => c.transport === "mcp")).toBe(true);
  });
});
