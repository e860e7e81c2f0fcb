/**
 * pome as a library: `runScenarios` (what `pome run` and the GitHub Action call),
 * `parseScenario`, `startTwinServer`, and the types they exchange. The CLI and the action
 * import only this file, so everything they use is here: the renderers, the run folder
 * readers, the scenario catalog, the twin server, the exit code table.
 */
export {
  ARTIFACT,
  loadConfig,
  onStopSignals,
  outputRedactor,
  readRunRecord,
  regenerateFixPrompt,
  resolveRunDir,
  runOptionsSchema,
  runScenarios,
  shardSchema,
} from "./run/index.js";
export type {
  AgentExit,
  BatchResult,
  RegeneratedFixPrompt,
  RegenerateFixPromptOptions,
  RunOptions,
  RunOptionsInput,
  RunProgress,
  RunRecord,
  RunResult,
  ScenarioResult,
  SignalSource,
  StopSignalOptions,
  StopSignals,
} from "./run/index.js";
export {
  checkTitle,
  commentMarker,
  digestOfComment,
  isStickyComment,
  readBaselineDigest,
  renderCheckAnnotations,
  renderCheckOutput,
  renderComment,
  renderInspect,
  renderJobSummary,
  renderJson,
  renderJunit,
  renderScenarioBlock,
  renderTally,
  reportModel,
  resultsDigest,
} from "./report/index.js";
export type { Baseline, CheckAnnotation, CheckOutput, MarkdownOptions } from "./report/index.js";
export { defaultCatalog, formatDiagnostic, lintPath, listScenarios, parseScenario } from "./scenario/index.js";
export type { Criterion, LintResult, Scenario, ScenarioConfig, TwinCatalog } from "./scenario/index.js";
export { createTwinServer, fidelityRows, renderFidelityTable, startTwinServer, TWIN_NAMES, TWINS } from "./twins/index.js";
export type { Session, SessionSpec, TwinDefinition, TwinName, TwinServer } from "./twins/index.js";
export { scoreSchema } from "./evaluate/index.js";
export type { Score, TrialsSummary, Verdict } from "./evaluate/index.js";
export { stripControls } from "./trace/index.js";
export type { Redactor, TraceEvent, TraceEventKind, TwinCall } from "./trace/index.js";
export {
  EXIT_CODE_MEANINGS,
  EXIT_CODES,
  exitCodeFor,
  exitCodeOf,
  PomeError,
  usageError,
  worstExitCode,
  type ExitOutcome,
  type PomeErrorCode,
  type StopSignal,
} from "./errors.js";
export { POME_VERSION } from "./version.js";
