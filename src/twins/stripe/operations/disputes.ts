/**
 * Disputes (chargebacks). A charge made with Stripe's dispute test card
 * (4000 0000 0000 0259, `pm_card_createDispute`) is disputed right after it succeeds, as
 * in test mode; seeds may hold disputes too. Updating stages evidence or submits it
 * (`submit`, true by default): Stripe's test evidence `winning_evidence` /
 * `losing_evidence` in `uncategorized_text` decides it at once, anything else puts it
 * under review. Closing accepts the loss. A disputed charge cannot be refunded.
 */
import { z } from "zod";
import { emitEvent } from "../event-log.js";
import { invalidRequest } from "../errors.js";
import { boolean, expand, id, inCreated, listParams, mergeMetadata, metadata, text } from "../inputs.js";
import { requireById, stripeOperation } from "../lookup.js";
import { newestFirst, type Dispute, type StripeContext } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { DISPUTE_EVIDENCE_FIELDS, wireDispute } from "../wire/objects.js";
import { DISPUTE_FEE, recordBalanceTransaction } from "./charging.js";

const CLOSED = new Set(["won", "lost", "warning_closed"]);

function decide(ctx: StripeContext, dispute: Dispute, status: "won" | "lost"): void {
  const before = { status: dispute.status };
  dispute.status = status;
  if (status === "won") {
    const txn = recordBalanceTransaction(ctx, { amount: dispute.amount, fee: -DISPUTE_FEE, currency: dispute.currency, type: "adjustment", source: dispute.id });
    txn.reporting_category = "dispute_reversal";
    dispute.balance_transactions.push(txn.id);
    emitEvent(ctx, "charge.dispute.funds_reinstated", wireDispute(dispute));
  }
  emitEvent(ctx, "charge.dispute.closed", wireDispute(dispute), before);
}

const requireDispute = (ctx: StripeContext, disputeId: string) => requireById(ctx.state.disputes, "dispute", disputeId, "dispute");

function requireOpen(dispute: Dispute): void {
  if (CLOSED.has(dispute.status)) throw invalidRequest(`This dispute is already closed (status: ${dispute.status}).`, { param: "dispute" });
}

const evidence = z.object(Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((field) => [field, text.optional()])) as Record<(typeof DISPUTE_EVIDENCE_FIELDS)[number], z.ZodOptional<typeof text>>).strict();

export const retrieveDispute = stripeOperation({
  name: "retrieve_dispute",
  description: "Retrieve a dispute (GET /v1/disputes/{id}).",
  rest: [{ method: "GET", path: "/v1/disputes/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireDispute(requireDispute(ctx, input.id)), input.expand);
  },
});

export const updateDispute = stripeOperation({
  name: "update_dispute",
  description: "Give evidence for a dispute (`evidence[...]`), staged or submitted (`submit`, default true), and `metadata` (POST /v1/disputes/{id}).",
  rest: [{ method: "POST", path: "/v1/disputes/{id}" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, evidence: evidence.optional(), submit: boolean.optional(), metadata: metadata.optional(), expand }),
  handle(ctx, input) {
    const dispute = requireDispute(ctx, input.id);
    requireOpen(dispute);
    const before = { status: dispute.status, evidence: structuredClone(dispute.evidence) };
    for (const [field, value] of Object.entries(input.evidence ?? {})) if (value !== undefined) dispute.evidence[field] = value === "" ? null : value;
    dispute.metadata = mergeMetadata(dispute.metadata, input.metadata);
    dispute.evidence_details.has_evidence = Object.values(dispute.evidence).some((v) => v !== null);
    const submit = input.submit ?? true;
    if (submit) {
      dispute.evidence_details.submission_count += 1;
      dispute.status = "under_review";
    }
    emitEvent(ctx, "charge.dispute.updated", wireDispute(dispute), before);
    const verdict = dispute.evidence.uncategorized_text;
    if (submit && verdict === "winning_evidence") decide(ctx, dispute, "won");
    else if (submit && verdict === "losing_evidence") decide(ctx, dispute, "lost");
    return expandWire(ctx.state, wireDispute(dispute), input.expand);
  },
});

export const closeDispute = stripeOperation({
  name: "close_dispute",
  description: "Close a dispute, accepting the loss: no evidence will be submitted (POST /v1/disputes/{id}/close).",
  rest: [{ method: "POST", path: "/v1/disputes/{id}/close" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    const dispute = requireDispute(ctx, input.id);
    requireOpen(dispute);
    decide(ctx, dispute, "lost");
    return expandWire(ctx.state, wireDispute(dispute), input.expand);
  },
});

export const listDisputes = stripeOperation({
  name: "list_disputes",
  description: "List disputes, newest first, optionally of a `charge` or `payment_intent` (GET /v1/disputes).",
  rest: [{ method: "GET", path: "/v1/disputes" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, charge: z.string().optional(), payment_intent: z.string().optional() }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.disputes).filter(
      (d) =>
        inCreated(input.created, d.created) &&
        (input.charge === undefined || d.charge === input.charge) &&
        (input.payment_intent === undefined || d.payment_intent === input.payment_intent),
    );
    return expandWire(ctx.state, listEnvelope("/v1/disputes", found.map(wireDispute)), input.expand);
  },
});

export const disputeOperations = [retrieveDispute, updateDispute, closeDispute, listDisputes];
