/**
 * The egress floor (spec/run.md "Capture proxy"): deny by default. Allowed are loopback,
 * the LLM provider hosts, the hosts of `*_BASE_URL` variables the agent is given, and the
 * patterns of `POME_EGRESS_ALLOW` (exact hosts, `*.suffix`, or `*` for everything).
 */
import { isLoopback, isValidHost, normalizeHost } from "./host-names.js";

/** The LLM providers an agent may always reach, and who they are (recorded on each LlmCallEvent). */
export const PROVIDER_HOSTS: ReadonlyArray<{ pattern: string; provider: string }> = [
  { pattern: "api.openai.com", provider: "openai" },
  { pattern: "*.anthropic.com", provider: "anthropic" },
  { pattern: "generativelanguage.googleapis.com", provider: "google" },
  { pattern: "openrouter.ai", provider: "openrouter" },
  { pattern: "ai-gateway.vercel.sh", provider: "vercel" },
];

/** `OPENAI_BASE_URL` → openai; other `<NAME>_BASE_URL` variables name their provider by prefix. */
const PROVIDER_OF_PREFIX: Record<string, string> = {
  OPENAI: "openai",
  OPENAI_API: "openai",
  ANTHROPIC: "anthropic",
  OPENROUTER: "openrouter",
  GOOGLE: "google",
  GOOGLE_GENERATIVE_AI: "google",
  AI_GATEWAY: "vercel",
};

export type AllowedBy = "loopback" | "provider" | "base-url" | "allow-list";

export interface EgressDecision {
  allowed: boolean;
  /** Why it is allowed; null when refused. */
  by: AllowedBy | null;
  /** The LLM provider the host belongs to (provider hosts and `*_BASE_URL` hosts), else null. */
  provider: string | null;
}

interface Rule {
  pattern: string;
  by: AllowedBy;
  provider: string | null;
}

export interface EgressFloorInput {
  /** `POME_EGRESS_ALLOW`: comma- or space-separated patterns. */
  allow?: string;
  /** The agent's environment: every `*_BASE_URL` (and `OPENAI_API_BASE`) host is allowed. */
  agentEnv?: Record<string, string | undefined>;
}

export class EgressFloor {
  private readonly rules: Rule[];
  /** Entries of POME_EGRESS_ALLOW or base URLs that could not be read, one line each. */
  readonly problems: string[];

  private constructor(rules: Rule[], problems: string[]) {
    this.rules = rules;
    this.problems = problems;
  }

  static create(input: EgressFloorInput = {}): EgressFloor {
    const rules: Rule[] = PROVIDER_HOSTS.map(({ pattern, provider }) => ({ pattern, by: "provider", provider }));
    const problems: string[] = [];
    for (const [name, value] of Object.entries(input.agentEnv ?? {})) {
      if (!value || !(name.endsWith("_BASE_URL") || name === "OPENAI_API_BASE")) continue;
      const host = baseUrlHost(value);
      if (host === null) {
        problems.push(`${name} is not a URL (${JSON.stringify(value.slice(0, 80))}): its host is not allowed through the capture proxy`);
        continue;
      }
      const prefix = name.replace(/_BASE_URL$|_BASE$/, "");
      rules.push({ pattern: host, by: "base-url", provider: PROVIDER_OF_PREFIX[prefix] ?? prefix.toLowerCase() });
    }
    for (const entry of (input.allow ?? "").split(/[\s,]+/).filter(Boolean)) {
      const pattern = allowPattern(entry);
      if (pattern === null) problems.push(`POME_EGRESS_ALLOW entry ${JSON.stringify(entry)} is not a host, *.suffix or *: ignored`);
      else rules.push({ pattern, by: "allow-list", provider: null });
    }
    return new EgressFloor(dedupe(rules), problems);
  }

  /** The allow patterns, in the order they are tried (for meta.json). */
  get patterns(): string[] {
    return this.rules.map((r) => r.pattern);
  }

  decide(host: string): EgressDecision {
    const h = normalizeHost(host);
    // Rules first: a loopback *_BASE_URL (a local model server) still names its provider.
    const rule = this.rules.find((r) => matches(r.pattern, h));
    if (rule) return { allowed: true, by: rule.by, provider: rule.provider };
    if (isLoopback(h)) return { allowed: true, by: "loopback", provider: null };
    return { allowed: false, by: null, provider: null };
  }
}

/** `*.example.com` matches the apex and every subdomain; `*` matches any host. */
export function matches(pattern: string, host: string): boolean {
  if (pattern === "*") return true;
  if (pattern.startsWith("*.")) {
    const apex = pattern.slice(2);
    return host === apex || host.endsWith(`.${apex}`);
  }
  return host === pattern;
}

/** A POME_EGRESS_ALLOW entry as a pattern: `Example.com.`, `https://example.com/x` and `example.com:443` all mean `example.com`. */
function allowPattern(entry: string): string | null {
  if (entry === "*") return "*";
  const wildcard = entry.startsWith("*.");
  let host = wildcard ? entry.slice(2) : entry;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(host)) {
    const fromUrl = baseUrlHost(host);
    if (fromUrl === null) return null;
    host = fromUrl;
  } else {
    host = host.replace(/:\d+$/, "");
  }
  host = normalizeHost(host);
  if (!isValidHost(host)) return null;
  return wildcard ? `*.${host}` : host;
}

function baseUrlHost(value: string): string | null {
  try {
    const url = new URL(value);
    const host = normalizeHost(url.hostname);
    return isValidHost(host) ? host : null;
  } catch {
    return null;
  }
}

function dedupe(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((r) => (seen.has(r.pattern) ? false : (seen.add(r.pattern), true)));
}
