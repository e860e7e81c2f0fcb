import { describe, expect, test } from "vitest";
import { evaluateCriteria, scoreRun, scoreSchema } from "../../../src/evaluate/index.js";
import type { Scenario } from "../../../src/scenario/index.js";
import { emptyInput, scenario } from "./scenario-builder.js";

const pass = (text = "ok", weight = 1, mustPass = false) => ({ text, weight, mustPass, outcome: { passed: true, reason: "held" } });
const fail = (text = "no", weight = 1, mustPass = false) => ({ text, weight, mustPass, outcome: { passed: false, reason: "did not hold" } });
const probabilistic = (text = "judged") => ({ text, kind: "P" as const });

async function score(s: Scenario, opts: { judge?: "on" | "off"; agentFailure?: string | null; passThreshold?: number } = {}) {
  const verdicts = await evaluateCriteria(s, emptyInput(), { judge: opts.judge ?? "on" });
  return scoreRun({ scenario: s, runId: "run_01", verdicts, agentFailure: opts.agentFailure ?? null, agentModel: "unknown", passThreshold: opts.passThreshold });
}

describe("satisfaction", () => {
  test("is the weighted share of evaluated criteria that passed, rounded", async () => {
    const s = await score(scenario([pass("a", 2), fail("b", 1)]));
    expect(s.satisfaction).toBe(67);
  });

  test("weights change the share", async () => {
    const s = await score(scenario([pass("a", 1), fail("b", 3)]));
    expect(s.satisfaction).toBe(25);
  });

  test("is 0 when nothing was evaluated", async () => {
    const s = await score(scenario([probabilistic()]));
    expect(s.satisfaction).toBe(0);
  });

  test("ignores skipped criteria", async () => {
    const s = await score(scenario([pass(), probabilistic()]));
    expect(s.satisfaction).toBe(100);
  });
});

