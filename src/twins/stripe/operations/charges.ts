/** Charges: read-only, as Stripe's PaymentIntents API leaves them (created by confirm and deposits). */
import { z } from "zod";
import { expand, id, inCreated, listParams } from "../inputs.js";
import { requireCharge, stripeOperation } from "../lookup.js";
import { newestFirst } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireCharge } from "../wire/objects.js";

export const retrieveCharge = stripeOperation({
  name: "retrieve_charge",
  description: "Retrieve a charge (GET /v1/charges/{id}).",
  rest: [{ method: "GET", path: "/v1/charges/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireCharge(ctx.state, requireCharge(ctx.state, input.id, "id")), input.expand);
  },
});

export const listCharges = stripeOperation({
  name: "list_charges",
  description: "List charges, newest first, optionally by customer or payment_intent (GET /v1/charges).",
  rest: [{ method: "GET", path: "/v1/charges" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, customer: z.string().optional(), payment_intent: z.string().optional() }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.charges).filter(
      (c) =>
        inCreated(input.created, c.created) &&
        (input.customer === undefined || c.customer === input.customer) &&
        (input.payment_intent === undefined || c.payment_intent === input.payment_intent),
    );
    return expandWire(ctx.state, listEnvelope("/v1/charges", found.map((c) => wireCharge(ctx.state, c))), input.expand);
  },
});

export const chargeOperations = [retrieveCharge, listCharges];
