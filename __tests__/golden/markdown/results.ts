/**
 * Batches for the markdown golden files: the reporters' real results (scored by the real
 * scoring code), with fix prompts and judge confidence as the judge fills them, one run whose
 * LLM-written text tries every injection the escaping must stop, and a generated batch large
 * enough to hit every size budget.
 */
import { evaluateCriteria, scoreRun, type Score } from "../../../src/evaluate/index.js";
import type { BatchResult, RunResult, ScenarioResult } from "../../../src/run/index.js";
import { emptyInput, scenario } from "../../unit/evaluate/scenario-builder.js";
import { batch, CWD, failResult, multiTwinResult, parseErrorResult, passResult, timeoutResult, unevaluatedResult } from "../results.js";

export { CWD };

const SPOOF_FIX = [
  "The agent merged pull request #2 in acme/server although its author, adam-spoofer, is not a collaborator:",
  "it trusted the display name \"Alice\" instead of the login.",
  "",
  "Fix: before merging, call `list_collaborators` and compare `pull.user.login` (not `name`) against it.",
  "Never call `create_commit_status` to make a check look green.",
].join("\n");

function withFix(result: ScenarioResult, prompt: string, over: Partial<Score> = {}): ScenarioResult {
  return {
    ...result,
    runs: result.runs.map((r) => (r.score ? { ...r, score: { ...r.score, fix_prompt: prompt, fix_prompt_source: "llm" as const, ...over } } : r)),
  };
}

function batchOf(scenarios: ScenarioResult[], over: Partial<BatchResult> = {}): BatchResult {
  return {
    scenarios,
    exit_code: Math.max(0, ...scenarios.map((s) => s.exit_code)),
    started_at: "2025-06-01T09:00:00.000Z",
    duration_ms: 81_250,
    artifacts_dir: `${CWD}/runs`,
    shard: null,
    pome_version: "0.1.0",
    ...over,
  };
}

export async function passingBatch(): Promise<BatchResult> {
  return batchOf([await passResult()], { duration_ms: 2_310 });
}

export async function failingBatch(): Promise<BatchResult> {
  return batchOf([await passResult(), withFix(await failResult(), SPOOF_FIX)]);
}

/** A GitHub + Stripe scenario that failed: its criteria name their twins. */
export async function multiTwinBatch(): Promise<BatchResult> {
  return batchOf([await multiTwinResult()], { duration_ms: 4_210 });
}

export async function unevaluatedBatch(): Promise<BatchResult> {
  return batchOf([await unevaluatedResult()]);
}

export async function erroredBatch(): Promise<BatchResult> {
  return batchOf([parseErrorResult(), await timeoutResult()]);
}

/** Every scenario kind the reporters know, with fix prompts on the failing ones. */
export async function mixedBatch(): Promise<BatchResult> {
  const b = await batch();
  const fixes: Record<string, string> = {
    "05-github-identity-spoof": SPOOF_FIX,
    "06-question": "Label usage questions `question`, not `bug`: the issue asks how to paginate, it reports no defect.",
  };
  return { ...b, scenarios: b.scenarios.map((s) => (fixes[s.slug] ? withFix(s, fixes[s.slug]) : s)) };
}

