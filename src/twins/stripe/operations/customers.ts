/** Customers: create, retrieve, update, delete (Stripe keeps answering `deleted: true`), list by email, search. */
import { z } from "zod";
import { changedFields, emitEvent } from "../event-log.js";
import { invalidRequest, resourceMissing } from "../errors.js";
import { expand, id, inCreated, integer, listParams, mergeMetadata, metadata, text } from "../inputs.js";
import { findPaymentMethod, requireCustomer, stripeOperation } from "../lookup.js";
import { newestFirst, newId, type Customer, type StripeContext } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireCustomer } from "../wire/objects.js";
import { parseSearchQuery, searchMatches, searchResult } from "../wire/search-query.js";

const nullableText = z.union([z.literal(""), text]).optional();
const customerFields = {
  email: nullableText,
  name: nullableText,
  description: nullableText,
  phone: nullableText,
  balance: integer.optional(),
  metadata: metadata.optional(),
  invoice_settings: z.object({ default_payment_method: z.string().optional() }).optional(),
  expand,
};

/** An empty string unsets a field, as on Stripe. */
const orNull = (value: string | undefined, current: string | null) => (value === undefined ? current : value === "" ? null : value);

function defaultPaymentMethod(ctx: StripeContext, customer: Customer, pmId: string | undefined): string | null {
  if (pmId === undefined) return customer.invoice_settings.default_payment_method;
  if (pmId === "") return null;
  const pm = findPaymentMethod(ctx.state, pmId);
  if (!pm) throw resourceMissing("PaymentMethod", pmId, "invoice_settings[default_payment_method]");
  if (pm.customer !== customer.id) {
    throw invalidRequest(`The PaymentMethod ${pmId} does not belong to the Customer you supplied ${customer.id}. Please attach it first.`, { param: "invoice_settings[default_payment_method]" });
  }
  return pm.id;
}

export const createCustomer = stripeOperation({
  name: "create_customer",
  description: "Create a customer (POST /v1/customers).",
  rest: [{ method: "POST", path: "/v1/customers" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ ...customerFields, payment_method: z.string().optional() }),
  handle(ctx, input) {
    const customer: Customer = {
      id: newId(ctx.ids, "cus"),
      object: "customer",
      email: orNull(input.email, null),
      name: orNull(input.name, null),
      description: orNull(input.description, null),
      phone: orNull(input.phone, null),
      balance: input.balance ?? 0,
      currency: null,
      delinquent: false,
      invoice_settings: { default_payment_method: null },
      metadata: mergeMetadata({}, input.metadata),
      created: ctx.clock.unix(),
      livemode: false,
    };
    if (input.payment_method !== undefined) {
      const pm = findPaymentMethod(ctx.state, input.payment_method);
      if (!pm) throw resourceMissing("PaymentMethod", input.payment_method, "payment_method");
      if (pm.customer !== null) throw invalidRequest("The payment method you provided has already been attached to a customer.", { code: "payment_method_unexpected_state", param: "payment_method" });
      pm.customer = customer.id;
    }
    customer.invoice_settings.default_payment_method = defaultPaymentMethod(ctx, customer, input.invoice_settings?.default_payment_method);
    ctx.state.customers.push(customer);
    emitEvent(ctx, "customer.created", wireCustomer(customer));
    return expandWire(ctx.state, wireCustomer(customer), input.expand);
  },
});

export const retrieveCustomer = stripeOperation({
  name: "retrieve_customer",
  description: "Retrieve a customer (GET /v1/customers/{id}); a deleted one answers `deleted: true`.",
  rest: [{ method: "GET", path: "/v1/customers/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    const customer = ctx.state.customers.find((c) => c.id === input.id);
    if (!customer) throw resourceMissing("customer", input.id, "id");
    return expandWire(ctx.state, wireCustomer(customer), customer.deleted ? undefined : input.expand);
  },
});

export const updateCustomer = stripeOperation({
  name: "update_customer",
  description: "Update a customer's fields; metadata merges per key (POST /v1/customers/{id}).",
  rest: [{ method: "POST", path: "/v1/customers/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, ...customerFields }),
  handle(ctx, input) {
    const customer = requireCustomer(ctx.state, input.id);
    const before = wireCustomer(customer);
    customer.email = orNull(input.email, customer.email);
    customer.name = orNull(input.name, customer.name);
    customer.description = orNull(input.description, customer.description);
    customer.phone = orNull(input.phone, customer.phone);
    customer.balance = input.balance ?? customer.balance;
    customer.metadata = mergeMetadata(customer.metadata, input.metadata);
    customer.invoice_settings.default_payment_method = defaultPaymentMethod(ctx, customer, input.invoice_settings?.default_payment_method);
    const after = wireCustomer(customer);
    const previous = changedFields(before, after);
    if (Object.keys(previous).length > 0) emitEvent(ctx, "customer.updated", after, previous);
    return expandWire(ctx.state, after, input.expand);
  },
});

export const deleteCustomer = stripeOperation({
  name: "delete_customer",
  description: "Delete a customer (DELETE /v1/customers/{id}); its payment methods are detached.",
  rest: [{ method: "DELETE", path: "/v1/customers/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id }),
  handle(ctx, input) {
    const customer = requireCustomer(ctx.state, input.id);
    const last = wireCustomer(customer);
    customer.deleted = true;
    for (const pm of ctx.state.payment_methods) if (pm.customer === customer.id) pm.customer = null;
    emitEvent(ctx, "customer.deleted", last);
    return { id: customer.id, object: "customer", deleted: true };
  },
});

export const listCustomers = stripeOperation({
  name: "list_customers",
  description: "List customers, newest first, optionally by exact email (GET /v1/customers).",
  rest: [{ method: "GET", path: "/v1/customers" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, email: z.string().optional() }),
  handle(ctx, input) {
    const customers = newestFirst(ctx.state.customers).filter(
      (c) => !c.deleted && inCreated(input.created, c.created) && (input.email === undefined || c.email === input.email),
    );
    return expandWire(ctx.state, listEnvelope("/v1/customers", customers.map(wireCustomer)), input.expand);
  },
});

export const searchCustomers = stripeOperation({
  name: "search_customers",
  description: "Search customers with Stripe's search query language: email, name, phone, metadata['k'], created (GET /v1/customers/search).",
  rest: [{ method: "GET", path: "/v1/customers/search" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ query: z.string(), limit: listParams.limit, page: z.string().optional(), expand }),
  handle(ctx, input) {
    const query = parseSearchQuery(input.query, ["email", "name", "phone", "metadata", "created"]);
    const found = newestFirst(ctx.state.customers)
      .filter((c) => !c.deleted)
      .map(wireCustomer)
      .filter((c) => searchMatches(query, c));
    return expandWire(ctx.state, searchResult("/v1/customers/search", found, input.limit, input.page), input.expand);
  },
});

export const customerOperations = [createCustomer, retrieveCustomer, updateCustomer, deleteCustomer, listCustomers, searchCustomers];
