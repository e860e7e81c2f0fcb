import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

const RENEW = "/v1/test_helpers/subscriptions/{id}/renew";

/** A customer whose default payment method is the card of `token`, and a monthly $20 price. */
async function billable(stripe: Stripe, token = "tok_visa") {
  const pm = await stripe.paymentMethods.create({ type: "card", card: { token } });
  const customer = await stripe.customers.create({ email: "sub@x.io", payment_method: pm.id, invoice_settings: { default_payment_method: pm.id } });
  const price = await stripe.prices.create({ product_data: { name: "Pro" }, currency: "usd", unit_amount: 2000, recurring: { interval: "month" } });
  return { customer, price, pm };
}

describe("subscriptions through stripe-node", () => {
  test("create charges the first invoice at once: active, a paid invoice, a PaymentIntent and its charge", async () => {
    const { stripe, snapshot } = openWorld();
    const { customer, price } = await billable(stripe);
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: 2 }], expand: ["latest_invoice"] });
    expect(sub).toMatchObject({ object: "subscription", customer: customer.id, status: "active", currency: "usd", cancel_at_period_end: false, canceled_at: null, ended_at: null });
    expect(sub.id).toMatch(/^sub_[A-Za-z0-9]{24}$/);
    const item = sub.items.data[0]!;
    expect(item).toMatchObject({ object: "subscription_item", quantity: 2, price: { id: price.id, object: "price" }, plan: { id: price.id, amount: 2000, interval: "month" } });
    expect(item.current_period_end - item.current_period_start).toBeGreaterThanOrEqual(28 * 86400);
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ object: "invoice", status: "paid", amount_due: 4000, amount_paid: 4000, amount_remaining: 0, billing_reason: "subscription_create", attempt_count: 1 });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(invoice.lines.data[0]).toMatchObject({ amount: 4000, quantity: 2, pricing: { price_details: { price: price.id } } });
    const state = snapshot();
    expect(state.payment_intents).toEqual([expect.objectContaining({ amount: 4000, customer: customer.id, status: "succeeded", description: "Subscription creation" })]);
    expect(state.charges).toEqual([expect.objectContaining({ amount: 4000, status: "succeeded" })]);
    expect(state.invoices[0].payments.data[0]).toMatchObject({ status: "paid", amount_paid: 4000, payment: { type: "payment_intent", payment_intent: state.payment_intents[0].id } });
    const types = state.events.map((e: any) => e.type);
    for (const t of ["customer.subscription.created", "invoice.created", "invoice.finalized", "invoice.paid", "customer.subscription.updated", "charge.succeeded"]) expect(types).toContain(t);
    expect(state.subscriptions[0]).toMatchObject({ id: sub.id, status: "active", latest_invoice: invoice.id });
  });

  test("a declined first payment leaves the subscription incomplete with an open invoice; paying it with a good card activates it", async () => {
    const { stripe, snapshot } = openWorld();
    const { customer, price } = await billable(stripe, "tok_chargeDeclined");
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    expect(sub.status).toBe("incomplete");
    const invoice = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({ status: "open", amount_remaining: 2000, attempt_count: 1, attempted: true });
    expect(snapshot().events.map((e: any) => e.type)).toContain("invoice.payment_failed");
    const good = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_mastercard" } });
    await stripe.paymentMethods.attach(good.id, { customer: customer.id });
    const paid = await stripe.invoices.pay(invoice.id, { payment_method: good.id });
    expect(paid).toMatchObject({ status: "paid", amount_paid: 2000, attempt_count: 2 });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  test("default_payment_method on the subscription is charged instead of the customer's", async () => {
    const { stripe } = openWorld();
    const { customer, price } = await billable(stripe);
    const declining = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_chargeDeclinedInsufficientFunds" } });
    await stripe.paymentMethods.attach(declining.id, { customer: customer.id });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: declining.id });
    expect(sub).toMatchObject({ status: "incomplete", default_payment_method: declining.id });
  });

  test("renewal (pome's helper): a paid renewal keeps it active; a declined renewal makes it past_due; paying brings it back", async () => {
    const { stripe, snapshot } = openWorld();
    const { customer, price } = await billable(stripe);
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const firstEnd = sub.items.data[0]!.current_period_end;
    const renewed: any = await stripe.rawRequest("POST", RENEW.replace("{id}", sub.id), {});
    expect(renewed).toMatchObject({ id: sub.id, status: "active" });
    expect(renewed.items.data[0].current_period_start).toBe(firstEnd);
    const cycle = await stripe.invoices.retrieve(renewed.latest_invoice);
    expect(cycle).toMatchObject({ status: "paid", billing_reason: "subscription_cycle", amount_paid: 2000, period_end: firstEnd });

    const declining = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_chargeDeclined" } });
    await stripe.paymentMethods.attach(declining.id, { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: declining.id } });
    const failed: any = await stripe.rawRequest("POST", RENEW.replace("{id}", sub.id), {});
    expect(failed.status).toBe("past_due");
    const open = await stripe.invoices.retrieve(failed.latest_invoice);
    expect(open).toMatchObject({ status: "open", attempt_count: 1, amount_remaining: 2000 });
    expect(open.next_payment_attempt).toBeGreaterThan(open.created);
    const updates = snapshot().events.filter((e: any) => e.type === "customer.subscription.updated");
    expect(updates.at(-1).data).toMatchObject({ object: { status: "past_due" }, previous_attributes: { status: "active" } });

    const error = await stripe.invoices.pay(open.id).catch((e) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, code: "card_declined", decline_code: "generic_decline" });
    expect((await stripe.invoices.retrieve(open.id)).attempt_count).toBe(2);
    const good = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_visa" } });
    await stripe.paymentMethods.attach(good.id, { customer: customer.id });
    await stripe.invoices.pay(open.id, { payment_method: good.id });
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe("active");
  });

  test("a seeded customer whose card declines: the renewal puts the seeded subscription past_due", async () => {
    const { stripe, snapshot } = openWorld({
      customers: [{ id: "cus_decline", email: "d@x.io", invoice_settings: { default_payment_method: "pm_decline" } }],
      payment_methods: [{ id: "pm_decline", customer: "cus_decline", test_card: "pm_card_chargeDeclined" }],
      products: [{ id: "prod_pro", name: "Pro" }],
      prices: [{ id: "price_pro", product: "prod_pro", unit_amount: 900, recurring: { interval: "month" } }],
      subscriptions: [{ id: "sub_seeded", customer: "cus_decline", items: [{ price: "price_pro" }], current_period_start: 1_700_000_000 }],
    });
    expect(snapshot().subscriptions[0]).toMatchObject({ id: "sub_seeded", status: "active", items: { data: [{ current_period_start: 1_700_000_000, current_period_end: 1_702_592_000 }] } });
    const renewed: any = await stripe.rawRequest("POST", RENEW.replace("{id}", "sub_seeded"), {});
    expect(renewed.status).toBe("past_due");
    expect(snapshot().invoices).toEqual([expect.objectContaining({ status: "open", amount_due: 900, customer: "cus_decline", period_start: 1_700_000_000, period_end: 1_702_592_000 })]);
    expect((await stripe.subscriptions.list({ status: "past_due" })).data.map((s) => s.id)).toEqual(["sub_seeded"]);
  });

  test("coupons: forever percent_off discounts every invoice, `once` only the first", async () => {
    const { stripe, snapshot } = openWorld();
    const { customer, price } = await billable(stripe);
    const forever = await stripe.coupons.create({ percent_off: 20, duration: "forever" });
    const once = await stripe.coupons.create({ amount_off: 500, currency: "usd", duration: "once" });
    const a = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], discounts: [{ coupon: forever.id }], expand: ["latest_invoice", "discounts"] });
    expect((a.latest_invoice as Stripe.Invoice)).toMatchObject({ subtotal: 2000, total: 1600, amount_paid: 1600 });
    expect(a.discounts[0]).toMatchObject({ object: "discount", source: { coupon: { id: forever.id } }, subscription: a.id });
    const b = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], coupon: once.id } as Stripe.SubscriptionCreateParams);
    expect((await stripe.invoices.retrieve(b.latest_invoice as string)).total).toBe(1500);
    expect(b.discounts).toEqual([]);
    const bRenewed: any = await stripe.rawRequest("POST", RENEW.replace("{id}", b.id), {});
    expect((await stripe.invoices.retrieve(bRenewed.latest_invoice)).total).toBe(2000);
    const aRenewed: any = await stripe.rawRequest("POST", RENEW.replace("{id}", a.id), {});
    expect((await stripe.invoices.retrieve(aRenewed.latest_invoice)).total).toBe(1600);
    expect(snapshot().coupons.map((c: any) => c.times_redeemed)).toEqual([1, 1]);
    const unknown = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], discounts: [{ coupon: "NOPE" }] }).catch((e) => e);
    expect(unknown).toMatchObject({ statusCode: 404, code: "resource_missing", param: "discounts[0][coupon]" });
  });

  test("update: cancel_at_period_end ends it at the renewal; items change price; cancel ends it at once", async () => {
    const { stripe, snapshot } = openWorld();
    const { customer, price } = await billable(stripe);
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], metadata: { plan: "pro" } });
    const flagged = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true, metadata: { reason: "too pricey" } });
    expect(flagged).toMatchObject({ cancel_at_period_end: true, cancel_at: sub.items.data[0]!.current_period_end, status: "active", metadata: { plan: "pro", reason: "too pricey" } });
    const ended: any = await stripe.rawRequest("POST", RENEW.replace("{id}", sub.id), {});
    expect(ended).toMatchObject({ status: "canceled", ended_at: sub.items.data[0]!.current_period_end });
    expect(snapshot().events.map((e: any) => e.type)).toContain("customer.subscription.deleted");

    const bigger = await stripe.prices.create({ product: price.product as string, currency: "usd", unit_amount: 5000, recurring: { interval: "month" } });
    const other = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    const changed = await stripe.subscriptions.update(other.id, { items: [{ id: other.items.data[0]!.id, price: bigger.id }], proration_behavior: "none" });
    expect(changed.items.data).toHaveLength(1);
    expect(changed.items.data[0]!.price.id).toBe(bigger.id);
    const canceled = await stripe.subscriptions.cancel(other.id, { cancellation_details: { comment: "moving" } });
    expect(canceled).toMatchObject({ status: "canceled", cancellation_details: { comment: "moving", reason: "cancellation_requested" } });
    expect(canceled.canceled_at).toBeTypeOf("number");
    expect(canceled.ended_at).toBe(canceled.canceled_at);
    const again = await stripe.subscriptions.update(other.id, { cancel_at_period_end: true }).catch((e) => e);
    expect(again).toMatchObject({ statusCode: 400 });
    expect(await stripe.subscriptions.cancel(other.id).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
  });

  test("list: newest first, canceled only when asked, by customer and price, paged with for await", async () => {
    const { stripe } = openWorld();
    const { customer, price } = await billable(stripe);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] })).id);
    await stripe.subscriptions.cancel(ids[0]!);
    expect((await stripe.subscriptions.list()).data.map((s) => s.id)).toEqual([ids[2], ids[1]]);
    expect((await stripe.subscriptions.list({ status: "all" })).data.map((s) => s.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await stripe.subscriptions.list({ status: "canceled", customer: customer.id, price: price.id })).data.map((s) => s.id)).toEqual([ids[0]]);
    const all: string[] = [];
    for await (const s of stripe.subscriptions.list({ status: "all", limit: 1 })) all.push(s.id);
    expect(all).toEqual([ids[2], ids[1], ids[0]]);
  });

  test("Stripe's 4xx: missing params, unknown ids, one-time prices, no payment method; never a 5xx", async () => {
    const { stripe, snapshot } = openWorld();
    const { customer, price } = await billable(stripe);
    expect(await stripe.subscriptions.create({ items: [{ price: price.id }] } as never).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "customer" });
    expect(await stripe.subscriptions.create({ customer: customer.id } as never).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "items" });
    expect(await stripe.subscriptions.create({ customer: customer.id, items: [{ quantity: 2 }] } as never).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "items[0][price]" });
    expect(await stripe.subscriptions.create({ customer: "cus_nope", items: [{ price: price.id }] }).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing", param: "customer" });
    expect(await stripe.subscriptions.create({ customer: customer.id, items: [{ price: "price_nope" }] }).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing", param: "items[0][price]" });
    const oneTime = await stripe.prices.create({ product: price.product as string, currency: "usd", unit_amount: 100 });
    expect(await stripe.subscriptions.create({ customer: customer.id, items: [{ price: oneTime.id }] }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "items[0][price]" });
    expect(await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id, quantity: "two" as never }] }).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "items[0][quantity]" });
    const bare = await stripe.customers.create({ email: "nocard@x.io" });
    const noPm = await stripe.subscriptions.create({ customer: bare.id, items: [{ price: price.id }] }).catch((e) => e);
    expect(noPm).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    expect(noPm.message).toMatch(/no attached payment source or default payment method/);
    expect(await stripe.subscriptions.retrieve("sub_nope").catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
    expect(snapshot().subscriptions).toEqual([]);
  });
});

