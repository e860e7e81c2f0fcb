/**
 * The hosted Stripe MCP server's generic tools, `stripe_api_read` and `stripe_api_write`
 * `{stripe_api_operation_id, parameters}`, keyed by Stripe's OpenAPI operation ids. Each
 * id leads to an operation of the table (and is recorded as it); the OpenAPI path
 * parameter (`customer`, `intent`, `charge`…) becomes the table's `id`. Reads lead only
 * to non-mutating operations, writes only to mutating ones.
 */
import { z } from "zod";
import type { Operation } from "../../engine/operation.js";
import type { ToolRoute } from "../../engine/tool-routes.js";
import { invalidRequest } from "../errors.js";

/** OpenAPI operation id → the operation it is, and the name of its path parameter there. */
export const OPENAPI_OPERATIONS: Record<string, { operation: string; pathParam?: string }> = {
  GetCustomers: { operation: "list_customers" },
  PostCustomers: { operation: "create_customer" },
  GetCustomersSearch: { operation: "search_customers" },
  GetCustomersCustomer: { operation: "retrieve_customer", pathParam: "customer" },
  PostCustomersCustomer: { operation: "update_customer", pathParam: "customer" },
  DeleteCustomersCustomer: { operation: "delete_customer", pathParam: "customer" },
  GetCustomersCustomerPaymentMethods: { operation: "list_payment_methods" },
  GetPaymentMethods: { operation: "list_payment_methods" },
  PostPaymentMethods: { operation: "create_payment_method" },
  GetPaymentMethodsPaymentMethod: { operation: "retrieve_payment_method", pathParam: "payment_method" },
  PostPaymentMethodsPaymentMethodAttach: { operation: "attach_payment_method", pathParam: "payment_method" },
  PostPaymentMethodsPaymentMethodDetach: { operation: "detach_payment_method", pathParam: "payment_method" },
  GetPaymentIntents: { operation: "list_payment_intents" },
  PostPaymentIntents: { operation: "create_payment_intent" },
  GetPaymentIntentsSearch: { operation: "search_payment_intents" },
  GetPaymentIntentsIntent: { operation: "retrieve_payment_intent", pathParam: "intent" },
  PostPaymentIntentsIntent: { operation: "update_payment_intent", pathParam: "intent" },
  PostPaymentIntentsIntentConfirm: { operation: "confirm_payment_intent", pathParam: "intent" },
  PostPaymentIntentsIntentCapture: { operation: "capture_payment_intent", pathParam: "intent" },
  PostPaymentIntentsIntentCancel: { operation: "cancel_payment_intent", pathParam: "intent" },
  PostTestHelpersPaymentIntentsIntentSimulateCryptoDeposit: { operation: "simulate_crypto_deposit", pathParam: "intent" },
  GetCharges: { operation: "list_charges" },
  GetChargesCharge: { operation: "retrieve_charge", pathParam: "charge" },
  GetRefunds: { operation: "list_refunds" },
  PostRefunds: { operation: "create_refund" },
  GetRefundsRefund: { operation: "retrieve_refund", pathParam: "refund" },
  GetBalance: { operation: "retrieve_balance" },
  GetBalanceTransactions: { operation: "list_balance_transactions" },
  GetBalanceTransactionsId: { operation: "retrieve_balance_transaction", pathParam: "id" },
  GetEvents: { operation: "list_events" },
  GetEventsId: { operation: "retrieve_event", pathParam: "id" },
  GetProducts: { operation: "list_products" },
  PostProducts: { operation: "create_product" },
  GetProductsId: { operation: "retrieve_product", pathParam: "id" },
  PostProductsId: { operation: "update_product", pathParam: "id" },
  GetPrices: { operation: "list_prices" },
  PostPrices: { operation: "create_price" },
  GetPricesPrice: { operation: "retrieve_price", pathParam: "price" },
  PostPricesPrice: { operation: "update_price", pathParam: "price" },
  GetCoupons: { operation: "list_coupons" },
  PostCoupons: { operation: "create_coupon" },
  GetCouponsCoupon: { operation: "retrieve_coupon", pathParam: "coupon" },
  DeleteCouponsCoupon: { operation: "delete_coupon", pathParam: "coupon" },
  GetSubscriptions: { operation: "list_subscriptions" },
  PostSubscriptions: { operation: "create_subscription" },
  GetSubscriptionsSubscriptionExposedId: { operation: "retrieve_subscription", pathParam: "subscription_exposed_id" },
  PostSubscriptionsSubscriptionExposedId: { operation: "update_subscription", pathParam: "subscription_exposed_id" },
  DeleteSubscriptionsSubscriptionExposedId: { operation: "cancel_subscription", pathParam: "subscription_exposed_id" },
  GetInvoices: { operation: "list_invoices" },
  PostInvoices: { operation: "create_invoice" },
  GetInvoicesInvoice: { operation: "retrieve_invoice", pathParam: "invoice" },
  PostInvoicesInvoiceFinalize: { operation: "finalize_invoice", pathParam: "invoice" },
  PostInvoicesInvoicePay: { operation: "pay_invoice", pathParam: "invoice" },
  GetDisputes: { operation: "list_disputes" },
  GetDisputesDispute: { operation: "retrieve_dispute", pathParam: "dispute" },
  PostDisputesDispute: { operation: "update_dispute", pathParam: "dispute" },
  PostDisputesDisputeClose: { operation: "close_dispute", pathParam: "dispute" },
  GetWebhookEndpoints: { operation: "list_webhook_endpoints" },
  PostWebhookEndpoints: { operation: "create_webhook_endpoint" },
  GetWebhookEndpointsWebhookEndpoint: { operation: "retrieve_webhook_endpoint", pathParam: "webhook_endpoint" },
  PostWebhookEndpointsWebhookEndpoint: { operation: "update_webhook_endpoint", pathParam: "webhook_endpoint" },
  DeleteWebhookEndpointsWebhookEndpoint: { operation: "delete_webhook_endpoint", pathParam: "webhook_endpoint" },
  GetAccount: { operation: "retrieve_account" },
};

