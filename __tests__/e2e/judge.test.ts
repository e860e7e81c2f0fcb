/**
 * `[P]` criteria and fix prompts end to end: a bundled scenario, a real agent process, real
 * twins, and the fake LLM provider on a real socket standing in for the judge.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { PomeError } from "../../src/errors.js";
import { renderScenarioBlock } from "../../src/report/index.js";
import { judgedCriterion, isFixPromptRequest } from "../fixtures/fake-llm/requests.js";
import { FAKE_KEY, startFakeLlm, verdict, type FakeLlm } from "../fixtures/fake-llm/server.js";
import { CLEAN_ENV, onlyRun, readJson, REPO_ROOT, tempDir } from "./fixtures.js";
import { runScenarios, type RunOptions } from "../../src/run/index.js";

const SCENARIO = join(REPO_ROOT, "scenarios/github/05-pr-from-non-collaborator.md");
const node = (script: string) => [process.execPath, join(REPO_ROOT, script)].map((w) => JSON.stringify(w)).join(" ");
const REVIEWER = node("examples/agents/scripted-pr-reviewer-agent.mjs");
const LEAKY = node("__tests__/judge-set/agents/leaky-reviewer-agent.mjs");

let llm: FakeLlm;
let dir: ReturnType<typeof tempDir>;
beforeAll(async () => (llm = await startFakeLlm()));
afterAll(() => llm.close());
beforeEach(() => {
  llm.reset();
  dir?.remove();
  dir = tempDir("pome-judge-e2e-");
});
afterAll(() => dir?.remove());

function run(more: Partial<RunOptions> & { env?: Record<string, string | undefined> } = {}) {
  return runScenarios({ path: SCENARIO, agent: REVIEWER, cwd: dir.path, artifactsDir: join(dir.path, "runs"), capture: false, ...more, env: { ...CLEAN_ENV, ...llm.env("anthropic"), ...more.env } });
}

/** The judge answers `[P]` criteria with `judge`; fix prompts get a short markdown answer. */
function scriptJudge(judge: "pass" | "fail", more: Parameters<typeof verdict>[1] = {}) {
  llm.script((req) => {
    if (judgedCriterion(req)) return verdict(judge, { reason: judge === "pass" ? "The review says the author is not a collaborator." : "The review gives no reason.", usage: { input: 3000, output: 80 }, ...more });
    if (isFixPromptRequest(req)) return { kind: "text", text: "## What the agent was asked\nReview PR #1.\n", usage: { input: 2500, output: 400 } };
    return { kind: "error", status: 400, message: "unexpected request" };
  });
}

const judgeRequests = () => llm.requests.filter((r) => judgedCriterion(r) !== null);

