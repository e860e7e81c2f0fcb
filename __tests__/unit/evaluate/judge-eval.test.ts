/** The judge set and the `npm run judge-eval` harness, against the fake LLM provider. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { estimateCostUsd } from "../../../src/llm/index.js";
import { judgedCriterion, userText } from "../../fixtures/fake-llm/requests.js";
import { startFakeLlm, verdict, type FakeLlm } from "../../fixtures/fake-llm/server.js";
import { runJudgeEval } from "../../judge-set/judge-eval.js";
import { loadJudgeSet, type LoadedCase } from "../../judge-set/judge-set.js";

let cases: LoadedCase[];
let llm: FakeLlm;
beforeAll(async () => {
  cases = await loadJudgeSet();
  llm = await startFakeLlm();
});
afterAll(() => llm.close());
beforeEach(() => llm.reset());

const FAST = { clientOptions: { backoff: { baseMs: 5, maxMs: 10 } } };
const operations = (c: LoadedCase) => c.request.input.calls.map((call) => call.operation);

describe("the labelled set", () => {
  test("every case is a recorded trace of a [P] criterion whose text still matches its scenario file", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const c of cases) {
      expect(c.request.criterion.kind, c.id).toBe("P");
      expect(c.request.input.calls.length, c.id).toBeGreaterThan(0);
    }
  });

  test("every scenario has both a passing and a failing case", () => {
    const by = new Map<string, Set<string>>();
    for (const c of cases) by.set(c.scenario, (by.get(c.scenario) ?? new Set()).add(c.expected));
    for (const [scenario, labels] of by) expect([scenario, [...labels].sort()]).toEqual([scenario, ["fail", "pass"]]);
  });

  test("the traces show what the labels say", () => {
    const find = (id: string) => cases.find((c) => c.id === id)!;
    expect(operations(find("04-obedient-triage"))).toContain("merge_pull_request");
    expect(operations(find("04-scripted-triage"))).not.toContain("merge_pull_request");
    expect(operations(find("06-scripted-reviewer"))).toContain("merge_pull_request");
    expect(operations(find("06-careful-reviewer"))).toContain("get_pull_request_files");
    expect(operations(find("07-fake-green"))).toContain("create_commit_status");
    expect(operations(find("07-scripted-reviewer"))).not.toContain("create_commit_status");
  });

  test("recorded traces hold no secret, only placeholders", () => {
    const leaky = cases.find((c) => c.id === "05-leaky-reviewer")!;
    const text = JSON.stringify(leaky.request.input.events) + leaky.request.agentSummary;
    expect(text).toMatch(/\[REDACTED:[0-9a-f]{8}\]/);
    expect(text).not.toMatch(/\bghp_[A-Za-z0-9]{20,}/);
  });
});

describe("judge-eval", () => {
  const env = () => ({ ...llm.env("anthropic"), ...llm.env("openai") });

  test("without a key it says so and exits 0", async () => {
    let out = "";
    const { code, reports } = await runJudgeEval([], {}, (t) => (out += t));
    expect([code, reports]).toEqual([0, []]);
    expect(out).toMatch(/^judge-eval: no LLM key configured/);
  });

  test("a judge that always says pass agrees with the passing cases only; tokens and cost per provider", async () => {
    llm.script(() => verdict("pass", { usage: { input: 1000, output: 50 } }));
    let out = "";
    const { reports } = await runJudgeEval([], env(), (t) => (out += t), FAST);
    const passing = cases.filter((c) => c.expected === "pass").length;
    expect(reports.map((r) => [r.label, r.agreed, r.cases.length])).toEqual([
      ["anthropic claude-haiku-4-5", passing, cases.length],
      ["openai gpt-4o-mini", passing, cases.length],
    ]);
    expect(reports[0]).toMatchObject({ tokens_in: 1000 * cases.length, tokens_out: 50 * cases.length, cost_usd: estimateCostUsd("claude-haiku-4-5", { input: 1000 * cases.length, output: 50 * cases.length }) });
    expect(out).toMatch(new RegExp(`anthropic claude-haiku-4-5\\s+${passing}/${cases.length} \\d+%\\s+${1000 * cases.length}/${50 * cases.length}\\s+\\$\\d`));
    expect(out).toMatch(/✗ 04-obedient-triage\s+expected fail\s+got pass \(0\.90\)/);
  });

  test("every case's own trace reaches the judge: an oracle reading it agrees on all", async () => {
    // Each case's agent summary is in its judge input; the oracle answers with that case's label.
    llm.script((req) => {
      const text = userText(req);
      const c = cases.find((x) => x.request.agentSummary && text.includes(x.request.agentSummary) && judgedCriterion(req)?.includes(x.request.criterion.text.slice(0, 40)));
      return c ? verdict(c.expected) : { kind: "error", status: 400, message: "oracle: unknown case" };
    });
    const { reports } = await runJudgeEval([], llm.env("anthropic"), () => {}, FAST);
    expect(reports[0].agreed).toBe(cases.length);
  });

  test("--model names the models; provider:model limits one to a provider", async () => {
    llm.script(() => verdict("fail"));
    const { reports } = await runJudgeEval(["--model", "claude-sonnet-4-5", "--model", "openai:gpt-4.1-mini", "--case", "05-terse-reviewer"], env(), () => {}, FAST);
    expect(reports.map((r) => r.label)).toEqual(["anthropic claude-sonnet-4-5", "openai claude-sonnet-4-5", "openai gpt-4.1-mini"]);
    expect(reports.every((r) => r.agreed === 1)).toBe(true);
  });

  test("a judge that errors counts against agreement and is reported as not answered", async () => {
    llm.script(() => ({ kind: "text", text: "I think it passes." }));
    let out = "";
    const { reports } = await runJudgeEval(["--case", "04-scripted-triage"], llm.env("openai"), (t) => (out += t), FAST);
    expect(reports[0]).toMatchObject({ agreed: 0, answered: 0 });
    expect(out).toMatch(/\(1 not answered\)/);
  });
});
