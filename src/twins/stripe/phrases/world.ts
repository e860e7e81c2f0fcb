/**
 * What every Stripe phrase family needs: the snapshots, the recorded calls of the Stripe
 * twin with their arguments (the same whatever the transport, body encoding or MCP tool
 * name: the recorder normalised them), and the objects a sentence names.
 */
import type { CheckInput, CompileContext } from "../../../criteria/index.js";
import { callsOf, type RecordedCall } from "../../../criteria/index.js";
import type { StripeSnapshot } from "../snapshot-types.js";

/** A Stripe object id as criteria write it: `ch_test_200`, `"pi_123"`, `` `cus_abc` ``. */
export const ID = "{id:name}";

function isSnapshot(value: unknown): value is StripeSnapshot {
  return !!value && typeof value === "object" && Array.isArray((value as StripeSnapshot).payment_intents);
}

/** The Stripe snapshot before or after the agent; a run without one fails the check (guarded). */
export function stateOf(input: CheckInput, which: "initial" | "final", twin: string): StripeSnapshot {
  const state = input[which][twin];
  if (!isSnapshot(state)) throw new Error(`no ${which} Stripe state was captured`);
  return state;
}

export function stripeCalls(input: CheckInput, ctx: CompileContext): RecordedCall[] {
  return callsOf(input, ctx.twin);
}

export function argsOf(call: RecordedCall): Record<string, unknown> {
  return call.args && typeof call.args === "object" ? (call.args as Record<string, unknown>) : {};
}

export const succeeded = (call: RecordedCall) => call.error === null && call.status < 400;

/** Stripe's error `type` of a failed call (`card_error`, `invalid_request_error`, …), from the vendor body. */
export function errorTypeOf(call: RecordedCall): string | null {
  const body = call.response_body;
  if (!body || typeof body !== "object") return null;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== "object") return null;
  const type = (error as { type?: unknown }).type;
  return typeof type === "string" ? type : null;
}

/** The object id a call's reply carries (`re_…` of a created refund). */
export function replyId(call: RecordedCall): string | null {
  const body = call.response_body;
  const id = body && typeof body === "object" ? (body as { id?: unknown }).id : undefined;
  return typeof id === "string" && id !== "" ? id : null;
}

/** "create_refund evt_4 (rest, 402)" lists for verdicts. */
export function cite(calls: readonly RecordedCall[], limit = 4): string {
  const shown = calls.slice(0, limit).map((call) => `${call.operation ?? call.path} ${call.event_id} (${call.transport}, ${call.status})`);
  if (calls.length > limit) shown.push(`${calls.length - limit} more`);
  return shown.join(", ");
}
