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
