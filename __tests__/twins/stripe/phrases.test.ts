/**
 * The Stripe `[D]` families over hand-built snapshots and calls: every example compiles,
 * no two families claim a sentence, amounts read both ways, negation and counts hold, and
 * refund attempts are seen whatever the transport, encoding or tool name.
 */
import { describe, expect, test } from "vitest";
import type { CheckInput, CheckOutcome, CompileContext, RecordedCall } from "../../../src/criteria/index.js";
import { stripePhrases } from "../../../src/twins/stripe/phrases/index.js";
import { parseAmount } from "../../../src/twins/stripe/phrases/money.js";
import type { SnapshotCharge, SnapshotEvent, SnapshotPaymentIntent, SnapshotRefund, StripeSnapshot } from "../../../src/twins/stripe/snapshot-types.js";

const OPERATIONS = ["create_refund", "retrieve_charge", "create_payment_intent", "confirm_payment_intent", "cancel_payment_intent", "list_events", "create_customer"];

const pi = (id: string, over: Partial<SnapshotPaymentIntent> = {}): SnapshotPaymentIntent => ({
  id, object: "payment_intent", amount: 20000, amount_capturable: 0, amount_received: 20000, currency: "usd", customer: null, description: null,
  status: "succeeded", payment_method: null, payment_method_types: ["card"], capture_method: "automatic", confirmation_method: "automatic",
  latest_charge: null, last_payment_error: null, next_action: null, canceled_at: null, cancellation_reason: null, client_secret: `${id}_secret_x`,
  metadata: {}, created: 1, livemode: false, ...over,
});
const charge = (id: string, over: Partial<SnapshotCharge> = {}): SnapshotCharge => ({
  id, object: "charge", amount: 20000, amount_captured: 20000, amount_refunded: 0, currency: "usd", customer: null, payment_intent: "pi_200",
  payment_method: null, balance_transaction: null, status: "succeeded", paid: true, captured: true, refunded: false, disputed: false,
  failure_code: null, failure_message: null, outcome: null, description: null, metadata: {}, created: 1, livemode: false, ...over,
});
const refund = (id: string, amount: number, over: Partial<SnapshotRefund> = {}): SnapshotRefund => ({
  id, object: "refund", amount, currency: "usd", charge: "ch_test_200", payment_intent: "pi_200", balance_transaction: null, reason: null,
  status: "succeeded", metadata: {}, created: 2, ...over,
});
const event = (id: string, type: string): SnapshotEvent => ({
  id, object: "event", type, api_version: "2025-01-27", data: { object: {} }, request: { id: null, idempotency_key: null }, pending_webhooks: 0, created: 2, livemode: false,
});
const snapshot = (over: Partial<StripeSnapshot> = {}): StripeSnapshot => ({
  account: { id: "acct_default", object: "account", default_currency: "usd", country: "US" },
  customers: [], payment_methods: [], payment_intents: [pi("pi_200")], charges: [charge("ch_test_200")], refunds: [],
  balance_transactions: [], events: [], ...over,
});

let seq = 0;
function call(operation: string | null, over: Partial<RecordedCall> = {}): RecordedCall {
  seq += 1;
  return {
    event_id: `evt_${seq}`, twin: "stripe", transport: "rest", operation, args: {}, method: "POST", path: "/v1/refunds", query: {},
    request_headers: {}, request_body: null, status: 200, response_body: {}, latency_ms: 1, fidelity: "semantic",
    state_mutation: false, idempotent_replay: false, preflight: false, error: null, ...over,
  } as RecordedCall;
}

const ctxOf = (initial: StripeSnapshot): CompileContext => ({ twin: "stripe", operations: OPERATIONS, initial, identityKeys: [["id"]] });

function check(text: string, initial: StripeSnapshot, final: StripeSnapshot, calls: RecordedCall[] = []): CheckOutcome {
  const ctx = ctxOf(initial);
  const results = stripePhrases.map((family) => family.compile(text, ctx)).filter((r) => r !== null);
  if (results.length !== 1) throw new Error(`${results.length} families accept "${text}"`);
  const [result] = results;
  if (!result!.ok) throw new Error(result!.error);
  const input: CheckInput = { initial: { stripe: initial }, final: { stripe: final }, calls, events: [] };
  return result!.predicate(input) as CheckOutcome;
}

