/**
 * Prices: a unit amount in a currency for a product, one-time or recurring
 * (`recurring[interval]`, `recurring[interval_count]`); created for an existing product or
 * with `product_data` (which creates the product). Retrieve, update (active, nickname,
 * lookup_key, metadata) and list by product, active, type, currency.
 */
import { z } from "zod";
import { changedFields, emitEvent } from "../event-log.js";
import { invalidRequest } from "../errors.js";
import { boolean, currency, expand, id, inCreated, integer, listParams, mergeMetadata, metadata, requireCurrency, text } from "../inputs.js";
import { requireById, stripeOperation } from "../lookup.js";
import { newestFirst, newId, type Price, type Product, type StripeContext } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wirePrice, wireProduct } from "../wire/objects.js";

const unitAmount = z.preprocess((v) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v), z.number().int().min(0).max(99999999));

const recurringInput = z.object({
  interval: z.enum(["day", "week", "month", "year"]),
  interval_count: integer.pipe(z.number().min(1)).optional(),
  usage_type: z.literal("licensed").optional(),
  trial_period_days: integer.optional(),
});

/** What a price is made of (also `default_price_data` of a product, and `price_data` of an item). */
export const priceDataInput = z.object({
  currency,
  unit_amount: unitAmount.optional(),
  recurring: recurringInput.optional(),
  nickname: text.optional(),
  lookup_key: z.string().min(1).max(200).optional(),
  metadata: metadata.optional(),
  active: boolean.optional(),
});

/** Stripe's limit: at most a year between billings. */
const MAX_COUNT: Record<string, number> = { day: 365, week: 52, month: 12, year: 1 };

export function requirePrice(state: { prices: Price[] }, priceId: string, param = "id"): Price {
  return requireById(state.prices, "price", priceId, param);
}

/** Validates and stores a price of `productId`, with its `price.created` event. */
export function storePrice(ctx: StripeContext, productId: string, data: z.infer<typeof priceDataInput>, prefix?: string): Price {
  const param = (name: string) => (prefix ? `${prefix}[${name}]` : name);
  const code = requireCurrency(data.currency, param("currency"));
  if (data.unit_amount === undefined) throw invalidRequest(`Missing required param: ${param("unit_amount")}.`, { code: "parameter_missing", param: param("unit_amount") });
  const count = data.recurring?.interval_count ?? 1;
  if (data.recurring && count > MAX_COUNT[data.recurring.interval]!) {
    throw invalidRequest("The maximum billing interval is one year (1 year, 12 months, 52 weeks, or 365 days).", { param: param("recurring[interval_count]") });
  }
  if (data.lookup_key !== undefined && ctx.state.prices.some((p) => p.lookup_key === data.lookup_key)) {
    throw invalidRequest(`A price (\`${ctx.state.prices.find((p) => p.lookup_key === data.lookup_key)!.id}\`) already uses that lookup key.`, { param: param("lookup_key") });
  }
  const price: Price = {
    id: newId(ctx.ids, "price"),
    object: "price",
    active: data.active ?? true,
    currency: code,
    product: productId,
    unit_amount: data.unit_amount,
    unit_amount_decimal: String(data.unit_amount),
    type: data.recurring ? "recurring" : "one_time",
    recurring: data.recurring
      ? { interval: data.recurring.interval, interval_count: count, usage_type: "licensed", meter: null, trial_period_days: data.recurring.trial_period_days ?? null }
      : null,
    nickname: data.nickname ?? null,
    lookup_key: data.lookup_key ?? null,
    metadata: mergeMetadata({}, data.metadata),
    created: ctx.clock.unix(),
    livemode: false,
  };
  ctx.state.prices.push(price);
  emitEvent(ctx, "price.created", wirePrice(price));
  return price;
}

