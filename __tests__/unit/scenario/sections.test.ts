import { describe, expect, test } from "vitest";
import { FILE, lineOf, parse, problemsOf, scenarioWith } from "./parse-fixture.js";

describe("title", () => {
  test("is the first level-1 heading", () => {
    expect(parse(scenarioWith({ title: "Triage a fresh bug report" })).title).toBe("Triage a fresh bug report");
  });

  test("ignores a `# ` line inside a code fence", () => {
    const text = ["Intro", "```sh", "# not the title", "```", "# Real title", "## Prompt", "Go.", "## Criteria", "- [D] No new labels were created"].join("\n");
    expect(parse(text).title).toBe("Real title");
  });

  test("falls back to the slug of the file name", () => {
    const text = "## Prompt\nGo.\n## Criteria\n- [D] No new labels were created\n";
    expect(parse(text).title).toBe("triage");
    expect(parse(text).slug).toBe("triage");
  });
});

describe("sections", () => {
  test("a `## ` line inside a fenced block is content, not a section", () => {
    const text = scenarioWith({ prompt: "Run this:\n\n```md\n## Success Criteria\n- [D] fake\n```\n\nThen report." });
    const scenario = parse(text);
    expect(scenario.prompt).toContain("## Success Criteria");
    expect(scenario.prompt).toContain("Then report.");
    expect(scenario.criteria.map((c) => c.text)).toEqual(["Issue #1 has the `bug` label"]);
  });

  test("a `~~~` fence hides headings too", () => {
    const scenario = parse(scenarioWith({ prompt: "~~~\n## Config\ntimeout: 1\n~~~" }));
    expect(scenario.config.timeout).toBe(60);
  });

  test("level-3 headings stay inside their section", () => {
    expect(parse(scenarioWith({ prompt: "Do it.\n\n### Details\nCarefully." })).prompt).toBe("Do it.\n\n### Details\nCarefully.");
  });

  test("headings match case-insensitively", () => {
    const text = "# T\n## PROMPT\nGo.\n## success criteria\n- [D] No new labels were created\n";
    expect(parse(text).prompt).toBe("Go.");
  });

  test.each([
    ["Task", "Checks"],
    ["Prompt", "Acceptance Criteria"],
    ["Prompt", "Criteria"],
  ])("accepts the aliases ## %s / ## %s", (prompt, criteria) => {
    const scenario = parse(`# T\n## ${prompt}\nGo.\n## ${criteria}\n- [D] No new labels were created\n`);
    expect(scenario.prompt).toBe("Go.");
    expect(scenario.criteria).toHaveLength(1);
  });

  test("setup and expected behaviour are kept as prose", () => {
    const scenario = parse(scenarioWith({ extra: "## Setup\nA repo.\n\n## Expected Behavior\nIt labels.\n" }));
    expect(scenario.setup).toBe("A repo.");
    expect(scenario.expectedBehavior).toBe("It labels.");
  });

  test("section lines are recorded", () => {
    const text = scenarioWith();
    expect(parse(text).lines).toMatchObject({ title: lineOf(text, "# Triage"), prompt: lineOf(text, "## Prompt"), criteria: lineOf(text, "## Success") });
  });

  test("a duplicate section is an error at the second heading", () => {
    const text = scenarioWith({ extra: "## Task\nAgain.\n" });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: lineOf(text, "## Task"), message: expect.stringMatching(/duplicate section `## Task`: `## Prompt` \(line \d+\)/) },
    ]);
  });

  test("an unknown heading is a warning with a suggestion", () => {
    const text = scenarioWith({ extra: "## Expected Behaviour\nIt labels.\n\n## Notes\nMisc.\n" });
    expect(parse(text).warnings).toEqual([
      { line: lineOf(text, "Behaviour"), message: "unknown section `## Expected Behaviour` is ignored — did you mean `## Expected Behavior`?" },
      { line: lineOf(text, "## Notes"), message: "unknown section `## Notes` is ignored" },
    ]);
  });

  test("a missing prompt is an error", () => {
    expect(problemsOf("# T\n## Criteria\n- [D] No new labels were created\n")).toEqual([
      { file: FILE, line: 1, message: expect.stringContaining("missing `## Prompt` section") },
    ]);
  });

  test("an empty prompt is an error at its heading", () => {
    expect(problemsOf("# T\n## Prompt\n\n## Criteria\n- [D] No new labels were created\n")).toEqual([
      { file: FILE, line: 2, message: "`## Prompt` is empty: it is the task given to the agent" },
    ]);
  });

  test("a criteria section without criteria is an error at its heading", () => {
    expect(problemsOf("# T\n## Prompt\nGo.\n## Success Criteria\nAll good.\n")).toEqual([
      { file: FILE, line: 4, message: expect.stringContaining("`## Success Criteria` has no criteria") },
    ]);
  });

  test("an unclosed fence is a warning at its opening line", () => {
    const text = scenarioWith() + "\n```\nnever closed\n";
    expect(parse(text).warnings).toEqual([{ line: lineOf(text, "```"), message: expect.stringContaining("never closed") }]);
  });
});
