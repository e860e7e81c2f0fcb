/**
 * The seam for `[P]` criteria. The LLM judge itself (spec/evaluate.md) plugs in here as a
 * `Judge`; without one, `[P]` criteria are skipped with a reason that says what to set.
 */
import type { Criterion, Scenario } from "../scenario/index.js";
import type { CheckInput } from "../criteria/index.js";

/** Said once per unjudged `[P]` criterion, and in the scenario's status reason. */
export const NO_JUDGE_REASON =
  "no LLM judge configured (set ANTHROPIC_API_KEY, OPENAI_API_KEY, or POME_LLM_BASE_URL + POME_LLM_API_KEY + POME_LLM_MODEL; or run with --judge=off to report [P] criteria as advisory)";

export const ADVISORY_REASON = "advisory: not judged (--judge=off); reported, not counted";

export interface JudgeRequest {
  scenario: Scenario;
  criterion: Criterion;
  input: CheckInput;
  /** The agent's own final summary, when it gave one. */
  agentSummary: string | null;
}

/** What a judge concluded about one `[P]` criterion (auth and context-size problems are `skipped`). */
export interface JudgeReply {
  outcome: "passed" | "failed" | "skipped" | "errored";
  reason: string;
  confidence: number | null;
  /** Event ids the judge cited; ids that are not in the run are dropped. */
  evidence: string[];
  model: string;
  tokens_in: number | null;
  tokens_out: number | null;
  /** The verdict came from the judge cache (no call was made). */
  cached?: boolean;
}

export interface Judge {
  /** The model that will answer (recorded even when a call fails). */
  model: string;
  judge(request: JudgeRequest): Promise<JudgeReply>;
}