const genericInput = z.object({
  stripe_api_operation_id: z.string().min(1),
  parameters: z.record(z.string(), z.unknown()).default({}),
  stripe_context: z.string().optional(),
  livemode: z.unknown().optional(),
  human_confirmation: z.unknown().optional(),
});

function genericTool(name: string, mutates: boolean): ToolRoute<z.infer<typeof genericInput>> {
  const kind = mutates ? "write" : "read";
  return {
    name,
    description: `Call a Stripe API ${kind} operation by its OpenAPI operation id (e.g. ${mutates ? "PostCustomers, PostRefunds" : "GetCustomers, GetCustomersCustomer"}) with its parameters.`,
    input: genericInput,
    mutates,
    to({ stripe_api_operation_id: operationId, parameters }, operations: ReadonlyMap<string, Operation>) {
      const entry = OPENAPI_OPERATIONS[operationId];
      if (!entry) throw invalidRequest(`Unknown or unsupported Stripe API operation id: ${operationId}.`, { code: "endpoint_not_supported", param: "stripe_api_operation_id" });
      const operation = operations.get(entry.operation);
      if (operation && operation.mutates !== mutates) {
        const other = mutates ? "stripe_api_read" : "stripe_api_write";
        throw invalidRequest(`${operationId} is a ${mutates ? "read" : "write"} operation; call it with ${other}.`, { param: "stripe_api_operation_id" });
      }
      const input = { ...parameters };
      if (entry.pathParam && entry.pathParam !== "id" && input[entry.pathParam] !== undefined && input.id === undefined) {
        // update_payment_intent also has a body field `customer`; only the path parameter is renamed.
        input.id = input[entry.pathParam];
        delete input[entry.pathParam];
      }
      return { operation: entry.operation, input };
    },
  };
}

export const stripeToolRoutes: ToolRoute[] = [genericTool("stripe_api_read", false), genericTool("stripe_api_write", true)];
