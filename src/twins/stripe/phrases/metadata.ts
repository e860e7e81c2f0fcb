/**
 * Metadata on a named object at the end of the run: "Payment intent `pi_1` has metadata
 * `order_status` = `refunded`", "Customer cus_1 has metadata `tier`", "Charge ch_1 has no
 * metadata `flag`". Any object of the snapshot with that id (customer, payment intent,
 * charge, refund, subscription, invoice, product, price, dispute …); values compare as
 * Stripe stores them, strings.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { code, definePhraseFamily, PhraseError } from "../../../criteria/index.js";
import { ID, stateOf } from "./world.js";

const KINDS = "customer | payment intent | paymentintent | charge | refund | subscription | invoice | product | price | dispute | payment method | object";

function objectWithId(state: Record<string, unknown>, id: string): { metadata?: Record<string, string> } | undefined {
  for (const list of Object.values(state)) {
    if (!Array.isArray(list)) continue;
    const found = list.find((o) => o && typeof o === "object" && (o as { id?: unknown }).id === id);
    if (found) return found as { metadata?: Record<string, string> };
  }
  return undefined;
}

function metadataCheck(id: string, key: string, value: string | undefined, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const object = objectWithId(stateOf(input, "final", ctx.twin) as unknown as Record<string, unknown>, id);
    if (!object) return { passed: false, reason: `${code(id)} does not exist` };
    const metadata = object.metadata ?? {};
    const actual = Object.hasOwn(metadata, key) ? metadata[key] : undefined;
    const shown = actual === undefined ? `has no metadata ${code(key)}` : `has metadata ${code(key)} = ${code(actual)}`;
    const holds = value === undefined ? actual !== undefined : actual === value;
    const wanted = value === undefined ? `metadata ${code(key)}` : `${code(key)} = ${code(value)}`;
    return { passed: holds === expected, reason: `${id} ${shown} (expected ${expected ? "" : "not "}${wanted})` };
  };
}

export const metadataFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.metadata",
  summary: "Metadata of a named object at the end of the run: has (or has not) a key, or a key with a value.",
  examples: ["Payment intent `pi_123` has metadata `order_status` = `refunded`", "Customer cus_123 has metadata `tier`", "Charge ch_123 has no metadata `flagged`"],
  reserved: ["metadata"],
  forms: [
    {
      patterns: [
        `[the] [(${KINDS})] ${ID} (has | have | carries) [(neg= no | not)] metadata [key] {key:name} [(= | == | equal to | equals | set to | of | with value) {val:name}]`,
        `[the] [(${KINDS})] ${ID} (does not | doesn't | did not) (neg= have | carry) metadata [key] {key:name} [(= | == | equal to | set to | of | with value) {val:name}]`,
        `[the] metadata {key:name} of [the] [(${KINDS})] ${ID} (is | was | equals | ==) [(neg= not)] {val:name}`,
      ],
      compile: (m, ctx) => {
        const id = m.value("id")!;
        if (!/^[a-z]+_\w+/.test(id)) throw new PhraseError(`${code(id)} is not a Stripe object id (like pi_123 or cus_123)`);
        return metadataCheck(id, m.value("key")!, m.value("val"), !m.has("neg"))(ctx);
      },
    },
  ],
});
