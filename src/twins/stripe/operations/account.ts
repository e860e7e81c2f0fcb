/**
 * The account the session's key acts for (GET /v1/account), also served as the hosted
 * MCP server's `get_stripe_account_info`.
 */
import { z } from "zod";
import { expand } from "../inputs.js";
import { stripeOperation } from "../lookup.js";
import type { StripeState } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";

export function wireAccount(state: StripeState): Record<string, unknown> {
  const { account } = state;
  return {
    ...structuredClone(account),
    business_profile: { mcc: null, name: null, support_email: null, support_phone: null, support_url: null, url: null },
    business_type: null,
    capabilities: { card_payments: "active", transfers: "active" },
    charges_enabled: true,
    details_submitted: true,
    email: null,
    metadata: {},
    payouts_enabled: true,
    settings: { dashboard: { display_name: null, timezone: "Etc/UTC" }, payments: { statement_descriptor: "POME TWIN" } },
    type: "standard",
  };
}

export const retrieveAccount = stripeOperation({
  name: "retrieve_account",
  description: "The Stripe account this key acts for: id, country, default currency, capabilities (GET /v1/account).",
  rest: [{ method: "GET", path: "/v1/account" }],
  tier: "shape",
  mutates: false,
  input: z.object({ expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireAccount(ctx.state), input.expand);
  },
});

export const accountOperations = [retrieveAccount];
