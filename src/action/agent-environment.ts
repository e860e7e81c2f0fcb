/**
 * The environment the action hands to `runScenarios`: the runner's, whole, plus the
 * `api-key` input as POME_API_KEY. What the agent under test may see of it is decided in
 * one place, run/'s allow-list, which never passes the runner's tokens (GITHUB_TOKEN,
 * GH_TOKEN), its credentials and service URLs (ACTIONS_*), the inputs (INPUT_*) or the
 * workflow command files (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY) unless POME_AGENT_ENV_ALLOWLIST names them. Keeping them here lets the
 * run's redaction know their values: a credential pome never saw is one it cannot hide.
 */

type Env = Record<string, string | undefined>;

export function agentEnvironment(env: Env, opts: { apiKey?: string }): Env {
  const out: Env = { ...env };
  if (opts.apiKey) out.POME_API_KEY = opts.apiKey;
  return out;
}
