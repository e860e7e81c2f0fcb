/**
 * The environment the action hands to `runScenarios`. The runner gives a node action its
 * token inputs (`INPUT_*`), the runtime and OIDC credentials (`ACTIONS_*`) and often
 * `GITHUB_TOKEN`; the agent under test must see none of them, so they are removed here,
 * before run/'s own allow-list, unless the workflow names them in POME_AGENT_ENV_ALLOWLIST.
 */

type Env = Record<string, string | undefined>;

export function isActionCredential(name: string): boolean {
  return name === "GITHUB_TOKEN" || name === "GH_TOKEN" || name.startsWith("ACTIONS_") || name.startsWith("INPUT_");
}

export function agentEnvironment(env: Env, opts: { apiKey?: string }): Env {
  const allowed = new Set((env.POME_AGENT_ENV_ALLOWLIST ?? "").split(/[\s,]+/).filter(Boolean));
  const out: Env = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (isActionCredential(name) && !allowed.has(name)) continue;
    out[name] = value;
  }
  if (opts.apiKey) out.POME_API_KEY = opts.apiKey;
  return out;
}
