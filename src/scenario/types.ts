/** The parsed scenario: what every later stage consumes. */
import type { Predicate } from "../criteria/index.js";
import type { FaultRule, TwinName } from "../twins/index.js";

export type { FaultRule };

export interface ScenarioConfig {
  twins: TwinName[];
  timeout: number;
  runs: number;
  passThreshold: number;
  judge: string | null;
  tags: string[];
  faults: FaultRule[];
}

export interface Criterion {
  /** `c1`, `c2`, … in order, or the explicit trailing `{#id}`. */
  id: string;
  /** 1-based line of the criterion's first line in the scenario file. */
  line: number;
  kind: "D" | "P";
  mustPass: boolean;
  /** The criterion text, continuation lines joined with single spaces, marker/id/weight removed. */
  text: string;
  weight: number;
  /** `[D]` only: the compiled predicate (phrase family or JSONata expression). */
  check?: Predicate;
  /** `[D]` only: which phrase family compiled it, or `expression`. */
  family?: string;
  /**
   * `[D]` only: the twin it is about — its tag (`[D:stripe]`), else the twin whose phrase
   * family compiled it; absent for an untagged expression.
   */
  twin?: string;
}

export interface ScenarioWarning {
  line: number;
  message: string;
}

export interface Scenario {
  /** Path as given (relative paths stay relative, for annotations). */
  file: string;
  slug: string;
  title: string;
  /** sha256 of the file's bytes. */
  sha256: string;
  prompt: string;
  setup: string;
  expectedBehavior: string;
  config: ScenarioConfig;
  /** Seed per twin after schema validation (defaults applied); every booted twin has one. */
  seed: Partial<Record<TwinName, unknown>>;
  /** Where the seed came from. */
  seedSource: "inline" | "sidecar" | "default";
  criteria: Criterion[];
  warnings: ScenarioWarning[];
  /** 1-based line numbers of the sections that were found. */
  lines: Partial<Record<"title" | "prompt" | "criteria" | "seed" | "config", number>>;
}
