/**
 * The x402 paywall (upstream-twins.md §3.7): `GET /x402/protected-resource` costs $0.01,
 * paid in USDC on Base Sepolia through a crypto-deposit PaymentIntent.
 *
 * First leg (no payment): the twin opens (or reuses, while it is unpaid) a crypto
 * PaymentIntent for the route and answers 402 with the x402 challenge, whose `payTo` is
 * that PaymentIntent's deposit address. Second leg: the `X-PAYMENT` header (over MCP, the
 * `x_payment` argument) is base64 JSON `{x402Version, scheme, network, payload:
 * {authorization: {from, to, value, …}, signature}}`; once `to`, `value` and `network`
 * check out, the deposit settles exactly as `simulate_crypto_deposit` settles it and the
 * resource answers 200 with `X-PAYMENT-RESPONSE`. A payment already settled (the whole
 * header is the replay key, kept as its sha256 in the PaymentIntent's metadata) passes
 * straight through without a second settlement. Signatures are not verified.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { reply, type Reply } from "../../engine/operation.js";
import { emitEvent } from "../event-log.js";
import { stripeOperation } from "../lookup.js";
import { clientSecret, newId, type PaymentIntent, type StripeContext } from "../state.js";
import { wirePaymentIntent } from "../wire/objects.js";
import { settleCryptoDeposit } from "./charging.js";
import { depositAction } from "./payment-intents.js";

export const X402_PATH = "/x402/protected-resource";
/** $0.01 in USDC base units (6 decimals), stored as the PaymentIntent's amount as the earlier twin did. */
export const X402_PRICE = 10000;
export const X402_NETWORK = "eip155:84532";
export const X402_RESOURCE = "stripe-x402-protected-resource";
const ROUTE_KEY = `GET ${X402_PATH}`;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const base64Json = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64");

function depositAddress(pi: PaymentIntent): string {
  return (depositAction(pi.id) as { crypto_display_details: { deposit_addresses: { base: { address: string } } } }).crypto_display_details.deposit_addresses.base.address;
}

const isPaywallIntent = (pi: PaymentIntent) => pi.metadata.x402_route === ROUTE_KEY && pi.payment_method_types.includes("crypto");

/** The route's unpaid PaymentIntent, or a new one (the first leg's mutation). */
function openIntent(ctx: StripeContext): PaymentIntent {
  const open = ctx.state.payment_intents.find((pi) => isPaywallIntent(pi) && pi.amount === X402_PRICE && pi.status === "requires_action");
  if (open) return open;
  const id = newId(ctx.ids, "pi");
  const pi: PaymentIntent = {
    id,
    object: "payment_intent",
    amount: X402_PRICE,
    amount_capturable: 0,
    amount_received: 0,
    currency: "usd",
    customer: null,
    description: `x402 payment for ${X402_PATH}`,
    status: "requires_action",
    payment_method: null,
    payment_method_types: ["crypto"],
    capture_method: "automatic_async",
    confirmation_method: "automatic",
    latest_charge: null,
    last_payment_error: null,
    next_action: depositAction(id),
    canceled_at: null,
    cancellation_reason: null,
    client_secret: clientSecret(ctx.ids, id),
    metadata: { x402_route: ROUTE_KEY },
    created: ctx.clock.unix(),
    livemode: false,
  };
  ctx.state.payment_intents.push(pi);
  emitEvent(ctx, "payment_intent.created", wirePaymentIntent(pi));
  emitEvent(ctx, "payment_intent.requires_action", wirePaymentIntent(pi));
  return pi;
}

/** The 402 answer: the x402 challenge for the route's open PaymentIntent. */
function challenge(ctx: StripeContext, error: string): Reply {
  const pi = openIntent(ctx);
  const host = ctx.headers.host;
  return reply(402, {
    x402Version: 1,
    error,
    accepts: [
      {
        scheme: "exact",
        network: X402_NETWORK,
        maxAmountRequired: String(pi.amount),
        resource: host ? `http://${host}${X402_PATH}` : X402_PATH,
        description: "Access to the Stripe twin's x402 protected resource ($0.01 in USDC)",
        mimeType: "application/json",
        payTo: depositAddress(pi),
        maxTimeoutSeconds: 60,
        asset: "USDC",
        outputSchema: null,
        extra: { name: "USDC", version: "2", payment_intent: pi.id },
      },
    ],
  });
}

