/**
 * Signed event deliveries to the webhook endpoints of the account, as Stripe sends them:
 * a POST of the event's JSON with a `Stripe-Signature: t=<unix>,v1=<hex>` header, where
 * v1 is the HMAC-SHA256 of `<t>.<body>` under the endpoint's `whsec_` secret — exactly what
 * `stripe.webhooks.constructEvent(body, header, secret)` verifies. The engine's outbox
 * posts them after the call is answered; `t` is the time of each attempt.
 */
import { createHmac } from "node:crypto";
import type { StripeContext, StripeEvent, WebhookEndpoint } from "./state.js";

export function listensFor(endpoint: WebhookEndpoint, type: string): boolean {
  return endpoint.status === "enabled" && !endpoint.deleted && (endpoint.enabled_events.includes("*") || endpoint.enabled_events.includes(type));
}

/** The `Stripe-Signature` header of `body` signed at `t` with `secret`. */
export function stripeSignature(body: string, secret: string, t: number): string {
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex")}`;
}

/** Hands the event to every endpoint listening for its type; answers how many (the event's `pending_webhooks`). */
export function deliverEvent(ctx: StripeContext, event: StripeEvent): number {
  const endpoints = ctx.state.webhook_endpoints.filter((endpoint) => listensFor(endpoint, event.type));
  if (endpoints.length === 0) return 0;
  for (const endpoint of endpoints) {
    const body = JSON.stringify({ ...event, pending_webhooks: endpoints.length }, null, 2);
    ctx.deliver({
      url: endpoint.url,
      body,
      label: `${event.id} ${event.type}`,
      headers: (sentAt) => ({
        "content-type": "application/json; charset=utf-8",
        "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "cache-control": "no-cache",
        accept: "*/*; q=0.5, application/xml",
        "stripe-signature": stripeSignature(body, endpoint.secret, sentAt),
      }),
    });
  }
  return endpoints.length;
}
