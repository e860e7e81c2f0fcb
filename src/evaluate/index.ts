/**
 * evaluate/: scoring.
 * Takes a Scenario's compiled criteria and a run's {initial, final, calls, events};
 * gives verdicts (`[D]` checks, `[P]` by the LLM judge), a Score (score.json) and, for a
 * scenario that did not pass, a fix prompt.
 */
export * from "./score-schema.js";
export { evaluateCriteria, type EvaluateOptions } from "./criteria.js";
export { ADVISORY_REASON, NO_JUDGE_REASON, type Judge, type JudgeReply, type JudgeRequest } from "./judge.js";
export { createLlmJudge, verdictReplySchema, type LlmJudgeOptions } from "./llm-judge.js";
export { buildJudgeInput, JUDGE_PROMPT_VERSION, JUDGE_SYSTEM_PROMPT } from "./judge-prompt.js";
export { JudgeCache, JUDGE_CACHE_DIR, judgeCacheKey } from "./judge-cache.js";
export { condenseCalls, condenseCallsWithin, DEFAULT_CONDENSE, type CondenseOptions, type RecordedCall } from "./call-condensation.js";
export { stateDiff, worldDiff, type StateChange } from "./state-diff.js";
export { fixPromptMaterial, generateFixPrompt, FIX_PROMPT_SYSTEM, FIX_PROMPT_VERSION, type FixPrompt } from "./fix-prompt.js";
export { templateFixPrompt, type FixPromptMaterial } from "./fix-prompt-template.js";
export { findingsOf, type FailureKind, type Finding } from "./fix-prompt-findings.js";
export { scoreRun, type ScoreRunArgs } from "./scoring.js";
export { trialsSummary } from "./trials.js";
