/**
 * Events Stripe emitted in the run (the twin emits one per state change): "`charge.refunded`
 * was emitted exactly once", "No `payment_intent.payment_failed` event was emitted", and
 * the earlier format's "payment_intent.succeeded is emitted".
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, plural } from "../../../criteria/index.js";
import { NOTE_SOURCE } from "./refunds.js";
import { stateOf } from "./world.js";

/** An event type as written: `charge.refunded`, "payment_intent.succeeded", bare or quoted. */
const TYPE = "{type:name}";
const NOTE = "[{note:note}]";

function emitted(type: string, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const before = new Set(stateOf(input, "initial", ctx.twin).events.map((event) => event.id));
    const events = stateOf(input, "final", ctx.twin).events.filter((event) => !before.has(event.id));
    const matching = events.filter((event) => event.type === type);
    const types = [...new Set(events.map((event) => event.type))];
    return {
      passed: quantity.test(matching.length),
      reason: `${plural(matching.length, `${code(type)} event`)} emitted in the run${matching.length ? ` (${matching.map((e) => e.id).join(", ")})` : ""}; expected ${quantity.describe} (event types of the run: ${types.join(", ") || "none"})`,
    };
  };
}

export const eventFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.events",
  summary: "Events of a type emitted during the run (counted over the run's new events), with counts and negation.",
  examples: [
    "`payment_intent.succeeded` is emitted",
    "An event of type `charge.refunded` was emitted",
    "`charge.refunded` was emitted exactly once",
    "No `payment_intent.payment_failed` event was emitted",
  ],
  slots: { note: NOTE_SOURCE },
  reserved: ["event", "events", "emitted", "type"],
  forms: [
    {
      patterns: [`[(an | the)] [event] ${TYPE} [event] (is | was | has been) [(neg= not | never)] emitted [{times:times}] ${NOTE}`],
      compile: (m, ctx) => {
        const type = m.value("type")!;
        if (!type.includes(".")) return null;
        return emitted(type, m.quantity("times", atLeastOne, m.has("neg")))(ctx);
      },
    },
    {
      patterns: [
        `{count:count} (event | events) of type ${TYPE} (was | were | has been | have been) emitted ${NOTE}`,
        `{count:count} ${TYPE} (event | events) (was | were | has been | have been) emitted ${NOTE}`,
      ],
      compile: (m, ctx) => {
        const type = m.value("type")!;
        if (!type.includes(".")) return null;
        return emitted(type, m.quantity("count", atLeastOne))(ctx);
      },
    },
  ],
});
