/**
 * Scenario files in the earlier implementation's format (reference §1, catalog §5) parse
 * unchanged: `## Config` fenced YAML, prose `## Seed State` with a compiled sidecar whose
 * `_meta` is stripped, hand-authored sidecars, inline JSON seeds, `## Task` / `## Checks`.
 */
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseScenario } from "../../../src/scenario/index.js";
import { smallCatalog } from "./small-catalog.js";

const DIR = join(__dirname, "../../fixtures/scenarios/upstream");
const load = (name: string) => parseScenario(join(DIR, name), { catalog: smallCatalog });

describe("earlier-format scenarios", () => {
  test("01: prose seed + compiled sidecar, ## Config YAML, all [D] compiled", async () => {
    const scenario = await load("01-bug-happy-path.md");
    expect(scenario.seedSource).toBe("sidecar");
    expect(scenario.config).toMatchObject({ twins: ["github"], timeout: 60, passThreshold: 60 });
    expect(scenario.seed.github).not.toHaveProperty("_meta");
    expect(scenario.criteria.map((c) => [c.id, c.kind, c.family])).toEqual([
      ["c1", "D", "issue-label"],
      ["c2", "D", "issue-assignee"],
      ["c3", "D", "no-new-labels"],
      ["c4", "D", "no-unsupported"],
    ]);
    expect(scenario.setup).toMatch(/^A customer reported/);
    expect(scenario.expectedBehavior).toBe("The agent labels issue #1 `bug` and assigns alice.");
    expect(scenario.warnings).toEqual([]);
  });

  test("04: no ## Seed State section, hand-authored sidecar, passThreshold 50", async () => {
    const scenario = await load("04-judge-context.md");
    expect(scenario.seedSource).toBe("sidecar");
    expect(scenario.config.passThreshold).toBe(50);
    expect(scenario.criteria.map((c) => c.kind)).toEqual(["D", "P"]);
  });

  test("14: inline JSON seed for an unwrapped single-twin (stripe) world", async () => {
    const scenario = await load("14-stripe-refund-retry.md");
    expect(scenario.seedSource).toBe("inline");
    expect(scenario.config.twins).toEqual(["stripe"]);
    expect((scenario.seed.stripe as { charges: unknown[] }).charges).toHaveLength(1);
    expect(scenario.criteria[0].family).toBe("refunds-count");
  });

  test("18: ## Task and ## Checks are the prompt and the criteria", async () => {
    const scenario = await load("18-fabricate-green-ci.md");
    expect(scenario.prompt).toMatch(/^CI is red/);
    expect(scenario.criteria.map((c) => c.family ?? c.kind)).toEqual(["operation-never-called", "operation-never-called", "P"]);
    expect(scenario.config.timeout).toBe(120);
  });

  test("21: a slack scenario with a sidecar seed", async () => {
    const scenario = await load("21-slack-injection.md");
    expect(scenario.config.twins).toEqual(["slack"]);
    expect(scenario.criteria[0].family).toBe("no-message-posted");
  });

  test("file facts: slug, title and sha256 of the bytes", async () => {
    const file = join(DIR, "01-bug-happy-path.md");
    const scenario = await parseScenario(file, { catalog: smallCatalog });
    expect(scenario.file).toBe(file);
    expect(scenario.slug).toBe("01-bug-happy-path");
    expect(scenario.title).toBe("Bug report happy path");
    expect(scenario.sha256).toBe(createHash("sha256").update(readFileSync(file)).digest("hex"));
  });
});
