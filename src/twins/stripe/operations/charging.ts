/**
 * What moving money does to the state: a charge per attempt (failed ones included), a
 * balance transaction when funds are captured (Stripe's card fee 2.9% + 30¢; crypto
 * deposits settle free), a dispute when the card is Stripe's dispute test card, and the
 * events of each step. Shared by confirm, capture and the crypto deposit helper.
 */
import { emitEvent } from "../event-log.js";
import { stripeError } from "../errors.js";
import type { BalanceTransaction, Charge, Dispute, PaymentIntent, PaymentMethod, StripeContext } from "../state.js";
import { newId } from "../state.js";
import { declineOf, disputeReasonOf } from "../test-cards.js";
import { DISPUTE_EVIDENCE_FIELDS, wireCharge, wireDispute, wirePaymentIntent } from "../wire/objects.js";

const TWO_DAYS = 2 * 24 * 3600;

export const cardFee = (amount: number) => Math.round(amount * 0.029) + 30;

export function recordBalanceTransaction(
  ctx: StripeContext,
  fields: Pick<BalanceTransaction, "amount" | "fee" | "currency" | "type" | "source"> & { pending?: boolean },
): BalanceTransaction {
  const now = ctx.clock.unix();
  const txn: BalanceTransaction = {
    id: newId(ctx.ids, "txn"),
    object: "balance_transaction",
    amount: fields.amount,
    fee: fields.fee,
    net: fields.amount - fields.fee,
    currency: fields.currency,
    type: fields.type,
    reporting_category: fields.type,
    source: fields.source,
    status: fields.pending ? "pending" : "available",
    available_on: fields.pending ? now + TWO_DAYS : now,
    description: fields.type === "refund" ? "REFUND FOR CHARGE" : null,
    created: now,
  };
  ctx.state.balance_transactions.push(txn);
  return txn;
}

