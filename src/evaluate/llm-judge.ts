/**
 * The LLM judge: one structured call per `[P]` criterion (the client's concurrency limit
 * bounds how many run at once). Verdicts must cite events that exist; a reply that cites
 * only invented ids, is not JSON, or is cut off gets one repair attempt and is otherwise
 * `errored`. Auth and context-size failures are `skipped` (spec/evaluate.md).
 */
import { z } from "zod";
import { completeStructured, describeLlmError, LlmError, outcomeOfLlmError, type JsonOutputSpec, type LlmClient } from "../llm/index.js";
import type { Redactor } from "../trace/index.js";
import { JudgeCache, judgeCacheKey, type CachedVerdict } from "./judge-cache.js";
import type { Judge, JudgeReply, JudgeRequest } from "./judge.js";
import { buildJudgeInput, JUDGE_PROMPT_VERSION, JUDGE_SYSTEM_PROMPT } from "./judge-prompt.js";

export interface LlmJudgeOptions {
  client: LlmClient;
  /** Defaults to the provider's model. */
  model?: string;
  /** The run's redactor: secrets become the same placeholders as in the artifacts. */
  redactor: Redactor;
  /** Null with `--no-cache`. */
  cache: JudgeCache | null;
  maxTokens?: number;
}

const VERDICT_OUTPUT: JsonOutputSpec = {
  name: "submit_verdict",
  description: "Submit the verdict on the criterion.",
  schema: {
    type: "object",
    properties: {
      verdict: { type: "string", enum: ["pass", "fail"] },
      confidence: { type: "number", description: "0 to 1" },
      reason: { type: "string", description: "one to three sentences" },
      evidence: { type: "array", items: { type: "string" }, description: "event_id values from the data" },
    },
    required: ["verdict", "confidence", "reason", "evidence"],
    additionalProperties: false,
  },
};

/** The reply schema for one run: evidence may only cite that run's events. */
export function verdictReplySchema(known: ReadonlySet<string>) {
  return z
    .object({
      verdict: z.enum(["pass", "fail"]),
      confidence: z.number().min(0).max(1),
      reason: z.string().trim().min(1, "reason must not be empty"),
      evidence: z.array(z.string()),
    })
    .superRefine((v, ctx) => {
      const invented = v.evidence.filter((id) => !known.has(id));
      // Some wrong ids among right ones are dropped; citing nothing real is a fabricated verdict.
      if (invented.length > 0 && invented.length === v.evidence.length) {
        ctx.addIssue({ code: "custom", path: ["evidence"], message: `cites events that do not exist in this run (${invented.join(", ")}); cite event_id values from the data, or none` });
      }
    })
    .transform((v): CachedVerdict => ({ ...v, evidence: v.evidence.filter((id) => known.has(id)) }));
}

export function createLlmJudge(opts: LlmJudgeOptions): Judge {
  const model = opts.model ?? opts.client.provider.model;
  return {
    model,
    async judge(request: JudgeRequest): Promise<JudgeReply> {
      const user = buildJudgeInput(request, opts.redactor);
      const key = judgeCacheKey({ model, promptVersion: JUDGE_PROMPT_VERSION, system: JUDGE_SYSTEM_PROMPT, user });
      const hit = opts.cache?.get(key);
      if (hit) return { ...replyOf(hit, model), tokens_in: 0, tokens_out: 0, cached: true };

      const known = new Set(request.input.events.map((e) => e.event_id));
      try {
        const result = await completeStructured(opts.client, {
          system: JUDGE_SYSTEM_PROMPT,
          user,
          output: VERDICT_OUTPUT,
          schema: verdictReplySchema(known),
          maxTokens: opts.maxTokens ?? 1024,
          model,
        });
        try {
          opts.cache?.set(key, model, result.value);
        } catch {
          // A read-only cache folder costs a future call, not this verdict.
        }
        return { ...replyOf(result.value, model), tokens_in: result.usage.input, tokens_out: result.usage.output };
      } catch (error) {
        const usage = error instanceof LlmError ? error.usage : { input: null, output: null };
        return { outcome: outcomeOfLlmError(error), reason: describeLlmError(error), confidence: null, evidence: [], model, tokens_in: usage.input, tokens_out: usage.output };
      }
    },
  };
}

function replyOf(v: CachedVerdict, model: string): Omit<JudgeReply, "tokens_in" | "tokens_out"> {
  return { outcome: v.verdict === "pass" ? "passed" : "failed", reason: v.reason, confidence: v.confidence, evidence: v.evidence, model };
}
