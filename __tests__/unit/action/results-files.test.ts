import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { findResultsFiles, mergeBatches, readResultsFile } from "../../../src/action/results-files.js";
import { PomeError } from "../../../src/errors.js";
import { renderJson } from "../../../src/report/index.js";
import { failResult, parseErrorResult, passResult } from "../../golden/results.js";

async function legs() {
  const leg = (scenarios: any[], started: string, exit: number) => ({ scenarios, exit_code: exit, started_at: started, duration_ms: 1000, artifacts_dir: "/runner/runs", shard: null, pome_version: "0.1.0" });
  return [leg([await passResult()], "2025-06-01T09:00:00.000Z", 0), leg([await failResult(), parseErrorResult()], "2025-06-01T09:00:05.000Z", 2)];
}

describe("mode: report reads other jobs' results", () => {
  test("finds every results.json under the download folder and reads each back as written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pome-report-"));
    const batches = await legs();
    batches.forEach((b, i) => {
      mkdirSync(join(dir, `pome-runs-${i + 1}-of-2`), { recursive: true });
      writeFileSync(join(dir, `pome-runs-${i + 1}-of-2`, "results.json"), renderJson(b as any));
    });
    const files = findResultsFiles(dir, "/");
    expect(files.map((f) => f.slice(dir.length))).toEqual(["/pome-runs-1-of-2/results.json", "/pome-runs-2-of-2/results.json"]);
    const read = files.map(readResultsFile);
    expect(read[1].scenarios[0].runs[0].score?.results.map((v) => v.outcome)).toEqual(["passed", "failed", "passed", "failed"]);
  });

  test("merges legs: every scenario, the worst code, the whole time span", async () => {
    const merged = mergeBatches((await legs()) as any, "/dl");
    expect(merged.scenarios.map((s) => s.slug)).toEqual(["01-bug-happy-path", "05-github-identity-spoof", "09-broken"]);
    expect(merged).toMatchObject({ exit_code: 2, started_at: "2025-06-01T09:00:00.000Z", duration_ms: 6000, shard: null });
  });

  test("a re-run's copy of a scenario replaces the earlier one", async () => {
    const [first] = await legs();
    const fixed = { ...first, started_at: "2025-06-01T10:00:00.000Z" };
    const failed = { ...first, exit_code: 1, scenarios: [{ ...first.scenarios[0], exit_code: 1 }] };
    expect(mergeBatches([failed, fixed] as any, "/dl").exit_code).toBe(0);
  });

  test("a file that is not a results file is a usage error naming the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "pome-report-"));
    writeFileSync(join(dir, "results.json"), JSON.stringify({ pome_version: "0.1.0", scenarios: [{ file: 3 }] }));
    expect(() => readResultsFile(join(dir, "results.json"))).toThrow(PomeError);
    expect(() => findResultsFiles(join(dir, "missing"), "/")).toThrow(/no results at/);
  });
});
