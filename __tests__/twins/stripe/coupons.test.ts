import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

describe("coupons through stripe-node", () => {
  test("percent_off and amount_off coupons; retrieve; delete answers deleted and then 404", async () => {
    const { stripe, snapshot } = openWorld();
    const pct = await stripe.coupons.create({ percent_off: 25, duration: "repeating", duration_in_months: 3, name: "Quarter off" }, { idempotencyKey: "c-1" });
    expect(pct).toMatchObject({ object: "coupon", percent_off: 25, amount_off: null, currency: null, duration: "repeating", duration_in_months: 3, name: "Quarter off", valid: true, times_redeemed: 0 });
    expect(pct.id).toMatch(/^[A-Za-z0-9]{8}$/);
    const flat = await stripe.coupons.create({ id: "WELCOME5", amount_off: 500, currency: "usd", duration: "forever" });
    expect(flat).toMatchObject({ id: "WELCOME5", amount_off: 500, currency: "usd", percent_off: null, duration: "forever", duration_in_months: null });
    expect((await stripe.coupons.retrieve("WELCOME5")).amount_off).toBe(500);
    const deleted = await stripe.coupons.del("WELCOME5");
    expect(deleted).toMatchObject({ id: "WELCOME5", object: "coupon", deleted: true });
    const gone = await stripe.coupons.retrieve("WELCOME5").catch((e) => e);
    expect(gone).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(gone).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(gone.raw.message).toBe("No such coupon: 'WELCOME5'");
    expect(snapshot().coupons).toEqual([expect.objectContaining({ id: pct.id }), expect.objectContaining({ id: "WELCOME5", deleted: true })]);
    expect(snapshot().events.map((e: any) => e.type)).toEqual(["coupon.created", "coupon.created", "coupon.deleted"]);
  });

  test("list is newest first without deleted coupons, and pages with for await", async () => {
    const { stripe } = openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await stripe.coupons.create({ percent_off: 10 + i })).id);
    await stripe.coupons.del(ids[1]!);
    const page = await stripe.coupons.list({ limit: 2 });
    expect(page).toMatchObject({ object: "list", has_more: true, url: "/v1/coupons" });
    const all: string[] = [];
    for await (const c of stripe.coupons.list({ limit: 2 })) all.push(c.id);
    expect(all).toEqual([ids[3], ids[2], ids[0]]);
  });

  test("Stripe's 4xx for bad coupons", async () => {
    const { stripe } = openWorld();
    expect(await stripe.coupons.create({ duration: "once" }).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing" });
    expect(await stripe.coupons.create({ amount_off: 100 }).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "currency" });
    expect(await stripe.coupons.create({ percent_off: 10, duration: "repeating" }).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "duration_in_months" });
    expect(await stripe.coupons.create({ percent_off: 150 }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "percent_off" });
    expect(await stripe.coupons.create({ percent_off: 10, amount_off: 5, currency: "usd" }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "amount_off" });
    expect(await stripe.coupons.create({ percent_off: 10, duration: "weekly" as never }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "duration" });
    await stripe.coupons.create({ id: "TAKEN", percent_off: 5 });
    expect(await stripe.coupons.create({ id: "TAKEN", percent_off: 5 }).catch((e) => e)).toMatchObject({ statusCode: 400, code: "resource_already_exists" });
    expect(await stripe.coupons.del("NOPE").catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });
});

describe("coupons through MCP", () => {
  test("every coupon tool, and the generic tools by OpenAPI id", async () => {
    const world = openWorld();
    const created = await world.tool("create_coupon", { percent_off: 50, duration: "once" });
    expect(created).toMatchObject({ isError: false, json: { object: "coupon", percent_off: 50 } });
    const id = created.json.id;
    expect((await world.tool("retrieve_coupon", { id })).json.id).toBe(id);
    expect((await world.tool("list_coupons", {})).json.data.map((c: any) => c.id)).toEqual([id]);
    expect((await world.tool("delete_coupon", { id })).json).toMatchObject({ id, deleted: true });
    expect(await world.tool("retrieve_coupon", { id })).toMatchObject({ isError: true, json: { error: { code: "resource_missing" } } });
    const write = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostCoupons", parameters: { id: "G1", amount_off: 100, currency: "eur" } });
    expect(write.json).toMatchObject({ id: "G1", currency: "eur" });
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetCouponsCoupon", parameters: { coupon: "G1" } })).json.id).toBe("G1");
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetCoupons", parameters: {} })).json.data).toHaveLength(1);
    expect((await world.tool("stripe_api_write", { stripe_api_operation_id: "DeleteCouponsCoupon", parameters: { coupon: "G1" } })).json.deleted).toBe(true);
  });
});
