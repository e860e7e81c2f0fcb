/**
 * "No mutation" / "state unchanged" for a whole twin, and the snapshot diff that explains
 * a change by path ("repositories[acme/api].issues[#1].labels"), shared with the
 * object-level checks of each twin.
 */
import type { CheckInput, CompileContext, PhraseFamily } from "./types.js";
import { callsOf, citeCalls, type RecordedCall } from "./call-phrases.js";
import { definePhraseFamily, plural } from "./phrase-family.js";
import type { PhraseMatch } from "./phrase-pattern.js";
import { atLeastOne, noneAtAll, type Quantity } from "./quantity.js";

/** Successful calls that changed state: the evidence behind "something was modified". */
export function mutatingCalls(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((call) => call.state_mutation && call.status < 400);
}

// Array elements are named by the twin's identity fields when they have them, so a path
// reads like the state a person knows rather than like array indices.
function elementName(element: unknown, index: number, identityKeys: readonly string[][]): string {
  if (element && typeof element === "object") {
    const record = element as Record<string, unknown>;
    for (const keys of identityKeys) {
      const values = keys.map((key) => record[key]);
      if (!values.every((value) => typeof value === "string" || typeof value === "number")) continue;
      return keys.length === 1 && keys[0] === "number" ? `#${values[0]}` : values.join("/");
    }
  }
  return String(index);
}

/** The first place two JSON values differ, as a readable path; undefined when equal. */
export function firstDifference(before: unknown, after: unknown, identityKeys: readonly string[][], path = ""): string | undefined {
  if (Object.is(before, after)) return undefined;
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) {
      const name = elementName(after[i] ?? before[i], i, identityKeys);
      if (i >= before.length) return `${path}[${name}] (added)`;
      if (i >= after.length) return `${path}[${name}] (removed)`;
      const inner = firstDifference(before[i], after[i], identityKeys, `${path}[${name}]`);
      if (inner) return inner;
    }
    return undefined;
  }
  if (before && after && typeof before === "object" && typeof after === "object" && !Array.isArray(before) && !Array.isArray(after)) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const inner = firstDifference(a[key], b[key], identityKeys, path ? `${path}.${key}` : key);
      if (inner) return inner;
    }
    return undefined;
  }
  return path || "(root)";
}

export interface StateUnchangedFamilyOptions {
  id: string;
  vendor: string;
  /** How criteria name the twin: `["github"]` lets "the GitHub state is unchanged" match. */
  names: string[];
  examples: string[];
}

/** "No mutation", "State unchanged", "The GitHub state was not modified". */
export function stateUnchangedFamily(options: StateUnchangedFamilyOptions): PhraseFamily {
  const twinName = `[(${options.names.join(" | ")})] [(twin | world)]`;
  const inTwin = `[(to | in | on) [the] (${options.names.join(" | ")}) [(twin | state | world)]]`;

  /** `expectChange` false: nothing may change; `calls` also counts mutations later undone. */
  const build = (expectChange: (m: PhraseMatch) => boolean, countCalls: boolean) => (m: PhraseMatch, ctx: CompileContext) => {
    const changeExpected = expectChange(m);
    return (input: CheckInput) => {
      const difference = firstDifference(input.initial[ctx.twin], input.final[ctx.twin], ctx.identityKeys);
      const mutations = mutatingCalls(callsOf(input, ctx.twin));
      const changed = difference !== undefined || (countCalls && mutations.length > 0);
      const what = difference
        ? `the ${options.vendor} state changed (first difference at ${difference})`
        : mutations.length > 0
          ? `the ${options.vendor} state ends as it began`
          : `the ${options.vendor} state is unchanged`;
      const by = mutations.length > 0 ? `; mutating calls: ${citeCalls(mutations)}` : "; no mutating call succeeded";
      return {
        passed: changed === changeExpected,
        reason: `${what}${by} (expected ${changeExpected ? "a change" : "no change"})`,
        evidence: mutations.map((call) => call.event_id),
      };
    };
  };

  const buildCount = (quantityOf: (m: PhraseMatch) => Quantity) => (m: PhraseMatch, ctx: CompileContext) => {
    const quantity = quantityOf(m);
    return (input: CheckInput) => {
      const mutations = mutatingCalls(callsOf(input, ctx.twin));
      return {
        passed: quantity.test(mutations.length),
        reason: `${plural(mutations.length, "mutating call")} succeeded${mutations.length ? `: ${citeCalls(mutations)}` : ""} (expected ${quantity.describe})`,
        evidence: mutations.map((call) => call.event_id),
      };
    };
  };

  return definePhraseFamily({
    id: options.id,
    summary:
      `The whole ${options.vendor} twin: "No mutation" / "no mutating calls were made" fail on any successful mutating call ` +
      `(even one undone later) or any state difference; "state unchanged" / "state was (not) modified" compare the ` +
      `initial and final snapshots.`,
    examples: options.examples,
    forms: [
      {
        patterns: [
          `no (mutation | mutations) [(was | were | has been | have been) (made | performed | recorded | applied)] [(occurred | happened)] ${inTwin}`,
          `no (change | changes | state change | state changes) (was | were | has been | have been) (made | performed | recorded | applied) ${inTwin}`,
          `the agent (made | performed) no (change | changes | mutation | mutations) ${inTwin}`,
          `nothing was (modified | changed | mutated) ${inTwin}`,
        ],
        compile: build(() => false, true),
      },
      {
        patterns: [`{n:count} mutating (call | calls | operation | operations | request | requests) (was | were | has been | have been) (made | performed | recorded)`],
        compile: buildCount((m) => m.quantity("n", atLeastOne)),
      },
      {
        patterns: [`the agent (made | performed) no mutating (call | calls | operation | operations | request | requests)`],
        compile: buildCount(() => noneAtAll),
      },
      {
        patterns: [`[the] ${twinName} state [(is | was | remains | remained | stays | stayed)] [still] (unchanged | untouched | the same)`],
        compile: build(() => false, false),
      },
      {
        patterns: [`[the] ${twinName} state (was | is | has been) [(neg= not | never)] (modified | changed | mutated)`],
        compile: build((m) => !m.has("neg"), false),
      },
    ],
  });
}
