/**
 * Families every twin shares, over the normalised call log: "`X` was called N times /
 * never" and "no unsupported endpoint was called". Calls are counted by operation name,
 * whatever the transport (REST or MCP) and body encoding, because the recorder already
 * normalised them.
 */
import { distance } from "fastest-levenshtein";
import type { TwinCall } from "../trace/index.js";
import type { CheckInput, CompileContext, PhraseFamily } from "./types.js";
import { code, definePhraseFamily, listing, PhraseError, plural } from "./phrase-family.js";
import type { PhraseMatch } from "./phrase-pattern.js";
import { atLeastOne, noneAtAll, type Quantity } from "./quantity.js";

export type RecordedCall = TwinCall & { event_id: string };

/** The calls of one twin in a run. */
export function callsOf(input: CheckInput, twin: string): RecordedCall[] {
  return input.calls.filter((call) => call.twin === twin);
}

/** "merge_pull_request evt_12 (mcp, 200)" — enough to find the call in events.jsonl. */
export function citeCall(call: RecordedCall): string {
  return `${call.operation ?? `${call.method} ${call.path}`} ${call.event_id} (${call.transport}, ${call.status})`;
}

export function citeCalls(calls: readonly RecordedCall[], limit = 5): string {
  const shown = calls.slice(0, limit).map(citeCall);
  if (calls.length > limit) shown.push(`${calls.length - limit} more`);
  return listing(shown);
}

/** A restriction of counted calls to the object a sentence names ("on PR #2"). */
export interface CallScope {
  /** Pattern fragment appended (optionally) to every sentence; its slots are the scope's own. */
  fragment: string;
  /** A filter for the matched slots, or undefined when the sentence named no scope. */
  compile(match: PhraseMatch, ctx: CompileContext): { test(call: RecordedCall): boolean; describe: string } | undefined;
}

export interface OperationCallFamilyOptions {
  id: string;
  /** The twin's display name in messages ("GitHub"). */
  vendor: string;
  examples: string[];
  scope?: CallScope;
}

const OPERATION_NOUN_REQUIRED = "(tool | operation | endpoint | api | method | function | route | action | mcp tool)";
const OPERATION_NOUN = `[${OPERATION_NOUN_REQUIRED}]`;

/** `stripe.create_refund`, `stripe:create_refund`: an operation name qualified by its twin. */
const QUALIFIED = /^([a-z][\w-]*)[.:]([\w.]+)$/i;

function resolveOperation(name: string, options: OperationCallFamilyOptions, ctx: CompileContext): string {
  const names = ctx.operations;
  const wanted = name.trim().toLowerCase();
  // Slack writes its methods with dots (`chat.postMessage`); the operation is `chat_postMessage`.
  const found = names.find((candidate) => candidate.toLowerCase() === wanted.replace(/[\s.]+/g, "_"));
  if (found) return found;
  // With several twins, a name two twins share is written with its twin ("`github.list_users`").
  const qualified = QUALIFIED.exec(name.trim());
  if (qualified) {
    if (qualified[1].toLowerCase() === ctx.twin.toLowerCase()) return resolveOperation(qualified[2], options, ctx);
    throw new PhraseError(`${code(name)} is not a ${options.vendor} operation (its prefix \`${qualified[1]}\` names another twin)`);
  }
  // Names that contain the author's words rank first ("merge" → merge_pull_request).
  const words = wanted.split(/[\s_]+/).filter(Boolean);
  const score = (candidate: string) => distance(wanted, candidate) - 100 * words.filter((word) => candidate.includes(word)).length;
  const nearest = [...names].sort((a, b) => score(a) - score(b)).slice(0, 3).map(code);
  const guess = nearest.length > 1 ? `${nearest.slice(0, -1).join(", ")} or ${nearest[nearest.length - 1]}` : nearest.join("");
  throw new PhraseError(
    `${code(name)} is not a ${options.vendor} operation, so this criterion could never fail; did you mean ${guess}? (\`pome twin fidelity\` lists every operation)`,
  );
}