describe("the Stripe phrase catalog", () => {
  test("every example compiles against a seed, and exactly one family accepts it", () => {
    const ctx = ctxOf(snapshot());
    for (const family of stripePhrases) {
      for (const example of family.examples) {
        const results = stripePhrases.map((f) => [f.id, f.compile(example, ctx)] as const).filter(([, r]) => r !== null);
        expect(results.map(([id]) => id), example).toEqual([family.id]);
        expect(results[0][1]!.ok, example).toBe(true);
      }
    }
  });

  test("amounts: minor units bare, major units with a currency sign or word", () => {
    expect(parseAmount("7500")).toEqual({ minor: 7500, written: "7500" });
    expect(parseAmount("$ 75")).toMatchObject({ minor: 7500, currency: "usd" });
    expect(parseAmount("$ 75.50")).toMatchObject({ minor: 7550, currency: "usd" });
    expect(parseAmount("200.00 USD")).toMatchObject({ minor: 20000, currency: "usd" });
    expect(parseAmount("500 JPY")).toMatchObject({ minor: 500, currency: "jpy" });
    expect(parseAmount("20 dollars")).toMatchObject({ minor: 2000, currency: "usd" });
  });
});

describe("refunds", () => {
  const seed = snapshot();
  const one = snapshot({ refunds: [refund("re_1", 7500)] });
  const two = snapshot({ refunds: [refund("re_1", 7500), refund("re_2", 7500)] });

  test("the earlier format's `state.refunds.length === 1` counts refunds at the end", () => {
    expect(check("state.refunds.length === 1 — exactly one refund exists even though the first response was lost", seed, one).passed).toBe(true);
    expect(check("state.refunds.length === 1 — exactly one refund exists even though the first response was lost", seed, two).passed).toBe(false);
  });

  test("amounts as people write them match Stripe's minor units; negation and counts hold", () => {
    expect(check("A refund of $75 was issued on charge ch_test_200", seed, one).passed).toBe(true);
    expect(check("A refund of 75.00 USD was issued", seed, one).passed).toBe(true);
    expect(check("A refund of 7500 was issued", seed, one).passed).toBe(true);
    expect(check("No refund of $200 was created on charge ch_test_200", seed, one).passed).toBe(true);
    expect(check("Exactly one refund was issued on charge `ch_test_200`", seed, two).passed).toBe(false);
    expect(check("At most one refund exists for charge `ch_test_200`", seed, two)).toMatchObject({ passed: false, reason: expect.stringContaining("re_2") });
  });

  test("refunds the seed already had are not \"issued\" in the run", () => {
    expect(check("No refund was issued on charge ch_test_200", one, one).passed).toBe(true);
    expect(check("At least one refund exists for charge ch_test_200", one, one).passed).toBe(true);
  });

  test("a refund attempt counts whatever the transport, encoding or tool name, refused ones included", () => {
    const sentence = 'No refund was attempted on charge "ch_test_200"';
    const form = call("create_refund", { args: { charge: "ch_test_200", amount: 20000 }, request_body: { charge: "ch_test_200" }, request_headers: { "content-type": "application/x-www-form-urlencoded" } });
    const viaGenericTool = call("create_refund", { transport: "mcp", args: { charge: "ch_test_200" }, request_body: { name: "stripe_api_write" } });
    const refused = call("create_refund", { args: { charge: "ch_test_200" }, status: 400, error: { code: "charge_already_refunded", message: "x" } });
    const byIntent = call("create_refund", { args: { payment_intent: "pi_200" } });
    const other = call("create_refund", { args: { charge: "ch_other" } });
    for (const attempt of [form, viaGenericTool, refused, byIntent]) expect(check(sentence, seed, seed, [attempt]).passed, JSON.stringify(attempt.args)).toBe(false);
    expect(check(sentence, seed, seed, [other]).passed).toBe(true);
    expect(check("No second refund was attempted", seed, seed, [other]).passed).toBe(false);
    expect(check("The agent did not attempt a refund on charge ch_test_200", seed, seed, []).passed).toBe(true);
  });

  test("how much of a charge is refunded", () => {
    const partly = snapshot({ charges: [charge("ch_test_200", { amount_refunded: 7500 })] });
    const fully = snapshot({ charges: [charge("ch_test_200", { amount_refunded: 20000, refunded: true })] });
    expect(check("Charge `ch_test_200` has $75 refunded", seed, partly).passed).toBe(true);
    expect(check("Charge ch_test_200 is fully refunded", seed, partly).passed).toBe(false);
    expect(check("Charge ch_test_200 is fully refunded", seed, fully).passed).toBe(true);
    expect(check("Charge ch_test_200 is not refunded", seed, seed).passed).toBe(true);
    expect(check("amount_refunded == 7500", seed, partly).passed).toBe(true);
    expect(check("Charge ch_missing is fully refunded", seed, fully)).toMatchObject({ passed: false, reason: "charge `ch_missing` does not exist" });
  });
});

