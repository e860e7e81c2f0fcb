/**
 * The options of `runScenarios`: one zod schema for every flag of spec/run.md, shared by
 * the CLI and the GitHub Action. Rendering options (`--reporter`) are not here: rendering
 * sits above run/ in the pipeline, so the callers own it.
 */
import { z } from "zod";
import type { UpstreamOptions } from "../capture/index.js";
import { usageError } from "../errors.js";
import type { RunResult, ScenarioResult } from "./result-types.js";

/** `--shard i/n` (and the action's `shard` input): the i-th (1-based) of n slices. */
export const shardSchema = z
  .string()
  .regex(/^\d+\/\d+$/, "expected i/n, e.g. 1/3")
  .refine((s) => {
    const [i, n] = s.split("/").map(Number);
    return n >= 1 && i >= 1 && i <= n;
  }, "i must be between 1 and n");

export const runOptionsSchema = z.object({
  /** A scenario `.md` file or a directory of them. */
  path: z.string().min(1, "a scenario path is required"),
  /** `--agent`: command spawned as the agent (default: pome.config.json, then the bundled example). */
  agent: z.string().optional(),
  /** `--artifacts-dir` (default: pome.config.json `artifactsDir`, then `runs`). */
  artifactsDir: z.string().min(1).optional(),
  /** `--api-url`: control plane for hosted runs (recorded; hosted mode is not in this build). */
  apiUrl: z.url().optional(),
  /** `--agent-model`: informational, recorded in meta.json and score.json. */
  agentModel: z.string().min(1).default("unknown"),
  /** `--no-fix-prompt` sets this to false. */
  fixPrompt: z.boolean().default(true),
  /** `--no-capture` sets this to false. */
  capture: z.boolean().default(true),
  /** `--hosted`: deprecated no-op, prints one note. */
  hosted: z.boolean().default(false),
  /** `--local`: force local twins (same as POME_LOCAL=1). */
  local: z.boolean().default(false),
  /** `-n, --trials`: runs per scenario (default: the scenario's `runs`). */
  trials: z.number().int().positive().max(1000).optional(),
  /** `--concurrency`: runs in parallel, each in its own world. */
  concurrency: z.number().int().positive().max(64).default(1),
  /** `--shard i/n`: only the i-th (1-based) of n slices of the sorted selection. */
  shard: shardSchema.optional(),
  /** `--timeout`: agent wall clock in seconds (default: the scenario's `timeout`). */
  timeout: z.number().positive().max(86_400).optional(),
  /** The action's `pass-threshold`: overrides every scenario's `pass_threshold` (0–100). */
  passThreshold: z.number().min(0).max(100).optional(),
  /** `--recursive`: descend into subdirectories. */
  recursive: z.boolean().default(false),
  /** `--tag` (repeatable): only scenarios carrying one of these tags. */
  tags: z.array(z.string().min(1)).default([]),
  /** `--judge off`: `[P]` criteria are advisory. */
  judge: z.enum(["on", "off"]).default("on"),
  /** `--judge-model`: model for `[P]` criteria. */
  judgeModel: z.string().min(1).optional(),
  /** `--no-cache` sets this to false. */
  cache: z.boolean().default(true),
  /** `--capture-tls`. */
  captureTls: z.boolean().default(false),
  /** Working directory for relative paths, the config lookup and the agent (default: process.cwd()). */
  cwd: z.string().optional(),
  /** Environment read for mode, allow-lists and given to the agent (default: process.env). */
  env: z.record(z.string(), z.string().optional()).optional(),
});

export type RunOptionsInput = z.input<typeof runOptionsSchema>;
export type ParsedRunOptions = z.output<typeof runOptionsSchema>;

/** What the terminal (or the action log) is told while a batch runs. */
export type RunProgress =
  | { type: "notice"; message: string }
  | { type: "scenario-started"; file: string; title: string; trials: number }
  | { type: "trial-started"; file: string; title: string; trial: number; trials: number; run_id: string }
  | { type: "run-finished"; result: RunResult }
  | { type: "scenario-finished"; result: ScenarioResult };

export interface RunOptions extends RunOptionsInput {
  onProgress?: (event: RunProgress) => void;
  /** Test seam: where the capture proxy dials hosts (tests map provider hostnames to local servers). */
  captureUpstream?: UpstreamOptions;
  /** Aborting stops queued runs and ends running agents; their folders are still finished. */
  signal?: AbortSignal;
}

/** Flag names for messages, so a bad option reads like the CLI the user typed. */
const FLAG_OF: Partial<Record<keyof RunOptionsInput, string>> = {
  artifactsDir: "--artifacts-dir",
  apiUrl: "--api-url",
  agentModel: "--agent-model",
  trials: "--trials",
  concurrency: "--concurrency",
  shard: "--shard",
  timeout: "--timeout",
  tags: "--tag",
  judge: "--judge",
  judgeModel: "--judge-model",
};

export function parseRunOptions(input: RunOptionsInput): ParsedRunOptions {
  const parsed = runOptionsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue.path[0] as keyof RunOptionsInput | undefined;
  const name = key === undefined ? "options" : (FLAG_OF[key] ?? `--${String(key)}`);
  throw usageError(`invalid ${name}: ${issue.message}`);
}
