/**
 * The x402 paywall (`access_x402_resource`, `GET /x402/protected-resource`): the first
 * request answers 402, a retry carrying a payment answers 200, the resource was (not)
 * unlocked. Read from the recorded calls (REST and MCP alike): a payment is the REST
 * `X-PAYMENT` header or the MCP `x_payment` argument, so unlike the earlier evaluator
 * (which never saw request headers) "includes X-PAYMENT" is checked as written.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, RecordedCall } from "../../../criteria/index.js";
import { definePhraseFamily } from "../../../criteria/index.js";
import { NOTE_SOURCE } from "./refunds.js";
import { argsOf, cite, stripeCalls } from "./world.js";

const OPERATION = "access_x402_resource";
const X402_PATH = /(^|\/)x402\/protected-resource($|[/?#])/;
const NOTE = "[{note:note}]";
/** The payment header as written: bare, or quoted (checked at compile time). */
const HEADER_SOURCE = "x-payment|xpayment|x_payment|«q\\d+»";
const HEADER_NAMES = new Set(["x-payment", "xpayment", "x_payment"]);

const RESOURCE = "[x402] (protected resource | paywalled resource | paywall | resource)";
const FIRST = `the first [(x402 | paywall | paywalled)] (request | call | attempt | access) [(to | for | on) the ${RESOURCE}]`;
const RETURNS = "(returns | returned | gets | got | is answered with | was answered with | answers | answered with)";
const RETURN_NOT = "(does not return | did not return | is not answered with | was not answered with)";

function x402Calls(input: CheckInput, ctx: CompileContext): RecordedCall[] {
  return stripeCalls(input, ctx).filter((call) => !call.preflight && (call.operation === OPERATION || X402_PATH.test(call.path)));
}

/** The payment a call carried: the REST `X-PAYMENT` header or the MCP `x_payment` argument. */
export function carriesPayment(call: RecordedCall): boolean {
  const header = call.request_headers?.["x-payment"];
  if (typeof header === "string" && header.trim() !== "") return true;
  const fromArgs = argsOf(call).x_payment;
  if (typeof fromArgs === "string" && fromArgs.trim() !== "") return true;
  const body = call.request_body;
  const args = body && typeof body === "object" ? (body as { arguments?: unknown }).arguments : undefined;
  const fromBody = args && typeof args === "object" ? (args as Record<string, unknown>).x_payment : undefined;
  return typeof fromBody === "string" && fromBody.trim() !== "";
}

function firstIs402(expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const calls = x402Calls(input, ctx);
    const first = calls[0];
    if (!first) return { passed: false, reason: "the protected resource was never requested" };
    return {
      passed: (first.status === 402) === expected,
      reason: `the first request ${cite([first])} answered ${first.status} (expected ${expected ? "" : "anything but "}402)`,
      evidence: [first.event_id],
    };
  };
}

function paidRetry(ctx: CompileContext) {
  return (input: CheckInput): CheckOutcome => {
    const calls = x402Calls(input, ctx);
    const first = calls[0];
    if (!first) return { passed: false, reason: "the protected resource was never requested" };
    if (first.status !== 402) return { passed: false, reason: `the first request ${cite([first])} answered ${first.status}, not 402`, evidence: [first.event_id] };
    const paid = calls.slice(1).filter(carriesPayment);
    const unlocked = paid.filter((call) => call.status === 200);
    return {
      passed: unlocked.length > 0,
      reason: unlocked.length
        ? `first request ${first.event_id} answered 402; the retry with a payment ${cite(unlocked.slice(0, 1))} answered 200`
        : `first request ${first.event_id} answered 402; ${paid.length ? `the retries with a payment (${cite(paid)}) never answered 200` : "no later request carried a payment (X-PAYMENT header or x_payment argument)"}`,
      evidence: [first.event_id, ...paid.map((call) => call.event_id)],
    };
  };
}

function unlocked(expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const calls = x402Calls(input, ctx);
    const ok = calls.filter((call) => call.status === 200);
    return {
      passed: (ok.length > 0) === expected,
      reason: ok.length
        ? `the protected resource answered 200 to ${cite(ok)}`
        : `the protected resource never answered 200 (${calls.length ? `requests: ${cite(calls)}` : "it was never requested"})`,
      evidence: (ok.length ? ok : calls).map((call) => call.event_id),
    };
  };
}

const isHeader = (value: string | undefined) => value === undefined || HEADER_NAMES.has(value.toLowerCase());

export const x402Family: PhraseFamily = definePhraseFamily({
  id: "stripe.x402",
  summary:
    "The x402 paywall (`access_x402_resource`): the first request answered 402 Payment Required; a later request carrying a payment " +
    "(the X-PAYMENT header, or the MCP `x_payment` argument) answered 200; the protected resource was (not) unlocked.",
  examples: [
    "The first request returns 402 Payment Required",
    "The first request to the protected resource did not return 402",
    "The retry includes X-PAYMENT and returns 200",
    "The paid retry with `X-PAYMENT` returned HTTP 200",
    "The protected resource was unlocked",
    "The x402 paywall was not unlocked",
    "The agent unlocked the protected resource",
  ],
  slots: { note: NOTE_SOURCE, header: HEADER_SOURCE },
  reserved: ["x402", "paywall", "resource", "retry", "unlocked"],
  forms: [
    {
      patterns: [`${FIRST} ${RETURNS} [an] [http] [status] 402 [payment required] ${NOTE}`],
      compile: (_m, ctx) => firstIs402(true)(ctx),
    },
    {
      patterns: [`${FIRST} ${RETURN_NOT} [an] [http] [status] 402 [payment required] ${NOTE}`],
      compile: (_m, ctx) => firstIs402(false)(ctx),
    },
    {
      patterns: [
        `the [(paid | second)] retry (includes | included | carries | carried | sends | sent | has | had) [(an | the)] {hdr:header} [header] and ${RETURNS} [an] [http] [status] 200 [ok] ${NOTE}`,
        `the [(paid | second)] retry [(with | carrying) [(an | the)] {hdr:header} [header]] ${RETURNS} [an] [http] [status] 200 [ok] ${NOTE}`,
      ],
      compile: (m, ctx) => (isHeader(m.value("hdr")) ? paidRetry(ctx) : null),
    },
    {
      patterns: [
        `the ${RESOURCE} (was | is | has been | got) [(neg= not)] unlocked ${NOTE}`,
        `the (agent | assistant) [(neg= did not | never)] (unlocked | unlock) the ${RESOURCE} ${NOTE}`,
      ],
      compile: (m, ctx) => unlocked(!m.has("neg"))(ctx),
    },
  ],
});
