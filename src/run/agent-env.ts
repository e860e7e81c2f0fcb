/**
 * The environment given to the agent (spec/run.md "Environment given to the agent"):
 * a short allow-list of the parent's variables, then pome's own variables on top.
 */

type Env = Record<string, string | undefined>;

const BASE_NAMES = ["PATH", "HOME", "USER", "SHELL", "TMPDIR", "TEMP", "TMP", "LANG", "TERM", "NODE_OPTIONS"];

/** LLM provider keys: the agent needs them to think; their values are redacted from artifacts. */
export const LLM_KEY_NAMES = [
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "OPENROUTER_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_GENERATIVE_AI_API_KEY",
  "AI_GATEWAY_API_KEY",
];

const LLM_BASE_URL_NAMES = [
  "OPENAI_BASE_URL",
  "OPENAI_API_BASE",
  "ANTHROPIC_BASE_URL",
  "OPENROUTER_BASE_URL",
  "GOOGLE_BASE_URL",
  "GOOGLE_GENERATIVE_AI_BASE_URL",
  "AI_GATEWAY_BASE_URL",
];

/**
 * What a CI runner hands its steps and an agent under test must never get: tokens that act
 * on the repository (GITHUB_TOKEN, GH_TOKEN, …), the runner's own credentials and service
 * URLs (ACTIONS_*: the runtime, OIDC, cache and results tokens), an action's inputs
 * (INPUT_*), pome's key, and the workflow command files, through which a step injects
 * variables, PATH entries, outputs and summary text into the steps after it.
 */
const GUARDED_NAMES = new Set([
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "GH_ENTERPRISE_TOKEN",
  "GITHUB_ENTERPRISE_TOKEN",
  "POME_API_KEY",
  "GITHUB_ENV",
  "GITHUB_OUTPUT",
  "GITHUB_PATH",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
]);
const GUARDED_PREFIXES = ["ACTIONS_", "INPUT_"];

/** Never inherited, even with POME_INHERIT_AGENT_ENV=1, unless named in POME_AGENT_ENV_ALLOWLIST. */
export function isGuardedVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return GUARDED_NAMES.has(upper) || GUARDED_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/** Names listed in POME_AGENT_ENV_ALLOWLIST (comma- or space-separated). */
export function extraAllowedNames(parent: Env): Set<string> {
  return new Set((parent.POME_AGENT_ENV_ALLOWLIST ?? "").split(/[\s,]+/).filter(Boolean));
}

export function inheritsWholeEnv(parent: Env): boolean {
  return parent.POME_INHERIT_AGENT_ENV === "1";
}

function allowedByDefault(name: string): boolean {
  return BASE_NAMES.includes(name) || name.startsWith("LC_") || LLM_KEY_NAMES.includes(name) || LLM_BASE_URL_NAMES.includes(name);
}

/** The parent variables that pass through to the agent. */
export function inheritedEnv(parent: Env): Record<string, string> {
  const extra = extraAllowedNames(parent);
  const everything = inheritsWholeEnv(parent);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    const pass = extra.has(name) || allowedByDefault(name) || (everything && !isGuardedVariable(name));
    if (pass) out[name] = value;
  }
  // An inherited preflight flag would make the real run a second preflight.
  delete out.POME_PREFLIGHT;
  return out;
}

export interface PomeAgentVars {
  task: string;
  runId: string;
  /** Absolute run folder. */
  runDir: string;
  signalsPath: string;
  /** The session's variables (POME_TWIN_NAMES, POME_AUTH_TOKEN, per-twin URLs and tokens). */
  session: Record<string, string>;
  /** HTTP proxy URL when the capture proxy runs. */
  proxyUrl?: string | null;
  /** `--capture-tls`: the run's CA alone, and the CA followed by the usual roots. */
  trust?: { caFile: string; bundleFile: string } | null;
}

/** The agent's full environment; `preflight` adds POME_PREFLIGHT=1. */
export function agentEnv(parent: Env, vars: PomeAgentVars, opts: { preflight: boolean; command?: Record<string, string> }): Record<string, string> {
  const env: Record<string, string> = { ...inheritedEnv(parent), ...opts.command, ...vars.session };
  env.POME_TASK = vars.task;
  env.POME_RUN_ID = vars.runId;
  env.POME_ARTIFACTS_DIR = vars.runDir;
  env.POME_ADAPTER_SIGNALS_PATH = vars.signalsPath;
  if (vars.proxyUrl) {
    for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) env[name] = vars.proxyUrl;
    for (const name of ["NO_PROXY", "no_proxy"]) env[name] = "127.0.0.1,localhost,::1";
    // Node 24+ then routes its built-in fetch and http through HTTP(S)_PROXY.
    env.NODE_USE_ENV_PROXY = "1";
  }
  if (vars.proxyUrl && vars.trust) {
    // NODE_EXTRA_CA_CERTS adds to Node's roots; the other two replace the store, so they get the full bundle.
    env.NODE_EXTRA_CA_CERTS = vars.trust.caFile;
    env.SSL_CERT_FILE = vars.trust.bundleFile;
    env.REQUESTS_CA_BUNDLE = vars.trust.bundleFile;
  }
  if (opts.preflight) env.POME_PREFLIGHT = "1";
  return env;
}

/** A word in a variable's name that makes its value a credential: `NPM_TOKEN`, `AWS_SECRET_ACCESS_KEY`, `INPUT_API-KEY`. */
const CREDENTIAL_NAME = /(?:^|[_-])(?:TOKEN|SECRET|PASSWORD|PASSWD|API[_-]?KEY|APIKEY|ACCESS[_-]?KEY|PRIVATE[_-]?KEY|CREDENTIALS?)(?:[_-]|$)/i;

/**
 * Values that must never appear in anything pome writes or prints: the LLM keys and every
 * variable of the parent whose name says it is a credential (GITHUB_TOKEN, ACTIONS_*_TOKEN,
 * INPUT_GITHUB-TOKEN, POME_API_KEY, NPM_TOKEN, AWS_SECRET_ACCESS_KEY …).
 */
export function secretValues(parent: Env): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(parent)) {
    if (typeof value !== "string" || value.length < 8) continue;
    if (LLM_KEY_NAMES.includes(name) || CREDENTIAL_NAME.test(name)) values.push(value);
  }
  return values;
}
