/**
 * Which LLM pome talks to (spec/evaluate.md "Provider configuration", first match wins):
 * an OpenAI-compatible endpoint via POME_LLM_*, Anthropic, OpenAI, or none.
 */
import { usageError } from "../errors.js";

type Env = Record<string, string | undefined>;

/** The wire format: OpenAI chat completions or Anthropic messages. */
export type LlmApi = "openai" | "anthropic";

/** Which rule chose the provider: it decides the base URL, the auth header and the JSON mode. */
export type LlmSource = "pome_llm" | "anthropic" | "openai";

export interface LlmProvider {
  source: LlmSource;
  api: LlmApi;
  /** Without a trailing slash: `https://api.openai.com/v1`, `https://api.anthropic.com`. */
  baseUrl: string;
  apiKey: string;
  /** The provider's default model (or POME_LLM_MODEL); a request may name another. */
  model: string;
}

export const DEFAULT_MODELS = { anthropic: "claude-haiku-4-5", openai: "gpt-4o-mini" } as const;

const DEFAULT_BASE_URLS = { anthropic: "https://api.anthropic.com", openai: "https://api.openai.com/v1" } as const;

const set = (env: Env, name: string): string | null => {
  const value = env[name]?.trim();
  return value ? value : null;
};

const trimSlash = (url: string) => url.replace(/\/+$/, "");

/**
 * The configured provider, or null when none is. A POME_LLM_BASE_URL without its key or
 * model is a usage error naming what is missing: silently falling through to another
 * provider would judge with a model the user did not choose.
 */
export function resolveProvider(env: Env): LlmProvider | null {
  const base = set(env, "POME_LLM_BASE_URL");
  if (base) {
    const missing = ["POME_LLM_API_KEY", "POME_LLM_MODEL"].filter((name) => !set(env, name));
    if (missing.length > 0) {
      throw usageError(
        `POME_LLM_BASE_URL is set but ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} not: set ${missing.join(" and ")}, or unset POME_LLM_BASE_URL`,
      );
    }
    assertUrl(base, "POME_LLM_BASE_URL");
    return { source: "pome_llm", api: "openai", baseUrl: trimSlash(base), apiKey: set(env, "POME_LLM_API_KEY")!, model: set(env, "POME_LLM_MODEL")! };
  }
  const anthropic = set(env, "ANTHROPIC_API_KEY");
  if (anthropic) {
    const url = set(env, "ANTHROPIC_BASE_URL") ?? DEFAULT_BASE_URLS.anthropic;
    assertUrl(url, "ANTHROPIC_BASE_URL");
    return { source: "anthropic", api: "anthropic", baseUrl: trimSlash(url), apiKey: anthropic, model: DEFAULT_MODELS.anthropic };
  }
  const openai = set(env, "OPENAI_API_KEY");
  if (openai) {
    const url = set(env, "OPENAI_BASE_URL") ?? DEFAULT_BASE_URLS.openai;
    assertUrl(url, "OPENAI_BASE_URL");
    return { source: "openai", api: "openai", baseUrl: trimSlash(url), apiKey: openai, model: DEFAULT_MODELS.openai };
  }
  return null;
}

function assertUrl(value: string, name: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw usageError(`${name} is not a URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`${name} must be an http(s) URL: ${value}`);
}

/** `anthropic claude-haiku-4-5`, `openai-compatible llama3 at http://…`: for messages. */
export function describeProvider(provider: LlmProvider, model = provider.model): string {
  if (provider.source === "pome_llm") return `${model} (OpenAI-compatible endpoint ${provider.baseUrl})`;
  return `${model} (${provider.source})`;
}
