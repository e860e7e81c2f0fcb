/**
 * run/: the orchestrator.
 * Takes scenario paths and run options; builds a world per run, spawns the agent, records,
 * scores, writes artifacts; gives a BatchResult.
 */
export * from "./result-types.js";
export { runScenarios, modeNotices, newRunId } from "./run-scenarios.js";
export { parseRunOptions, runOptionsSchema, shardSchema, type RunOptions, type RunOptionsInput, type ParsedRunOptions, type RunProgress } from "./options.js";
export { killLiveAgents } from "./agent-process.js";
export { outputRedactor } from "./output-redaction.js";
export { resolveRunDir, readRunRecord, type RunRecord } from "./run-record.js";
export { ARTIFACT, type LatestPointer } from "./artifacts.js";
export { loadConfig, CONFIG_FILE_NAME, type PomeConfig } from "./config-file.js";
export { regenerateFixPrompt, type RegenerateFixPromptOptions, type RegeneratedFixPrompt } from "./fix-prompt-again.js";
export { onStopSignals, type SignalSource, type StopSignalOptions, type StopSignals } from "./stop-on-signals.js";
