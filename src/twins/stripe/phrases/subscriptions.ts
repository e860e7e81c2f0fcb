/** Subscriptions: a named one is (or is not) in a status at the end of the run. */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { code, definePhraseFamily, PhraseError } from "../../../criteria/index.js";
import type { SubscriptionStatus } from "../snapshot-types.js";
import { ID, stateOf } from "./world.js";

const STATUSES: readonly SubscriptionStatus[] = ["incomplete_expired", "incomplete", "trialing", "active", "past_due", "canceled", "unpaid", "paused"];

function subscriptionStatus(id: string, status: SubscriptionStatus, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const subscription = (stateOf(input, "final", ctx.twin).subscriptions ?? []).find((candidate) => candidate.id === id);
    if (!subscription) return { passed: false, reason: `subscription ${code(id)} does not exist` };
    const invoice = subscription.latest_invoice ? ` (latest invoice ${subscription.latest_invoice})` : "";
    return { passed: (subscription.status === status) === expected, reason: `${subscription.id} is ${subscription.status}${invoice} (expected ${expected ? "" : "not "}${status})` };
  };
}

export const subscriptionFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.subscriptions",
  summary: "A named subscription's status at the end of the run (active, past_due, canceled, …), with negation.",
  examples: ["Subscription `sub_123` is active", "Subscription sub_123 is not canceled", "The subscription sub_123 is still past_due"],
  reserved: ["subscription", "status"],
  forms: [
    {
      patterns: [`[the] subscription ${ID} (is | was | has status | ends) [(still | now)] [(neg= not | no longer)] [(still | now)] [in] (status= ${STATUSES.join(" | ")})`],
      compile: (m, ctx) => {
        const id = m.value("id")!;
        if (!/^sub_/.test(id)) throw new PhraseError(`${code(id)} is not a subscription id (they start with sub_)`);
        return subscriptionStatus(id, m.word("status") as SubscriptionStatus, !m.has("neg"))(ctx);
      },
    },
  ],
});
