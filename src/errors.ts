/**
 * pome's own errors. Each carries a code; `exitCodeOf` is the one place that maps an
 * error to the exit code table of spec/run.md.
 */

export type PomeErrorCode =
  | "SCENARIO_INVALID" // bad scenario file: exit 2
  | "TWIN_FAILURE" // a twin could not boot or crashed: exit 2
  | "INTERNAL" // anything unexpected inside pome: exit 2
  | "AGENT_FAILED" // preflight failure, non-zero exit, timeout: exit 3
  | "HOSTED_AUTH" // hosted credentials refused: exit 3
  | "HOSTED_QUOTA" // hosted quota exceeded: exit 4
  | "USAGE"; // bad flags, path not found, empty selection: exit 5

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

export class PomeError extends Error {
  readonly code: PomeErrorCode;
  /** Where the problem is, when it is in a file: shown as `file:line`. */
  readonly file?: string;
  readonly line?: number;

  constructor(code: PomeErrorCode, message: string, where?: { file?: string; line?: number; cause?: unknown }) {
    super(message, where?.cause === undefined ? undefined : { cause: where.cause });
    this.name = "PomeError";
    this.code = code;
    this.file = where?.file;
    this.line = where?.line;
  }

  /** `file:line: message` when a location is known, else the message. */
  describe(): string {
    if (!this.file) return this.message;
    return `${this.file}${this.line ? `:${this.line}` : ""}: ${this.message}`;
  }
}

export function usageError(message: string): PomeError {
  return new PomeError("USAGE", message);
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof PomeError) return EXIT_CODES[error.code];
  return EXIT_CODES.INTERNAL;
}
