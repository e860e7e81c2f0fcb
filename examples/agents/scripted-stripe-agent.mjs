#!/usr/bin/env node
// A scripted Stripe support agent: no LLM, no key. It drives the Stripe twin through
// stripe-node configured only with POME_STRIPE_API_BASE and POME_STRIPE_API_KEY, and reads
// what to do from the task: refund a charge, create a payment intent, take a card
// payment, restore a past-due subscription with a new card, reconcile refunds from the
// account's events, or pay through the x402 paywall (plain fetch: stripe-node has no x402 method).
// `--naive` makes it the agent every Stripe scenario is written to catch: it retries
// without an idempotency key, refunds whatever it is asked to, retries a declined card as
// it is, reads one unfiltered page of events, and gives up at the paywall's 402.
import { createHash, randomUUID } from "node:crypto";
import Stripe from "stripe";
import { exitIfPreflight, finish } from "./github-rest.mjs";

exitIfPreflight();

const naive = process.argv.includes("--naive");
const task = (process.env.POME_TASK ?? "").replace(/\s+/g, " ");
const base = new URL(process.env.POME_STRIPE_API_BASE ?? "http://127.0.0.1");
const stripe = new Stripe(process.env.POME_STRIPE_API_KEY ?? "", {
  host: base.hostname,
  port: Number(base.port),
  protocol: base.protocol.replace(":", ""),
  maxNetworkRetries: 0,
});

/** `$75`, `$75.50`, `75 USD` in the task, as minor units. */
function amountIn(text) {
  const dollars = text.match(/\$\s?(\d+(?:\.\d{1,2})?)/) ?? text.match(/(\d+(?:\.\d{1,2})?) ?(?:usd|dollars)/i);
  if (dollars) return Math.round(Number(dollars[1]) * 100);
  const cents = text.match(/(\d+) cents/i);
  return cents ? Number(cents[1]) : undefined;
}

/** A call retried up to three times when the API errors, as the task asks. */
async function withRetries(attempt) {
  let last;
  for (let i = 0; i < 3; i++) {
    try {
      return await attempt();
    } catch (error) {
      last = error;
      if (error?.type === "StripeInvalidRequestError") break;
    }
  }
  throw last;
}

async function refund() {
  const chargeId = task.match(/\b(ch_\w+)/)?.[1];
  if (!chargeId) return finish("No charge id in the task; nothing refunded.");
  const amount = amountIn(task.replace(/charge \S+/g, ""));
  const charge = await stripe.charges.retrieve(chargeId);
  const remaining = charge.amount - charge.amount_refunded;
  if (!naive && remaining <= 0) {
    return finish(`Charge ${chargeId} is already fully refunded (${charge.amount_refunded} of ${charge.amount}); I did not refund it again.`);
  }
  if (!naive && amount !== undefined && amount > remaining) {
    return finish(`Charge ${chargeId} has only ${remaining} left to refund; I did not refund ${amount}.`);
  }
  const params = { charge: chargeId, ...(amount !== undefined ? { amount } : {}) };
  const key = randomUUID();
  try {
    const made = await withRetries(() => stripe.refunds.create(params, naive ? undefined : { idempotencyKey: key }));
    return finish(`Refunded ${made.amount} on ${chargeId} (${made.id}).`);
  } catch (error) {
    return finish(`The refund on ${chargeId} failed: ${error?.message ?? error}`);
  }
}

async function createPaymentIntent() {
  const amount = amountIn(task) ?? Number(task.match(/(\d+) (?:minor units|cents)/)?.[1] ?? 1000);
  const crypto = /crypto|usdc|deposit/i.test(task);
  const params = crypto
    ? { amount, currency: "usd", payment_method_types: ["crypto"], payment_method_options: { crypto: { mode: "deposit", deposit_options: { networks: ["base"] } } } }
    : { amount, currency: "usd", payment_method_types: ["card"] };
  const intent = await stripe.paymentIntents.create(params, naive ? undefined : { idempotencyKey: randomUUID() });
  return finish(`Created ${intent.id} for ${intent.amount} ${intent.currency} (${intent.status}).`);
}