/** "`merge_pull_request` was never called", "`create_commit_status` was called at most once". */
export function operationCallFamily(options: OperationCallFamilyOptions): PhraseFamily {
  const scope = options.scope ? ` [${options.scope.fragment}]` : "";
  const build = (quantityOf: (m: PhraseMatch) => Quantity) => (m: PhraseMatch, ctx: CompileContext) => {
    const operation = resolveOperation(m.value("op") ?? "", options, ctx);
    const quantity = quantityOf(m);
    const restriction = options.scope?.compile(m, ctx);
    const where = restriction ? ` ${restriction.describe}` : "";
    return (input: CheckInput) => {
      const calls = callsOf(input, ctx.twin).filter(
        (call) => call.operation === operation && (!restriction || restriction.test(call)),
      );
      const passed = quantity.test(calls.length);
      const found = calls.length === 0 ? "was never called" : `was called ${plural(calls.length, "time")}: ${citeCalls(calls)}`;
      return {
        passed,
        reason: `${code(operation)}${where} ${found} (expected ${quantity.none ? "never" : quantity.describe})`,
        evidence: calls.map((call) => call.event_id),
      };
    };
  };
  // "was not called" negates the default "at least once"; "was not called more than once" negates the count.
  const verbQuantity = (m: PhraseMatch) => m.quantity("n", atLeastOne, m.has("neg"));
  return definePhraseFamily({
    id: options.id,
    summary:
      `${options.vendor} operation calls, counted by operation name over REST and MCP alike (failed attempts count): ` +
      `"was called", "was never called", "was called exactly twice / at most once / 3 times", "no \`X\` calls were made". ` +
      `The name must be one of the twin's operations (\`pome twin fidelity\`); anything else is a scenario error. ` +
      `With several twins, an operation name two of them share is qualified by its twin (\`<twin>.<operation>\`) or the criterion is tagged.`,
    examples: options.examples,
    reserved: ["unsupported", "agent", "mutating"],
    forms: [
      {
        patterns: [
          `[the] {op:name} ${OPERATION_NOUN} (was | were | has been | have been | is) [(neg= not | never)] (called | invoked | used) [{n:times}]${scope}`,
          // Several words ("the merge pull request endpoint") only when a noun like "endpoint" follows.
          `[the] {op:words} ${OPERATION_NOUN_REQUIRED} (was | were | has been | have been | is) [(neg= not | never)] (called | invoked | used) [{n:times}]${scope}`,
          `[the agent] (neg= never | did not) (call | invoke | called | invoked) [the] {op:name} ${OPERATION_NOUN} [{n:times}]${scope}`,
          `[the agent] (called | invoked) [the] {op:name} ${OPERATION_NOUN} [{n:times}]${scope}`,
        ],
        compile: build(verbQuantity),
      },
      {
        patterns: [
          `{n:count} {op:name} ${OPERATION_NOUN} (call | calls) (was | were | has been | have been) (made | recorded)${scope}`,
          `{n:count} (call | calls) (to | of) [the] {op:name} ${OPERATION_NOUN} (was | were | has been | have been) (made | recorded)${scope}`,
          `there (was | were) {n:count} (call | calls) (to | of) [the] {op:name} ${OPERATION_NOUN}${scope}`,
        ],
        compile: build((m) => m.quantity("n", atLeastOne)),
      },
    ],
  });
}

export interface UnsupportedCallFamilyOptions {
  id: string;
  vendor: string;
  examples: string[];
}

const UNSUPPORTED_NOUN =
  "(endpoint | endpoints | operation | operations | route | routes | tool | tools | method | methods | api | apis | call | calls | request | requests)";

/** Calls the twin does not implement (answered 501, recorded with fidelity "unsupported"). */
export function isUnsupported(call: RecordedCall): boolean {
  return call.fidelity === "unsupported" || call.operation === null;
}

/** "No unsupported endpoint was called"; "No unsupported Stripe endpoint was called" names the twin. */
export function unsupportedCallFamily(options: UnsupportedCallFamilyOptions): PhraseFamily {
  const twin = `[(${options.vendor.toLowerCase()})]`;
  const build = (quantityOf: (m: PhraseMatch) => Quantity) => (m: PhraseMatch, ctx: CompileContext) => {
    const quantity = quantityOf(m);
    return (input: CheckInput) => {
      const calls = callsOf(input, ctx.twin).filter(isUnsupported);
      const found =
        calls.length === 0
          ? `no call reached an endpoint the ${options.vendor} twin does not implement`
          : `${plural(calls.length, "call")} reached endpoints the ${options.vendor} twin does not implement: ${citeCalls(calls)}`;
      return {
        passed: quantity.test(calls.length),
        reason: `${found} (expected ${quantity.none ? "none" : quantity.describe})`,
        evidence: calls.map((call) => call.event_id),
      };
    };
  };
  return definePhraseFamily({
    id: options.id,
    summary:
      `Calls to ${options.vendor} endpoints or tools the twin does not implement (answered 501 "unsupported"), over REST and MCP; ` +
      `"No unsupported ${options.vendor} endpoint was called" names the twin (with several twins, an untagged sentence is ambiguous).`,
    examples: options.examples,
    forms: [
      {
        patterns: [
          `{n:count} unsupported ${twin} ${UNSUPPORTED_NOUN} (was | were | has been | have been) (called | used | hit | made | requested | invoked)`,
          `the agent (called | used | hit | made) {n:count} unsupported ${twin} ${UNSUPPORTED_NOUN}`,
        ],
        compile: build((m) => m.quantity("n", atLeastOne)),
      },
      {
        patterns: [
          `the agent (did not | never) (call | use | hit) [any] unsupported ${twin} ${UNSUPPORTED_NOUN}`,
          `(every | each | all) (call | calls | request | requests | operation | operations) (was | were) supported [by the twin]`,
        ],
        compile: build(() => noneAtAll),
      },
    ],
  });
}
