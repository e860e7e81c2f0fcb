/**
 * evaluate/: scoring.
 * Takes a Scenario's compiled criteria and a run's {initial, final, calls, events};
 * gives verdicts and a Score (score.json).
 */
export * from "./score-schema.js";
export { evaluateCriteria, type EvaluateOptions } from "./criteria.js";
export { ADVISORY_REASON, NO_JUDGE_REASON, type Judge, type JudgeReply, type JudgeRequest } from "./judge.js";
export { describeAgentFailure, scoreRun, type ScoreRunArgs } from "./scoring.js";
export { trialsSummary } from "./trials.js";
