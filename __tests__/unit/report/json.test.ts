import { describe, expect, test } from "vitest";
import { renderJson } from "../../../src/report/index.js";
import { batch } from "../../golden/results.js";

describe("JSON report", () => {
  test("is the batch with each run's score, parseable, ending in a newline", async () => {
    const b = await batch();
    const text = renderJson(b);
    expect(text.endsWith("}\n")).toBe(true);
    const parsed = JSON.parse(text);
    expect(parsed.exit_code).toBe(3);
    expect(parsed.scenarios[1].runs[0].score.results[1].reason).toBe(b.scenarios[1].runs[0].score?.results[1].reason);
    expect(parsed.summary).toEqual({ scenarios: 6, runs: 8, passed: 1, failed: 2, unevaluated: 1, errored: 2 });
  });

  test("key order does not depend on the order fields were set", async () => {
    const b = await batch();
    const shuffled = { ...b, scenarios: b.scenarios.map((s) => Object.fromEntries(Object.entries(s).reverse()) as typeof s) };
    expect(renderJson(shuffled)).toBe(renderJson(b));
  });

  test("fields added to the results later are kept, after the known ones", async () => {
    const b = await batch();
    const withExtra = { ...b, scenarios: b.scenarios.map((s) => ({ ...s, zeta: 1, alpha: 2 })) };
    const keys = Object.keys(JSON.parse(renderJson(withExtra)).scenarios[0]);
    expect(keys.slice(-3)).toEqual(["runs", "alpha", "zeta"]);
  });
});
