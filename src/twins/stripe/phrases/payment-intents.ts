/**
 * Payment intents: one exists with an amount, currency, status or customer; a named one
 * has a status; a valid one was created after a refused attempt; a charge and its
 * balance transaction exist for one.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, PhraseMatch, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, PhraseError, plural } from "../../../criteria/index.js";
import type { PaymentIntentStatus, SnapshotPaymentIntent } from "../snapshot-types.js";
import { AMOUNT_SOURCE, formatAmount, parseAmount } from "./money.js";
import { NOTE_SOURCE } from "./refunds.js";
import { cite, errorTypeOf, ID, stateOf, stripeCalls, succeeded } from "./world.js";

const STATUSES: readonly PaymentIntentStatus[] = [
  "requires_payment_method",
  "requires_confirmation",
  "requires_action",
  "processing",
  "requires_capture",
  "canceled",
  "succeeded",
];
const STATUS = `(status= ${STATUSES.join(" | ")})`;
const PI = "(payment intent | paymentintent | payment_intent | pi)";
const PIS = "(payment intent | payment intents | paymentintent | paymentintents | payment_intent | payment_intents)";
const NOTE = "[{note:note}]";

function describe(intents: readonly SnapshotPaymentIntent[]): string {
  if (intents.length === 0) return "no payment intents";
  return intents.map((pi) => `${pi.id} ${formatAmount(pi.amount, pi.currency)} ${pi.status}${pi.customer ? ` for ${pi.customer}` : ""}`).join(", ");
}

interface Wanted {
  amount?: { minor: number; currency?: string; written: string };
  currency?: string;
  status?: PaymentIntentStatus;
  customer?: string;
}

function matches(pi: SnapshotPaymentIntent, wanted: Wanted): boolean {
  if (wanted.amount && (pi.amount !== wanted.amount.minor || (wanted.amount.currency && pi.currency !== wanted.amount.currency))) return false;
  if (wanted.currency && pi.currency !== wanted.currency) return false;
  if (wanted.status && pi.status !== wanted.status) return false;
  return !(wanted.customer && pi.customer !== wanted.customer);
}

function wantedOf(m: PhraseMatch): Wanted {
  return {
    amount: m.has("amount") ? parseAmount(m.value("amount")!) : undefined,
    currency: m.value("currency")?.toLowerCase(),
    status: m.word("status") as PaymentIntentStatus | undefined,
    customer: m.value("customer"),
  };
}

function wording(wanted: Wanted): string {
  const parts = [
    wanted.amount && `amount ${wanted.amount.written}`,
    wanted.currency && `currency ${wanted.currency}`,
    wanted.status && `status ${wanted.status}`,
    wanted.customer && `customer ${wanted.customer}`,
  ].filter(Boolean);
  return parts.length ? ` with ${parts.join(", ")}` : "";
}

function exists(wanted: Wanted, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const intents = stateOf(input, "final", ctx.twin).payment_intents;
    const found = intents.filter((pi) => matches(pi, wanted));
    return {
      passed: (found.length > 0) === expected,
      reason: `${found.length ? `${found.map((pi) => pi.id).join(", ")} match` : "none matches"} (expected ${expected ? "one" : "none"}${wording(wanted)}; the run ends with ${describe(intents)})`,
    };
  };
}

function named(id: string, status: PaymentIntentStatus, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const pi = stateOf(input, "final", ctx.twin).payment_intents.find((candidate) => candidate.id === id);
    if (!pi) return { passed: false, reason: `payment intent ${code(id)} does not exist` };
    const error = pi.last_payment_error ? ` (last payment error: ${pi.last_payment_error.code ?? pi.last_payment_error.type})` : "";
    return { passed: (pi.status === status) === expected, reason: `${pi.id} is ${pi.status}${error} (expected ${expected ? "" : "not "}${status})` };
  };
}

/** The earlier format's "a valid PaymentIntent is created after the failure": a refused create, then a successful one, in that order. */
/** Payment intents the run created (absent from the seed), counted. */
function createdCount(quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const before = new Set(stateOf(input, "initial", ctx.twin).payment_intents.map((pi) => pi.id));
    const created = stateOf(input, "final", ctx.twin).payment_intents.filter((pi) => !before.has(pi.id));
    return { passed: quantity.test(created.length), reason: `${plural(created.length, "payment intent")} created in the run (${describe(created)}); expected ${quantity.describe}` };
  };
}

