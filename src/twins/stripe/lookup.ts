/**
 * Finding stored objects by id (Stripe's `resource_missing` when absent) and the typed
 * `defineOperation` for this twin's state.
 */
import type { Operation } from "../engine/operation.js";
import { resourceMissing } from "./errors.js";
import type { Charge, Customer, PaymentIntent, PaymentMethod, StripeState } from "./state.js";

/** `defineOperation` with the state type fixed, so handlers infer their input from the schema. */
export function stripeOperation<I>(op: Operation<StripeState, I>): Operation<StripeState, I> {
  return op;
}

/** A customer that exists and is not deleted. */
export function requireCustomer(state: StripeState, id: string, param = "id"): Customer {
  const customer = state.customers.find((c) => c.id === id);
  if (!customer || customer.deleted) throw resourceMissing("customer", id, param);
  return customer;
}

export function requirePaymentIntent(state: StripeState, id: string, param = "intent"): PaymentIntent {
  return requireById(state.payment_intents, "payment_intent", id, param);
}

export function requireCharge(state: StripeState, id: string, param = "charge"): Charge {
  return requireById(state.charges, "charge", id, param);
}

export function findPaymentMethod(state: StripeState, id: string): PaymentMethod | undefined {
  return state.payment_methods.find((p) => p.id === id);
}

export function requireById<T extends { id: string }>(list: T[], kind: string, id: string, param = "id"): T {
  const found = list.find((o) => o.id === id);
  if (!found) throw resourceMissing(kind, id, param);
  return found;
}