function unlocked(pi: PaymentIntent, payer: string | null): Reply {
  return reply(
    200,
    { ok: true, resource: X402_RESOURCE, message: `Payment of ${pi.amount} USDC base units settled by ${pi.id}; the protected resource is unlocked.` },
    { "x-payment-response": base64Json({ success: true, transaction: pi.id, network: X402_NETWORK, payer }) },
  );
}

const paymentSchema = z.object({
  x402Version: z.number().optional(),
  scheme: z.string().optional(),
  network: z.string(),
  payload: z.object({
    authorization: z.object({
      from: z.string(),
      to: z.string(),
      value: z.union([z.string(), z.number()]),
      validAfter: z.union([z.string(), z.number()]).optional(),
      validBefore: z.union([z.string(), z.number()]).optional(),
      nonce: z.string().optional(),
    }),
    signature: z.string().optional(),
  }),
});
type Payment = z.infer<typeof paymentSchema>;

/** The header's payment, or why it is not one. */
function decode(header: string): Payment | string {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(header.trim(), "base64").toString("utf8"));
  } catch {
    return "malformed X-PAYMENT header: it is not base64-encoded JSON";
  }
  const parsed = paymentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `malformed X-PAYMENT header: ${issue ? `${issue.path.join(".") || "payment"}: ${issue.message}` : "not an x402 payment"}`;
  }
  return parsed.data;
}

const valueMatches = (value: string | number, required: number) => (typeof value === "number" ? value === required : value.trim() === String(required));

function pay(ctx: StripeContext, header: string): Reply {
  const key = sha256(header);
  // The whole header is the replay key: a payment already settled passes straight through.
  const settled = ctx.state.payment_intents.find((pi) => isPaywallIntent(pi) && pi.metadata.x402_payment === key);
  if (settled && settled.status === "succeeded") return unlocked(settled, settled.metadata.x402_payer ?? null);

  const payment = decode(header);
  if (typeof payment === "string") return challenge(ctx, payment);
  if (payment.scheme !== undefined && payment.scheme !== "exact") return challenge(ctx, `unsupported scheme: ${payment.scheme} (only "exact")`);
  const { authorization } = payment.payload;
  const to = authorization.to.trim().toLowerCase();
  const pi = ctx.state.payment_intents.find((candidate) => isPaywallIntent(candidate) && depositAddress(candidate) === to);
  if (!pi) return challenge(ctx, `authorization.to ${authorization.to} is not a known payTo address`);
  if (!valueMatches(authorization.value, pi.amount)) return challenge(ctx, `authorization.value ${String(authorization.value)} does not equal the required amount ${pi.amount}`);
  if (payment.network !== X402_NETWORK) return challenge(ctx, `network ${payment.network} does not match the required network ${X402_NETWORK}`);

  if (pi.status === "requires_action") {
    pi.metadata = { ...pi.metadata, x402_payment: key, x402_payer: authorization.from.slice(0, 500) };
    settleCryptoDeposit(ctx, pi);
  } else if (pi.status !== "succeeded") {
    return challenge(ctx, `the payment could not be settled: PaymentIntent ${pi.id} is ${pi.status}`);
  }
  return unlocked(pi, authorization.from);
}

export const accessX402Resource = stripeOperation({
  name: "access_x402_resource",
  description:
    "GET the x402 protected resource ($0.01 in USDC, network eip155:84532). Without payment it answers 402 with the x402 challenge " +
    "(`accepts[0]`: payTo, maxAmountRequired, network). Pay by retrying with the `X-PAYMENT` header (over MCP, the `x_payment` " +
    "argument): base64 JSON {x402Version:1, scheme:\"exact\", network, payload:{authorization:{from, to:payTo, value:maxAmountRequired, " +
    "validAfter, validBefore, nonce}, signature}}. Answers 200 with X-PAYMENT-RESPONSE once the deposit settles.",
  rest: [{ method: "GET", path: X402_PATH }],
  tier: "semantic",
  mutates: true,
  input: z.object({ x_payment: z.string().optional() }),
  handle(ctx, input) {
    const header = ctx.headers["x-payment"] ?? input.x_payment;
    if (header === undefined || header.trim() === "") return challenge(ctx, "payment required");
    return pay(ctx, header);
  },
});

export const x402Operations = [accessX402Resource];
