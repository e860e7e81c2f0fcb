/**
 * run/: the orchestrator.
 * Takes scenario paths and run options; builds a world per run, spawns the agent, records,
 * scores, writes artifacts; gives a BatchResult.
 */
export * from "./result-types.js";
