import { describe, expect, test } from "vitest";
import { agentEnvironment } from "../../../src/action/agent-environment.js";
import { agentEnv, secretValues, type PomeAgentVars } from "../../../src/run/agent-env.js";

const runner = {
  PATH: "/usr/bin",
  ANTHROPIC_API_KEY: "sk-ant-x",
  GITHUB_TOKEN: "ghs_secret_value",
  GH_TOKEN: "ghs_secret_value",
  ACTIONS_RUNTIME_TOKEN: "runtime-jwt-value",
  ACTIONS_RESULTS_URL: "https://results",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc-request-token",
  ACTIONS_ID_TOKEN_REQUEST_URL: "https://oidc",
  "INPUT_GITHUB-TOKEN": "ghs_secret_value",
  INPUT_AGENT: "node agent.js",
  GITHUB_ENV: "/runner/env",
  GITHUB_OUTPUT: "/runner/output",
  GITHUB_PATH: "/runner/path",
  GITHUB_STEP_SUMMARY: "/runner/summary",
  GITHUB_REPOSITORY: "acme/api",
};

const vars: PomeAgentVars = { task: "t", runId: "run_1", runDir: "/tmp/r", signalsPath: "/tmp/r/signals.jsonl", session: {} };
const agentSees = (env: Record<string, string | undefined>) => Object.keys(agentEnv(env, vars, { preflight: false })).filter((n) => !n.startsWith("POME_"));

describe("the environment handed to runScenarios", () => {
  test("the agent gets none of the runner's tokens, credentials, inputs or command files, even with POME_INHERIT_AGENT_ENV=1", () => {
    expect(agentSees(agentEnvironment(runner, {})).sort()).toEqual(["ANTHROPIC_API_KEY", "PATH"]);
    expect(agentSees(agentEnvironment({ ...runner, POME_INHERIT_AGENT_ENV: "1" }, {})).sort()).toEqual(["ANTHROPIC_API_KEY", "GITHUB_REPOSITORY", "PATH"]);
  });

  test("what POME_AGENT_ENV_ALLOWLIST names still passes", () => {
    const seen = agentSees(agentEnvironment({ ...runner, POME_AGENT_ENV_ALLOWLIST: "GITHUB_TOKEN, INPUT_AGENT" }, {}));
    expect(seen).toEqual(expect.arrayContaining(["GITHUB_TOKEN", "INPUT_AGENT"]));
    expect(seen).not.toContain("ACTIONS_RUNTIME_TOKEN");
  });

  test("the runner's credentials reach the run's redaction", () => {
    const secrets = secretValues(agentEnvironment(runner, { apiKey: "pme_0123456789abcdef" }));
    expect(secrets).toEqual(expect.arrayContaining(["ghs_secret_value", "runtime-jwt-value", "oidc-request-token", "pme_0123456789abcdef"]));
  });

  test("the api-key input becomes POME_API_KEY", () => {
    expect(agentEnvironment(runner, { apiKey: "pome_k" }).POME_API_KEY).toBe("pome_k");
  });
});
