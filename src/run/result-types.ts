/** What a run gives the reporters, the CLI and the action. */
import type { Score, TrialsSummary } from "../evaluate/index.js";

export interface AgentExit {
  code: number | null;
  signal: string | null;
  timed_out: boolean;
  duration_ms: number;
}

/** One run (one trial) of one scenario. */
export interface RunResult {
  /** Scenario file as given (relative paths stay relative: annotations use it). */
  file: string;
  slug: string;
  title: string;
  run_id: string;
  /** Absolute run folder; null when the scenario could not even be parsed. */
  run_dir: string | null;
  trial: number;
  /** Exit code of this run (spec/run.md table). */
  exit_code: number;
  /** Null when the scenario never reached scoring (parse error, twin boot failure). */
  score: Score | null;
  /** Set when the run ended in an orchestration or agent error: `file:line: message` or what the agent must do. */
  error: string | null;
  agent: AgentExit | null;
  warnings: string[];
  /** Twin calls made during the scored run (preflight excluded). */
  calls: number;
  /** The agent's own summary (`{"summary": "..."}` on stdout or a RunSummary signal). */
  agent_summary: string | null;
  /** Egress refused by the capture proxy: host → count. */
  egress_refused: Record<string, number>;
  duration_ms: number;
  started_at: string;
}

/** All trials of one scenario. */
export interface ScenarioResult {
  file: string;
  slug: string;
  title: string;
  /** Scenario tags (empty when it did not parse). */
  tags: string[];
  runs: RunResult[];
  /** Worst exit code over the trials. */
  exit_code: number;
  /** Present when k > 1. */
  trials?: TrialsSummary;
}

export interface BatchResult {
  scenarios: ScenarioResult[];
  /** Highest exit code of all scenarios (0 when none ran; 5 for an empty selection). */
  exit_code: number;
  started_at: string;
  duration_ms: number;
  artifacts_dir: string;
  /** `i/n` when sharded. */
  shard: string | null;
  pome_version: string;
}
