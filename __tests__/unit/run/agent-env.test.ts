import { describe, expect, test } from "vitest";
import { agentEnv, inheritedEnv, secretValues, type PomeAgentVars } from "../../../src/run/agent-env.js";

const vars: PomeAgentVars = {
  task: "Triage issue #1",
  runId: "run_01TEST",
  runDir: "/tmp/runs/s/run_01TEST",
  signalsPath: "/tmp/runs/s/run_01TEST/signals.jsonl",
  session: { POME_TWIN_NAMES: "github", POME_AUTH_TOKEN: "jwt", POME_GITHUB_REST_URL: "http://127.0.0.1:1/s/x/github" },
};

describe("the agent's environment", () => {
  test("passes the base variables, LC_* and LLM keys and base URLs", () => {
    const env = inheritedEnv({
      PATH: "/bin",
      HOME: "/home/a",
      LANG: "C.UTF-8",
      LC_ALL: "C",
      TERM: "xterm",
      NODE_OPTIONS: "--max-old-space-size=512",
      OPENAI_API_KEY: "sk-x",
      ANTHROPIC_BASE_URL: "http://llm.local",
    });
    expect(Object.keys(env).sort()).toEqual(["ANTHROPIC_BASE_URL", "HOME", "LANG", "LC_ALL", "NODE_OPTIONS", "OPENAI_API_KEY", "PATH", "TERM"]);
  });

  test("drops everything else by default", () => {
    const env = inheritedEnv({ PATH: "/bin", AWS_SECRET_ACCESS_KEY: "x", DATABASE_URL: "postgres://", GITHUB_TOKEN: "ghp_x", POME_API_KEY: "pme_x" });
    expect(env).toEqual({ PATH: "/bin" });
  });

  test("passes names listed in POME_AGENT_ENV_ALLOWLIST, comma or space separated", () => {
    const env = inheritedEnv({ POME_AGENT_ENV_ALLOWLIST: "MY_FLAG, OTHER THIRD", MY_FLAG: "1", OTHER: "2", THIRD: "3", NOT_ME: "4" });
    expect(env).toMatchObject({ MY_FLAG: "1", OTHER: "2", THIRD: "3" });
    expect(env.NOT_ME).toBeUndefined();
  });

  test("POME_INHERIT_AGENT_ENV=1 passes the rest but never GITHUB_TOKEN, ACTIONS_*, INPUT_* or POME_API_KEY", () => {
    const env = inheritedEnv({
      POME_INHERIT_AGENT_ENV: "1",
      DATABASE_URL: "postgres://",
      GITHUB_TOKEN: "ghp_x",
      ACTIONS_RUNTIME_TOKEN: "t",
      INPUT_AGENT: "a",
      POME_API_KEY: "pme_x",
    });
    expect(env.DATABASE_URL).toBe("postgres://");
    expect(env.GITHUB_TOKEN).toBeUndefined();
    expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined();
    expect(env.INPUT_AGENT).toBeUndefined();
    expect(env.POME_API_KEY).toBeUndefined();
  });

  test("POME_INHERIT_AGENT_ENV=1 never passes a runner's tokens, credentials or workflow command files", () => {
    const runner = {
      GITHUB_TOKEN: "ghs_x",
      GH_TOKEN: "ghs_x",
      GH_ENTERPRISE_TOKEN: "ghs_x",
      ACTIONS_RUNTIME_TOKEN: "t",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "t",
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://oidc",
      ACTIONS_CACHE_URL: "https://cache",
      ACTIONS_RESULTS_URL: "https://results",
      GITHUB_ENV: "/runner/env",
      GITHUB_OUTPUT: "/runner/output",
      GITHUB_PATH: "/runner/path",
      GITHUB_STATE: "/runner/state",
      GITHUB_STEP_SUMMARY: "/runner/summary",
      "INPUT_GITHUB-TOKEN": "ghs_x",
    };
    const env = inheritedEnv({ POME_INHERIT_AGENT_ENV: "1", GITHUB_REPOSITORY: "acme/api", ...runner });
    expect(Object.keys(env).sort()).toEqual(["GITHUB_REPOSITORY", "POME_INHERIT_AGENT_ENV"]);
  });

  test("guarded names pass when explicitly allow-listed", () => {
    const env = inheritedEnv({ POME_INHERIT_AGENT_ENV: "1", POME_AGENT_ENV_ALLOWLIST: "GITHUB_TOKEN", GITHUB_TOKEN: "ghp_x" });
    expect(env.GITHUB_TOKEN).toBe("ghp_x");
  });

  test("an inherited POME_PREFLIGHT never reaches the real run", () => {
    const env = agentEnv({ POME_INHERIT_AGENT_ENV: "1", POME_PREFLIGHT: "1" }, vars, { preflight: false });
    expect(env.POME_PREFLIGHT).toBeUndefined();
  });

  test("pome's variables are set and override the parent's", () => {
    const env = agentEnv({ PATH: "/bin", POME_AGENT_ENV_ALLOWLIST: "POME_TASK", POME_TASK: "stale" }, vars, { preflight: false });
    expect(env).toMatchObject({
      POME_TASK: "Triage issue #1",
      POME_RUN_ID: "run_01TEST",
      POME_ARTIFACTS_DIR: "/tmp/runs/s/run_01TEST",
      POME_ADAPTER_SIGNALS_PATH: "/tmp/runs/s/run_01TEST/signals.jsonl",
      POME_TWIN_NAMES: "github",
      POME_AUTH_TOKEN: "jwt",
      POME_GITHUB_REST_URL: "http://127.0.0.1:1/s/x/github",
    });
  });

  test("preflight adds POME_PREFLIGHT=1", () => {
    expect(agentEnv({}, vars, { preflight: true }).POME_PREFLIGHT).toBe("1");
    expect(agentEnv({}, vars, { preflight: false }).POME_PREFLIGHT).toBeUndefined();
  });

  test("a capture proxy sets both cases of the proxy variables and a loopback NO_PROXY", () => {
    const env = agentEnv({}, { ...vars, proxyUrl: "http://127.0.0.1:9" }, { preflight: false });
    expect(env).toMatchObject({
      HTTP_PROXY: "http://127.0.0.1:9",
      https_proxy: "http://127.0.0.1:9",
      NO_PROXY: "127.0.0.1,localhost,::1",
      no_proxy: "127.0.0.1,localhost,::1",
    });
  });

  test("without a proxy no proxy variable is set", () => {
    const env = agentEnv({ POME_INHERIT_AGENT_ENV: "0" }, vars, { preflight: false });
    expect(Object.keys(env).filter((k) => /proxy/i.test(k))).toEqual([]);
  });

  test("every variable named like a credential is a secret to redact, whatever its twin or vendor", () => {
    const secrets = secretValues({
      NPM_TOKEN: "npm_abcdefghijkl",
      AWS_SECRET_ACCESS_KEY: "aws/secret/abcdef",
      ACTIONS_RUNTIME_TOKEN: "eyJruntime-token",
      "INPUT_API-KEY": "pme_abcdefghijkl",
      DB_PASSWORD: "hunter2-but-long",
      MAX_TOKENS: "100000000",
      GITHUB_REPOSITORY: "acme/api-with-long-name",
      SHORT_TOKEN: "abc",
    });
    expect(secrets.sort()).toEqual(["aws/secret/abcdef", "eyJruntime-token", "hunter2-but-long", "npm_abcdefghijkl", "pme_abcdefghijkl"]);
  });

  test("the LLM keys and parent credentials are the secrets to redact", () => {
    expect(secretValues({ OPENAI_API_KEY: "sk-abcdefghijkl", GITHUB_TOKEN: "ghp_abcdefghijkl", PATH: "/usr/bin:/bin" })).toEqual([
      "sk-abcdefghijkl",
      "ghp_abcdefghijkl",
    ]);
  });
});