describe("status and exit code", () => {
  test("pass: everything evaluated, no must-pass failed, satisfaction at the threshold", async () => {
    const s = await score(scenario([pass(), pass(), fail()], { config: { ...scenario([]).config, passThreshold: 60 } }));
    expect([s.status, s.exit_code, s.satisfaction, s.pass_threshold, s.status_reason]).toEqual(["pass", 0, 67, 60, null]);
  });

  test("fail: satisfaction below the threshold", async () => {
    const s = await score(scenario([pass(), fail()]));
    expect([s.status, s.exit_code]).toEqual(["fail", 1]);
  });

  test("fail: a must-pass criterion failed, whatever the satisfaction", async () => {
    const s = await score(scenario([pass("a", 9), fail("b", 1, true)]), { passThreshold: 50 });
    expect([s.status, s.satisfaction, s.exit_code]).toEqual(["fail", 90, 1]);
  });

  test("the passThreshold argument overrides the scenario's", async () => {
    const s = await score(scenario([pass(), fail()]), { passThreshold: 50 });
    expect([s.status, s.pass_threshold]).toEqual(["pass", 50]);
  });

  test("unevaluated: a skipped [P] makes the scenario unable to pass, and says why", async () => {
    const s = await score(scenario([pass(), probabilistic("a"), probabilistic("b")]));
    expect([s.status, s.exit_code, s.evaluated, s.can_pass]).toEqual(["unevaluated", 1, true, false]);
    expect(s.status_reason).toMatch(/^2 criteria could not be judged: no LLM judge configured \(set ANTHROPIC_API_KEY/);
  });

  test("fail, not unevaluated: a must-pass failure decides the scenario whatever the judge would say", async () => {
    const s = await score(scenario([fail("merged", 1, true), probabilistic()]));
    expect([s.status, s.exit_code, s.can_pass]).toEqual(["fail", 1, false]);
    expect(s.status_reason).toMatch(/^1 criterion could not be judged/);
  });

  test("fail, not unevaluated: below the threshold even if every skipped criterion passed", async () => {
    const s = await score(scenario([pass(), fail(), fail(), probabilistic()]));
    expect(s.status).toBe("fail");
  });

  test("unevaluated while the skipped criteria could still make it pass", async () => {
    const s = await score(scenario([pass(), fail(), probabilistic(), probabilistic()]), { passThreshold: 60 });
    expect(s.status).toBe("unevaluated");
  });

  test("unevaluated: an errored check says so", async () => {
    const boom = {
      text: "expr",
      outcome: () => {
        throw new Error("bad path");
      },
    };
    const s = await score(scenario([pass(), boom]));
    expect([s.status, s.errored, s.status_reason]).toEqual(["unevaluated", 1, "1 criterion errored: the check failed: bad path"]);
  });

  test("with --judge=off, [P] criteria are advisory: reported but not counted", async () => {
    const s = await score(scenario([pass(), probabilistic()]), { judge: "off" });
    expect([s.status, s.passed, s.skipped, s.satisfaction]).toEqual(["pass", 1, 0, 100]);
    expect(s.results[1]).toMatchObject({ advisory: true, outcome: "skipped" });
  });

  test("a scenario whose every criterion is advisory is unevaluated", async () => {
    const s = await score(scenario([probabilistic("a"), probabilistic("b")]), { judge: "off" });
    expect([s.status, s.status_reason]).toEqual(["unevaluated", "no criterion counts toward the score: all 2 criteria are advisory (--judge=off)"]);
  });

  test("an agent failure is an error with exit 3, and the criteria are still scored", async () => {
    const s = await score(scenario([pass(), fail()]), { agentFailure: "the agent timed out after 60 s" });
    expect([s.status, s.exit_code, s.status_reason, s.passed, s.failed, s.satisfaction]).toEqual(["error", 3, "the agent timed out after 60 s", 1, 1, 50]);
  });

  test("an agent failure is exit 3 even when every criterion passed", async () => {
    const s = await score(scenario([pass()]), { agentFailure: "the agent exited with code 1" });
    expect([s.status, s.exit_code]).toEqual(["error", 3]);
  });
});

describe("score.json fields", () => {
  test("counts outcomes and records the run", async () => {
    const s = await score(scenario([pass(), fail(), probabilistic()]));
    expect(s).toMatchObject({ scenario: "01-bug-happy-path", title: "Triage a fresh bug report", run_id: "run_01", passed: 1, failed: 1, skipped: 1, errored: 0, total_required: 2, agent_model: "unknown", fix_prompt: null, fix_prompt_source: null });
    expect(scoreSchema.safeParse(s).success).toBe(true);
  });

  test("judge aggregates: the first judge model, token sums when every answer reported usage", () => {
    const s = scenario([probabilistic("a"), probabilistic("b")]);
    const base = { line: 1, kind: "P" as const, must_pass: false, text: "t", weight: 1, passed: true, skipped: false, advisory: false, reason: "r", evidence: [], confidence: 0.9, outcome: "passed" as const };
    const verdicts = [
      { ...base, id: "c1", judge_model: "claude-haiku-4-5", judge_tokens_in: 100, judge_tokens_out: 10 },
      { ...base, id: "c2", judge_model: "claude-haiku-4-5", judge_tokens_in: 200, judge_tokens_out: 20 },
    ];
    const out = scoreRun({ scenario: s, runId: "r", verdicts, agentFailure: null, agentModel: "m" });
    expect([out.judge_model, out.judge_tokens_in, out.judge_tokens_out]).toEqual(["claude-haiku-4-5", 300, 30]);
    const partial = scoreRun({ scenario: s, runId: "r", verdicts: [verdicts[0], { ...verdicts[1], judge_tokens_in: null }], agentFailure: null, agentModel: "m" });
    expect([partial.judge_tokens_in, partial.judge_tokens_out]).toEqual([null, null]);
  });

  test("no judge: judge fields are null", async () => {
    const s = await score(scenario([pass()]));
    expect([s.judge_model, s.judge_tokens_in, s.judge_tokens_out]).toEqual([null, null, null]);
  });
});
