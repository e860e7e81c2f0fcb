/** Customers: one exists (or was created in the run) with an email or name; counts and negation. */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, plural } from "../../../criteria/index.js";
import type { SnapshotCustomer } from "../snapshot-types.js";
import { stateOf } from "./world.js";

function customers(field: "email" | "name", value: string, scope: "existing" | "new", quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const before = new Set(stateOf(input, "initial", ctx.twin).customers.map((customer) => customer.id));
    const all = stateOf(input, "final", ctx.twin).customers.filter((customer) => !customer.deleted);
    const pool = scope === "new" ? all.filter((customer) => !before.has(customer.id)) : all;
    const wanted = value.toLowerCase();
    const matching = pool.filter((customer: SnapshotCustomer) => (customer[field] ?? "").toLowerCase() === wanted);
    return {
      passed: quantity.test(matching.length),
      reason: `${plural(matching.length, "customer")} with ${field} ${code(value)}${scope === "new" ? " created in the run" : ""}${matching.length ? ` (${matching.map((c) => c.id).join(", ")})` : ""}; expected ${quantity.describe}`,
    };
  };
}

export const customerFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.customers",
  summary: "Customers with an email or name: existing at the end, or created during the run.",
  examples: ["A customer with email `jenny@example.com` exists", "Exactly one customer with email `jenny@example.com` was created", "No customer named `Mallory` exists"],
  reserved: ["customer", "customers", "email", "named", "name"],
  forms: [
    {
      patterns: [
        `{count:count} (customer | customers) (field= with email | with name | named) {value:text} (scope= exists | exist | was created | were created | has been created)`,
      ],
      compile: (m, ctx) => {
        const field = m.word("field") === "with email" ? "email" : "name";
        const scope = m.word("scope")?.includes("created") ? "new" : "existing";
        return customers(field, m.value("value")!, scope, m.quantity("count", atLeastOne))(ctx);
      },
    },
  ],
});
