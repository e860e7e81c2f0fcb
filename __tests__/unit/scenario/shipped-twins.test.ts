/** The parser against the twins pome ships (src/twins/catalog.ts), not the small test twins. */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { lintPath, parseScenarioText, ScenarioError } from "../../../src/scenario/index.js";
import { seedSnapshot, TWINS } from "../../../src/twins/index.js";

const SEED = `{
  "repositories": [
    {
      "owner": "acme",
      "name": "api",
      "issues": [
        { "number": 1, "title": "500 on POST /orders" },
        { "number": "two", "title": "Typo" }
      ]
    }
  ]
}`;

const scenario = (seed: string, criteria: string) => `# T\n\n## Seed State\n\n\`\`\`json\n${seed}\n\`\`\`\n\n## Prompt\nGo.\n\n## Criteria\n${criteria}\n`;

describe("with the shipped GitHub twin", () => {
  test("a seed error names the JSON path and its line", () => {
    const text = scenario(SEED, "- [P] ok");
    try {
      parseScenarioText(text, "s.md");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const [problem] = (error as ScenarioError).problems;
      expect(problem.message).toMatch(/^invalid github seed: repositories\[0\]\.issues\[1\]\.number: expected number/);
      expect(problem.line).toBe(text.split("\n").findIndex((l) => l.includes('"number": "two"')) + 1);
    }
  });

  test("an expression reads the GitHub snapshot by vendor field names", async () => {
    const seed = SEED.replace('"two"', "2");
    const parsed = parseScenarioText(scenario(seed, "- [D] One comment => `$count(final.github.repositories[full_name='acme/api'].issues[number=1].comments) = 1`"), "s.md");
    const initial = { github: seedSnapshot("github", parsed.seed.github) };
    expect(await parsed.criteria[0].check!({ initial, final: initial, calls: [], events: [] })).toMatchObject({ passed: false });
  });

  test("the default seed is the GitHub twin's default", () => {
    const parsed = parseScenarioText("# T\n## Prompt\nGo.\n## Criteria\n- [P] ok\n", "s.md");
    expect(parsed.seedSource).toBe("default");
    expect(parsed.seed.github).toEqual(TWINS.github!.seed.schema.parse(TWINS.github!.seed.default));
  });

  test.skipIf(!TWINS.github?.phrases.length)("every bundled scenario lints without errors", async () => {
    const results = await lintPath(join(__dirname, "../../../scenarios"), { recursive: true });
    expect(results.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.diagnostics.filter((d) => d.severity === "error"))).toEqual([]);
  });
});

describe("earlier-format GitHub scenarios with the shipped twin", () => {
  const upstream = join(__dirname, "../../fixtures/scenarios/upstream");

  test.each(["01-bug-happy-path.md", "04-judge-context.md", "18-fabricate-green-ci.md"])("%s parses with every [D] compiled", async (name) => {
    const [result] = await lintPath(join(upstream, name));
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.scenario!.criteria.filter((c) => c.kind === "D").every((c) => typeof c.check === "function")).toBe(true);
  });

  test("04's `[D]` already holds on its seed, and lint says so", async () => {
    const [result] = await lintPath(join(upstream, "04-judge-context.md"));
    expect(result.diagnostics).toEqual([
      { file: join(upstream, "04-judge-context.md"), line: 14, severity: "warning", message: expect.stringMatching(/^\[D\] already holds on the seed state/) },
    ]);
  });

  test("a phrase naming a repository that is not in the seed is an error at its line, with suggestions", () => {
    const text = scenario(SEED.replace('"two"', "2"), "- [P] ok\n- [D] Issue #1 in `acme/web` has the `bug` label");
    try {
      parseScenarioText(text, "s.md");
      expect.unreachable();
    } catch (error) {
      const [problem] = (error as ScenarioError).problems;
      expect(problem.line).toBe(text.split("\n").length - 1);
      expect(problem.message).toMatch(/acme\/web/);
      expect(problem.message).toMatch(/— closest phrasings: "[^"]+"; "[^"]+"; "[^"]+"$/);
    }
  });
});
