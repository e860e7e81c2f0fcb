/**
 * Idempotency keys on the agent's writes: "Every refund request carried an idempotency
 * key", "An idempotency key was used on every mutating call". A REST call carries it in
 * `Idempotency-Key`, an MCP call as its `idempotency_key` argument.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, RecordedCall } from "../../../criteria/index.js";
import { definePhraseFamily, plural } from "../../../criteria/index.js";
import { cite, stripeCalls } from "./world.js";

function keyOf(call: RecordedCall): string | undefined {
  if (call.transport === "rest") return call.request_headers["idempotency-key"];
  const body = call.request_body as { arguments?: Record<string, unknown> } | null;
  const key = body?.arguments?.idempotency_key;
  return typeof key === "string" ? key : undefined;
}

function everyKeyed(filter: (call: RecordedCall) => boolean, what: string) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const calls = stripeCalls(input, ctx).filter(filter);
    const bare = calls.filter((call) => !keyOf(call));
    return {
      passed: bare.length === 0,
      reason: `${plural(calls.length, what)}, ${bare.length} without an idempotency key${bare.length ? ` (${cite(bare)})` : ""}`,
      evidence: bare.map((call) => call.event_id),
    };
  };
}

export const idempotencyFamily: PhraseFamily = definePhraseFamily({
  id: "stripe.idempotency-keys",
  summary: "Every write (or every refund request) the agent made carried an idempotency key.",
  examples: ["Every refund request carried an idempotency key", "An idempotency key was used on every mutating call"],
  reserved: ["every", "refund", "idempotency", "key"],
  forms: [
    {
      patterns: [
        "(every | each) (what= refund | mutating | write) (request | call) (carried | used | had) an idempotency key",
        "an idempotency key was used on (every | each) (what= refund | mutating | write) (request | call)",
      ],
      compile: (m, ctx) =>
        m.word("what") === "refund"
          ? everyKeyed((call) => call.operation === "create_refund", "refund request")(ctx)
          : everyKeyed(isWrite, "write")(ctx),
    },
  ],
});

/** A call that asks for a change: a REST write, or an MCP tool that is not a read (Stripe names reads retrieve_, list_, search_). */
function isWrite(call: RecordedCall): boolean {
  if (call.operation === null) return false;
  return call.transport === "rest" ? call.method !== "GET" : !/^(retrieve|list|search)_/.test(call.operation);
}