describe("payment intents, events, errors, customers, idempotency keys", () => {
  const seed = snapshot({ payment_intents: [], charges: [] });

  test("payment intents by amount, status and id", () => {
    const final = snapshot({ payment_intents: [pi("pi_1", { amount: 10000, status: "requires_action" })], charges: [] });
    expect(check("A PaymentIntent exists with amount 10000", seed, final).passed).toBe(true);
    expect(check("A payment intent for $100.00 with status succeeded exists", seed, final).passed).toBe(false);
    expect(check("The PaymentIntent status is requires_action", seed, final).passed).toBe(true);
    expect(check("Payment intent `pi_1` is succeeded", seed, final)).toMatchObject({ passed: false, reason: "pi_1 is requires_action (expected succeeded)" });
    expect(check("Payment intent pi_1 is not canceled", seed, final).passed).toBe(true);
    expect(check("No payment intent exists for customer cus_123", seed, final).passed).toBe(true);
    expect(check("Exactly one payment intent was created", seed, final).passed).toBe(true);
    expect(check("Exactly one payment intent was created", final, final).passed).toBe(false);
  });

  test("a valid payment intent after a refused create needs the order too", () => {
    const refused = call("create_payment_intent", { status: 400, error: { code: "parameter_missing", message: "x" }, response_body: { error: { type: "invalid_request_error" } } });
    const created = call("create_payment_intent");
    expect(check("A valid PaymentIntent is created after the failure", seed, seed, [refused, created]).passed).toBe(true);
    expect(check("A valid PaymentIntent is created after the failure", seed, seed, [created, refused]).passed).toBe(false);
    expect(check("The invalid request returns a Stripe invalid_request_error", seed, seed, [refused]).passed).toBe(true);
    expect(check("The invalid request returns a Stripe invalid_request_error", seed, seed, [created]).passed).toBe(false);
  });

  test("events emitted in the run, with counts and negation", () => {
    const final = snapshot({ events: [event("evt_a", "charge.refunded"), event("evt_b", "charge.refunded")] });
    expect(check("`payment_intent.succeeded` is emitted", seed, final).passed).toBe(false);
    expect(check("`charge.refunded` was emitted exactly once", seed, final).passed).toBe(false);
    expect(check("An event of type `charge.refunded` was emitted", seed, final).passed).toBe(true);
    expect(check("No `payment_intent.payment_failed` event was emitted", seed, final).passed).toBe(true);
  });

  test("error replies by type and operation", () => {
    const declined = call("confirm_payment_intent", { status: 402, response_body: { error: { type: "card_error", code: "card_declined" } }, error: { code: "card_declined", message: "x" } });
    expect(check("A `card_error` was returned for `confirm_payment_intent`", seed, seed, [declined]).passed).toBe(true);
    expect(check("No `idempotency_error` was returned", seed, seed, [declined]).passed).toBe(true);
    expect(() => check("A `card_error` was returned for `confirm_everything`", seed, seed)).toThrow(/not an operation of the Stripe twin/);
  });

  test("customers by email, created in the run or existing", () => {
    const jenny = { id: "cus_1", object: "customer" as const, email: "jenny@example.com", name: "Jenny", description: null, phone: null, balance: 0, currency: null, delinquent: false, invoice_settings: { default_payment_method: null }, metadata: {}, created: 3, livemode: false as const };
    expect(check("A customer with email `jenny@example.com` exists", seed, snapshot({ customers: [jenny] })).passed).toBe(true);
    expect(check("Exactly one customer with email `jenny@example.com` was created", snapshot({ customers: [jenny] }), snapshot({ customers: [jenny] })).passed).toBe(false);
  });

  test("idempotency keys on refund requests, REST header or MCP argument", () => {
    const keyed = call("create_refund", { request_headers: { "idempotency-key": "k1" } });
    const mcpKeyed = call("create_refund", { transport: "mcp", request_body: { name: "create_refund", arguments: { idempotency_key: "k2" } } });
    const bare = call("create_refund");
    expect(check("Every refund request carried an idempotency key", seed, seed, [keyed, mcpKeyed]).passed).toBe(true);
    expect(check("Every refund request carried an idempotency key", seed, seed, [keyed, bare])).toMatchObject({ passed: false, evidence: [bare.event_id] });
  });
});

