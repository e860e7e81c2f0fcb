import { describe, expect, test } from "vitest";
import { describeAgentFailure } from "../../../src/run/agent-failure.js";

describe("describeAgentFailure", () => {
  test("a clean exit is no failure", () => {
    expect(describeAgentFailure({ code: 0, signal: null, timed_out: false }, { timeoutSeconds: 60 })).toBeNull();
  });

  test("names the timeout", () => {
    expect(describeAgentFailure({ code: null, signal: "SIGKILL", timed_out: true }, { timeoutSeconds: 60 })).toBe("the agent timed out after 60 s");
  });

  test("names the exit code and the signal", () => {
    expect(describeAgentFailure({ code: 2, signal: null, timed_out: false }, { timeoutSeconds: 60 })).toBe("the agent exited with code 2");
    expect(describeAgentFailure({ code: null, signal: "SIGSEGV", timed_out: false }, { timeoutSeconds: 60 })).toBe("the agent was killed by SIGSEGV");
  });

  test("a preflight failure says what the agent must do", () => {
    expect(describeAgentFailure({ code: 1, signal: null, timed_out: false }, { timeoutSeconds: 30, preflight: true })).toBe(
      "the agent's preflight (POME_PREFLIGHT=1) exited with code 1: when POME_PREFLIGHT=1 is set, the agent must exit 0 at once without doing any work",
    );
  });
});
