import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

const SEED = {
  customers: [
    { id: "cus_good", email: "good@x.io", name: "Good", invoice_settings: { default_payment_method: "pm_good" } },
    { id: "cus_bad", email: "bad@x.io", invoice_settings: { default_payment_method: "pm_bad" } },
    { id: "cus_none", email: "none@x.io" },
  ],
  payment_methods: [
    { id: "pm_good", customer: "cus_good", test_card: "pm_card_visa" },
    { id: "pm_bad", customer: "cus_bad", test_card: "pm_card_chargeDeclinedInsufficientFunds" },
  ],
  products: [{ id: "prod_pro", name: "Pro" }],
  prices: [{ id: "price_pro", product: "prod_pro", unit_amount: 3000, recurring: { interval: "month" } }],
  coupons: [{ id: "HALF", percent_off: 50, duration: "forever" }],
  subscriptions: [
    { id: "sub_good", customer: "cus_good", items: [{ price: "price_pro" }], created: 1_700_000_000 },
    { id: "sub_bad", customer: "cus_bad", items: [{ price: "price_pro", quantity: 2 }], created: 1_700_000_000 },
  ],
};

describe("invoices through stripe-node", () => {
  test("create a draft for a subscription (idempotently), finalize it (numbered, open), pay it; retrieve expands customer", async () => {
    const { stripe, snapshot } = openWorld(SEED);
    const draft = await stripe.invoices.create({ customer: "cus_good", subscription: "sub_good", description: "Catch-up" }, { idempotencyKey: "inv-1" });
    expect(draft).toMatchObject({ object: "invoice", status: "draft", customer: "cus_good", number: null, amount_due: 3000, subtotal: 3000, total: 3000, billing_reason: "manual", description: "Catch-up" });
    expect(draft.id).toMatch(/^in_[A-Za-z0-9]{24}$/);
    expect(draft.parent?.subscription_details?.subscription).toBe("sub_good");
    expect(draft.lines.data).toEqual([expect.objectContaining({ object: "line_item", amount: 3000, quantity: 1 })]);
    const replay = await stripe.invoices.create({ customer: "cus_good", subscription: "sub_good", description: "Catch-up" }, { idempotencyKey: "inv-1" });
    expect(replay.id).toBe(draft.id);
    expect(snapshot().invoices).toHaveLength(1);

    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open).toMatchObject({ status: "open", number: "GOOD-0001", amount_remaining: 3000 });
    expect(open.status_transitions.finalized_at).toBeTypeOf("number");
    expect(open.hosted_invoice_url).toContain(draft.id);
    const paid = await stripe.invoices.pay(draft.id);
    expect(paid).toMatchObject({ status: "paid", amount_paid: 3000, amount_remaining: 0, attempt_count: 1, attempted: true });
    const withCustomer = await stripe.invoices.retrieve(draft.id, { expand: ["customer"] });
    expect(withCustomer.customer).toMatchObject({ object: "customer", id: "cus_good", email: "good@x.io" });
    expect(withCustomer).toMatchObject({ customer_email: "good@x.io", customer_name: "Good" });
    expect(snapshot().events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_succeeded", "payment_intent.succeeded"]));
    expect(snapshot().payment_intents[0]).toMatchObject({ amount: 3000, customer: "cus_good", status: "succeeded" });
  });

  test("a declined payment is a 402 card_error with invoice.payment_failed; the invoice stays open and counts the attempt", async () => {
    const { stripe, snapshot } = openWorld(SEED);
    const draft = await stripe.invoices.create({ customer: "cus_bad", subscription: "sub_bad" });
    expect(draft.amount_due).toBe(6000);
    // Paying a draft finalizes it first.
    const error = await stripe.invoices.pay(draft.id).catch((e) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(error).toMatchObject({ statusCode: 402, type: "StripeCardError", code: "card_declined", decline_code: "insufficient_funds" });
    const after = await stripe.invoices.retrieve(draft.id);
    expect(after).toMatchObject({ status: "open", attempt_count: 1, attempted: true, amount_paid: 0, amount_remaining: 6000 });
    const failed = snapshot().events.filter((e: any) => e.type === "invoice.payment_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0].data.object).toMatchObject({ id: draft.id, status: "open" });
    const outOfBand = await stripe.invoices.pay(draft.id, { paid_out_of_band: true });
    expect(outOfBand).toMatchObject({ status: "paid", amount_remaining: 0 });
  });

  test("coupons in discounts reduce a manual invoice; an invoice with nothing due is paid when finalized", async () => {
    const { stripe } = openWorld(SEED);
    const discounted = await stripe.invoices.create({ customer: "cus_good", subscription: "sub_good", discounts: [{ coupon: "HALF" }], expand: ["discounts"] });
    expect(discounted).toMatchObject({ subtotal: 3000, total: 1500, amount_due: 1500 });
    expect(discounted.total_discount_amounts).toEqual([{ amount: 1500, discount: expect.stringMatching(/^di_/) }]);
    expect(discounted.discounts[0]).toMatchObject({ object: "discount", source: { coupon: { id: "HALF" } } });
    const empty = await stripe.invoices.create({ customer: "cus_none", currency: "eur" });
    expect(empty).toMatchObject({ status: "draft", amount_due: 0, currency: "eur", parent: null, lines: { data: [] } });
    expect(await stripe.invoices.finalizeInvoice(empty.id)).toMatchObject({ status: "paid", amount_paid: 0 });
  });

  test("list by customer, subscription and status, newest first, paged with for await", async () => {
    const { stripe } = openWorld(SEED);
    const a = await stripe.invoices.create({ customer: "cus_good", subscription: "sub_good" });
    const b = await stripe.invoices.create({ customer: "cus_bad", subscription: "sub_bad" });
    const c = await stripe.invoices.create({ customer: "cus_good" });
    await stripe.invoices.finalizeInvoice(a.id);
    expect((await stripe.invoices.list()).data.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect((await stripe.invoices.list({ customer: "cus_good" })).data.map((i) => i.id)).toEqual([c.id, a.id]);
    expect((await stripe.invoices.list({ subscription: "sub_bad" })).data.map((i) => i.id)).toEqual([b.id]);
    expect((await stripe.invoices.list({ status: "open" })).data.map((i) => i.id)).toEqual([a.id]);
    const all: string[] = [];
    for await (const i of stripe.invoices.list({ limit: 2 })) all.push(i.id);
    expect(all).toEqual([c.id, b.id, a.id]);
    expect(await stripe.invoices.list({ status: "pending" as never }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "status" });
  });

  test("Stripe's 4xx for bad invoice requests, never a 5xx", async () => {
    const { stripe } = openWorld(SEED);
    expect(await stripe.invoices.create({} as never).catch((e) => e)).toMatchObject({ statusCode: 400, code: "parameter_missing", param: "customer" });
    expect(await stripe.invoices.create({ customer: "cus_nope" }).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing", param: "customer" });
    expect(await stripe.invoices.create({ customer: "cus_good", subscription: "sub_nope" }).catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing", param: "subscription" });
    expect(await stripe.invoices.create({ customer: "cus_good", subscription: "sub_bad" }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "subscription" });
    expect(await stripe.invoices.retrieve("in_nope").catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing" });
    const inv = await stripe.invoices.create({ customer: "cus_good", subscription: "sub_good" });
    await stripe.invoices.pay(inv.id);
    expect(await stripe.invoices.finalizeInvoice(inv.id).catch((e) => e)).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError" });
    const twice = await stripe.invoices.pay(inv.id).catch((e) => e);
    expect(twice).toMatchObject({ statusCode: 400 });
    expect(twice.raw.message).toBe("Invoice is already paid");
    const open = await stripe.invoices.create({ customer: "cus_good", subscription: "sub_good" });
    const unknownPm = await stripe.invoices.pay(open.id, { payment_method: "pm_nope" }).catch((e) => e);
    expect(unknownPm).toMatchObject({ statusCode: 404, code: "resource_missing", param: "payment_method" });
    const foreignPm = await stripe.invoices.pay(open.id, { payment_method: "pm_bad" }).catch((e) => e);
    expect(foreignPm).toMatchObject({ statusCode: 400, param: "payment_method" });
    expect((await stripe.invoices.retrieve(open.id)).status).toBe("draft");
  });
});

describe("invoices through MCP", () => {
  test("every invoice tool, and the generic tools by OpenAPI id", async () => {
    const world = openWorld(SEED);
    const created = await world.tool("create_invoice", { customer: "cus_good", subscription: "sub_good" });
    expect(created).toMatchObject({ isError: false, json: { object: "invoice", status: "draft", amount_due: 3000 } });
    const id = created.json.id;
    expect((await world.tool("retrieve_invoice", { id })).json.id).toBe(id);
    expect((await world.tool("finalize_invoice", { id })).json.status).toBe("open");
    expect((await world.tool("pay_invoice", { id })).json.status).toBe("paid");
    expect((await world.tool("list_invoices", { customer: "cus_good" })).json.data.map((i: any) => i.id)).toEqual([id]);
    const declined = await world.tool("create_invoice", { customer: "cus_bad", subscription: "sub_bad" });
    const failure = await world.tool("pay_invoice", { id: declined.json.id });
    expect(failure).toMatchObject({ isError: true, json: { error: { type: "card_error", code: "card_declined", decline_code: "insufficient_funds" } } });

    const write = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostInvoices", parameters: { customer: "cus_good", subscription: "sub_good" } });
    const invId = write.json.id;
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetInvoicesInvoice", parameters: { invoice: invId } })).json.id).toBe(invId);
    expect((await world.tool("stripe_api_write", { stripe_api_operation_id: "PostInvoicesInvoiceFinalize", parameters: { invoice: invId } })).json.status).toBe("open");
    expect((await world.tool("stripe_api_write", { stripe_api_operation_id: "PostInvoicesInvoicePay", parameters: { invoice: invId } })).json.status).toBe("paid");
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetInvoices", parameters: { status: "paid" } })).json.data).toHaveLength(2);
  });
});
