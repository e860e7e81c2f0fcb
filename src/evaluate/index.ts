/**
 * evaluate/: scoring.
 * Takes a Scenario's compiled criteria and a run's {initial, final, calls, events};
 * gives verdicts and a Score (score.json).
 */
export * from "./score-schema.js";
