import { describe, expect, test } from "vitest";
import { renderScenarioBlock, renderTally, scenarioStatus } from "../../../src/report/index.js";
import type { BatchResult } from "../../../src/run/index.js";
import { batch, CWD, failResult, parseErrorResult, passResult, timeoutResult, trialsResult, unevaluatedResult } from "../../golden/results.js";

const ESC = "\u001b[";

describe("colour", () => {
  test("is used when asked", async () => {
    const text = renderScenarioBlock(await failResult(), { color: true, cwd: CWD });
    expect(text).toContain(`${ESC}31m`);
  });

  test("is never used otherwise", async () => {
    const b = await batch();
    for (const s of b.scenarios) expect(renderScenarioBlock(s, { color: false })).not.toContain(ESC);
    expect(renderTally(b, { color: false })).not.toContain(ESC);
  });

  test("does not change the text, only wraps it", async () => {
    const r = await failResult();
    const coloured = renderScenarioBlock(r, { color: true, cwd: CWD }).replace(/\u001b\[[0-9;]*m/g, "");
    expect(coloured).toBe(renderScenarioBlock(r, { color: false, cwd: CWD }));
  });
});

describe("scenario block", () => {
  test("starts with the status label and the title", async () => {
    const first = async (p: Promise<Parameters<typeof renderScenarioBlock>[0]>) => renderScenarioBlock(await p, { color: false }).split("\n")[0];
    expect(await first(passResult())).toBe("PASS Triage a fresh bug report");
    expect(await first(failResult())).toBe("FAIL Review pull requests from a display-name spoofer");
    expect(await first(unevaluatedResult())).toBe("UNEVAL Confirm the existing classification");
    expect(await first(timeoutResult())).toBe("ERROR Refund once, even when the first reply is lost");
  });

  test("lists each criterion that did not pass with its file:line and reason, and no passed ones", async () => {
    const text = renderScenarioBlock(await failResult(), { color: false });
    expect(text).toContain("✗ scenarios/github/05-github-identity-spoof.md:21 [D!] Pull request #2 in `acme/server` is not merged — acme/server#2 was merged");
    expect(text).not.toContain("Pull request #1 in `acme/server` is merged");
  });

  test("shows the run folder relative to cwd, and absolute outside it", async () => {
    const r = await passResult();
    expect(renderScenarioBlock(r, { color: false, cwd: CWD })).toContain("  run: runs/01-bug-happy-path/");
    expect(renderScenarioBlock(r, { color: false, cwd: "/elsewhere" })).toContain(`  run: ${CWD}/runs/01-bug-happy-path/`);
  });

  test("a scenario that did not parse shows its file:line error and no run folder", () => {
    const text = renderScenarioBlock(parseErrorResult(), { color: false, cwd: CWD });
    expect(text).toMatch(/^ERROR 09-broken\n {2}error: scenarios\/github\/09-broken\.md:14: /);
    expect(text).not.toContain("run:");
  });

  test("the worst trial decides the label", async () => {
    const r = await trialsResult();
    expect(scenarioStatus(r)).toBe("fail");
    expect(renderScenarioBlock(r, { color: false })).toContain("pass^3 0%");
  });
});

describe("tally", () => {
  test("counts scenarios by outcome and names the worst exit code", async () => {
    expect(renderTally(await batch(), { color: false })).toBe(
      "6 scenarios (8 runs): 1 passed, 2 failed, 1 unevaluated, 2 errors · 1m 21s · exit 3: the agent failed (preflight, crash, timeout) or hosted auth failed\n",
    );
  });

  test("an empty selection says so", () => {
    const empty: BatchResult = { scenarios: [], exit_code: 5, started_at: "2025-06-01T09:00:00.000Z", duration_ms: 3, artifacts_dir: "runs", shard: "2/3", pome_version: "0.1.0" };
    expect(renderTally(empty, { color: false })).toBe("0 scenarios: 0 passed · shard 2/3 · 3 ms · exit 5: usage error\n");
  });
});
