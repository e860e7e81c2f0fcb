import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseScenario, ScenarioError, sidecarPathOf, slugOf } from "../../../src/scenario/index.js";
import { exitCodeOf } from "../../../src/errors.js";
import { smallCatalog } from "./small-catalog.js";

const dir = mkdtempSync(join(tmpdir(), "pome-scenario-"));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const VALID = "# T\n## Prompt\nGo.\n## Criteria\n- [D] No new labels were created\n";

describe("slug", () => {
  test.each([
    ["scenarios/01-bug-happy-path.md", "01-bug-happy-path"],
    ["My Scenario (v2).md", "my-scenario-v2"],
    ["__x__.MD", "x"],
    ["###.md", "scenario"],
  ])("%s → %s", (file, slug) => expect(slugOf(file)).toBe(slug));
});

describe("sidecar path", () => {
  test("replaces .md (any case) with .seed.json", () => {
    expect(sidecarPathOf("a/b/01-x.md")).toBe("a/b/01-x.seed.json");
    expect(sidecarPathOf("a/b/01-x.MD")).toBe("a/b/01-x.seed.json");
  });
});

describe("parseScenario", () => {
  test("reads the sidecar next to the file", async () => {
    const file = write("with-sidecar.md", VALID);
    write("with-sidecar.seed.json", '{ "repositories": [{ "owner": "o", "name": "r" }] }');
    const scenario = await parseScenario(file, { catalog: smallCatalog });
    expect(scenario.seedSource).toBe("sidecar");
    expect((scenario.seed.github as { repositories: Array<{ owner: string }> }).repositories[0].owner).toBe("o");
  });

  test("CRLF line endings and a BOM parse like LF", async () => {
    const file = write("crlf.md", `\uFEFF${VALID.replace(/\n/g, "\r\n")}`);
    const scenario = await parseScenario(file, { catalog: smallCatalog });
    expect(scenario.prompt).toBe("Go.");
    expect(scenario.criteria[0]).toMatchObject({ line: 5, text: "No new labels were created" });
  });

  test("a missing file is a usage error", async () => {
    await expect(parseScenario(join(dir, "missing.md"), { catalog: smallCatalog })).rejects.toMatchObject({ code: "USAGE" });
  });

  test("errors are ScenarioErrors: SCENARIO_INVALID, exit 2, described as file:line: message", async () => {
    const file = write("bad.md", "# T\n## Prompt\nGo.\n## Criteria\n- [D] nonsense here\n");
    const error = await parseScenario(file, { catalog: smallCatalog }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).code).toBe("SCENARIO_INVALID");
    expect(exitCodeOf(error)).toBe(2);
    expect((error as ScenarioError).describe()).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5: \\[D\\] no phrase family`));
  });
});