describe("subscriptions through MCP", () => {
  test("every subscription tool, the renewal helper, and the generic tools by OpenAPI id", async () => {
    const world = openWorld({
      customers: [{ id: "cus_m", invoice_settings: { default_payment_method: "pm_m" } }],
      payment_methods: [{ id: "pm_m", customer: "cus_m", test_card: "pm_card_visa" }],
      products: [{ id: "prod_m", name: "M" }],
      prices: [{ id: "price_m", product: "prod_m", unit_amount: 1000, recurring: { interval: "year" } }],
    });
    const created = await world.tool("create_subscription", { customer: "cus_m", items: [{ price: "price_m" }] });
    expect(created).toMatchObject({ isError: false, json: { object: "subscription", status: "active" } });
    const id = created.json.id;
    expect((await world.tool("retrieve_subscription", { id, expand: ["latest_invoice"] })).json.latest_invoice).toMatchObject({ status: "paid" });
    expect((await world.tool("update_subscription", { id, description: "yearly" })).json.description).toBe("yearly");
    expect((await world.tool("list_subscriptions", { customer: "cus_m" })).json.data.map((s: any) => s.id)).toEqual([id]);
    const renewed = await world.tool("simulate_subscription_renewal", { id });
    expect(renewed.json.items.data[0].current_period_start).toBe(created.json.items.data[0].current_period_end);
    expect((await world.tool("cancel_subscription", { id })).json.status).toBe("canceled");
    expect(await world.tool("retrieve_subscription", { id: "sub_x" })).toMatchObject({ isError: true, json: { error: { code: "resource_missing" } } });

    const write = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostSubscriptions", parameters: { customer: "cus_m", items: [{ price: "price_m" }] } });
    const subId = write.json.id;
    const read = await world.tool("stripe_api_read", { stripe_api_operation_id: "GetSubscriptionsSubscriptionExposedId", parameters: { subscription_exposed_id: subId } });
    expect(read.json.id).toBe(subId);
    const upd = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostSubscriptionsSubscriptionExposedId", parameters: { subscription_exposed_id: subId, cancel_at_period_end: true } });
    expect(upd.json.cancel_at_period_end).toBe(true);
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetSubscriptions", parameters: {} })).json.data.map((s: any) => s.id)).toEqual([subId]);
    const del = await world.tool("stripe_api_write", { stripe_api_operation_id: "DeleteSubscriptionsSubscriptionExposedId", parameters: { subscription_exposed_id: subId } });
    expect(del.json.status).toBe("canceled");
  });
});