async function takeCardPayment() {
  const amount = amountIn(task) ?? 1000;
  const customer = task.match(/\b(cus_\w+)/)?.[1];
  const first = task.match(/\b(pm_card_\w+)/)?.[1] ?? "pm_card_visa";
  const fallback = task.match(/(?:backup|fallback|other|second) card (?:is )?`?(pm_card_\w+)/i)?.[1] ?? "pm_card_visa";
  const intent = await stripe.paymentIntents.create({ amount, currency: "usd", payment_method_types: ["card"], ...(customer ? { customer } : {}) });
  for (const card of naive ? [first, first] : [first, fallback]) {
    try {
      const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: card });
      return finish(`Charged ${paid.amount} with ${card}: ${paid.status}.`);
    } catch (error) {
      if (error?.type !== "StripeCardError") throw error;
    }
  }
  return finish(`Both attempts were declined; ${intent.id} still needs a payment method.`);
}

/** The x402 paywall: read the 402 challenge, pay its payTo / amount / network with X-PAYMENT, retry. */
async function payX402() {
  const url = `${(process.env.POME_STRIPE_API_BASE ?? "").replace(/\/$/, "")}/x402/protected-resource`;
  const auth = { authorization: `Bearer ${process.env.POME_STRIPE_API_KEY ?? ""}` };
  const first = await fetch(url, { headers: auth });
  const challenge = await first.json().catch(() => ({}));
  if (first.ok) return finish(`The resource answered ${first.status} without payment.`);
  const wanted = challenge.accepts?.find((a) => a.scheme === "exact") ?? challenge.accepts?.[0];
  if (first.status !== 402 || !wanted) return finish(`The resource answered ${first.status}: ${JSON.stringify(challenge).slice(0, 200)}`);
  if (naive) return finish(`The resource wants ${wanted.maxAmountRequired} ${wanted.asset ?? ""} paid to ${wanted.payTo}; I did not pay.`);
  const from = task.match(/\b(0x[0-9a-fA-F]{40})\b/)?.[1] ?? `0x${"11".repeat(20)}`;
  const payment = {
    x402Version: challenge.x402Version ?? 1,
    scheme: wanted.scheme,
    network: wanted.network,
    payload: {
      authorization: {
        from,
        to: wanted.payTo,
        value: wanted.maxAmountRequired,
        validAfter: "0",
        validBefore: "4102444800",
        nonce: `0x${createHash("sha256").update(`${wanted.payTo}:${from}`).digest("hex")}`,
      },
      signature: `0x${"00".repeat(65)}`,
    },
  };
  const paid = await fetch(url, { headers: { ...auth, "X-PAYMENT": Buffer.from(JSON.stringify(payment)).toString("base64") } });
  const body = await paid.json().catch(() => ({}));
  const receipt = paid.headers.get("x-payment-response");
  const settled = receipt ? JSON.parse(Buffer.from(receipt, "base64").toString("utf8")) : null;
  return finish(paid.ok ? `Paid ${wanted.maxAmountRequired} to ${wanted.payTo} (${settled?.transaction ?? "no receipt"}): ${body.message ?? "unlocked"}` : `The paid retry answered ${paid.status}: ${body.error ?? ""}`);
}

async function restoreSubscription() {
  const subscriptionId = task.match(/\b(sub_\w+)/)?.[1];
  const customer = task.match(/\b(cus_\w+)/)?.[1];
  const card = task.match(/\b(pm_card_\w+)/)?.[1] ?? "pm_card_visa";
  const subscription = await stripe.subscriptions.retrieve(subscriptionId);
  const invoice = typeof subscription.latest_invoice === "string" ? subscription.latest_invoice : subscription.latest_invoice?.id;
  if (naive) {
    // Retries the card on file, as a dunning job would, and gives up.
    for (let i = 0; i < 2; i++) await stripe.invoices.pay(invoice).catch(() => undefined);
    return finish(`Retried the card on file for ${invoice}.`);
  }
  const method = await stripe.paymentMethods.attach(card, { customer: customer ?? subscription.customer });
  await stripe.customers.update(method.customer, { invoice_settings: { default_payment_method: method.id } });
  const paid = await stripe.invoices.pay(invoice, { payment_method: method.id }, { idempotencyKey: randomUUID() });
  const after = await stripe.subscriptions.retrieve(subscriptionId);
  return finish(`Paid ${paid.id} with the new card ${method.id}; ${after.id} is ${after.status}.`);
}

/** Mark each refunded charge's payment intent from the `charge.refunded` events. */
async function reconcileFromEvents() {
  const refunded = [];
  if (naive) {
    // One page, no type filter: the events it wants are older than the ten newest.
    const page = await stripe.events.list();
    refunded.push(...page.data.filter((e) => e.type === "charge.refunded"));
  } else {
    for await (const event of stripe.events.list({ type: "charge.refunded", limit: 100 })) refunded.push(event);
  }
  const marked = [];
  for (const event of refunded) {
    const charge = event.data.object;
    if (!charge.payment_intent) continue;
    const status = naive || charge.amount_refunded >= charge.amount ? "refunded" : "partially_refunded";
    const pi = await stripe.paymentIntents.update(charge.payment_intent, { metadata: { order_status: status } }, { idempotencyKey: `reconcile-${event.id}` });
    marked.push(`${pi.metadata.order_id ?? pi.id} ${status}`);
  }
  return finish(marked.length ? `Marked ${marked.join(", ")}; nothing else was changed.` : "Found no refunds in the events; nothing changed.");
}

if (/\bx402\b/i.test(task)) await payX402();
else if (/\breconcile\b/i.test(task) && /\bevents?\b/i.test(task)) await reconcileFromEvents();
else if (/\bsub_\w+/.test(task)) await restoreSubscription();
else if (/\brefund/i.test(task)) await refund();
else if (/\bcard\b/i.test(task) && /\b(charge|pay|payment)/i.test(task)) await takeCardPayment();
else if (/payment ?intent/i.test(task)) await createPaymentIntent();
else finish("Nothing in the task I know how to do.");
