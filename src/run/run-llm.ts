/**
 * The LLM side of a batch (spec/evaluate.md): one client, so one concurrency limit, shared
 * by every judge and fix prompt of the batch; the judge model per scenario (`--judge-model`,
 * then the scenario's `judge:`, then the provider's default); fix prompts for runs that did
 * not pass, written to fix_prompt.md and score.json.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createLlmJudge, fixPromptMaterial, generateFixPrompt, JudgeCache, JUDGE_CACHE_DIR, type Judge, type Score } from "../evaluate/index.js";
import { estimateCostUsd, LlmClient, resolveProvider, type TokenUsage } from "../llm/index.js";
import type { Scenario } from "../scenario/index.js";
import type { CheckInput } from "../criteria/index.js";
import { ARTIFACT, type RunFolder } from "./artifacts.js";
import type { ParsedRunOptions } from "./options.js";

export interface RunLlm {
  /** Null when no provider is configured (or neither judge nor fix prompts need one). */
  client: LlmClient | null;
  /** `--judge-model`. */
  judgeModel: string | null;
  /** `.pome/cache/judge` under the working directory; null with `--no-cache`. */
  cacheDir: string | null;
  /** False with `--no-fix-prompt`. */
  fixPrompt: boolean;
}

/** What meta.json records about the LLM calls of one run. */
export interface LlmUsageRecord {
  judge: { model: string; calls: number; cached: number; tokens_in: number | null; tokens_out: number | null; cost_usd: number | null } | null;
  fix_prompt: { source: "llm" | "template"; file: string; model: string | null; tokens_in: number | null; tokens_out: number | null; cost_usd: number | null } | null;
}

/** Throws a usage error for a half-configured POME_LLM_* (before any run starts). */
export function openRunLlm(opts: ParsedRunOptions, env: Record<string, string | undefined>, cwd: string, signal?: AbortSignal): RunLlm {
  const needed = opts.judge === "on" || opts.fixPrompt;
  const provider = needed ? resolveProvider(env) : null;
  return {
    client: provider ? new LlmClient({ provider, signal }) : null,
    judgeModel: opts.judgeModel ?? null,
    cacheDir: opts.cache ? join(cwd, JUDGE_CACHE_DIR) : null,
    fixPrompt: opts.fixPrompt,
  };
}

export function judgeFor(llm: RunLlm | undefined, scenario: Scenario, redactor: RunFolder["redactor"]): Judge | null {
  if (!llm?.client) return null;
  return createLlmJudge({
    client: llm.client,
    model: llm.judgeModel ?? scenario.config.judge ?? undefined,
    redactor,
    cache: llm.cacheDir ? new JudgeCache(llm.cacheDir) : null,
  });
}

/**
 * For a run that did not pass (and unless `--no-fix-prompt`): the fix prompt into
 * fix_prompt.md and the score. Gives the score to write and the usage record for meta.json.
 */
export async function attachFixPrompt(args: {
  llm: RunLlm | undefined;
  scenario: Scenario;
  score: Score;
  input: CheckInput;
  agentSummary: string | null;
  agentCommand: string;
  folder: RunFolder;
  warn: (message: string) => void;
}): Promise<{ score: Score; usage: LlmUsageRecord }> {
  const { llm, scenario, folder } = args;
  let score = args.score;
  const usage: LlmUsageRecord = { judge: judgeUsage(score), fix_prompt: null };
  if (score.status === "pass" || llm?.fixPrompt === false) return { score, usage };

  const material = fixPromptMaterial({
    scenario: { title: scenario.title, file: scenario.file, prompt: scenario.prompt, expectedBehavior: scenario.expectedBehavior || null },
    score,
    input: args.input,
    agentSummary: args.agentSummary,
    agentCommand: args.agentCommand,
    redactor: folder.redactor,
  });
  const fix = await generateFixPrompt(material, llm?.client ? { client: llm.client } : null);
  if (fix.warning) args.warn(fix.warning);
  const text = folder.redactor.text(fix.text);
  writeFileSync(folder.path(ARTIFACT.fixPrompt), text);
  score = { ...score, fix_prompt: text, fix_prompt_source: fix.source };
  usage.fix_prompt = {
    source: fix.source,
    file: ARTIFACT.fixPrompt,
    model: fix.model,
    tokens_in: fix.usage?.input ?? null,
    tokens_out: fix.usage?.output ?? null,
    cost_usd: fix.model && fix.usage ? estimateCostUsd(fix.model, fix.usage) : null,
  };
  return { score, usage };
}

function judgeUsage(score: Score): LlmUsageRecord["judge"] {
  const judged = score.results.filter((v) => v.kind === "P" && v.judge_model !== null);
  if (judged.length === 0 || score.judge_model === null) return null;
  const cached = judged.filter((v) => v.judge_cached).length;
  const tokens: TokenUsage = { input: score.judge_tokens_in, output: score.judge_tokens_out };
  return { model: score.judge_model, calls: judged.length - cached, cached, tokens_in: tokens.input, tokens_out: tokens.output, cost_usd: score.judge_cost_usd };
}
