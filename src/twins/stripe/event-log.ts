/**
 * Events: one per state change, as Stripe emits them, each with a copy of the object as
 * it was then (`data.object`) and, for updates, the fields it had before
 * (`data.previous_attributes`). Agents poll `GET /v1/events`, and every enabled webhook
 * endpoint listening for the type gets it delivered, signed (webhook-delivery.ts).
 */
import { newId, STRIPE_API_VERSION, type StripeContext, type StripeEvent } from "./state.js";
import { deliverEvent } from "./webhook-delivery.js";

export function emitEvent(ctx: StripeContext, type: string, object: Record<string, unknown>, previous?: Record<string, unknown>): StripeEvent {
  const event: StripeEvent = {
    id: newId(ctx.ids, "evt"),
    object: "event",
    type,
    api_version: STRIPE_API_VERSION,
    data: { object: structuredClone(object), ...(previous && Object.keys(previous).length > 0 ? { previous_attributes: structuredClone(previous) } : {}) },
    request: { id: null, idempotency_key: ctx.headers["idempotency-key"] ?? null },
    pending_webhooks: 0,
    created: ctx.clock.unix(),
    livemode: false,
  };
  ctx.state.events.push(event);
  event.pending_webhooks = deliverEvent(ctx, event);
  // Every state change emits an event, so an event is how a refused call says it changed state.
  ctx.stateChanged();
  return event;
}

/** The fields of `before` that differ in `after` (an update event's `previous_attributes`). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(before)) if (JSON.stringify(value) !== JSON.stringify(after[key])) out[key] = value;
  return out;
}
