/**
 * What one run of one scenario knows as it goes. The phases (trial-phases.ts) fill it in
 * one after another; whatever phase a run reached, the run folder and the RunResult are
 * written from it (trial-folder.ts).
 */
import { join } from "node:path";
import type { RunCapture, UpstreamOptions } from "../capture/index.js";
import { exitCodeFor } from "../errors.js";
import type { Score } from "../evaluate/index.js";
import type { Scenario } from "../scenario/index.js";
import { createRedactor, type TraceEvent, type TraceWriter } from "../trace/index.js";
import type { AgentCommand } from "./agent-command.js";
import { secretValues, type PomeAgentVars } from "./agent-env.js";
import type { AgentOutcome } from "./agent-process.js";
import { RunFolder } from "./artifacts.js";
import type { LlmUsageRecord, RunLlm } from "./run-llm.js";
import type { AgentExit } from "./result-types.js";
import type { World } from "./world.js";

type Env = Record<string, string | undefined>;

/** What every run of a batch shares. */
export interface TrialContext {
  artifactsDir: string;
  cwd: string;
  parentEnv: Env;
  command: AgentCommand;
  agentModel: string;
  judge: "on" | "off";
  mode: "local";
  /** `--timeout` in ms, overriding the scenario's. */
  timeoutMs: number | null;
  signal?: AbortSignal;
  /** The capture proxy (false with `--no-capture`) and `--capture-tls`. */
  capture?: boolean;
  captureTls?: boolean;
  /** Test seam: where the capture proxy dials hosts. */
  captureUpstream?: UpstreamOptions;
  /** The judge and fix prompts (run-llm.ts); absent means no LLM and template fix prompts. */
  llm?: RunLlm;
}

export interface TrialState {
  readonly ctx: TrialContext;
  readonly scenario: Scenario;
  readonly trial: number;
  readonly runId: string;
  readonly runDir: string;
  /** The agent's wall clock: `--timeout`, else the scenario's. */
  readonly timeoutMs: number;
  readonly startedAt: Date;
  /** `performance.now()` at the start, for duration_ms. */
  readonly clock: number;
  readonly folder: RunFolder;
  /** Shared with the RunResult, so problems met while finishing the folder still reach it. */
  readonly warnings: string[];
  /** Twin handlers that threw: the agent saw a 500 that pome caused. */
  readonly twinFailures: string[];
  world: World | null;
  writer: TraceWriter | null;
  capture: RunCapture | null;
  /** What the agent's environment is built from; set once the world and the proxy are up. */
  vars: PomeAgentVars | null;
  /** The twins' state before the agent (state_initial.json). */
  initial: Record<string, unknown> | null;
  preflight: AgentOutcome | null;
  agent: AgentOutcome | null;
  summary: string | null;
  score: Score | null;
  llmUsage: LlmUsageRecord | null;
  error: string | null;
  /** An internal error until a phase decides otherwise. */
  exitCode: number;
}

export function newTrialState(ctx: TrialContext, scenario: Scenario, trial: number, runId: string): TrialState {
  const runDir = join(ctx.artifactsDir, scenario.slug, runId);
  return {
    ctx,
    scenario,
    trial,
    runId,
    runDir,
    timeoutMs: ctx.timeoutMs ?? scenario.config.timeout * 1000,
    startedAt: new Date(),
    clock: performance.now(),
    folder: new RunFolder(runDir, createRedactor({ secrets: secretValues(ctx.parentEnv) })),
    warnings: [],
    twinFailures: [],
    world: null,
    writer: null,
    capture: null,
    vars: null,
    initial: null,
    preflight: null,
    agent: null,
    summary: null,
    score: null,
    llmUsage: null,
    error: null,
    exitCode: exitCodeFor({ kind: "error", code: "INTERNAL" }),
  };
}

/** Adds a warning unless the run already has it (the proxy and the twins can repeat themselves). */
export function warnOnce(state: TrialState, message: string): void {
  if (!state.warnings.includes(message)) state.warnings.push(message);
}

/** Stops the capture proxy (once it is open) and keeps its warnings. */
export async function closeCapture(state: TrialState): Promise<void> {
  if (!state.capture) return;
  await state.capture.close();
  for (const warning of state.capture.warnings()) warnOnce(state, warning);
}

export function exitOf(outcome: AgentOutcome): AgentExit {
  return { code: outcome.code, signal: outcome.signal, timed_out: outcome.timed_out, duration_ms: outcome.duration_ms };
}

export type TwinHttpEvent = Extract<TraceEvent, { kind: "TwinHttpEvent" }>;

/** The twin calls that count: preflight ones are recorded but never scored. */
export function scoredCalls(events: readonly TraceEvent[]): TwinHttpEvent[] {
  return events.filter((e): e is TwinHttpEvent => e.kind === "TwinHttpEvent" && !e.preflight);
}
