import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startStripeServer, stopStripeServer } from "./stripe-session.js";

beforeAll(startStripeServer);
afterAll(stopStripeServer);

describe("customers through stripe-node", () => {
  test("create sends a form body with nested metadata and answers a Stripe customer with a request id", async () => {
    const { stripe, calls, snapshot } = openWorld();
    const customer = await stripe.customers.create({ email: "ada@example.com", name: "Ada", metadata: { plan: "pro" } });
    expect(customer).toMatchObject({ object: "customer", email: "ada@example.com", name: "Ada", metadata: { plan: "pro" }, livemode: false });
    expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(customer.lastResponse.requestId).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(calls.at(-1)).toMatchObject({ operation: "create_customer", status: 200, state_mutation: true, args: { email: "ada@example.com", metadata: { plan: "pro" } } });
    expect(snapshot().customers).toEqual([expect.objectContaining({ id: customer.id, email: "ada@example.com" })]);
  });

  test("retrieve, update (metadata merges, empty value unsets) and delete", async () => {
    const { stripe, snapshot } = openWorld();
    const { id } = await stripe.customers.create({ email: "a@x.io", metadata: { plan: "pro", tier: "1" } });
    expect((await stripe.customers.retrieve(id)).id).toBe(id);
    const updated = await stripe.customers.update(id, { name: "Ann", metadata: { tier: "", seats: "5" } });
    expect(updated).toMatchObject({ name: "Ann", metadata: { plan: "pro", seats: "5" } });
    const deleted = await stripe.customers.del(id);
    expect(deleted).toMatchObject({ id, object: "customer", deleted: true });
    expect(await stripe.customers.retrieve(id)).toMatchObject({ id, deleted: true });
    expect(snapshot().customers[0]).toMatchObject({ id, deleted: true });
    const types = snapshot().events.map((e: any) => e.type);
    expect(types).toEqual(["customer.created", "customer.updated", "customer.deleted"]);
    expect(snapshot().events[1].data.previous_attributes).toMatchObject({ name: null, metadata: { plan: "pro", tier: "1" } });
  });

  test("an unknown customer is StripeInvalidRequestError resource_missing with param", async () => {
    const { stripe } = openWorld();
    const error = await stripe.customers.retrieve("cus_nope").catch((e) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({ statusCode: 404, code: "resource_missing", param: "id" });
    expect(error.raw.message).toBe("No such customer: 'cus_nope'");
    expect(error.raw.doc_url).toBe("https://stripe.com/docs/error-codes/resource-missing");
  });

  test("list is newest first, filters by email, and auto-paginates with for await", async () => {
    const { stripe, calls } = openWorld();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await stripe.customers.create({ email: i === 2 ? "two@x.io" : `c${i}@x.io` })).id);
    const page = await stripe.customers.list({ limit: 2 });
    expect(page.data.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(page).toMatchObject({ object: "list", has_more: true, url: "/v1/customers" });
    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 2 })) all.push(c.id);
    expect(all).toEqual([...ids].reverse());
    expect(calls.filter((c) => c.operation === "list_customers").length).toBe(1 + 3);
    expect((await stripe.customers.list({ email: "two@x.io" })).data.map((c) => c.id)).toEqual([ids[2]]);
    const before = await stripe.customers.list({ ending_before: ids[1], limit: 2 });
    expect(before.data.map((c) => c.id)).toEqual([ids[3], ids[2]]);
  });

  test("search by email, name substring and metadata", async () => {
    const { stripe } = openWorld();
    const ada = await stripe.customers.create({ email: "ada@example.com", name: "Ada Lovelace", metadata: { plan: "pro" } });
    await stripe.customers.create({ email: "bob@example.com", name: "Bob" });
    expect((await stripe.customers.search({ query: "email:'ada@example.com'" })).data.map((c) => c.id)).toEqual([ada.id]);
    expect((await stripe.customers.search({ query: "name~'love' AND metadata['plan']:'pro'" })).data.map((c) => c.id)).toEqual([ada.id]);
    const found: string[] = [];
    for await (const c of stripe.customers.search({ query: "email~'example'", limit: 1 })) found.push(c.id);
    expect(found).toHaveLength(2);
    const error = await stripe.customers.search({ query: "colour:'red'" }).catch((e) => e);
    expect(error).toMatchObject({ statusCode: 400, param: "query" });
  });

  test("bad input is a 400 with Stripe's parameter code, never a 5xx", async () => {
    const { stripe } = openWorld();
    const error = await stripe.customers.create({ balance: "lots" as unknown as number }).catch((e) => e);
    expect(error).toMatchObject({ statusCode: 400, code: "parameter_invalid_integer", param: "balance" });
    const meta = await stripe.customers.create({ metadata: { plan: { nested: 1 } } as never }).catch((e) => e);
    expect(meta).toMatchObject({ statusCode: 400, param: "metadata[plan]" });
  });
});

describe("customers through MCP", () => {
  test("every customer tool, with Stripe's errors as isError results", async () => {
    const world = openWorld();
    const created = await world.tool("create_customer", { email: "m@x.io", metadata: { plan: "team" } });
    expect(created).toMatchObject({ isError: false, json: { object: "customer", email: "m@x.io" } });
    const id = created.json.id;
    expect((await world.tool("retrieve_customer", { id })).json.id).toBe(id);
    expect((await world.tool("update_customer", { id, name: "M" })).json.name).toBe("M");
    expect((await world.tool("list_customers", { limit: 1 })).json).toMatchObject({ object: "list", data: [{ id }] });
    expect((await world.tool("search_customers", { query: "email:'m@x.io'" })).json.data[0].id).toBe(id);
    expect((await world.tool("delete_customer", { id })).json).toMatchObject({ deleted: true });
    const missing = await world.tool("retrieve_customer", { id: "cus_missing" });
    expect(missing).toMatchObject({ isError: true, json: { error: { type: "invalid_request_error", code: "resource_missing" } } });
    expect(world.calls.every((c) => c.transport === "mcp")).toBe(true);
  });

  test("stripe_api_read and stripe_api_write lead to the operations by OpenAPI id, reads never to writes", async () => {
    const world = openWorld();
    const created = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostCustomers", parameters: { email: "g@x.io" } });
    expect(created.json).toMatchObject({ object: "customer", email: "g@x.io" });
    const read = await world.tool("stripe_api_read", { stripe_api_operation_id: "GetCustomersCustomer", parameters: { customer: created.json.id } });
    expect(read.json.id).toBe(created.json.id);
    expect(world.calls.map((c) => c.operation)).toEqual(["create_customer", "retrieve_customer"]);
    const refused = await world.tool("stripe_api_read", { stripe_api_operation_id: "PostCustomers", parameters: { email: "h@x.io" } });
    expect(refused).toMatchObject({ isError: true, json: { error: { param: "stripe_api_operation_id" } } });
    const unknown = await world.tool("stripe_api_write", { stripe_api_operation_id: "PostTransfers", parameters: {} });
    expect(unknown).toMatchObject({ isError: true, json: { error: { code: "endpoint_not_supported" } } });
    expect(world.snapshot().customers).toHaveLength(1);
  });
});