function createdAfterFailure(ctx: CompileContext) {
  return (input: CheckInput): CheckOutcome => {
    const creates = stripeCalls(input, ctx).filter((call) => call.operation === "create_payment_intent");
    const firstFailure = creates.findIndex((call) => !succeeded(call));
    const later = firstFailure < 0 ? [] : creates.slice(firstFailure + 1).filter(succeeded);
    return {
      passed: firstFailure >= 0 && later.length > 0,
      reason:
        firstFailure < 0
          ? `no payment intent create was refused (creates: ${creates.length ? cite(creates) : "none"})`
          : `refused create ${creates[firstFailure].event_id} (${errorTypeOf(creates[firstFailure]) ?? creates[firstFailure].status}), then ${later.length ? `created ${cite(later)}` : "no successful create"}`,
      evidence: creates.map((call) => call.event_id),
    };
  };
}

function chargeAndBalance(ctx: CompileContext) {
  return (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const intents = new Set(final.payment_intents.map((pi) => pi.id));
    const charges = final.charges.filter((charge) => (charge.payment_intent !== null && intents.has(charge.payment_intent)) || final.payment_intents.some((pi) => pi.latest_charge === charge.id));
    const sources = new Set(charges.map((charge) => charge.id));
    const transactions = final.balance_transactions.filter((txn) => txn.source !== null && (sources.has(txn.source) || intents.has(txn.source)));
    return {
      passed: charges.length > 0 && transactions.length > 0,
      reason: `charges of payment intents: ${charges.map((c) => c.id).join(", ") || "none"}; their balance transactions: ${transactions.map((t) => t.id).join(", ") || "none"}`,
    };
  };
}

export const paymentIntentFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.payment-intents",
  summary:
    "Payment intents at the end of the run: one exists with an amount, currency, status or customer; a named one has " +
    "(or has not) a status; a valid one was created after a refused create; a charge and balance transaction exist for one.",
  examples: [
    "A PaymentIntent exists with amount 10000",
    "A payment intent for $100.00 with status succeeded exists",
    "The PaymentIntent status is requires_action",
    "Payment intent `pi_123` is succeeded",
    "Payment intent pi_123 is not canceled",
    "A backing PaymentIntent reaches succeeded",
    "A valid PaymentIntent is created after the failure",
    "A charge and balance transaction are created for the PaymentIntent",
    "No payment intent exists for customer cus_123",
    "Exactly one payment intent was created",
  ],
  slots: { amount: AMOUNT_SOURCE, note: NOTE_SOURCE },
  reserved: ["payment", "intent", "paymentintent", "status", "amount", "customer", "currency"],
  forms: [
    {
      patterns: [`{count:count} [new] ${PIS} (was | were | has been | have been) created ${NOTE}`],
      compile: (m, ctx) => createdCount(m.quantity("count", atLeastOne))(ctx),
    },
    {
      patterns: [`[the] ${PI} ${ID} (is | was | has status | reaches | reached | ends) [(neg= not)] [in] ${STATUS} ${NOTE}`],
      compile: (m, ctx) => {
        if (!/^pi_/.test(m.value("id")!)) throw new PhraseError(`${code(m.value("id")!)} is not a payment intent id (they start with pi_)`);
        return named(m.value("id")!, m.word("status") as PaymentIntentStatus, !m.has("neg"))(ctx);
      },
    },
    {
      patterns: [
        `(a | an | one | some | the) [(backing | new)] ${PI} [(for | of) {amount:amount}] [(in | with currency) {currency:name}] [for customer {customer:name}] (exists | was created | is created) [with amount [of] {amount2:amount}] [(with | in | and) status ${STATUS}] ${NOTE}`,
        `(a | an | one | some | the) [(backing | new)] ${PI} [(for | of) {amount:amount}] [(in | with currency) {currency:name}] [for customer {customer:name}] (with | in) status ${STATUS} (exists | was created | is created) ${NOTE}`,
      ],
      compile: (m, ctx) => {
        const wanted = wantedOf(m);
        if (m.has("amount2")) wanted.amount = parseAmount(m.value("amount2")!);
        return exists(wanted, true)(ctx);
      },
    },
    {
      patterns: [`(no | not a single) ${PI} [(for | of) {amount:amount}] (exists | was created) [for customer {customer:name}] [(with | in) status ${STATUS}] ${NOTE}`],
      compile: (m, ctx) => exists(wantedOf(m), false)(ctx),
    },
    {
      patterns: [`(the | a | an | some) [(backing | new)] ${PI} [status] (is | reaches | reached | has status | ends in) ${STATUS} ${NOTE}`],
      compile: (m, ctx) => exists(wantedOf(m), true)(ctx),
    },
    {
      patterns: [`(a | the) valid ${PI} (is | was) created (after | following) the (failure | error | refused request) ${NOTE}`],
      compile: (_m, ctx) => createdAfterFailure(ctx),
    },
    {
      patterns: [`(a | the) charge and [a] balance transaction (are | were) created for the ${PI} ${NOTE}`],
      compile: (_m, ctx) => chargeAndBalance(ctx),
    },
  ],
});
