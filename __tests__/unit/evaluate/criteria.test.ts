import { describe, expect, test } from "vitest";
import { ADVISORY_REASON, evaluateCriteria, NO_JUDGE_REASON, type Judge } from "../../../src/evaluate/index.js";
import type { TraceEvent } from "../../../src/trace/index.js";
import { emptyInput, scenario } from "./scenario-builder.js";

describe("[D] criteria", () => {
  test("a passing check gives a passed verdict with its reason and evidence", async () => {
    const s = scenario([{ text: "Issue #1 has the `bug` label", outcome: { passed: true, reason: "acme/api#1 has bug", evidence: ["evt_000002"] } }]);
    const [v] = await evaluateCriteria(s, emptyInput(), { judge: "on" });
    expect(v).toMatchObject({ id: "c1", line: 20, kind: "D", outcome: "passed", passed: true, skipped: false, reason: "acme/api#1 has bug", evidence: ["evt_000002"] });
  });

  test("a failing check gives a failed verdict", async () => {
    const s = scenario([{ text: "Issue #1 is assigned to `alice`", mustPass: true, outcome: { passed: false, reason: "assigned to bob, not alice" } }]);
    const [v] = await evaluateCriteria(s, emptyInput(), { judge: "on" });
    expect(v).toMatchObject({ outcome: "failed", passed: false, must_pass: true, reason: "assigned to bob, not alice", evidence: [] });
  });

  test("an async check is awaited", async () => {
    const s = scenario([{ text: "expr", outcome: async () => ({ passed: true, reason: "expression is true" }) }]);
    const [v] = await evaluateCriteria(s, emptyInput(), { judge: "on" });
    expect(v.outcome).toBe("passed");
  });

  test("a check that throws is errored with the message", async () => {
    const s = scenario([
      {
        text: "expr",
        outcome: () => {
          throw new Error("Cannot read properties of undefined (reading 'issues')");
        },
      },
    ]);
    const [v] = await evaluateCriteria(s, emptyInput(), { judge: "on" });
    expect(v).toMatchObject({ outcome: "errored", passed: false, skipped: false, reason: "the check failed: Cannot read properties of undefined (reading 'issues')" });
  });

  test("a check that returns something other than a verdict is errored", async () => {
    const s = scenario([{ text: "expr", outcome: (() => true) as never }]);
    const [v] = await evaluateCriteria(s, emptyInput(), { judge: "on" });
    expect(v.outcome).toBe("errored");
  });

  test("the check sees the run's input", async () => {
    const input = { ...emptyInput(), final: { github: { repositories: [] } } };
    let seen: unknown;
    const s = scenario([{ text: "x", check: (i) => ((seen = i.final), { passed: true, reason: "ok" }) }]);
    await evaluateCriteria(s, input, { judge: "on" });
    expect(seen).toBe(input.final);
  });

  test("verdicts keep the order and lines of the criteria", async () => {
    const s = scenario([{ text: "a" }, { text: "b", kind: "P" }, { text: "c" }]);
    const vs = await evaluateCriteria(s, emptyInput(), { judge: "on" });
    expect(vs.map((v) => [v.id, v.line, v.kind])).toEqual([
      ["c1", 20, "D"],
      ["c2", 21, "P"],
      ["c3", 22, "D"],
    ]);
  });
});

describe("[P] criteria", () => {
  const p = scenario([{ text: "The agent explained its label choice", kind: "P" }]);

  test("without a judge they are skipped with a reason naming the variables to set", async () => {
    const [v] = await evaluateCriteria(p, emptyInput(), { judge: "on" });
    expect(v).toMatchObject({ outcome: "skipped", skipped: true, passed: false, advisory: false, reason: NO_JUDGE_REASON });
    for (const name of ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "POME_LLM_BASE_URL", "POME_LLM_API_KEY", "POME_LLM_MODEL"]) expect(v.reason).toContain(name);
  });

  test("with --judge=off they are advisory and no judge is called", async () => {
    let called = false;
    const judge: Judge = { model: "m", judge: async () => ((called = true), { outcome: "passed", reason: "", confidence: 1, evidence: [], model: "m", tokens_in: 1, tokens_out: 1 }) };
    const [v] = await evaluateCriteria(p, emptyInput(), { judge: "off", judgeWith: judge });
    expect(v).toMatchObject({ outcome: "skipped", advisory: true, reason: ADVISORY_REASON });
    expect(called).toBe(false);
  });

  test("a judge's reply becomes the verdict, citing only events that exist", async () => {
    const events = [{ event_id: "evt_000001" }] as TraceEvent[];
    const judge: Judge = {
      model: "claude-haiku-4-5",
      judge: async (req) => {
        expect(req.criterion.text).toBe("The agent explained its label choice");
        expect(req.agentSummary).toBe("Labelled it bug because of the 500.");
        return { outcome: "passed", reason: "the summary explains the 500", confidence: 1.4, evidence: ["evt_000001", "evt_999999"], model: "claude-haiku-4-5", tokens_in: 900, tokens_out: 40 };
      },
    };
    const [v] = await evaluateCriteria(p, { ...emptyInput(), events }, { judge: "on", judgeWith: judge, agentSummary: "Labelled it bug because of the 500." });
    expect(v).toMatchObject({ outcome: "passed", evidence: ["evt_000001"], confidence: 1, judge_model: "claude-haiku-4-5", judge_tokens_in: 900, judge_tokens_out: 40 });
  });

  test("a judge that throws gives an errored verdict that names the model", async () => {
    const judge: Judge = { model: "gpt-4o-mini", judge: async () => Promise.reject(new Error("429 after 3 tries")) };
    const [v] = await evaluateCriteria(p, emptyInput(), { judge: "on", judgeWith: judge });
    expect(v).toMatchObject({ outcome: "errored", reason: "the judge failed: 429 after 3 tries", judge_model: "gpt-4o-mini" });
  });
});
