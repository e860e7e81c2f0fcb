import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stripeTwin } from "../../../src/twins/stripe/index.js";

/**
 * spec/twins.md "Fidelity": every operation of the Stripe table is driven by a test through
 * stripe-node (a `stripe.<resource>.<method>(` call, or `rawRequest("<METHOD>", "<path>")`
 * for a route stripe-node has no method for) and through a real MCP tool call: `callTool`,
 * or the session's `tool("<name>", …)`, which is one `callTool` (checked below).
 */
const DIR = __dirname;
const sources = readdirSync(DIR)
  .filter((name) => name.endsWith(".ts") && name !== "sdk-coverage.test.ts")
  .map((name) => readFileSync(join(DIR, name), "utf8"))
  .join("\n");

/** stripe-node's method for each operation (its resource and method names). */
const STRIPE_NODE: Record<string, string> = {
  create_customer: "customers.create",
  retrieve_customer: "customers.retrieve",
  update_customer: "customers.update",
  delete_customer: "customers.del",
  list_customers: "customers.list",
  search_customers: "customers.search",
  create_payment_method: "paymentMethods.create",
  retrieve_payment_method: "paymentMethods.retrieve",
  attach_payment_method: "paymentMethods.attach",
  detach_payment_method: "paymentMethods.detach",
  list_payment_methods: "paymentMethods.list",
  create_payment_intent: "paymentIntents.create",
  retrieve_payment_intent: "paymentIntents.retrieve",
  update_payment_intent: "paymentIntents.update",
  confirm_payment_intent: "paymentIntents.confirm",
  capture_payment_intent: "paymentIntents.capture",
  cancel_payment_intent: "paymentIntents.cancel",
  list_payment_intents: "paymentIntents.list",
  search_payment_intents: "paymentIntents.search",
  retrieve_charge: "charges.retrieve",
  list_charges: "charges.list",
  create_refund: "refunds.create",
  retrieve_refund: "refunds.retrieve",
  list_refunds: "refunds.list",
  retrieve_balance: "balance.retrieve",
  list_balance_transactions: "balanceTransactions.list",
  retrieve_balance_transaction: "balanceTransactions.retrieve",
  retrieve_event: "events.retrieve",
  list_events: "events.list",
  create_product: "products.create",
  retrieve_product: "products.retrieve",
  update_product: "products.update",
  list_products: "products.list",
  create_price: "prices.create",
  retrieve_price: "prices.retrieve",
  update_price: "prices.update",
  list_prices: "prices.list",
  create_coupon: "coupons.create",
  retrieve_coupon: "coupons.retrieve",
  delete_coupon: "coupons.del",
  list_coupons: "coupons.list",
  create_subscription: "subscriptions.create",
  retrieve_subscription: "subscriptions.retrieve",
  update_subscription: "subscriptions.update",
  cancel_subscription: "subscriptions.cancel",
  list_subscriptions: "subscriptions.list",
  create_invoice: "invoices.create",
  retrieve_invoice: "invoices.retrieve",
  finalize_invoice: "invoices.finalizeInvoice",
  pay_invoice: "invoices.pay",
  list_invoices: "invoices.list",
  retrieve_dispute: "disputes.retrieve",
  update_dispute: "disputes.update",
  close_dispute: "disputes.close",
  list_disputes: "disputes.list",
  create_webhook_endpoint: "webhookEndpoints.create",
  retrieve_webhook_endpoint: "webhookEndpoints.retrieve",
  update_webhook_endpoint: "webhookEndpoints.update",
  delete_webhook_endpoint: "webhookEndpoints.del",
  list_webhook_endpoints: "webhookEndpoints.list",
  retrieve_account: "accounts.retrieveCurrent",
};

function calledThroughStripeNode(name: string, routes: { method: string; path: string }[]): boolean {
  const method = STRIPE_NODE[name];
  if (method && new RegExp(`stripe\\.${method.replace(".", "\\.")}\\(`).test(sources)) return true;
  // rawRequest("POST", DEPOSIT…) where DEPOSIT is the route's path.
  return routes.some((route) => sources.includes(`"${route.path}"`) && new RegExp(`rawRequest\\(\\s*"${route.method}"`).test(sources));
}

function toolsCalled(): Set<string> {
  const called = new Set<string>();
  for (const m of sources.matchAll(/callTool\(\s*\{\s*name:\s*["'`](\w+)["'`]/g)) called.add(m[1]);
  for (const m of sources.matchAll(/\.tool\(\s*["'`](\w+)["'`]/g)) called.add(m[1]);
  return called;
}

describe("every Stripe operation is driven by stripe-node and by the MCP client", () => {
  const tools = toolsCalled();

  test("the session's tool() helper is a real MCP callTool", () => {
    const session = readFileSync(join(DIR, "stripe-session.ts"), "utf8");
    expect(session).toMatch(/async tool\(name, args = \{\}\) \{[\s\S]{0,200}callTool\(\{ name, arguments: args \}\)/);
  });

  test.each(stripeTwin.operations.map((op) => [op.name, op] as const))("%s", (name, op) => {
    // An MCP-only tool (stripe_api_search) has no REST route for stripe-node to call.
    if (!op.mcpOnly) expect(calledThroughStripeNode(name, op.rest), `${name}: no test calls it through stripe-node`).toBe(true);
    expect(tools.has(name), `${name}: no test calls it through the MCP client`).toBe(true);
  });

  test("the generic tools are called too", () => {
    for (const route of stripeTwin.toolRoutes ?? []) expect(tools.has(route.name), route.name).toBe(true);
  });
});