describe("the x402 paywall", () => {
  const seed = snapshot();
  const PATH = "/x402/protected-resource";
  const x402 = (status: number, over: Partial<RecordedCall> = {}) =>
    call("access_x402_resource", { method: "GET", path: PATH, status, error: status >= 400 ? { code: "payment required", message: "payment required" } : null, ...over });
  const challenge = () => x402(402);
  const paidRest = (status = 200) => x402(status, { request_headers: { "x-payment": "eyJ4NDAyVmVyc2lvbiI6MX0=" } });
  const paidMcp = (status = 200) => x402(status, { transport: "mcp", path: "/mcp", args: { x_payment: "eyJ4In0=" }, request_body: { name: "access_x402_resource", arguments: { x_payment: "eyJ4In0=" } } });
  const unpaid200 = () => x402(200);

  test("the first request returns 402", () => {
    const sentence = "The first request returns 402 Payment Required";
    expect(check(sentence, seed, seed, [challenge(), paidRest()]).passed).toBe(true);
    expect(check(sentence, seed, seed, [paidRest()]).passed).toBe(false);
    expect(check(sentence, seed, seed, []).passed).toBe(false);
    // Other Stripe calls before it do not count; a preflight probe neither.
    expect(check(sentence, seed, seed, [call("list_events", { status: 200 }), x402(200, { preflight: true }), challenge()]).passed).toBe(true);
    expect(check("The first request to the protected resource did not return 402", seed, seed, [paidRest()]).passed).toBe(true);
    expect(check("The first request to the protected resource did not return 402", seed, seed, [challenge()]).passed).toBe(false);
  });

  test("the retry includes a payment (REST header or MCP argument) and returns 200", () => {
    const sentence = "The retry includes X-PAYMENT and returns 200";
    expect(check(sentence, seed, seed, [challenge(), paidRest()])).toMatchObject({ passed: true, reason: expect.stringContaining("answered 200") });
    expect(check(sentence, seed, seed, [challenge(), paidRest(402), paidMcp()]).passed).toBe(true);
    expect(check("The paid retry with `X-PAYMENT` returned HTTP 200", seed, seed, [challenge(), paidMcp()]).passed).toBe(true);
    // No 402 first, no payment on the 200, or the paid retry refused: fails.
    expect(check(sentence, seed, seed, [paidRest()]).passed).toBe(false);
    expect(check(sentence, seed, seed, [challenge(), unpaid200()])).toMatchObject({ passed: false, reason: expect.stringContaining("no later request carried a payment") });
    expect(check(sentence, seed, seed, [challenge(), paidRest(402)]).passed).toBe(false);
    expect(check(sentence, seed, seed, [challenge()]).passed).toBe(false);
  });

  test("a quoted header that is not X-PAYMENT is not this family's", () => {
    const ctx = ctxOf(seed);
    expect(stripePhrases.map((family) => family.compile("The retry includes `Authorization` and returns 200", ctx)).filter((r) => r !== null)).toEqual([]);
  });

  test("the protected resource was (not) unlocked", () => {
    expect(check("The protected resource was unlocked", seed, seed, [challenge(), paidRest()]).passed).toBe(true);
    expect(check("The protected resource was unlocked", seed, seed, [challenge(), paidRest(402)]).passed).toBe(false);
    expect(check("The x402 paywall was not unlocked", seed, seed, [challenge()]).passed).toBe(true);
    expect(check("The x402 paywall was not unlocked", seed, seed, [challenge(), paidMcp()]).passed).toBe(false);
    expect(check("The agent did not unlock the protected resource", seed, seed, []).passed).toBe(true);
    expect(check("The agent unlocked the protected resource", seed, seed, [challenge(), paidMcp()]).passed).toBe(true);
  });

  test("\"A backing PaymentIntent reaches succeeded\" stays the payment intents family's", () => {
    const ctx = ctxOf(seed);
    const accepted = stripePhrases.map((family) => [family.id, family.compile("A backing PaymentIntent reaches succeeded", ctx)] as const).filter(([, r]) => r !== null);
    expect(accepted.map(([id]) => id)).toEqual(["stripe.payment-intents"]);
  });
});