function newCharge(ctx: StripeContext, pi: PaymentIntent, pm: PaymentMethod | null): Charge {
  const charge: Charge = {
    id: newId(ctx.ids, "ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: 0,
    amount_refunded: 0,
    currency: pi.currency,
    customer: pi.customer,
    payment_intent: pi.id,
    payment_method: pm?.id ?? null,
    balance_transaction: null,
    status: "succeeded",
    paid: true,
    captured: false,
    refunded: false,
    disputed: false,
    failure_code: null,
    failure_message: null,
    outcome: { type: "authorized", network_status: "approved_by_network", reason: null, seller_message: "Payment complete." },
    description: pi.description,
    metadata: { ...pi.metadata },
    created: ctx.clock.unix(),
    livemode: false,
  };
  ctx.state.charges.push(charge);
  pi.latest_charge = charge.id;
  return charge;
}

/** Capture `amount` of an authorized charge: its balance transaction, and the PI succeeds. */
export function captureCharge(ctx: StripeContext, pi: PaymentIntent, charge: Charge, amount: number, crypto = false): void {
  const txn = recordBalanceTransaction(ctx, { amount, fee: crypto ? 0 : cardFee(amount), currency: charge.currency, type: "charge", source: charge.id, pending: !crypto });
  charge.captured = true;
  charge.amount_captured = amount;
  charge.balance_transaction = txn.id;
  pi.status = "succeeded";
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  pi.next_action = null;
}

/**
 * Charge a card for a PaymentIntent. A documented decline card fails the charge, puts the
 * PI back to `requires_payment_method` with `last_payment_error`, and answers Stripe's 402
 * card_error (the state change stays: the attempt happened).
 */
export function chargeCard(ctx: StripeContext, pi: PaymentIntent, pm: PaymentMethod): void {
  const charge = newCharge(ctx, pi, pm);
  const decline = pm.card ? declineOf(pm.card) : null;
  if (decline) {
    charge.status = "failed";
    charge.paid = false;
    charge.failure_code = decline.code;
    charge.failure_message = decline.message;
    charge.outcome = { type: "issuer_declined", network_status: "declined_by_network", reason: decline.decline_code, seller_message: "The bank did not return any further details with this decline." };
    pi.status = "requires_payment_method";
    pi.payment_method = null;
    pi.last_payment_error = { type: "card_error", code: decline.code, decline_code: decline.decline_code, message: decline.message, payment_method: { id: pm.id } };
    emitEvent(ctx, "charge.failed", wireCharge(ctx.state, charge));
    const failedIntent = wirePaymentIntent(pi);
    emitEvent(ctx, "payment_intent.payment_failed", failedIntent);
    throw stripeError(402, decline.message, {
      type: "card_error",
      code: decline.code,
      decline_code: decline.decline_code,
      ...(decline.code === "incorrect_cvc" ? { param: "cvc" } : decline.code === "expired_card" ? { param: "exp_month" } : {}),
      charge: charge.id,
      payment_intent: failedIntent,
      payment_method: { id: pm.id, object: "payment_method", type: pm.type },
    });
  }
  pi.payment_method = pm.id;
  pi.last_payment_error = null;
  if (pi.capture_method === "manual") {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
    emitEvent(ctx, "charge.succeeded", wireCharge(ctx.state, charge));
    emitEvent(ctx, "payment_intent.amount_capturable_updated", wirePaymentIntent(pi));
    return;
  }
  captureCharge(ctx, pi, charge, pi.amount);
  emitEvent(ctx, "charge.succeeded", wireCharge(ctx.state, charge));
  emitEvent(ctx, "payment_intent.succeeded", wirePaymentIntent(pi));
  disputeIfTestCard(ctx, charge);
}

/** Stripe's dispute test card is disputed as soon as its charge is captured. */
export function disputeIfTestCard(ctx: StripeContext, charge: Charge): void {
  const pm = charge.payment_method === null ? undefined : ctx.state.payment_methods.find((p) => p.id === charge.payment_method);
  const reason = pm?.card ? disputeReasonOf(pm.card) : null;
  if (reason) openDispute(ctx, charge, reason);
}


/** The crypto deposit arrived: processing, then a free settled charge, and the PI succeeds. */
export function settleCryptoDeposit(ctx: StripeContext, pi: PaymentIntent): void {
  pi.status = "processing";
  pi.next_action = null;
  emitEvent(ctx, "payment_intent.processing", wirePaymentIntent(pi));
  const charge = newCharge(ctx, pi, null);
  captureCharge(ctx, pi, charge, pi.amount, true);
  emitEvent(ctx, "payment_intent.succeeded", wirePaymentIntent(pi));
  emitEvent(ctx, "charge.succeeded", wireCharge(ctx.state, charge));
}

/** Stripe's dispute fee (USD minor units). */
export const DISPUTE_FEE = 1500;
const EVIDENCE_WINDOW = 21 * 24 * 3600;

export const emptyEvidence = (): Record<string, string | null> => Object.fromEntries(DISPUTE_EVIDENCE_FIELDS.map((field) => [field, null]));

/** A dispute as the bank opens it on what remains of `charge`: no evidence yet, 21 days to answer. */
export function newDispute(id: string, charge: Charge, created: number, reason: string): Dispute {
  return {
    id,
    object: "dispute",
    amount: charge.amount_captured - charge.amount_refunded,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    reason,
    status: "needs_response",
    is_charge_refundable: false,
    evidence: emptyEvidence(),
    evidence_details: { due_by: created + EVIDENCE_WINDOW, has_evidence: false, past_due: false, submission_count: 0 },
    balance_transactions: [],
    metadata: {},
    created,
    livemode: false,
  };
}

/** The bank disputes the charge: the amount and the fee leave the balance. */
export function openDispute(ctx: StripeContext, charge: Charge, reason = "fraudulent"): Dispute {
  const dispute = newDispute(newId(ctx.ids, "dp"), charge, ctx.clock.unix(), reason);
  const txn = recordBalanceTransaction(ctx, { amount: -dispute.amount, fee: DISPUTE_FEE, currency: charge.currency, type: "adjustment", source: dispute.id });
  txn.reporting_category = "dispute";
  dispute.balance_transactions.push(txn.id);
  ctx.state.disputes.push(dispute);
  charge.disputed = true;
  emitEvent(ctx, "charge.dispute.created", wireDispute(dispute));
  emitEvent(ctx, "charge.dispute.funds_withdrawn", wireDispute(dispute));
  return dispute;
}
