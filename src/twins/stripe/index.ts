/**
 * The Stripe twin: REST (stripe-node's `/v1` routes, served at the server root as well as
 * under the session URL) and MCP (the agent toolkit's tool names, plus the hosted server's
 * generic `stripe_api_read` / `stripe_api_write`) over one operation table, seeded from
 * the scenario (the earlier twin's format or Stripe objects), snapshotted as Stripe objects.
 */
import type { Clock, IdSource, Operation } from "../engine/operation.js";
import { reply } from "../engine/operation.js";
import { readBodyByContentType } from "../engine/request-body.js";
import type { TwinDefinition } from "../engine/twin.js";
import { POME_VERSION } from "../../version.js";
import { stripeAuth } from "./auth.js";
import { stripeErrorBody, stripeErrors } from "./errors.js";
import { balanceOperations } from "./operations/balance.js";
import { chargeOperations } from "./operations/charges.js";
import { customerOperations } from "./operations/customers.js";
import { eventOperations } from "./operations/events.js";
import { stripeToolRoutes } from "./operations/generic-tools.js";
import { paymentIntentFlowOperations } from "./operations/payment-intent-flow.js";
import { paymentIntentOperations } from "./operations/payment-intents.js";
import { paymentMethodOperations } from "./operations/payment-methods.js";
import { refundOperations } from "./operations/refunds.js";
import { x402Operations } from "./operations/x402.js";
import { productOperations } from "./operations/products.js";
import { priceOperations } from "./operations/prices.js";
import { couponOperations } from "./operations/coupons.js";
import { subscriptionOperations } from "./operations/subscriptions.js";
import { invoiceOperations } from "./operations/invoices.js";
import { disputeOperations } from "./operations/disputes.js";
import { webhookEndpointOperations } from "./operations/webhook-endpoints.js";
import { accountOperations, retrieveAccount } from "./operations/account.js";
import { apiDiscoveryOperations } from "./operations/api-discovery.js";
import { toolAlias } from "../engine/tool-routes.js";
import { createStripeState, defaultStripeSeed, failureInjectionFaults, stripeSeedSchema, type StripeSeed } from "./seed/index.js";
import { stripePhrases } from "./phrases/index.js";
import { stripeSnapshot } from "./snapshot.js";
import { base62, DEFAULT_ACCOUNT_ID, STRIPE_API_VERSION, type StripeState } from "./state.js";
import { stripePagination } from "./wire/list.js";

export const stripeOperations: Operation<StripeState, any>[] = [
  ...customerOperations,
  ...paymentMethodOperations,
  ...paymentIntentOperations,
  ...paymentIntentFlowOperations,
  ...chargeOperations,
  ...refundOperations,
  ...balanceOperations,
  ...eventOperations,
  ...productOperations,
  ...priceOperations,
  ...couponOperations,
  ...subscriptionOperations,
  ...invoiceOperations,
  ...disputeOperations,
  ...webhookEndpointOperations,
  ...accountOperations,
  ...x402Operations,
  ...apiDiscoveryOperations(() => stripeOperations),
];

/** Every Stripe reply carries a request id (stripe-node exposes it as `lastResponse.requestId` and on errors). */
function stripeResponseHeaders(ctx: { clock: Clock; ids: IdSource }): Record<string, string> {
  return { "request-id": `req_${base62(ctx.ids, "request", 14)}`, "stripe-version": STRIPE_API_VERSION };
}

const MISMATCH = (key: string) =>
  `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;

export const stripeTwin: TwinDefinition<StripeState, StripeSeed> = {
  name: "stripe",
  version: POME_VERSION,
  operations: stripeOperations,
  toolRoutes: [...stripeToolRoutes, toolAlias("get_stripe_account_info", retrieveAccount)],
  seed: { schema: stripeSeedSchema, default: defaultStripeSeed, faults: (seed, operations) => failureInjectionFaults(seed.failure_injection, operations) },
  createState: createStripeState,
  snapshot: stripeSnapshot,
  defaultActor: DEFAULT_ACCOUNT_ID,
  errors: stripeErrors,
  auth: stripeAuth,
  phrases: stripePhrases,
  rootMount: true,
  // stripe-node sends forms with bracketed keys; agents of the earlier twin send JSON.
  bodyReader: readBodyByContentType,
  pagination: stripePagination,
  idempotency: {
    header: "idempotency-key",
    argument: "idempotency_key",
    mismatch: (key) => reply(400, stripeErrorBody(400, MISMATCH(key), { type: "idempotency_error" })),
    replayHeaders: { "idempotent-replayed": "true" },
  },
  responseHeaders: stripeResponseHeaders,
  // Stripe refuses parameters it does not know; MCP tools carry the hosted server's own
  // arguments (stripe_context, livemode, human_confirmation), so only REST is strict.
  unknownInput: (names, transport) => (transport === "rest" ? reply(400, stripeErrorBody(400, `Received unknown parameter${names.length > 1 ? "s" : ""}: ${names.join(", ")}`, { code: "parameter_unknown", param: names[0] })) : undefined),
  identityKeys: [["id"]],
};

export type { StripeState } from "./state.js";
export type { StripeSeed, StripeSeedInput } from "./seed/index.js";
export type { StripeSnapshot } from "./snapshot-types.js";
