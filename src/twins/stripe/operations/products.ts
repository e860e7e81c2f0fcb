/** Products: create (optionally with a default price), retrieve, update, list by `active` / `ids`. */
import { z } from "zod";
import { changedFields, emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing } from "../errors.js";
import { boolean, expand, id, inCreated, listParams, mergeMetadata, metadata, text } from "../inputs.js";
import { requireById, stripeOperation } from "../lookup.js";
import { newestFirst, newId, type Product } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireProduct } from "../wire/objects.js";
import { priceDataInput, storePrice } from "./prices.js";

const idList = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string()));

export function requireProduct(state: { products: Product[] }, productId: string, param = "id"): Product {
  return requireById(state.products, "product", productId, param);
}

export const createProduct = stripeOperation({
  name: "create_product",
  description: "Create a product; `default_price_data` also creates its default price (POST /v1/products).",
  rest: [{ method: "POST", path: "/v1/products" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    name: text.min(1),
    id: z.string().min(1).max(255).optional(),
    description: text.optional(),
    active: boolean.optional(),
    metadata: metadata.optional(),
    default_price_data: priceDataInput.optional(),
    expand,
  }),
  handle(ctx, input) {
    if (input.id !== undefined && ctx.state.products.some((p) => p.id === input.id)) {
      throw invalidRequest(`Product already exists.`, { code: "resource_already_exists", param: "id" });
    }
    const now = ctx.clock.unix();
    const product: Product = {
      id: input.id ?? newId(ctx.ids, "prod"),
      object: "product",
      name: input.name,
      description: input.description ?? null,
      active: input.active ?? true,
      default_price: null,
      metadata: mergeMetadata({}, input.metadata),
      created: now,
      updated: now,
      livemode: false,
    };
    ctx.state.products.push(product);
    emitEvent(ctx, "product.created", wireProduct(product));
    if (input.default_price_data !== undefined) {
      const price = storePrice(ctx, product.id, input.default_price_data, "default_price_data");
      product.default_price = price.id;
    }
    return expandWire(ctx.state, wireProduct(product), input.expand);
  },
});

export const retrieveProduct = stripeOperation({
  name: "retrieve_product",
  description: "Retrieve a product (GET /v1/products/{id}).",
  rest: [{ method: "GET", path: "/v1/products/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireProduct(requireProduct(ctx.state, input.id)), input.expand);
  },
});

export const updateProduct = stripeOperation({
  name: "update_product",
  description: "Update a product: name, description, active, default_price, metadata (POST /v1/products/{id}).",
  rest: [{ method: "POST", path: "/v1/products/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({
    id,
    name: text.min(1).optional(),
    description: z.union([z.literal(""), text]).optional(),
    active: boolean.optional(),
    default_price: z.string().optional(),
    metadata: metadata.optional(),
    expand,
  }),
  handle(ctx, input) {
    const product = requireProduct(ctx.state, input.id);
    let defaultPrice = product.default_price;
    if (input.default_price !== undefined) {
      if (input.default_price === "") defaultPrice = null;
      else {
        const price = ctx.state.prices.find((p) => p.id === input.default_price);
        if (!price) throw resourceMissing("price", input.default_price, "default_price");
        if (price.product !== product.id) {
          throw invalidRequest(`The price ${price.id} does not belong to this product; the default price must be a price of product ${product.id}.`, { param: "default_price" });
        }
        if (!price.active) throw invalidRequest("The default price of a product must be active.", { param: "default_price" });
        defaultPrice = price.id;
      }
    }
    const before = wireProduct(product);
    product.name = input.name ?? product.name;
    if (input.description !== undefined) product.description = input.description === "" ? null : input.description;
    product.active = input.active ?? product.active;
    product.default_price = defaultPrice;
    product.metadata = mergeMetadata(product.metadata, input.metadata);
    const after = wireProduct(product);
    const previous = changedFields(before, after);
    if (Object.keys(previous).length > 0) {
      product.updated = ctx.clock.unix();
      emitEvent(ctx, "product.updated", wireProduct(product), previous);
    }
    return expandWire(ctx.state, wireProduct(product), input.expand);
  },
});

export const listProducts = stripeOperation({
  name: "list_products",
  description: "List products, newest first, optionally by `active` or `ids` (GET /v1/products).",
  rest: [{ method: "GET", path: "/v1/products" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, active: boolean.optional(), ids: idList.optional() }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.products).filter(
      (p) => inCreated(input.created, p.created) && (input.active === undefined || p.active === input.active) && (input.ids === undefined || input.ids.includes(p.id)),
    );
    return expandWire(ctx.state, listEnvelope("/v1/products", found.map(wireProduct)), input.expand);
  },
});

export const productOperations = [createProduct, retrieveProduct, updateProduct, listProducts];
