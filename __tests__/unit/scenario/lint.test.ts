import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { formatDiagnostic, lintPath, lintScenario, listScenarios } from "../../../src/scenario/index.js";
import { PomeError } from "../../../src/errors.js";
import { smallCatalog } from "./small-catalog.js";

const DIR = join(__dirname, "../../fixtures/scenarios/lint");
const at = (name: string) => join(DIR, name);
const lint = (name: string) => lintScenario(at(name), { catalog: smallCatalog });

describe("lintScenario", () => {
  test("a clean scenario has no diagnostics", async () => {
    const result = await lint("clean.md");
    expect(result.diagnostics).toEqual([]);
    expect(result.scenario?.title).toBe("Clean scenario");
  });

  test("reports unknown headings, stray list items and vacuous [D] as warnings at their lines", async () => {
    const result = await lint("warnings.md");
    expect(result.diagnostics.map((d) => [d.line, d.severity, d.message])).toEqual([
      [7, "warning", "unknown section `## Notes` is ignored"],
      [
        15,
        "warning",
        '[D] already holds on the seed state with no calls, so it cannot detect anything: "The repository exists => `$count(final.github.repositories) = 1`"',
      ],
      [16, "warning", "list item is not a criterion (it needs a [D], [P], [D!] or [P!] marker): remember to check the wording"],
    ]);
  });

  test("a no/never/still criterion that holds on the seed is not vacuous", async () => {
    const result = await lint("warnings.md");
    expect(result.diagnostics.some((d) => d.line === 13)).toBe(false);
  });

  test("reports the errors of a broken scenario, with their file and line", async () => {
    const result = await lint("broken.md");
    expect(result.scenario).toBeNull();
    expect(result.diagnostics.map((d) => `${d.file === at("broken.md")} ${d.line} ${d.severity} ${d.message}`)).toEqual([
      "true 2 error unknown config key `timout` — did you mean `timeout`?",
      "true 14 error duplicate criterion id `dup` (already used on line 13)",
    ]);
  });

  test("criteria compile only once the config is valid; then each bad [D] is its own error", async () => {
    const { parseScenarioText } = await import("../../../src/scenario/index.js");
    const text = "# T\n## Prompt\nGo.\n## Criteria\n- [D] Issue #1 got the `bug` label\n- [D] nonsense\n";
    expect(() => parseScenarioText(text, "x.md", { catalog: smallCatalog })).toThrow(/and 1 more/);
  });

  test("diagnostics print as file:line: message", async () => {
    const result = await lint("warnings.md");
    expect(formatDiagnostic(result.diagnostics[0])).toBe(`${at("warnings.md")}:7: warning: unknown section \`## Notes\` is ignored`);
  });
});

describe("listScenarios", () => {
  test("lists the .md files directly inside a directory, sorted, without README.md", async () => {
    expect(await listScenarios(DIR)).toEqual([at("broken.md"), at("clean.md"), at("warnings.md")]);
  });

  test("descends into subdirectories with recursive", async () => {
    expect(await listScenarios(DIR, { recursive: true })).toEqual([at("broken.md"), at("clean.md"), at("warnings.md"), at("nested/deeper.md")]);
  });

  test("does not list sidecar seeds", async () => {
    const files = await listScenarios(join(__dirname, "../../fixtures/scenarios/upstream"));
    expect(files.every((f) => f.endsWith(".md") && !f.endsWith("README.md"))).toBe(true);
    expect(files).toHaveLength(5);
  });

  test("a file path lists that file", async () => {
    expect(await listScenarios(at("clean.md"))).toEqual([at("clean.md")]);
  });

  test("a missing path is a usage error", async () => {
    await expect(listScenarios(at("nope"))).rejects.toMatchObject({ code: "USAGE", message: `scenario path not found: ${at("nope")}` });
    await expect(listScenarios(at("nope"))).rejects.toBeInstanceOf(PomeError);
  });
});

describe("lintPath", () => {
  test("lints every scenario of a directory", async () => {
    const results = await lintPath(DIR, { catalog: smallCatalog, recursive: true });
    expect(results.map((r) => [r.file.slice(DIR.length + 1), r.diagnostics.filter((d) => d.severity === "error").length])).toEqual([
      ["broken.md", 2],
      ["clean.md", 0],
      ["warnings.md", 0],
      ["nested/deeper.md", 0],
    ]);
  });
});
