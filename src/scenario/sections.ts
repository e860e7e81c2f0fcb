/**
 * The scenario's level-2 sections by role (spec/scenario.md, "Sections"): headings match
 * case-insensitively, aliases included; a repeated role is an error, an unknown heading
 * a warning.
 */
import { closest, distance } from "fastest-levenshtein";
import type { Section } from "./markdown.js";
import type { Problems } from "./problems.js";

export type SectionRole = "prompt" | "criteria" | "seed" | "config" | "setup" | "expectedBehavior";

const HEADINGS: Record<SectionRole, string[]> = {
  prompt: ["Prompt", "Task"],
  criteria: ["Success Criteria", "Acceptance Criteria", "Criteria", "Checks"],
  seed: ["Seed State"],
  config: ["Config"],
  setup: ["Setup"],
  expectedBehavior: ["Expected Behavior"],
};

const ROLE_BY_HEADING = new Map<string, SectionRole>(
  Object.entries(HEADINGS).flatMap(([role, names]) => names.map((name) => [normalise(name), role as SectionRole] as const)),
);

const KNOWN = Object.values(HEADINGS).flat();

function normalise(heading: string): string {
  return heading.replace(/\s+/g, " ").trim().toLowerCase();
}

export type SectionsByRole = Partial<Record<SectionRole, Section>>;

export function sectionsByRole(sections: Section[], problems: Problems): SectionsByRole {
  const found: SectionsByRole = {};
  for (const section of sections) {
    const { text, line } = section.heading;
    const role = ROLE_BY_HEADING.get(normalise(text));
    if (!role) {
      const guess = closest(normalise(text), KNOWN.map(normalise));
      const hint =
        guess && distance(normalise(text), guess) <= Math.max(2, Math.floor(guess.length / 4))
          ? ` — did you mean \`## ${KNOWN.find((k) => normalise(k) === guess)}\`?`
          : "";
      problems.warn(line, `unknown section \`## ${text}\` is ignored${hint}`);
      continue;
    }
    const previous = found[role];
    if (previous) {
      problems.error(
        line,
        `duplicate section \`## ${text}\`: \`## ${previous.heading.text}\` (line ${previous.heading.line}) already gives the ${describeRole(role)}`,
      );
      continue;
    }
    found[role] = section;
  }
  return found;
}

export function describeRole(role: SectionRole): string {
  return {
    prompt: "prompt",
    criteria: "criteria",
    seed: "seed",
    config: "config",
    setup: "setup",
    expectedBehavior: "expected behavior",
  }[role];
}