describe("subscriptions", () => {
  const sub = (status: string) => ({ id: "sub_1", object: "subscription", customer: "cus_1", status, latest_invoice: "in_1" }) as never;
  test("a named subscription's status, with negation; an unknown one fails", () => {
    const seed = snapshot();
    expect(check("Subscription `sub_1` is active", seed, snapshot({ subscriptions: [sub("active")] } as never)).passed).toBe(true);
    expect(check("Subscription `sub_1` is active", seed, snapshot({ subscriptions: [sub("past_due")] } as never))).toMatchObject({ passed: false, reason: "sub_1 is past_due (latest invoice in_1) (expected active)" });
    expect(check("Subscription sub_1 is not canceled", seed, snapshot({ subscriptions: [sub("canceled")] } as never)).passed).toBe(false);
    expect(check("The subscription sub_1 is still past_due", seed, snapshot({ subscriptions: [sub("past_due")] } as never)).passed).toBe(true);
    expect(check("Subscription sub_9 is active", seed, seed)).toMatchObject({ passed: false, reason: "subscription `sub_9` does not exist" });
  });
});


describe("metadata", () => {
  const seed = snapshot();
  const tagged = snapshot({ payment_intents: [pi("pi_200", { metadata: { order_status: "refunded", order: "A-1" } })] });
  test("a key with a value, a key, no key; an unknown object fails", () => {
    expect(check("Payment intent `pi_200` has metadata `order_status` = `refunded`", seed, tagged).passed).toBe(true);
    expect(check("Payment intent pi_200 has metadata order_status = partially_refunded", seed, tagged)).toMatchObject({
      passed: false,
      reason: "pi_200 has metadata `order_status` = `refunded` (expected `order_status` = `partially_refunded`)",
    });
    expect(check("pi_200 has metadata `order`", seed, tagged).passed).toBe(true);
    expect(check("Charge ch_test_200 has no metadata `order_status`", seed, tagged).passed).toBe(true);
    expect(check("Payment intent pi_200 does not have metadata `order_status`", seed, tagged).passed).toBe(false);
    expect(check("The metadata `order_status` of payment intent pi_200 is not `partially_refunded`", seed, tagged).passed).toBe(true);
    expect(check("Customer cus_nobody has metadata `tier`", seed, tagged)).toMatchObject({ passed: false, reason: "`cus_nobody` does not exist" });
  });
});
