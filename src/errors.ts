/**
 * pome's own errors. Each carries a code; `exitCodeOf` reads it through the exit code
 * table (exit-codes.ts), and anything that is not a PomeError is an internal error.
 */
import { exitCodeFor, type PomeErrorCode } from "./exit-codes.js";

export { EXIT_CODE_MEANINGS, EXIT_CODES, exitCodeFor, worstExitCode, type ExitOutcome, type PomeErrorCode, type StopSignal } from "./exit-codes.js";

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
  return exitCodeFor({ kind: "error", code: error instanceof PomeError ? error.code : "INTERNAL" });
}
