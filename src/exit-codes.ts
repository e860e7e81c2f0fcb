/**
 * The exit code table of spec/run.md, and the one function that reads it: every exit code
 * pome gives — a run's, a batch's, the CLI's, the action's — is decided here, so the table
 * and the program can never disagree.
 */

/** The codes pome's own errors carry (see PomeError in errors.ts). */
export type PomeErrorCode =
  | "SCENARIO_INVALID" // bad scenario file: exit 2
  | "TWIN_FAILURE" // a twin could not boot or crashed: exit 2
  | "INTERNAL" // anything unexpected inside pome: exit 2
  | "AGENT_FAILED" // preflight failure, non-zero exit, timeout: exit 3
  | "HOSTED_AUTH" // hosted credentials refused: exit 3
  | "HOSTED_QUOTA" // hosted quota exceeded: exit 4
  | "USAGE"; // bad flags, path not found, empty selection: exit 5

const PASS = 0;
const CRITERIA_FAILED = 1;

export const EXIT_CODES: Record<PomeErrorCode, number> = {
  SCENARIO_INVALID: 2,
  TWIN_FAILURE: 2,
  INTERNAL: 2,
  AGENT_FAILED: 3,
  HOSTED_AUTH: 3,
  HOSTED_QUOTA: 4,
  USAGE: 5,
};

/** What each exit code means, for one-line messages ("exit 3: the agent failed"). */
export const EXIT_CODE_MEANINGS: Record<number, string> = {
  0: "every scenario passed",
  1: "a scenario failed its criteria or could not be fully evaluated",
  2: "orchestration error (bad scenario, twin failure, internal error)",
  3: "the agent failed (preflight, crash, timeout) or hosted auth failed",
  4: "hosted quota exceeded",
  5: "usage error",
};

/** The shell's convention for a process ended by a signal: 128 + its number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
export type StopSignal = keyof typeof SIGNAL_EXIT;

/** Everything that ends in an exit code. */
export type ExitOutcome =
  /** Nothing went wrong (a command that printed what was asked). */
  | { kind: "ok" }
  /** A scored run; `status` as in score.json. */
  | { kind: "score"; status: "pass" | "fail" | "unevaluated" | "error"; agentFailed: boolean }
  /** One of pome's own errors, by its code. */
  | { kind: "error"; code: PomeErrorCode }
  /** `pome scenarios lint|list`: invalid scenarios are orchestration errors; warnings fail only under --strict. */
  | { kind: "lint"; errors: number; warnings: number; strict: boolean }
  /** The argument parser stopped: for --help or --version (`shown`), or over a bad flag. */
  | { kind: "arguments"; shown: boolean }
  /** A batch stopped by Ctrl-C or SIGTERM. */
  | { kind: "signal"; signal: StopSignal };

export function exitCodeFor(outcome: ExitOutcome): number {
  switch (outcome.kind) {
    case "ok":
      return PASS;
    case "score":
      if (outcome.agentFailed) return EXIT_CODES.AGENT_FAILED;
      return outcome.status === "pass" ? PASS : CRITERIA_FAILED;
    case "error":
      return EXIT_CODES[outcome.code];
    case "lint":
      if (outcome.errors > 0) return EXIT_CODES.SCENARIO_INVALID;
      return outcome.warnings > 0 && outcome.strict ? CRITERIA_FAILED : PASS;
    case "arguments":
      return outcome.shown ? PASS : EXIT_CODES.USAGE;
    case "signal":
      return SIGNAL_EXIT[outcome.signal];
  }
}

/** A batch's code: the worst (highest) of its parts, 0 for none (spec/run.md). */
export function worstExitCode(codes: Iterable<number>): number {
  let worst = PASS;
  for (const code of codes) worst = Math.max(worst, code);
  return worst;
}
