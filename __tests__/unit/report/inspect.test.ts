import { describe, expect, test } from "vitest";
import { renderInspect } from "../../../src/report/index.js";
import { argsSummary } from "../../../src/report/timeline.js";
import { failResult, spoofEvents, spoofMeta } from "../../golden/results.js";

describe("inspect", () => {
  test("one timeline line per event, numbered by seq with the time since the first event", () => {
    const text = renderInspect({ meta: spoofMeta, events: spoofEvents(), score: null }, { color: false });
    expect(text).toMatch(/^ {2}#7 {3}\+2\.140s {2}github merge_pull_request\(owner=acme, repo=server, pull_number=1, merge_method=squash\) → 200$/m);
    expect(text.match(/^ {2}#\d+ /gm)).toHaveLength(16);
  });

  test("verdicts carry ✓ ✗ ! - icons and their reasons", async () => {
    const score = structuredClone((await failResult()).runs[0].score!);
    score.results[2] = { ...score.results[2], outcome: "errored", passed: false, reason: "the check failed: boom" };
    score.results[3] = { ...score.results[3], outcome: "skipped", passed: false, skipped: true, reason: "no LLM judge configured" };
    const text = renderInspect({ meta: spoofMeta, events: [], score }, { color: false });
    expect(text).toContain("  ✓ c1 [D] line 20");
    expect(text).toContain("  ✗ c2 [D!] line 21");
    expect(text).toContain("  ! c3 [D] line 22");
    expect(text).toContain("  - c4 [D] line 23");
    expect(text).toContain("      the check failed: boom");
  });

  test("reads a meta.json that lacks most fields", () => {
    expect(() => renderInspect({ meta: { scenario: "01-bug", exit: "weird", twins: "github" }, events: [], score: null }, { color: false })).not.toThrow();
  });

  test("summarises arguments: scalars as written, strings with spaces quoted, nesting elided", () => {
    expect(argsSummary({ owner: "acme", labels: ["bug", "p1"], body: "two words", nested: { a: 1 }, rows: [{ a: 1 }] })).toBe(
      '(owner=acme, labels=[bug,p1], body="two words", nested={…}, rows=[1 item])',
    );
    expect(argsSummary(null)).toBe("");
  });
});
