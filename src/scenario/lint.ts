/**
 * `pome scenarios lint`: parse without running, and flag `[D]` criteria that already hold
 * on the seed state with no calls (they cannot detect anything), unless they are
 * restraint criteria ("no…", "never…", "still…"), which are meant to hold on the seed.
 */
import { PomeError } from "../errors.js";
import type { CheckInput } from "../criteria/index.js";
import { defaultCatalog, defaultSnapshot } from "./catalog.js";
import { listScenarios } from "./discover.js";
import { parseScenario, seedSnapshots, type ParseOptions } from "./parse.js";
import { Problems, ScenarioError } from "./problems.js";
import type { Scenario } from "./types.js";

export interface LintDiagnostic {
  file: string;
  line: number;
  severity: "error" | "warning";
  message: string;
}

export interface LintResult {
  file: string;
  /** null when the file has errors. */
  scenario: Scenario | null;
  /** Sorted by file, then line. */
  diagnostics: LintDiagnostic[];
}

export type LintOptions = Omit<ParseOptions, "sidecar">;

const RESTRAINT = /\b(no|not|never|none|nothing|neither|nor|without|unchanged|untouched|still|remains?|remained|stays?|zero)\b|n't\b|\bat most\b/i;

export async function lintScenario(file: string, opts: LintOptions = {}): Promise<LintResult> {
  let scenario: Scenario;
  try {
    scenario = await parseScenario(file, opts);
  } catch (error) {
    if (error instanceof ScenarioError) {
      const diagnostics: LintDiagnostic[] = [
        ...error.problems.map((p) => ({ ...p, severity: "error" as const })),
        ...error.warnings.map((w) => ({ file, line: w.line, severity: "warning" as const, message: w.message })),
      ];
      return { file, scenario: null, diagnostics: sortDiagnostics(diagnostics, file) };
    }
    if (error instanceof PomeError && error.code === "USAGE") throw error;
    const message = error instanceof Error ? error.message : String(error);
    const where = error instanceof PomeError ? { file: error.file ?? file, line: error.line ?? 1 } : { file, line: 1 };
    return { file, scenario: null, diagnostics: [{ ...where, severity: "error", message }] };
  }
  const diagnostics: LintDiagnostic[] = scenario.warnings.map((w) => ({ file, line: w.line, severity: "warning", message: w.message }));
  diagnostics.push(...(await vacuityWarnings(scenario, opts)));
  return { file, scenario, diagnostics: sortDiagnostics(diagnostics, file) };
}

export async function lintPath(path: string, opts: LintOptions & { recursive?: boolean } = {}): Promise<LintResult[]> {
  const { recursive, ...parseOptions } = opts;
  const files = await listScenarios(path, { recursive });
  const results: LintResult[] = [];
  for (const file of files) results.push(await lintScenario(file, parseOptions));
  return results;
}

async function vacuityWarnings(scenario: Scenario, opts: LintOptions): Promise<LintDiagnostic[]> {
  const catalog = opts.catalog ?? defaultCatalog();
  const snapshot = opts.snapshot ?? defaultSnapshot(catalog);
  const initial = seedSnapshots(scenario.config.twins, scenario.seed, snapshot, scenario.lines.seed ?? 1, new Problems(scenario.file), scenario.sha256);
  if (!initial) return [];
  const input: CheckInput = { initial, final: structuredClone(initial), calls: [], events: [] };
  const warnings: LintDiagnostic[] = [];
  for (const criterion of scenario.criteria) {
    if (criterion.kind !== "D" || !criterion.check || RESTRAINT.test(criterion.text)) continue;
    const at = { file: scenario.file, line: criterion.line, severity: "warning" as const };
    try {
      const outcome = await criterion.check(input);
      if (outcome.passed) {
        warnings.push({ ...at, message: `[D] already holds on the seed state with no calls, so it cannot detect anything: "${criterion.text}"` });
      }
    } catch (error) {
      warnings.push({ ...at, message: `[D] could not be checked against the seed state: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return warnings;
}

function sortDiagnostics(diagnostics: LintDiagnostic[], file: string): LintDiagnostic[] {
  return diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === file ? -1 : 1));
}

/** `file:line: message`, with `warning: ` before warnings. */
export function formatDiagnostic(d: LintDiagnostic): string {
  return `${d.file}:${d.line}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`;
}