export const createPrice = stripeOperation({
  name: "create_price",
  description: "Create a price for a product (`product`, or `product_data[name]` to create one): unit_amount, currency, and `recurring[interval]` for a subscription price (POST /v1/prices).",
  rest: [{ method: "POST", path: "/v1/prices" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: priceDataInput.extend({
    product: z.string().min(1).optional(),
    product_data: z.object({ name: text.min(1), active: boolean.optional(), metadata: metadata.optional() }).optional(),
    expand,
  }),
  handle(ctx, input) {
    if (input.product !== undefined && input.product_data !== undefined) {
      throw invalidRequest("You may only specify one of these parameters: product, product_data.", { param: "product" });
    }
    let productId: string;
    if (input.product !== undefined) productId = requireById(ctx.state.products, "product", input.product, "product").id;
    else if (input.product_data !== undefined) {
      // Validate the price before creating the product it would belong to.
      requireCurrency(input.currency);
      if (input.unit_amount === undefined) throw invalidRequest("Missing required param: unit_amount.", { code: "parameter_missing", param: "unit_amount" });
      const now = ctx.clock.unix();
      const product: Product = {
        id: newId(ctx.ids, "prod"),
        object: "product",
        name: input.product_data.name,
        description: null,
        active: input.product_data.active ?? true,
        default_price: null,
        metadata: mergeMetadata({}, input.product_data.metadata),
        created: now,
        updated: now,
        livemode: false,
      };
      ctx.state.products.push(product);
      emitEvent(ctx, "product.created", wireProduct(product));
      productId = product.id;
    } else throw invalidRequest("Missing required param: product.", { code: "parameter_missing", param: "product" });
    const { product: _p, product_data: _d, expand: paths, ...data } = input;
    return expandWire(ctx.state, wirePrice(storePrice(ctx, productId, data)), paths);
  },
});

export const retrievePrice = stripeOperation({
  name: "retrieve_price",
  description: "Retrieve a price (GET /v1/prices/{id}); `expand[]=product` embeds its product.",
  rest: [{ method: "GET", path: "/v1/prices/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wirePrice(requirePrice(ctx.state, input.id)), input.expand);
  },
});

export const updatePrice = stripeOperation({
  name: "update_price",
  description: "Update a price: active, nickname, lookup_key, metadata; amounts cannot change (POST /v1/prices/{id}).",
  rest: [{ method: "POST", path: "/v1/prices/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, active: boolean.optional(), nickname: z.union([z.literal(""), text]).optional(), lookup_key: z.string().max(200).optional(), metadata: metadata.optional(), expand }),
  handle(ctx, input) {
    const price = requirePrice(ctx.state, input.id);
    if (input.lookup_key !== undefined && input.lookup_key !== "" && ctx.state.prices.some((p) => p.id !== price.id && p.lookup_key === input.lookup_key)) {
      throw invalidRequest("A price already uses that lookup key.", { param: "lookup_key" });
    }
    const before = wirePrice(price);
    price.active = input.active ?? price.active;
    if (input.nickname !== undefined) price.nickname = input.nickname === "" ? null : input.nickname;
    if (input.lookup_key !== undefined) price.lookup_key = input.lookup_key === "" ? null : input.lookup_key;
    price.metadata = mergeMetadata(price.metadata, input.metadata);
    const previous = changedFields(before, wirePrice(price));
    if (Object.keys(previous).length > 0) emitEvent(ctx, "price.updated", wirePrice(price), previous);
    return expandWire(ctx.state, wirePrice(price), input.expand);
  },
});

export const listPrices = stripeOperation({
  name: "list_prices",
  description: "List prices, newest first, by product, active, type (one_time|recurring), currency or lookup_keys (GET /v1/prices).",
  rest: [{ method: "GET", path: "/v1/prices" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({
    ...listParams,
    product: z.string().optional(),
    active: boolean.optional(),
    type: z.enum(["one_time", "recurring"]).optional(),
    currency: currency.optional(),
    lookup_keys: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string())).optional(),
  }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.prices).filter(
      (p) =>
        inCreated(input.created, p.created) &&
        (input.product === undefined || p.product === input.product) &&
        (input.active === undefined || p.active === input.active) &&
        (input.type === undefined || p.type === input.type) &&
        (input.currency === undefined || p.currency === input.currency) &&
        (input.lookup_keys === undefined || (p.lookup_key !== null && input.lookup_keys.includes(p.lookup_key))),
    );
    return expandWire(ctx.state, listEnvelope("/v1/prices", found.map(wirePrice)), input.expand);
  },
});

export const priceOperations = [createPrice, retrievePrice, updatePrice, listPrices];
