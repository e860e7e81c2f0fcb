import { describe, expect, test } from "vitest";
import { agentEnvironment } from "../../../src/action/agent-environment.js";

const runner = {
  PATH: "/usr/bin",
  ANTHROPIC_API_KEY: "sk-ant-x",
  GITHUB_TOKEN: "ghs_secret",
  GH_TOKEN: "ghs_secret",
  ACTIONS_RUNTIME_TOKEN: "jwt",
  ACTIONS_RESULTS_URL: "https://results",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc",
  "INPUT_GITHUB-TOKEN": "ghs_secret",
  INPUT_AGENT: "node agent.js",
  GITHUB_REPOSITORY: "acme/api",
};

describe("the environment handed to runScenarios", () => {
  test("drops the token, the runtime credentials and every input", () => {
    const env = agentEnvironment(runner, {});
    expect(Object.keys(env).sort()).toEqual(["ANTHROPIC_API_KEY", "GITHUB_REPOSITORY", "PATH"]);
  });

  test("keeps what POME_AGENT_ENV_ALLOWLIST names", () => {
    const env = agentEnvironment({ ...runner, POME_AGENT_ENV_ALLOWLIST: "GITHUB_TOKEN, INPUT_AGENT" }, {});
    expect(env.GITHUB_TOKEN).toBe("ghs_secret");
    expect(env.INPUT_AGENT).toBe("node agent.js");
    expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined();
  });

  test("the api-key input becomes POME_API_KEY", () => {
    expect(agentEnvironment(runner, { apiKey: "pome_k" }).POME_API_KEY).toBe("pome_k");
  });
});
