/**
 * Scenario problems are collected rather than thrown one at a time, so `pome scenarios
 * lint` can show every bad criterion of a file at once; parsing still fails as a whole.
 */
import { PomeError } from "../errors.js";
import type { ScenarioWarning } from "./types.js";

export interface ScenarioProblem {
  /** The scenario file, or its sidecar seed when the problem is in there. */
  file: string;
  line: number;
  message: string;
}

/** A scenario that cannot be used: every problem found, the first one as the message. */
export class ScenarioError extends PomeError {
  readonly problems: ScenarioProblem[];
  readonly warnings: ScenarioWarning[];

  constructor(problems: ScenarioProblem[], warnings: ScenarioWarning[] = []) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: run \`pome scenarios lint\`)` : "";
    super("SCENARIO_INVALID", `${first.message}${more}`, { file: first.file, line: first.line });
    this.name = "ScenarioError";
    this.problems = problems;
    this.warnings = warnings;
  }
}

export class Problems {
  readonly errors: ScenarioProblem[] = [];
  readonly warnings: ScenarioWarning[] = [];

  constructor(readonly file: string) {}

  error(line: number, message: string, file: string = this.file): void {
    this.errors.push({ file, line, message });
  }

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** Stop here: later stages depend on what failed. */
  throwIfFailed(): void {
    if (this.failed) throw new ScenarioError(this.sorted(), this.warnings);
  }

  private sorted(): ScenarioProblem[] {
    return [...this.errors].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file === this.file ? -1 : 1));
  }
}
