import { describe, expect, test } from "vitest";
import { renderInspect, renderJson, renderJunit, renderScenarioBlock, renderTally } from "../../src/report/index.js";
import {
  batch,
  CWD,
  failResult,
  multiTwinBatch,
  multiTwinResult,
  parseErrorResult,
  passResult,
  refundEvents,
  refundMeta,
  spoofEvents,
  spoofMeta,
  timeoutResult,
  trialsResult,
  unevaluatedResult,
} from "./results.js";

const plain = { color: false, cwd: CWD };

describe("terminal block", () => {
  test("pass", async () => {
    await expect(renderScenarioBlock(await passResult(), plain)).toMatchFileSnapshot("terminal/pass.txt");
  });

  test("fail with reasons and a must-pass criterion", async () => {
    await expect(renderScenarioBlock(await failResult(), plain)).toMatchFileSnapshot("terminal/fail.txt");
  });

  test("unevaluated: a [P] criterion without a judge", async () => {
    await expect(renderScenarioBlock(await unevaluatedResult(), plain)).toMatchFileSnapshot("terminal/unevaluated.txt");
  });

  test("error: a scenario that does not parse, with file:line", async () => {
    await expect(renderScenarioBlock(parseErrorResult(), plain)).toMatchFileSnapshot("terminal/parse-error.txt");
  });

  test("error: the agent timed out, criteria still scored", async () => {
    await expect(renderScenarioBlock(await timeoutResult(), plain)).toMatchFileSnapshot("terminal/agent-timeout.txt");
  });

  test("trials with pass rate and pass^k", async () => {
    await expect(renderScenarioBlock(await trialsResult(), plain)).toMatchFileSnapshot("terminal/trials.txt");
  });

  test("tally", async () => {
    await expect(renderTally(await batch(), { color: false })).toMatchFileSnapshot("terminal/tally.txt");
  });
});

describe("machine-readable reports", () => {
  test("JSON", async () => {
    await expect(renderJson(await batch())).toMatchFileSnapshot("json/batch.json");
  });

  test("JUnit XML", async () => {
    await expect(renderJunit(await batch())).toMatchFileSnapshot("junit/batch.xml");
  });
});

describe("inspect", () => {
  test("a failed run: timeline then verdicts", async () => {
    const score = (await failResult()).runs[0].score;
    await expect(renderInspect({ meta: spoofMeta, events: spoofEvents(), score }, { color: false })).toMatchFileSnapshot("inspect/fail.txt");
  });

  test("a run folder with no score.json and a bare meta.json", async () => {
    await expect(renderInspect({ meta: { run_id: "run_01JX3FB0000000000000000000" }, events: [], score: null }, { color: false })).toMatchFileSnapshot(
      "inspect/no-score.txt",
    );
  });
});

describe("a scenario that spans twins", () => {
  test("terminal: each failed criterion names its twin", async () => {
    await expect(renderScenarioBlock(await multiTwinResult(), plain)).toMatchFileSnapshot("terminal/multi-twin.txt");
  });

  test("JSON: each [D] verdict carries its twin", async () => {
    await expect(renderJson(await multiTwinBatch())).toMatchFileSnapshot("json/multi-twin.json");
  });

  test("JUnit: each test case names its twin", async () => {
    await expect(renderJunit(await multiTwinBatch())).toMatchFileSnapshot("junit/multi-twin.xml");
  });

  test("inspect: the calls of every twin in one timeline, the verdicts with their twins", async () => {
    const score = (await multiTwinResult()).runs[0].score;
    await expect(renderInspect({ meta: refundMeta, events: refundEvents(), score }, { color: false })).toMatchFileSnapshot("inspect/multi-twin.txt");
  });
});
