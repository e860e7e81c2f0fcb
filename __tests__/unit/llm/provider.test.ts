import { describe, expect, test } from "vitest";
import { PomeError } from "../../../src/errors.js";
import { resolveProvider } from "../../../src/llm/index.js";

describe("provider resolution (first match wins)", () => {
  test("POME_LLM_* names any OpenAI-compatible endpoint, ahead of vendor keys", () => {
    const p = resolveProvider({ POME_LLM_BASE_URL: "http://llm.local/v1/", POME_LLM_API_KEY: "k-123", POME_LLM_MODEL: "llama3", ANTHROPIC_API_KEY: "a" });
    expect(p).toEqual({ source: "pome_llm", api: "openai", baseUrl: "http://llm.local/v1", apiKey: "k-123", model: "llama3" });
  });

  test("POME_LLM_BASE_URL without its key and model is a usage error naming both", () => {
    let caught: unknown;
    try {
      resolveProvider({ POME_LLM_BASE_URL: "http://llm.local/v1", ANTHROPIC_API_KEY: "a" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PomeError);
    expect((caught as PomeError).code).toBe("USAGE");
    expect((caught as PomeError).message).toMatch(/POME_LLM_API_KEY and POME_LLM_MODEL are not/);
  });

  test("POME_LLM_BASE_URL with a key but no model names only the model", () => {
    expect(() => resolveProvider({ POME_LLM_BASE_URL: "http://llm.local/v1", POME_LLM_API_KEY: "k" })).toThrow(/but POME_LLM_MODEL is not/);
  });

  test("Anthropic before OpenAI, with claude-haiku-4-5 by default and its own base URL", () => {
    const p = resolveProvider({ ANTHROPIC_API_KEY: "a-key", ANTHROPIC_BASE_URL: "http://127.0.0.1:9/", OPENAI_API_KEY: "o" });
    expect(p).toMatchObject({ source: "anthropic", api: "anthropic", baseUrl: "http://127.0.0.1:9", model: "claude-haiku-4-5" });
  });

  test("OpenAI with gpt-4o-mini and the public endpoint by default", () => {
    expect(resolveProvider({ OPENAI_API_KEY: "o" })).toMatchObject({ source: "openai", baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini" });
  });

  test("no key, or only blank ones: no provider", () => {
    expect(resolveProvider({})).toBeNull();
    expect(resolveProvider({ ANTHROPIC_API_KEY: "  ", OPENAI_API_KEY: "" })).toBeNull();
  });

  test("a base URL that is not http(s) is a usage error", () => {
    expect(() => resolveProvider({ OPENAI_API_KEY: "o", OPENAI_BASE_URL: "api.openai.com" })).toThrow(/OPENAI_BASE_URL is not a URL/);
  });
});
