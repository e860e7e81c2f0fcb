import { describe, expect, test } from "vitest";
import type { AgentOutcome } from "../../../src/run/agent-process.js";
import { agentFailure, describeAgentFailure, stderrExcerpt } from "../../../src/run/agent-failure.js";

const exited = (code: number): AgentOutcome => ({
  code,
  signal: null,
  timed_out: false,
  duration_ms: 40,
  spawn_error: null,
  interrupted: false,
  summary: null,
  stdout_truncated: false,
  stderr_truncated: false,
  containment: "cgroup",
  leftovers: 0,
  containment_note: null,
});

const NODE_SYNTAX = "file:///a/agent.mjs:3\nconst x = ;\n          ^\n\nSyntaxError: Unexpected token ';'\n    at compileSourceTextModule (node:internal/modules/esm/utils:346:16)\n\nNode.js v20.19.0\n";
const PYTHON_IMPORT = 'Traceback (most recent call last):\n  File "/a/agent.py", line 1, in <module>\n    import openai\n  File "/a/x.py", line 2\n  File "/a/y.py", line 3\n  File "/a/z.py", line 4\nModuleNotFoundError: No module named \'openai\'\n';

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

  test("a preflight that crashed on start says so, not what POME_PREFLIGHT=1 requires", () => {
    for (const stderr of [NODE_SYNTAX, PYTHON_IMPORT, "sh: 1: my-agent: command not found\n"]) {
      expect(agentFailure(exited(1), 30_000, { preflight: true, stderr })).toBe(
        "the agent crashed on start (exit code 1, during its preflight with POME_PREFLIGHT=1), so it never reached the run",
      );
    }
  });

  test("a preflight that exits non-zero on its own terms still gets the rule", () => {
    expect(agentFailure(exited(1), 30_000, { preflight: true, stderr: "error: AGENT_CONFIG is not set\n" })).toMatch(/exited with code 1: when POME_PREFLIGHT=1 is set/);
  });
});

describe("stderrExcerpt", () => {
  test("the first lines, indented, without stack frames", () => {
    expect(stderrExcerpt(NODE_SYNTAX)).toBe(["  file:///a/agent.mjs:3", "  const x = ;", "            ^", "  SyntaxError: Unexpected token ';'", "  Node.js v20.19.0"].join("\n"));
  });

  test("a traceback's last line, the error, is kept when it comes later", () => {
    const lines = stderrExcerpt(PYTHON_IMPORT)!.split("\n");
    expect(lines[0]).toBe("  Traceback (most recent call last):");
    expect(lines.slice(-2)).toEqual(["  …", "  ModuleNotFoundError: No module named 'openai'"]);
    expect(lines).toHaveLength(6);
  });

  test("escape sequences and control characters are stripped; nothing to show is null", () => {
    expect(stderrExcerpt("\u001b]0;owned\u0007\u001b[2Jboom\r\n")).toBe("  boom");
    expect(stderrExcerpt("\n  \n")).toBeNull();
  });
});