describe("with a judge", () => {
  test("a [P] criterion judged pass: PASS, exit 0, the verdict with confidence, tokens and cost in score.json and meta.json", async () => {
    scriptJudge("pass", { confidence: 0.93 });
    const batch = await run();
    const result = onlyRun(batch);
    expect([result.score?.status, batch.exit_code]).toEqual(["pass", 0]);
    const score = readJson(result.run_dir!, "score.json");
    expect(score.results[4]).toMatchObject({ kind: "P", outcome: "passed", confidence: 0.93, reason: "The review says the author is not a collaborator.", judge_model: "claude-haiku-4-5" });
    expect(score).toMatchObject({ judge_model: "claude-haiku-4-5", judge_tokens_in: 3000, judge_tokens_out: 80, judge_cost_usd: 0.0034, fix_prompt: null, fix_prompt_source: null });
    expect(readJson(result.run_dir!, "meta.json").llm).toEqual({
      judge: { model: "claude-haiku-4-5", calls: 1, cached: 0, tokens_in: 3000, tokens_out: 80, cost_usd: 0.0034 },
      fix_prompt: null,
    });
    expect(judgeRequests()).toHaveLength(1);
    expect(judgedCriterion(judgeRequests()[0])).toMatch(/^\[P\] The review tells the author that the pull request cannot be merged/);
  });

  test("a [P] criterion judged fail: FAIL, exit 1, and a fix prompt from the LLM in fix_prompt.md and score.json", async () => {
    scriptJudge("fail");
    const batch = await run();
    const result = onlyRun(batch);
    expect([result.score?.status, batch.exit_code]).toEqual(["fail", 1]);
    const file = readFileSync(join(result.run_dir!, "fix_prompt.md"), "utf8");
    expect(file).toBe("## What the agent was asked\nReview PR #1.\n");
    const score = readJson(result.run_dir!, "score.json");
    expect([score.fix_prompt, score.fix_prompt_source]).toEqual([file, "llm"]);
    expect(readJson(result.run_dir!, "meta.json").llm.fix_prompt).toEqual({ source: "llm", file: "fix_prompt.md", model: "claude-haiku-4-5", tokens_in: 2500, tokens_out: 400, cost_usd: 0.0045 });
    const block = renderScenarioBlock(batch.scenarios[0], { color: false, cwd: dir.path });
    expect(block).toMatch(/✗ .*05-pr-from-non-collaborator\.md:63 \[P\] The review tells the author .* — The review gives no reason\. \(judge claude-haiku-4-5, confidence 0\.9\)/);
    expect(block).toContain("fix prompt: runs/05-pr-from-non-collaborator/");
  });

  test("--no-fix-prompt: no fix prompt and fix_prompt null", async () => {
    scriptJudge("fail");
    const result = onlyRun(await run({ fixPrompt: false }));
    expect(existsSync(join(result.run_dir!, "fix_prompt.md"))).toBe(false);
    expect(readJson(result.run_dir!, "score.json")).toMatchObject({ status: "fail", fix_prompt: null, fix_prompt_source: null });
    expect(llm.requests.some(isFixPromptRequest)).toBe(false);
  });

  test("a provider outage: [P] errored, the run still finishes with every artifact and a template fix prompt", async () => {
    llm.script(() => ({ kind: "error", status: 503, message: "overloaded" }));
    const batch = await run();
    const result = onlyRun(batch);
    expect([result.score?.status, batch.exit_code]).toEqual(["unevaluated", 1]);
    expect(result.score?.results[4]).toMatchObject({ outcome: "errored", reason: expect.stringMatching(/HTTP 503: overloaded \(gave up after 3 tries\)/) });
    expect(result.score?.results.slice(0, 4).map((v) => v.outcome)).toEqual(["passed", "passed", "passed", "passed"]);
    for (const name of ["meta.json", "events.jsonl", "state_final.json", "score.json", "fix_prompt.md"]) expect(existsSync(join(result.run_dir!, name)), name).toBe(true);
    expect(readJson(result.run_dir!, "score.json").fix_prompt_source).toBe("template");
    expect(result.warnings.some((w) => /^the fix prompt was written from the template: the LLM provider failed/.test(w))).toBe(true);
  }, 60_000);

  test("re-scoring the same trace reuses the cached verdict; --no-cache asks again", async () => {
    scriptJudge("pass");
    await run();
    const second = onlyRun(await run());
    expect(judgeRequests()).toHaveLength(1);
    expect(second.score?.results[4]).toMatchObject({ outcome: "passed", judge_cached: true, judge_tokens_in: 0 });
    expect(readdirSync(join(dir.path, ".pome/cache/judge"))).toHaveLength(1);
    await run({ cache: false });
    expect(judgeRequests()).toHaveLength(2);
  });

  test("the scenario's judge: picks the model, and --judge-model overrides it", async () => {
    scriptJudge("pass");
    const file = join(dir.path, "05-own-judge.md");
    writeFileSync(file, readFileSync(SCENARIO, "utf8").replace("tags: [review", "judge: claude-sonnet-4-5\ntags: [review"));
    await run({ path: file });
    await run({ path: file, judgeModel: "claude-opus-4-1", cache: false });
    expect(judgeRequests().map((r) => r.body.model)).toEqual(["claude-sonnet-4-5", "claude-opus-4-1"]);
  });

  test("no secret reaches the judge: the agent's token in its review and summary arrives as the artifacts' placeholder", async () => {
    scriptJudge("pass");
    const result = onlyRun(await run({ agent: LEAKY }));
    const summary = readJson(result.run_dir!, "meta.json").agent_summary as string;
    const placeholder = /\[REDACTED:[0-9a-f]{8}\]/.exec(summary)![0];
    const [sent] = judgeRequests();
    expect(sent.raw).not.toMatch(/\bghp_[A-Za-z0-9]{20,}|\beyJ[\w-]{5,}\.eyJ/);
    expect(sent.raw).not.toContain(FAKE_KEY);
    expect(sent.raw.split(placeholder).length - 1).toBeGreaterThanOrEqual(2);
  });
});

describe("without a judge", () => {
  test("no key: [P] skipped, UNEVAL with the reason printed, a template fix prompt", async () => {
    const batch = await runScenarios({ path: SCENARIO, agent: REVIEWER, cwd: dir.path, artifactsDir: join(dir.path, "runs"), capture: false, env: CLEAN_ENV });
    const result = onlyRun(batch);
    expect([result.score?.status, batch.exit_code]).toEqual(["unevaluated", 1]);
    expect(renderScenarioBlock(batch.scenarios[0], { color: false })).toMatch(/unevaluated: 1 criterion could not be judged: no LLM judge configured \(set ANTHROPIC_API_KEY/);
    expect(readJson(result.run_dir!, "score.json").fix_prompt_source).toBe("template");
    expect(readFileSync(join(result.run_dir!, "fix_prompt.md"), "utf8")).toMatch(/^# Fix prompt: Do not merge a pull request from a non-collaborator/);
  });

  test("--judge=off: decided by [D] alone, [P] advisory, no LLM call", async () => {
    const batch = await run({ judge: "off" });
    const result = onlyRun(batch);
    expect([result.score?.status, batch.exit_code]).toEqual(["pass", 0]);
    expect(result.score?.results[4]).toMatchObject({ advisory: true, outcome: "skipped" });
    expect(llm.requests).toHaveLength(0);
  });

  test("POME_LLM_BASE_URL without its key and model is a usage error before anything runs", async () => {
    mkdirSync(join(dir.path, "runs"), { recursive: true });
    const error = await run({ env: { POME_LLM_BASE_URL: llm.openaiBaseUrl } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PomeError);
    expect((error as PomeError).code).toBe("USAGE");
    expect((error as PomeError).message).toMatch(/POME_LLM_API_KEY and POME_LLM_MODEL are not/);
    expect(readdirSync(join(dir.path, "runs"))).toEqual([]);
  });
});
