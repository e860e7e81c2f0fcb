/**
 * Coupons: `percent_off`, or `amount_off` with its `currency`; `duration` once, repeating
 * (`duration_in_months`) or forever. A deleted coupon answers 404 but the discounts made
 * from it go on applying, as on Stripe. Subscriptions apply coupons (billing.ts).
 */
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing } from "../errors.js";
import { expand, id, inCreated, integer, listParams, mergeMetadata, metadata, requireCurrency, currency, text } from "../inputs.js";
import { stripeOperation } from "../lookup.js";
import { base62, newestFirst, type Coupon, type StripeState } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireCoupon } from "../wire/objects.js";

const percent = z.preprocess((v) => (typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v), z.number().gt(0).max(100));
const positive = integer.pipe(z.number().min(1));

/** A coupon that exists and is not deleted (`No such coupon: 'x'`). */
export function requireCoupon(state: StripeState, couponId: string, param = "id"): Coupon {
  const coupon = state.coupons.find((c) => c.id === couponId);
  if (!coupon || coupon.deleted) throw resourceMissing("coupon", couponId, param);
  return coupon;
}

export const createCoupon = stripeOperation({
  name: "create_coupon",
  description: "Create a coupon: `percent_off`, or `amount_off` + `currency`; `duration` once, repeating (with `duration_in_months`) or forever (POST /v1/coupons).",
  rest: [{ method: "POST", path: "/v1/coupons" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    id: z.string().min(1).max(200).optional(),
    name: text.max(40).optional(),
    percent_off: percent.optional(),
    amount_off: positive.optional(),
    currency: currency.optional(),
    duration: z.enum(["once", "repeating", "forever"]).default("once"),
    duration_in_months: positive.optional(),
    max_redemptions: positive.optional(),
    redeem_by: integer.optional(),
    metadata: metadata.optional(),
    expand,
  }),
  handle(ctx, input) {
    if (input.percent_off === undefined && input.amount_off === undefined) {
      throw invalidRequest("Missing required param: percent_off or amount_off.", { code: "parameter_missing", param: "percent_off" });
    }
    if (input.percent_off !== undefined && input.amount_off !== undefined) {
      throw invalidRequest("You may only specify one of these parameters: amount_off, percent_off.", { param: "amount_off" });
    }
    if (input.amount_off !== undefined && input.currency === undefined) {
      throw invalidRequest("Missing required param: currency.", { code: "parameter_missing", param: "currency" });
    }
    const code = input.currency === undefined ? null : requireCurrency(input.currency);
    if (input.duration === "repeating" && input.duration_in_months === undefined) {
      throw invalidRequest("Missing required param: duration_in_months.", { code: "parameter_missing", param: "duration_in_months" });
    }
    if (input.duration !== "repeating" && input.duration_in_months !== undefined) {
      throw invalidRequest("duration_in_months can only be set when duration is repeating.", { param: "duration_in_months" });
    }
    if (input.redeem_by !== undefined && input.redeem_by <= ctx.clock.unix()) {
      throw invalidRequest("Redeem by date must be in the future.", { param: "redeem_by" });
    }
    if (input.id !== undefined && ctx.state.coupons.some((c) => c.id === input.id && !c.deleted)) {
      throw invalidRequest("Coupon already exists.", { code: "resource_already_exists", param: "id" });
    }
    const coupon: Coupon = {
      id: input.id ?? base62(ctx.ids, "coupon", 8),
      object: "coupon",
      name: input.name ?? null,
      percent_off: input.percent_off ?? null,
      amount_off: input.amount_off ?? null,
      currency: code,
      duration: input.duration,
      duration_in_months: input.duration_in_months ?? null,
      max_redemptions: input.max_redemptions ?? null,
      redeem_by: input.redeem_by ?? null,
      times_redeemed: 0,
      valid: true,
      metadata: mergeMetadata({}, input.metadata),
      created: ctx.clock.unix(),
      livemode: false,
    };
    // A re-created id replaces the deleted coupon's entry.
    ctx.state.coupons = ctx.state.coupons.filter((c) => c.id !== coupon.id);
    ctx.state.coupons.push(coupon);
    emitEvent(ctx, "coupon.created", wireCoupon(coupon));
    return expandWire(ctx.state, wireCoupon(coupon), input.expand);
  },
});

export const retrieveCoupon = stripeOperation({
  name: "retrieve_coupon",
  description: "Retrieve a coupon (GET /v1/coupons/{id}).",
  rest: [{ method: "GET", path: "/v1/coupons/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireCoupon(requireCoupon(ctx.state, input.id)), input.expand);
  },
});

export const deleteCoupon = stripeOperation({
  name: "delete_coupon",
  description: "Delete a coupon (DELETE /v1/coupons/{id}): no new redemptions; discounts already applied keep applying.",
  rest: [{ method: "DELETE", path: "/v1/coupons/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id }),
  handle(ctx, input) {
    const coupon = requireCoupon(ctx.state, input.id);
    const last = wireCoupon(coupon);
    coupon.deleted = true;
    coupon.valid = false;
    emitEvent(ctx, "coupon.deleted", last);
    return { id: coupon.id, object: "coupon", deleted: true };
  },
});

export const listCoupons = stripeOperation({
  name: "list_coupons",
  description: "List coupons, newest first (GET /v1/coupons).",
  rest: [{ method: "GET", path: "/v1/coupons" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object(listParams),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.coupons).filter((c) => !c.deleted && inCreated(input.created, c.created));
    return expandWire(ctx.state, listEnvelope("/v1/coupons", found.map(wireCoupon)), input.expand);
  },
});

export const couponOperations = [createCoupon, retrieveCoupon, deleteCoupon, listCoupons];
