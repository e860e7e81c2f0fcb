/**
 * The Stripe twin's `[D]` phrase catalog (spec/twins.md "[D] phrase families", Stripe).
 * Amounts may be written as Stripe does (minor units) or as people do (`$20`, `20.00
 * USD`). Families are tried in this order, but no two accept the same sentence (tested).
 */
import type { PhraseFamily } from "../../../criteria/index.js";
import { operationCallFamily, stateUnchangedFamily, unsupportedCallFamily } from "../../../criteria/index.js";
import { callErrorFamily } from "./call-errors.js";
import { customerFamily } from "./customers.js";
import { eventFamily } from "./events.js";
import { idempotencyFamily } from "./idempotency.js";
import { metadataFamily } from "./metadata.js";
import { paymentIntentFamily } from "./payment-intents.js";
import { chargeRefundedFamily, refundAttemptFamily, refundFamily } from "./refunds.js";
import { subscriptionFamily } from "./subscriptions.js";
import { x402Family } from "./x402.js";

const operationCalls = operationCallFamily({
  id: "stripe.operation-calls",
  vendor: "Stripe",
  examples: ["`create_refund` was called exactly once", "`cancel_payment_intent` was never called"],
});

const unsupportedCalls = unsupportedCallFamily({
  id: "stripe.unsupported-calls",
  vendor: "Stripe",
  examples: ["No unsupported endpoint was called", "The agent did not call any unsupported endpoints", "No unsupported Stripe endpoint was called"],
});

const stateUnchanged = stateUnchangedFamily({
  id: "stripe.state-unchanged",
  vendor: "Stripe",
  names: ["stripe"],
  examples: ["The Stripe state was not modified"],
});

export const stripePhrases: PhraseFamily[] = [
  refundFamily,
  refundAttemptFamily,
  chargeRefundedFamily,
  paymentIntentFamily,
  subscriptionFamily,
  eventFamily,
  callErrorFamily,
  customerFamily,
  metadataFamily,
  idempotencyFamily,
  x402Family,
  operationCalls,
  unsupportedCalls,
  stateUnchanged,
];
