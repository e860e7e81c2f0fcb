/**
 * `expand[]`: an id field replaced by the object it names (`customer`, `latest_charge`,
 * `payment_intent`, `balance_transaction`…), dotted paths going deeper
 * (`latest_charge.balance_transaction`) and `data.` reaching into a list's elements.
 * A path naming no expandable field is refused as Stripe refuses it.
 */
import { invalidRequest } from "../errors.js";
import type { StripeState } from "../state.js";
import { wireById } from "./objects.js";

const cannotExpand = (path: string) => invalidRequest(`This property cannot be expanded (${path}).`, { param: "expand" });

function expandPath(state: StripeState, target: Record<string, unknown>, segments: string[], whole: string): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === "data" && Array.isArray(target.data)) {
    for (const item of target.data) if (typeof item === "object" && item !== null) expandPath(state, item as Record<string, unknown>, rest, whole);
    return;
  }
  if (!(head in target)) throw cannotExpand(whole);
  let value = target[head];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    // `discounts`: a list of ids, each expanded.
    const found = value.map((v: string) => wireById(state, v));
    if (found.some((f) => f === null)) throw cannotExpand(whole);
    target[head] = found;
    for (const item of found) expandPath(state, item as Record<string, unknown>, rest, whole);
    return;
  }
  if (typeof value === "string") {
    const found = wireById(state, value);
    if (!found) throw cannotExpand(whole);
    target[head] = value = found;
  }
  if (value === null) return;
  if (typeof value !== "object") throw cannotExpand(whole);
  expandPath(state, value as Record<string, unknown>, rest, whole);
}

/** The wire object (or list) with the requested paths expanded, in place. */
export function expand<T extends object>(state: StripeState, wire: T, paths: readonly string[] | undefined): T {
  for (const path of paths ?? []) {
    if (path.split(".").length > 4) throw invalidRequest(`You cannot expand more than 4 levels of a property. Property: ${path}`, { param: "expand" });
    expandPath(state, wire as Record<string, unknown>, path.split("."), path);
  }
  return wire;
}
