import { describe, expect, test } from "vitest";
import { EXIT_CODE_MEANINGS, EXIT_CODES, exitCodeFor, exitCodeOf, PomeError, usageError, worstExitCode } from "../../src/errors.js";

/** Every row of the exit code table (spec/run.md "Exit codes"), decided in one place. */
describe("exit code table", () => {
  test("0: a scored run that passed", () => {
    expect(exitCodeFor({ kind: "score", status: "pass", agentFailed: false })).toBe(0);
  });

  test("0: a command that did what was asked, and --help or --version", () => {
    expect(exitCodeFor({ kind: "ok" })).toBe(0);
    expect(exitCodeFor({ kind: "arguments", shown: true })).toBe(0);
  });

  test("1: a run that failed its criteria or could not be fully evaluated", () => {
    expect(exitCodeFor({ kind: "score", status: "fail", agentFailed: false })).toBe(1);
    expect(exitCodeFor({ kind: "score", status: "unevaluated", agentFailed: false })).toBe(1);
  });

  test("2: a bad scenario, a twin failure, an internal error", () => {
    expect(exitCodeOf(new PomeError("SCENARIO_INVALID", "bad"))).toBe(2);
    expect(exitCodeOf(new PomeError("TWIN_FAILURE", "down"))).toBe(2);
    expect(exitCodeOf(new PomeError("INTERNAL", "bug"))).toBe(2);
    expect(exitCodeFor({ kind: "error", code: "TWIN_FAILURE" })).toBe(2);
  });

  test("2: anything thrown that is not a PomeError is an internal error", () => {
    expect(exitCodeOf(new Error("boom"))).toBe(2);
    expect(exitCodeOf("a string")).toBe(2);
    expect(exitCodeOf(undefined)).toBe(2);
  });

  test("3: the agent failed (preflight, crash, timeout), whatever its criteria say", () => {
    expect(exitCodeFor({ kind: "score", status: "error", agentFailed: true })).toBe(3);
    expect(exitCodeFor({ kind: "score", status: "pass", agentFailed: true })).toBe(3);
    expect(exitCodeOf(new PomeError("AGENT_FAILED", "preflight failed"))).toBe(3);
  });

  test("3: hosted auth refused", () => {
    expect(exitCodeOf(new PomeError("HOSTED_AUTH", "refused"))).toBe(3);
  });

  test("4: hosted quota exceeded", () => {
    expect(exitCodeOf(new PomeError("HOSTED_QUOTA", "quota"))).toBe(4);
  });

  test("5: usage errors, and flags the argument parser refused", () => {
    expect(exitCodeOf(usageError("no such path"))).toBe(5);
    expect(exitCodeFor({ kind: "arguments", shown: false })).toBe(5);
  });

  test("every error code has a row, and every row a meaning", () => {
    for (const code of Object.values(EXIT_CODES)) expect(EXIT_CODE_MEANINGS[code]).toBeTruthy();
    expect(Object.keys(EXIT_CODE_MEANINGS).map(Number)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("scenarios lint and list", () => {
  test("an invalid scenario is an orchestration error", () => {
    expect(exitCodeFor({ kind: "lint", errors: 1, warnings: 3, strict: true })).toBe(2);
  });

  test("warnings fail only under --strict", () => {
    expect(exitCodeFor({ kind: "lint", errors: 0, warnings: 2, strict: true })).toBe(1);
    expect(exitCodeFor({ kind: "lint", errors: 0, warnings: 2, strict: false })).toBe(0);
    expect(exitCodeFor({ kind: "lint", errors: 0, warnings: 0, strict: true })).toBe(0);
  });
});

describe("stopped by a signal", () => {
  test("128 + the signal's number, as a shell reports it", () => {
    expect(exitCodeFor({ kind: "signal", signal: "SIGINT" })).toBe(130);
    expect(exitCodeFor({ kind: "signal", signal: "SIGTERM" })).toBe(143);
  });
});

describe("worstExitCode", () => {
  test("a batch gives the highest code of its parts", () => {
    expect(worstExitCode([0, 3, 1, 2])).toBe(3);
    expect(worstExitCode([1, 5])).toBe(5);
  });

  test("an empty batch passes", () => {
    expect(worstExitCode([])).toBe(0);
  });
});
