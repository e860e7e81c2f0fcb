/**
 * Criteria → verdicts. `[D]` predicates were compiled with the scenario and run here over
 * the run's {initial, final, calls, events}; `[P]` criteria go to the judge, if there is one.
 */
import type { Criterion, Scenario } from "../scenario/index.js";
import { runCheck, type CheckInput } from "../criteria/index.js";
import { ADVISORY_REASON, NO_JUDGE_REASON, type Judge } from "./judge.js";
import type { Outcome, Verdict } from "./score-schema.js";

export interface EvaluateOptions {
  /** `off`: `[P]` criteria are advisory (reported, not counted) and no judge is called. */
  judge: "on" | "off";
  /** The LLM judge; absent means none is configured. */
  judgeWith?: Judge | null;
  /** The agent's own summary, for the judge. */
  agentSummary?: string | null;
}

export async function evaluateCriteria(scenario: Scenario, input: CheckInput, opts: EvaluateOptions): Promise<Verdict[]> {
  // Judge calls start together (the LLM client bounds how many are in flight); [D] checks
  // run one at a time meanwhile. Verdicts come back in file order either way.
  const judged = scenario.criteria.map((criterion) => (criterion.kind === "P" ? judgeProbabilistic(scenario, criterion, input, opts) : null));
  const verdicts: Verdict[] = [];
  for (const [index, criterion] of scenario.criteria.entries()) {
    verdicts.push(judged[index] ? await judged[index] : await checkDeterministic(criterion, input, scenario.config.twins.length > 1));
  }
  return verdicts;
}

function verdict(criterion: Criterion, outcome: Outcome, reason: string, more: Partial<Verdict> = {}): Verdict {
  return {
    id: criterion.id,
    line: criterion.line,
    kind: criterion.kind,
    must_pass: criterion.mustPass,
    text: criterion.text,
    weight: criterion.weight,
    outcome,
    passed: outcome === "passed",
    skipped: outcome === "skipped",
    advisory: false,
    reason,
    evidence: [],
    confidence: null,
    judge_model: null,
    judge_tokens_in: null,
    judge_tokens_out: null,
    ...more,
  };
}

/** With several twins, a `[D]` verdict names its twin (reports show `[D:stripe]`). */
async function checkDeterministic(criterion: Criterion, input: CheckInput, severalTwins: boolean): Promise<Verdict> {
  const twin = severalTwins && criterion.twin ? { twin: criterion.twin } : {};
  if (!criterion.check) {
    // The parser compiles every [D]; reaching this is a pome bug, reported rather than passed.
    return verdict(criterion, "errored", "this [D] criterion has no compiled check (internal error: please report it)", twin);
  }
  const { outcome, reason, evidence } = await runCheck(criterion.check, input);
  return verdict(criterion, outcome, reason, { evidence, ...twin });
}

async function judgeProbabilistic(scenario: Scenario, criterion: Criterion, input: CheckInput, opts: EvaluateOptions): Promise<Verdict> {
  if (opts.judge === "off") return verdict(criterion, "skipped", ADVISORY_REASON, { advisory: true });
  const judge = opts.judgeWith;
  if (!judge) return verdict(criterion, "skipped", NO_JUDGE_REASON);
  try {
    const reply = await judge.judge({ scenario, criterion, input, agentSummary: opts.agentSummary ?? null });
    const known = new Set(input.events.map((e) => e.event_id));
    return verdict(criterion, reply.outcome, reply.reason, {
      evidence: reply.evidence.filter((id) => known.has(id)),
      confidence: reply.confidence === null ? null : Math.min(1, Math.max(0, reply.confidence)),
      judge_model: reply.model,
      judge_tokens_in: reply.tokens_in,
      judge_tokens_out: reply.tokens_out,
      ...(reply.cached ? { judge_cached: true } : {}),
    });
  } catch (error) {
    return verdict(criterion, "errored", `the judge failed: ${error instanceof Error ? error.message : String(error)}`, { judge_model: judge.model });
  }
}
