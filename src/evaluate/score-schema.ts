/** score.json (spec/run.md): verdicts and score of one run of one scenario. */
import { z } from "zod";

export const outcomeSchema = z.enum(["passed", "failed", "skipped", "errored"]);
export type Outcome = z.infer<typeof outcomeSchema>;

export const scenarioStatusSchema = z.enum(["pass", "fail", "unevaluated", "error"]);
export type ScenarioStatus = z.infer<typeof scenarioStatusSchema>;

export const verdictSchema = z.object({
  id: z.string(),
  line: z.number().int(),
  kind: z.enum(["D", "P"]),
  /**
   * The twin a `[D]` criterion is about (its tag, or the twin whose phrase compiled it);
   * given when the scenario has several twins, absent otherwise.
   */
  twin: z.string().optional(),
  must_pass: z.boolean(),
  text: z.string(),
  weight: z.number(),
  outcome: outcomeSchema,
  passed: z.boolean(),
  skipped: z.boolean(),
  /** `[P]` with `--judge=off`: reported, not counted. */
  advisory: z.boolean(),
  reason: z.string(),
  evidence: z.array(z.string()),
  confidence: z.number().min(0).max(1).nullable(),
  judge_model: z.string().nullable(),
  judge_tokens_in: z.number().int().nullable(),
  judge_tokens_out: z.number().int().nullable(),
  /** `[P]` only: the verdict was reused from the judge cache, at no cost. */
  judge_cached: z.boolean().optional(),
});
export type Verdict = z.infer<typeof verdictSchema>;

export const trialsSchema = z.object({
  k: z.number().int().positive(),
  passes: z.number().int().nonnegative(),
  pass_rate: z.number().min(0).max(1),
  pass_hat_k: z.number().min(0).max(1),
});
export type TrialsSummary = z.infer<typeof trialsSchema>;

export const scoreSchema = z.object({
  scenario: z.string(),
  title: z.string(),
  run_id: z.string(),
  status: scenarioStatusSchema,
  satisfaction: z.number().int().min(0).max(100),
  pass_threshold: z.number().min(0).max(100),
  passed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  errored: z.number().int(),
  total_required: z.number().int(),
  evaluated: z.boolean(),
  can_pass: z.boolean(),
  exit_code: z.number().int(),
  /** Why the scenario is unevaluated or errored, in one sentence (null when pass/fail). */
  status_reason: z.string().nullable(),
  results: z.array(verdictSchema),
  judge_model: z.string().nullable(),
  judge_tokens_in: z.number().int().nullable(),
  judge_tokens_out: z.number().int().nullable(),
  /** Estimated USD for the judge calls of this run (null when the model's price or the usage is unknown). */
  judge_cost_usd: z.number().nonnegative().nullable().default(null),
  fix_prompt: z.string().nullable(),
  fix_prompt_source: z.enum(["llm", "template"]).nullable(),
  agent_model: z.string(),
  trials: trialsSchema.optional(),
});
export type Score = z.infer<typeof scoreSchema>;