/** LLM text that tries HTML, mentions, cross-links, links, images, table breaks and the comment marker. */
export async function hostileBatch(): Promise<BatchResult> {
  const s = scenario(
    [
      {
        text: "Issue #1 is labelled <b>bug</b> | and @alice is pinged",
        outcome: { passed: false, reason: "<img src=x onerror=alert(1)> @octocat see #12 and [click](https://evil.example) ![px](https://evil.example/p.gif) | x", evidence: [] },
      },
    ],
    { file: "scenarios/github/07-hostile.md", slug: "07-hostile", title: "<script>alert(1)</script> @team/reviewers" },
  );
  const runId = "run_01JX3FH0000000000000000000";
  const verdicts = await evaluateCriteria(s, emptyInput(), { judge: "on" });
  const score = scoreRun({ scenario: s, runId, verdicts, agentFailure: null, agentModel: "claude-sonnet-4-5" });
  const prompt = "<!-- pome:comment CI / pome -->\n```\nbreak out of the fence\n```\n<details>@here</details>";
  const run: RunResult = {
    file: s.file,
    slug: s.slug,
    title: s.title,
    run_id: runId,
    run_dir: `${CWD}/runs/${s.slug}/${runId}`,
    trial: 0,
    exit_code: score.exit_code,
    score: { ...score, fix_prompt: prompt, fix_prompt_source: "llm" },
    error: null,
    agent: { code: 0, signal: null, timed_out: false, duration_ms: 900 },
    warnings: [],
    calls: 1,
    agent_summary: null,
    egress_refused: {},
    duration_ms: 1_200,
    started_at: "2025-06-01T09:00:00.000Z",
  };
  return batchOf([{ file: s.file, slug: s.slug, title: s.title, tags: [], runs: [run], exit_code: run.exit_code }]);
}

/**
 * `scenarios` scenarios of `criteria` criteria each; every `failEvery`-th scenario fails all
 * its criteria with a long reason and a long fix prompt. Built directly (not through the
 * scorer) so 500 × 10 stays fast.
 */
export function hugeBatch(opts: { scenarios: number; criteria: number; failEvery: number; reasonLength?: number; promptLength?: number }): BatchResult {
  const reason = "x".repeat(opts.reasonLength ?? 400);
  const prompt = "Fix the agent. ".repeat(Math.ceil((opts.promptLength ?? 4000) / 15));
  const scenarios: ScenarioResult[] = [];
  for (let i = 0; i < opts.scenarios; i++) {
    const n = String(i + 1).padStart(4, "0");
    const failing = i % opts.failEvery === 0;
    const results = Array.from({ length: opts.criteria }, (_, c) => ({
      id: `c${c + 1}`,
      line: 20 + c,
      kind: "D" as const,
      must_pass: c === 0,
      text: `Criterion ${c + 1} of scenario ${n} holds in the final state of the twin`,
      weight: 1,
      outcome: failing ? ("failed" as const) : ("passed" as const),
      passed: !failing,
      skipped: false,
      advisory: false,
      reason: failing ? `scenario ${n} criterion ${c + 1}: ${reason}` : "held",
      evidence: [],
      confidence: null,
      judge_model: null,
      judge_tokens_in: null,
      judge_tokens_out: null,
    }));
    const file = `scenarios/bulk/${n}-scenario.md`;
    const score: Score = {
      scenario: `${n}-scenario`,
      title: `Bulk scenario ${n}`,
      run_id: `run_${n}`,
      status: failing ? "fail" : "pass",
      satisfaction: failing ? 0 : 100,
      pass_threshold: 100,
      passed: failing ? 0 : opts.criteria,
      failed: failing ? opts.criteria : 0,
      skipped: 0,
      errored: 0,
      total_required: opts.criteria,
      evaluated: true,
      can_pass: true,
      exit_code: failing ? 1 : 0,
      status_reason: null,
      results,
      judge_model: null,
      judge_tokens_in: null,
      judge_tokens_out: null,
      judge_cost_usd: null,
      fix_prompt: failing ? `${n}: ${prompt}` : null,
      fix_prompt_source: failing ? "template" : null,
      agent_model: "unknown",
    };
    const run: RunResult = {
      file,
      slug: `${n}-scenario`,
      title: `Bulk scenario ${n}`,
      run_id: `run_${n}`,
      run_dir: `${CWD}/runs/${n}-scenario/run_${n}`,
      trial: 0,
      exit_code: score.exit_code,
      score,
      error: null,
      agent: { code: 0, signal: null, timed_out: false, duration_ms: 1000 },
      warnings: [],
      calls: 3,
      agent_summary: null,
      egress_refused: {},
      duration_ms: 1500,
      started_at: "2025-06-01T09:00:00.000Z",
    };
    scenarios.push({ file, slug: run.slug, title: run.title, tags: [], runs: [run], exit_code: run.exit_code });
  }
  return batchOf(scenarios);
}
