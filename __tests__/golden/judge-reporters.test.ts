import { describe, expect, test } from "vitest";
import { renderInspect, renderJson, renderScenarioBlock } from "../../src/report/index.js";
import { judgedBatch, judgedResult } from "./judged-results.js";
import { CWD } from "./results.js";

describe("a judged run with a fix prompt", () => {
  test("terminal: judge reasons and confidence per [P], judge usage, the fix prompt's path", async () => {
    await expect(renderScenarioBlock(await judgedResult(), { color: false, cwd: CWD })).toMatchFileSnapshot("terminal/judged.txt");
  });

  test("JSON: confidence, judge fields, cost and the fix prompt path", async () => {
    await expect(renderJson(await judgedBatch())).toMatchFileSnapshot("json/judged.json");
  });

  test("inspect: each verdict's judge, the judge's usage and the fix prompt", async () => {
    const run = (await judgedResult()).runs[0];
    await expect(renderInspect({ meta: { run_id: run.run_id }, events: [], score: run.score }, { color: false })).toMatchFileSnapshot("inspect/judged.txt");
  });
});
