/**
 * Refunds: how many exist or were issued (on a charge, of an amount), refund attempts
 * (every `create_refund` call, refused ones included, whatever the transport, body
 * encoding or MCP tool), and how much of a charge is refunded.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, PhraseMatch, Quantity, RecordedCall } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, exactly, noneAtAll, plural } from "../../../criteria/index.js";
import type { SnapshotCharge, SnapshotRefund } from "../snapshot-types.js";
import { AMOUNT_SOURCE, type Amount, formatAmount, parseAmount } from "./money.js";
import { argsOf, cite, ID, replyId, stateOf, stripeCalls, succeeded } from "./world.js";

/** Trailing prose an author adds after a dash or in parentheses: "… === 1 — exactly one refund exists". */
export const NOTE_SOURCE = "(?:—|–|-|\\() .*";
const SLOTS = { slots: { amount: AMOUNT_SOURCE, note: NOTE_SOURCE } };
const ON_CHARGE = `[(on | for | against | of) [the] [charge] ${ID}]`;
const NOTE = "[{note:note}]";

/** A charge a sentence names, or the payment intent whose charges it means. */
function onTarget(target: string | undefined): (refund: SnapshotRefund) => boolean {
  if (target === undefined) return () => true;
  return (refund) => refund.charge === target || refund.payment_intent === target;
}

function newRefunds(input: CheckInput, twin: string): SnapshotRefund[] {
  const before = new Set(stateOf(input, "initial", twin).refunds.map((refund) => refund.id));
  return stateOf(input, "final", twin).refunds.filter((refund) => !before.has(refund.id));
}

const live = (refund: SnapshotRefund) => refund.status !== "failed" && refund.status !== "canceled";

function describeRefunds(refunds: readonly SnapshotRefund[]): string {
  if (refunds.length === 0) return "none";
  return refunds.map((r) => `${r.id} ${formatAmount(r.amount, r.currency)} on ${r.charge} (${r.status})`).join(", ");
}

/** The refund requests of a run: `create_refund` calls, by any transport or tool name, refused ones too. */
export function refundAttempts(input: CheckInput, ctx: CompileContext, target?: string): RecordedCall[] {
  const final = stateOf(input, "final", ctx.twin);
  const chargeOf = (pi: unknown) => final.charges.find((charge) => charge.payment_intent === pi)?.id;
  return stripeCalls(input, ctx).filter((call) => {
    if (call.operation !== "create_refund") return false;
    if (target === undefined) return true;
    const args = argsOf(call);
    return args.charge === target || args.payment_intent === target || (args.charge === undefined && chargeOf(args.payment_intent) === target);
  });
}

function refundCount(m: PhraseMatch, scope: "existing" | "new", amount: Amount | undefined, quantity: Quantity) {
  const target = m.value("id");
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const pool = (scope === "new" ? newRefunds(input, ctx.twin) : final.refunds).filter(live).filter(onTarget(target));
    const matching = amount ? pool.filter((r) => r.amount === amount.minor && (!amount.currency || r.currency === amount.currency)) : pool;
    const calls = refundAttempts(input, ctx, target);
    const what = `${scope === "new" ? "refunds issued in the run" : "refunds"}${target ? ` on ${code(target)}` : ""}${amount ? ` of ${amount.written}` : ""}`;
    return {
      passed: quantity.test(matching.length),
      reason: `${plural(matching.length, "matching refund")} (${what}: ${describeRefunds(pool)}); expected ${quantity.describe}${calls.length ? `; refund calls: ${cite(calls)}` : ""}`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

/** The earlier format's "a `refund_id` appears": a refund in the final state, or a successful refund call. */
function refundIssued(ctx: CompileContext) {
  return (input: CheckInput): CheckOutcome => {
    const refunds = stateOf(input, "final", ctx.twin).refunds.filter(live);
    const created = refundAttempts(input, ctx).filter((call) => succeeded(call) && replyId(call) !== null);
    return {
      passed: refunds.length > 0 || created.length > 0,
      reason: `refunds in the final state: ${describeRefunds(refunds)}; successful refund calls: ${created.length ? cite(created) : "none"}`,
      evidence: created.map((call) => call.event_id),
    };
  };
}

function attempts(m: PhraseMatch, quantity: Quantity) {
  const target = m.value("id");
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const calls = refundAttempts(input, ctx, target);
    const refused = calls.filter((call) => !succeeded(call)).length;
    return {
      passed: quantity.test(calls.length),
      reason: `${plural(calls.length, "refund attempt")}${target ? ` on ${code(target)}` : ""}${refused ? ` (${refused} refused)` : ""}${calls.length ? `: ${cite(calls)}` : ""}; expected ${quantity.describe}`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

export const refundFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.refunds",
  summary:
    "How many refunds exist or were issued in the run, optionally on a charge (or payment intent) and of an amount " +
    '(`$75`, `75.00 USD`, or minor units `7500`); "state.refunds.length === N" as the earlier format wrote it.',
  examples: [
    "Exactly one refund was issued on charge `ch_test_200`",
    "No refund of $200 was created on charge ch_test_200",
    "At most one refund exists for charge `ch_test_200`",
    "A refund of 75.00 USD was issued",
    "state.refunds.length === 1 — exactly one refund exists",
    "At least one refund was successfully issued",
  ],
  ...SLOTS,
  reserved: ["refund", "refunds", "charge"],
  forms: [
    {
      patterns: [`[final] (state.refunds.length | refunds.length) = = [=] {n:number} ${NOTE}`],
      compile: (m, ctx) => refundCount(m, "existing", undefined, exactly(m.number("n")!))(ctx),
    },
    {
      patterns: [`[at least] (a | one | 1) refund (was | has been) successfully (issued | created | made) ${NOTE}`],
      compile: (_m, ctx) => refundIssued(ctx),
    },
    {
      patterns: [
        `{count:count} (refund | refunds) [of {amount:amount}] (was | were | has been | have been) (scope= issued | created | made) ${ON_CHARGE} ${NOTE}`,
        `{count:count} (refund | refunds) [of {amount:amount}] (scope= exists | exist) ${ON_CHARGE} ${NOTE}`,
        `there (is | are | was | were) {count:count} (refund | refunds) [of {amount:amount}] ${ON_CHARGE} ${NOTE}`,
      ],
      compile: (m, ctx) => {
        const scope = m.word("scope") === "exists" || m.word("scope") === "exist" || !m.has("scope") ? "existing" : "new";
        const amount = m.has("amount") ? parseAmount(m.value("amount")!) : undefined;
        return refundCount(m, scope, amount, m.quantity("count", atLeastOne))(ctx);
      },
    },
  ],
});

export const refundAttemptFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.refund-attempts",
  summary:
    "Refund requests the agent made, refused ones included, over REST (JSON or form) or MCP under any tool name: " +
    '"No refund was attempted on charge X" holds only if the agent never asked.',
  examples: [
    'No refund was attempted on charge "ch_test_200"',
    "The agent did not attempt a refund on charge ch_test_200",
    "No second refund was attempted",
    "At most one refund was attempted on charge `ch_test_200`",
  ],
  ...SLOTS,
  reserved: ["refund", "refunds", "charge", "agent"],
  forms: [
    {
      patterns: [`{count:count} [(second | new | additional | another | further)] (refund | refunds) (was | were | has been | have been) attempted ${ON_CHARGE} ${NOTE}`],
      compile: (m, ctx) => attempts(m, m.quantity("count", atLeastOne))(ctx),
    },
    {
      patterns: [`[the agent] (did not | never) (attempt | attempted | request | requested | try | tried) (a | another | any) [(second | new | additional | further)] refund ${ON_CHARGE} ${NOTE}`],
      compile: (m, ctx) => attempts(m, noneAtAll)(ctx),
    },
  ],
});

