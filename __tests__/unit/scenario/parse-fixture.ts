/** Parsing shorthand for the scenario tests: the small catalog, and errors caught as values. */
import { expect } from "vitest";
import { parseScenarioText, ScenarioError, type ParseOptions, type Scenario } from "../../../src/scenario/index.js";
import { smallCatalog } from "./small-catalog.js";

export const FILE = "scenarios/triage.md";

export function parse(text: string, opts: ParseOptions = {}): Scenario {
  return parseScenarioText(text, FILE, { catalog: smallCatalog, ...opts });
}

export function problemsOf(text: string, opts: ParseOptions = {}): ScenarioError["problems"] {
  try {
    parse(text, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems;
  }
  throw new Error("expected the scenario to be invalid");
}

/** A minimal valid scenario around the given sections (each a full `## …` block). */
export function scenarioWith(parts: { front?: string; title?: string; prompt?: string; criteria?: string; extra?: string } = {}): string {
  return [
    parts.front ?? "",
    `# ${parts.title ?? "Triage"}`,
    "",
    "## Prompt",
    parts.prompt ?? "Triage issue #1.",
    "",
    parts.extra ?? "",
    "## Success Criteria",
    parts.criteria ?? "- [D] Issue #1 has the `bug` label",
    "",
  ].join("\n");
}

/** Line number (1-based) of the first line of `text` containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not in text`);
  return index + 1;
}
