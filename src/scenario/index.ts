/**
 * scenario/: a markdown scenario file (+ optional `<name>.seed.json`) → `Scenario`:
 * title, prompt, config, seed per twin, and criteria with every `[D]` compiled (by
 * criteria/, against the booted twins' vocabularies) to a predicate. Problems are
 * `ScenarioError`s (code SCENARIO_INVALID) at file:line.
 */
export type { Criterion, Scenario, ScenarioConfig, ScenarioWarning, FaultRule } from "./types.js";
export { parseScenario, parseScenarioText, type ParseOptions } from "./parse.js";
export type { SidecarSeed } from "./seed.js";
export { ScenarioError, type ScenarioProblem } from "./problems.js";
export { lintScenario, lintPath, formatDiagnostic, type LintDiagnostic, type LintResult, type LintOptions } from "./lint.js";
export { listScenarios, sidecarPathOf, slugOf, uniqueSlugs } from "./discover.js";
export { catalogSnapshot, defaultCatalog, vocabularies, type SeedSnapshot, type TwinCatalog } from "./catalog.js";
