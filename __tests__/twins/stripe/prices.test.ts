import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

describe("prices through stripe-node", () => {
  test("recurring and one-time prices for a product, product_data creates one, retrieve expands product", async () => {
    const { stripe, snapshot } = openWorld();
    const product = await stripe.products.create({ name: "Pro" });
    const monthly = await stripe.prices.create({ product: product.id, currency: "USD", unit_amount: 1500, recurring: { interval: "month", interval_count: 3 }, nickname: "quarterly", lookup_key: "pro_q" });
    expect(monthly).toMatchObject({
      object: "price",
      product: product.id,
      currency: "usd",
      unit_amount: 1500,
      type: "recurring",
      recurring: { interval: "month", interval_count: 3, usage_type: "licensed" },
      active: true,
      nickname: "quarterly",
      lookup_key: "pro_q",
      billing_scheme: "per_unit",
    });
    expect(monthly.id).toMatch(/^price_[A-Za-z0-9]{24}$/);
    // stripe-node reads the decimal string as its Decimal.
    expect(String(monthly.unit_amount_decimal)).toBe("1500");
    const once = await stripe.prices.create({ product_data: { name: "Setup fee" }, currency: "eur", unit_amount: 0 });
    expect(once).toMatchObject({ type: "one_time", recurring: null, unit_amount: 0, currency: "eur" });
    expect(snapshot().products.map((p: any) => p.name)).toEqual(["Pro", "Setup fee"]);
    const expanded = await stripe.prices.retrieve(once.id, { expand: ["product"] });
    expect(expanded.product).toMatchObject({ object: "product", name: "Setup fee" });
    const updated = await stripe.prices.update(monthly.id, { active: false, metadata: { legacy: "yes" } });
    expect(updated).toMatchObject({ active: false, metadata: { legacy: "yes" }, unit_amount: 1500 });
    expect(snapshot().events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["price.created", "price.updated"]));
  });

  test("list filters by product, active, type, currency, lookup_keys", async () => {
    const { stripe } = openWorld();
    const a = await stripe.products.create({ name: "A" });
    const b = await stripe.products.create({ name: "B" });
    const p1 = await stripe.prices.create({ product: a.id, currency: "usd", unit_amount: 100, recurring: { interval: "year" } });
    const p2 = await stripe.prices.create({ product: a.id, currency: "usd", unit_amount: 200, lookup_key: "a_once" });
    const p3 = await stripe.prices.create({ product: b.id, currency: "gbp", unit_amount: 300, recurring: { interval: "week" }, active: false });
    expect((await stripe.prices.list()).data.map((p) => p.id)).toEqual([p3.id, p2.id, p1.id]);
    expect((await stripe.prices.list({ product: a.id })).data.map((p) => p.id)).toEqual([p2.id, p1.id]);
    expect((await stripe.prices.list({ active: true, type: "recurring" })).data.map((p) => p.id)).toEqual([p1.id]);
    expect((await stripe.prices.list({ currency: "gbp" })).data.map((p) => p.id)).toEqual([p3.id]);
    expect((await stripe.prices.list({ lookup_keys: ["a_once"] })).data.map((p) => p.id)).toEqual([p2.id]);
    const paged: string[] = [];
    for await (const p of stripe.prices.list({ limit: 1 })) paged.push(p.id);
    expect(paged).toEqual([p3.id, p2.id, p1.id]);
  });

  test("Stripe's 4xx for bad prices, never a 5xx", async () => {
    const { stripe, snapshot } = openWorld();
    const noProduct = await stripe.prices.create({ currency: "usd", unit_amount: 100 }).catch((e) => e);
    expect(noProduct).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(noProduct).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "product" });
    const unknown = await stripe.prices.create({ product: "prod_nope", currency: "usd", unit_amount: 100 }).catch((e) => e);
    expect(unknown).toMatchObject({ statusCode: 404, code: "resource_missing", param: "product" });
    const product = await stripe.products.create({ name: "X" });
    const noAmount = await stripe.prices.create({ product: product.id, currency: "usd" }).catch((e) => e);
    expect(noAmount).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "unit_amount" });
    const badAmount = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: "ten" as never }).catch((e) => e);
    expect(badAmount).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "unit_amount" });
    const badInterval = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 5, recurring: { interval: "fortnight" as never } }).catch((e) => e);
    expect(badInterval).toMatchObject({ statusCode: 400, param: "recurring[interval]" });
    const tooLong = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 5, recurring: { interval: "month", interval_count: 13 } }).catch((e) => e);
    expect(tooLong).toMatchObject({ statusCode: 400, param: "recurring[interval_count]" });
    const currency = await stripe.prices.create({ product: product.id, currency: "zzz", unit_amount: 5 }).catch((e) => e);
    expect(currency).toMatchObject({ statusCode: 400, code: "parameter_invalid_string", param: "currency" });
    // product_data with a bad price creates no product.
    await stripe.prices.create({ product_data: { name: "Ghost" }, currency: "usd" } as never).catch((e) => e);
    expect(snapshot().products.map((p: any) => p.name)).toEqual(["X"]);
    expect(await stripe.prices.retrieve("price_nope").catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("prices through MCP", () => {
  test("every price tool, and the generic tools by OpenAPI id", async () => {
    const world = openWorld();
    const created = await world.tool("create_price", { product_data: { name: "Basic" }, currency: "usd", unit_amount: 900, recurring: { interval: "month" } });
    expect(created).toMatchObject({ isError: false, json: { object: "price", unit_amount: 900, type: "recurring" } });
    const id = created.json.id;
    expect((await world.tool("retrieve_price", { id })).json.id).toBe(id);
    expect((await world.tool("update_price", { id, nickname: "basic" })).json.nickname).toBe("basic");
    expect((await world.tool("list_prices", { product: created.json.product })).json.data.map((p: any) => p.id)).toEqual([id]);
    const bad = await world.tool("create_price", { product: created.json.product, currency: "usd", unit_amount: -5 });
    expect(bad).toMatchObject({ isError: true, json: { error: { type: "invalid_request_error", param: "unit_amount" } } });
    const write = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostPrices", parameters: { product: created.json.product, currency: "usd", unit_amount: 100 } });
    expect(write.json).toMatchObject({ object: "price", type: "one_time" });
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetPricesPrice", parameters: { price: write.json.id } })).json.id).toBe(write.json.id);
    expect((await world.tool("stripe_api_write", { stripe_api_operation_id: "PostPricesPrice", parameters: { price: write.json.id, active: false } })).json.active).toBe(false);
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetPrices", parameters: { active: true } })).json.data.map((p: any) => p.id)).toEqual([id]);
  });
});