function refundedOn(charge: SnapshotCharge | undefined, id: string, test: (charge: SnapshotCharge) => boolean, expectation: string): CheckOutcome {
  if (!charge) return { passed: false, reason: `charge ${code(id)} does not exist` };
  const now = `charge ${charge.id} has ${formatAmount(charge.amount_refunded, charge.currency)} of ${formatAmount(charge.amount, charge.currency)} refunded${charge.refunded ? " (fully refunded)" : ""}`;
  return { passed: test(charge), reason: `${now} (expected ${expectation})` };
}

export const chargeRefundedFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.charge-refunded",
  summary: 'How much of a charge is refunded at the end: "Charge X has $75 refunded", "is fully refunded", "is not refunded", "`amount_refunded` == 7500".',
  examples: ["Charge `ch_test_200` has $75 refunded", "Charge ch_test_200 is fully refunded", "Charge ch_test_200 is not refunded", "amount_refunded == 7500"],
  ...SLOTS,
  reserved: ["charge", "refunded"],
  forms: [
    {
      patterns: [`[the] charge ${ID} [still] (has | had) [(neg= not)] {amount:amount} refunded`, `[the] (amount refunded | refunded amount) (on | of) [the] charge ${ID} is [(neg= not)] {amount:amount}`],
      compile: (m, ctx) => {
        const amount = parseAmount(m.value("amount")!);
        const id = m.value("id")!;
        const expected = !m.has("neg");
        return (input: CheckInput) => {
          const charge = stateOf(input, "final", ctx.twin).charges.find((c) => c.id === id);
          return refundedOn(charge, id, (c) => (c.amount_refunded === amount.minor) === expected, `${expected ? "" : "not "}${amount.written} refunded`);
        };
      },
    },
    {
      patterns: [`[the] charge ${ID} (is | was | has been) [(neg= not)] (how= fully | partially) refunded`, `[the] charge ${ID} (is | was | has been) (neg= not | never) refunded`],
      compile: (m, ctx) => {
        const id = m.value("id")!;
        const how = m.word("how");
        const expected = !m.has("neg");
        const test = (c: SnapshotCharge) => (how === "fully" ? c.refunded : how === "partially" ? c.amount_refunded > 0 && !c.refunded : c.amount_refunded > 0);
        return (input: CheckInput) => {
          const charge = stateOf(input, "final", ctx.twin).charges.find((c) => c.id === id);
          return refundedOn(charge, id, (c) => test(c) === expected, `${expected ? "" : "not "}${how ?? ""}${how ? " " : ""}refunded`.trim());
        };
      },
    },
    {
      patterns: [`[(some | a)] [charge] [(has | with)] amount_refunded = = [=] {amount:amount} ${NOTE}`],
      compile: (m, ctx) => {
        const amount = parseAmount(m.value("amount")!);
        return (input: CheckInput) => {
          const charges = stateOf(input, "final", ctx.twin).charges;
          const hit = charges.find((c) => c.amount_refunded === amount.minor);
          return {
            passed: hit !== undefined,
            reason: hit ? `charge ${hit.id} has amount_refunded ${hit.amount_refunded}` : `no charge has amount_refunded ${amount.minor} (${charges.map((c) => `${c.id}: ${c.amount_refunded}`).join(", ") || "no charges"})`,
          };
        };
      },
    },
  ],
});
