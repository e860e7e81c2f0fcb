/** Hand-built scenarios and run inputs for scoring tests (no parser needed). */
import type { Criterion, Scenario } from "../../../src/scenario/index.js";
import type { CheckInput, CheckOutcome } from "../../../src/criteria/index.js";

type CriterionSpec = Partial<Criterion> & { text: string; outcome?: CheckOutcome | (() => CheckOutcome | Promise<CheckOutcome>) };

export function criterion(spec: CriterionSpec, index: number): Criterion {
  const { outcome, ...rest } = spec;
  const kind = rest.kind ?? "D";
  return {
    id: `c${index + 1}`,
    line: 20 + index,
    kind,
    mustPass: false,
    weight: 1,
    ...rest,
    check: kind === "D" ? (rest.check ?? (typeof outcome === "function" ? outcome : () => outcome ?? { passed: true, reason: "ok" })) : undefined,
    family: kind === "D" ? "test" : undefined,
  };
}

export function scenario(criteria: CriterionSpec[], over: Partial<Scenario> = {}): Scenario {
  return {
    file: "scenarios/github/01-bug-happy-path.md",
    slug: "01-bug-happy-path",
    title: "Triage a fresh bug report",
    sha256: "0".repeat(64),
    prompt: "Triage issue #1 in acme/api.",
    setup: "",
    expectedBehavior: "",
    config: { twins: ["github"], timeout: 60, runs: 1, passThreshold: 100, judge: null, tags: [], faults: [] },
    seed: {},
    seedSource: "inline",
    criteria: criteria.map(criterion),
    warnings: [],
    lines: { title: 5, prompt: 12, criteria: 19 },
    ...over,
  };
}

export const emptyInput = (): CheckInput => ({ initial: {}, final: {}, calls: [], events: [] });
