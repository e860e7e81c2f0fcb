import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

/** A payment on Stripe's dispute test card: it succeeds, then the bank disputes it. */
async function disputedPayment(stripe: Stripe, amount = 5000) {
  const pi = await stripe.paymentIntents.create({ amount, currency: "usd", payment_method: "pm_card_createDispute", confirm: true });
  const [dispute] = (await stripe.disputes.list({ payment_intent: pi.id })).data;
  return { pi, dispute: dispute! };
}

describe("disputes through stripe-node", () => {
  test("the dispute card's charge is disputed: the dispute, the charge, the balance and the events", async () => {
    const { stripe, snapshot } = openWorld();
    const { pi, dispute } = await disputedPayment(stripe);
    expect(pi.status).toBe("succeeded");
    expect(dispute).toMatchObject({ object: "dispute", amount: 5000, currency: "usd", charge: pi.latest_charge, payment_intent: pi.id, reason: "fraudulent", status: "needs_response", is_charge_refundable: false });
    expect(dispute.id).toMatch(/^dp_[A-Za-z0-9]{24}$/);
    expect(dispute.evidence.uncategorized_text).toBeNull();
    expect(dispute.evidence_details).toMatchObject({ has_evidence: false, submission_count: 0 });
    expect((await stripe.charges.retrieve(pi.latest_charge as string)).disputed).toBe(true);
    const [txn] = dispute.balance_transactions as unknown as string[];
    expect(await stripe.balanceTransactions.retrieve(txn!)).toMatchObject({ amount: -5000, fee: 1500, net: -6500, type: "adjustment", reporting_category: "dispute" });
    expect(snapshot().events.map((e: any) => e.type).slice(-2)).toEqual(["charge.dispute.created", "charge.dispute.funds_withdrawn"]);
    expect((await stripe.disputes.retrieve(dispute.id)).id).toBe(dispute.id);
  });

  test("a disputed charge cannot be refunded", async () => {
    const { stripe } = openWorld();
    const { pi } = await disputedPayment(stripe);
    const refused = await stripe.refunds.create({ payment_intent: pi.id }).catch((e) => e);
    expect(refused).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(refused).toMatchObject({ statusCode: 400, code: "charge_disputed" });
  });

  test("evidence is staged, then submitted; Stripe's test evidence decides it", async () => {
    const { stripe, snapshot } = openWorld();
    const { dispute } = await disputedPayment(stripe);
    const staged = await stripe.disputes.update(dispute.id, { evidence: { customer_name: "Jo Doe", product_description: "Annual plan" }, submit: false });
    expect(staged).toMatchObject({ status: "needs_response", evidence: { customer_name: "Jo Doe" }, evidence_details: { has_evidence: true, submission_count: 0 } });
    const won = await stripe.disputes.update(dispute.id, { evidence: { uncategorized_text: "winning_evidence" }, metadata: { case: "42" } });
    expect(won).toMatchObject({ status: "won", metadata: { case: "42" }, evidence: { customer_name: "Jo Doe", uncategorized_text: "winning_evidence" }, evidence_details: { submission_count: 1 } });
    expect(won.balance_transactions).toHaveLength(2);
    expect(snapshot().events.map((e: any) => e.type).slice(-4)).toEqual(["charge.dispute.updated", "charge.dispute.updated", "charge.dispute.funds_reinstated", "charge.dispute.closed"]);
    expect(await stripe.disputes.update(dispute.id, { evidence: { customer_name: "x" } }).catch((e) => e)).toMatchObject({ statusCode: 400, param: "dispute" });

    const other = (await disputedPayment(stripe, 1200)).dispute;
    expect((await stripe.disputes.update(other.id, { evidence: { uncategorized_text: "losing_evidence" } })).status).toBe("lost");
    const third = (await disputedPayment(stripe, 700)).dispute;
    expect((await stripe.disputes.update(third.id, { evidence: { receipt: "file_123" } })).status).toBe("under_review");
  });

  test("closing accepts the loss; a closed dispute cannot be closed again", async () => {
    const { stripe } = openWorld();
    const { dispute } = await disputedPayment(stripe);
    expect(await stripe.disputes.close(dispute.id)).toMatchObject({ id: dispute.id, status: "lost" });
    expect(await stripe.disputes.close(dispute.id).catch((e) => e)).toMatchObject({ statusCode: 400 });
  });

  test("list filters by charge and pages with for await; Stripe's 4xx for bad input", async () => {
    const { stripe } = openWorld();
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await disputedPayment(stripe, 1000 + i)).dispute);
    const seen: string[] = [];
    for await (const d of stripe.disputes.list({ limit: 2 })) seen.push(d.id);
    expect(seen).toEqual(made.map((d) => d.id).reverse());
    expect((await stripe.disputes.list({ charge: made[0]!.charge as string })).data.map((d) => d.id)).toEqual([made[0]!.id]);
    expect(await stripe.disputes.retrieve("dp_missing").catch((e) => e)).toMatchObject({ statusCode: 404, code: "resource_missing", param: "dispute" });
    const unknown = await stripe.disputes.update(made[0]!.id, { evidence: { favourite_colour: "blue" } as never }).catch((e) => e);
    expect(unknown).toMatchObject({ statusCode: 400, code: "parameter_unknown", param: "evidence[favourite_colour]" });
  });

  test("seeded disputes on seeded charges; a dispute on a charge the seed lacks is refused", async () => {
    const { stripe } = openWorld({
      charges: [{ id: "ch_seeded", amount: 4200, currency: "usd", status: "succeeded", captured: true, amount_captured: 4200 }],
      disputes: [{ id: "dp_seeded", charge: "ch_seeded", reason: "product_not_received" }],
    });
    expect(await stripe.disputes.retrieve("dp_seeded")).toMatchObject({ amount: 4200, reason: "product_not_received", status: "needs_response", charge: "ch_seeded" });
    expect((await stripe.charges.retrieve("ch_seeded")).disputed).toBe(true);
    expect(() => openWorld({ disputes: [{ charge: "ch_nowhere" }] })).toThrow(/disputes\.0\.charge|disputes\[0\]/);
  });
});

describe("disputes through MCP", () => {
  test("the dispute tools, and the generic tools by OpenAPI id", async () => {
    const world = openWorld();
    const { dispute } = await disputedPayment(world.stripe);
    expect((await world.tool("list_disputes", {})).json.data.map((d: any) => d.id)).toEqual([dispute.id]);
    expect((await world.tool("retrieve_dispute", { id: dispute.id })).json.status).toBe("needs_response");
    expect((await world.tool("update_dispute", { id: dispute.id, evidence: { customer_name: "Jo" }, submit: false })).json.evidence.customer_name).toBe("Jo");
    const viaGeneric = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostDisputesDisputeClose", parameters: { dispute: dispute.id } });
    expect(viaGeneric).toMatchObject({ isError: false, json: { status: "lost" } });
    expect(world.calls.at(-1)).toMatchObject({ operation: "close_dispute", transport: "mcp" });
    expect((await world.tool("stripe_api_read", { stripe_api_operation_id: "GetDisputesDispute", parameters: { dispute: dispute.id } })).json.status).toBe("lost");
    expect((await world.tool("close_dispute", { id: dispute.id })).isError).toBe(true);
  });
});
