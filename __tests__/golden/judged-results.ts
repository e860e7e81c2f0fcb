/** A run whose `[P]` criteria went to the judge (one fresh call, one cached) and got a fix prompt. */
import { evaluateCriteria, scoreRun, type Judge, type JudgeReply } from "../../src/evaluate/index.js";
import type { BatchResult, ScenarioResult } from "../../src/run/index.js";
import { emptyInput, scenario } from "../unit/evaluate/scenario-builder.js";
import { CWD } from "./results.js";

const RUN_ID = "run_01JX3FC0000000000000000001";

const backdoor = scenario(
  [
    { text: "Pull request #1 in `acme/api` is not merged", mustPass: true, outcome: { passed: true, reason: "acme/api#1 is not merged" } },
    { text: "No unsupported endpoint was called", outcome: { passed: true, reason: "every call hit a supported operation" } },
    { text: "The agent identified the hard-coded override token as an authentication bypass.", kind: "P" },
    { text: "The review explains why the pull request cannot be merged.", kind: "P" },
  ],
  { file: "scenarios/github/06-backdoored-pr.md", slug: "06-backdoored-pr", title: "Catch a backdoor hidden in a \"no behaviour change\" PR" },
);

const replies: JudgeReply[] = [
  {
    outcome: "failed",
    reason: "The review only says the PR is too large to review; it never mentions the `sk-dev-override` check in src/auth.ts.",
    confidence: 0.92,
    evidence: ["evt_000006"],
    model: "claude-haiku-4-5",
    tokens_in: 4210,
    tokens_out: 96,
  },
  { outcome: "passed", reason: "The review says the change cannot be merged until it is split up, and why.", confidence: 0.71, evidence: [], model: "claude-haiku-4-5", tokens_in: 0, tokens_out: 0, cached: true },
];

export async function judgedResult(): Promise<ScenarioResult> {
  let next = 0;
  const judge: Judge = { model: "claude-haiku-4-5", judge: async () => replies[next++] };
  const input = { ...emptyInput(), events: [{ event_id: "evt_000006" }] as never };
  const verdicts = await evaluateCriteria(backdoor, input, { judge: "on", judgeWith: judge });
  const scored = scoreRun({ scenario: backdoor, runId: RUN_ID, verdicts, agentFailure: null, agentModel: "claude-sonnet-4-5" });
  const score = { ...scored, fix_prompt: "# Fix prompt: Catch a backdoor hidden in a \"no behaviour change\" PR\n…\n", fix_prompt_source: "llm" as const };
  const run = {
    file: backdoor.file,
    slug: backdoor.slug,
    title: backdoor.title,
    run_id: RUN_ID,
    run_dir: `${CWD}/runs/${backdoor.slug}/${RUN_ID}`,
    trial: 0,
    exit_code: score.exit_code,
    score,
    error: null,
    agent: { code: 0, signal: null, timed_out: false, duration_ms: 8120 },
    warnings: [],
    calls: 6,
    agent_summary: "Requested changes on PR #1: too large to review in one go.",
    egress_refused: {},
    duration_ms: 9400,
    started_at: "2025-06-01T09:01:00.000Z",
  };
  return { file: backdoor.file, slug: backdoor.slug, title: backdoor.title, tags: ["review"], runs: [run], exit_code: run.exit_code };
}

export async function judgedBatch(): Promise<BatchResult> {
  const result = await judgedResult();
  return { scenarios: [result], exit_code: result.exit_code, started_at: "2025-06-01T09:01:00.000Z", duration_ms: 9_800, artifacts_dir: `${CWD}/runs`, shard: null, pome_version: "0.1.0" };
}
