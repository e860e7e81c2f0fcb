/**
 * pome as a library: `runScenarios` (what `pome run` and the GitHub Action call),
 * `parseScenario`, `startTwinServer`, and the types they exchange.
 */
export { runScenarios, runOptionsSchema, readRunRecord, resolveRunDir } from "./run/index.js";
export type {
  AgentExit,
  BatchResult,
  RunOptions,
  RunOptionsInput,
  RunProgress,
  RunRecord,
  RunResult,
  ScenarioResult,
} from "./run/index.js";
export { parseScenario } from "./scenario/index.js";
export type { Criterion, Scenario, ScenarioConfig } from "./scenario/index.js";
export { startTwinServer } from "./twins/index.js";
export type { Session, SessionSpec, TwinName, TwinServer } from "./twins/index.js";
export { scoreSchema } from "./evaluate/index.js";
export type { Score, TrialsSummary, Verdict } from "./evaluate/index.js";
export type { TraceEvent, TraceEventKind, TwinCall } from "./trace/index.js";
export { EXIT_CODE_MEANINGS, EXIT_CODES, exitCodeFor, exitCodeOf, PomeError, usageError, worstExitCode, type ExitOutcome, type PomeErrorCode, type StopSignal } from "./errors.js";
export { POME_VERSION } from "./version.js";
