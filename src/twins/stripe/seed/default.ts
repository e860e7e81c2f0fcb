/** A scenario without a Stripe seed starts with an empty account. */
import type { StripeSeed } from "./schema.js";

export const defaultStripeSeed: StripeSeed = {
  api_keys: [],
  failure_injection: [],
  customers: [],
  payment_methods: [],
  payment_intents: [],
  charges: [],
  refunds: [],
  balance_transactions: [],
  events: [],
};
