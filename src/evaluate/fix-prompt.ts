/**
 * Fix prompts for scenarios that did not pass (spec/evaluate.md "Fix prompts"): written by
 * the LLM when one is configured, from the same facts the template uses (fenced as data);
 * by the template otherwise, or when the LLM call fails (with a warning saying why).
 */
import { describeLlmError, LlmError, type LlmClient, type TokenUsage } from "../llm/index.js";
import type { Redactor } from "../trace/index.js";
import type { CheckInput } from "../criteria/index.js";
import type { RecordedCall } from "./call-condensation.js";
import { fence, FENCE_RULE } from "./data-fence.js";
import { templateFixPrompt, type FixPromptMaterial } from "./fix-prompt-template.js";
import type { Score } from "./score-schema.js";
import { worldDiff } from "./state-diff.js";

export const FIX_PROMPT_VERSION = "fix-prompt-v1";

export interface FixPrompt {
  text: string;
  source: "llm" | "template";
  /** The model that wrote it (llm only). */
  model: string | null;
  usage: TokenUsage | null;
  /** Why the LLM version could not be had, when the template stood in. */
  warning: string | null;
}

export const FIX_PROMPT_SYSTEM = `You write fix prompts. A fix prompt is markdown a developer pastes into a coding agent (such as Claude Code, Codex or Cursor) that works in the repository of an AI agent. pome tested that AI agent against a scenario and it did not pass. You are given pome's report of the run.

${FENCE_RULE}

Write the fix prompt with these sections, in this order:
## What the agent was asked
## What it did (the few calls that matter, with their event ids)
## What went wrong (one short subsection per failed criterion: the evidence, i.e. the calls, the wrong state, the judge's reason)
## Changes to make (specific changes to the agent's system prompt, tools or control flow; general fixes, never special-casing this scenario)
## How to check (the pome run command from the report)

Ground every statement in the report; do not invent file names or code in the agent's repository (you have not seen it). Address the coding agent directly ("Change the agent so that…"). At most 700 words. Answer with the markdown only.`;

/** Material for a fix prompt from a finished run, redacted with the run's redactor. */
export function fixPromptMaterial(args: {
  scenario: FixPromptMaterial["scenario"];
  score: Score;
  input: Pick<CheckInput, "initial" | "final" | "calls">;
  agentSummary: string | null;
  agentCommand: string | null;
  redactor: Redactor;
}): FixPromptMaterial {
  const r = args.redactor;
  const calls = r.value(args.input.calls) as RecordedCall[];
  return r.value({
    scenario: args.scenario,
    score: { status: args.score.status, satisfaction: args.score.satisfaction, pass_threshold: args.score.pass_threshold, status_reason: args.score.status_reason, results: args.score.results },
    calls,
    twins: Object.keys(args.input.initial),
    changes: worldDiff(r.value(args.input.initial), r.value(args.input.final)),
    agentSummary: args.agentSummary,
    agentCommand: args.agentCommand,
  });
}

/** The LLM's fix prompt when a client is given and it answers; the template otherwise. */
export async function generateFixPrompt(material: FixPromptMaterial, llm: { client: LlmClient; model?: string } | null): Promise<FixPrompt> {
  const template = templateFixPrompt(material);
  if (!llm) return { text: template, source: "template", model: null, usage: null, warning: null };
  const model = llm.model ?? llm.client.provider.model;
  try {
    const reply = await llm.client.complete({
      system: FIX_PROMPT_SYSTEM,
      messages: [{ role: "user", content: `pome's report of the run:\n\n${fence("report", template)}\n\nWrite the fix prompt.` }],
      maxTokens: 2000,
      model,
    });
    if (reply.truncated) throw new LlmError("truncated", "the fix prompt was cut off at 2000 tokens", { usage: reply.usage });
    const text = reply.text.trim();
    if (!text) throw new LlmError("invalid_output", "the model returned an empty fix prompt", { usage: reply.usage });
    return { text: `${text}\n`, source: "llm", model, usage: reply.usage, warning: null };
  } catch (error) {
    return {
      text: template,
      source: "template",
      model: null,
      usage: error instanceof LlmError ? error.usage : null,
      warning: `the fix prompt was written from the template: ${describeLlmError(error)}`,
    };
  }
}
