/**
 * report/: renderers, pure functions of results (no I/O, no clock).
 * Takes a BatchResult (or one run's meta, events and score); gives terminal text, JSON and
 * JUnit XML. Colours only when asked.
 */
export { renderScenarioBlock, renderTally, type TerminalOptions } from "./terminal.js";
export { renderJson } from "./json.js";
export { renderJunit } from "./junit.js";
export { renderInspect, type InspectInput } from "./inspect.js";
export { LABELS, runStatus, scenarioStatus } from "./status.js";
export { renderJobSummary, type SummaryOptions } from "./markdown-summary.js";
export { checkTitle, renderCheckAnnotations, renderCheckOutput, type CheckAnnotation, type CheckOptions, type CheckOutput } from "./markdown-check.js";
export { commentMarker, digestOfComment, isStickyComment, renderComment, resultsDigest, type CommentOptions } from "./markdown-comment.js";
export { reportModel, repoPath, type FailedCriterion, type ReportModel, type ScenarioRow, type Tally } from "./markdown-model.js";
export { codeBlock, inline as markdownInline, LIMITS as GITHUB_LIMITS } from "./markdown-text.js";
export type { MarkdownOptions } from "./markdown-sections.js";
export { baselineDigest, compareWithBaseline, readBaselineDigest, type Baseline, type BaselineComparison, type BaselineEntry } from "./markdown-baseline.js";
