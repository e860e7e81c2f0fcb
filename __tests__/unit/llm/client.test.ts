/** The LLM client against the fake provider on a real socket: shapes, retries, timeouts, limits. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { LlmClient, LlmError, outcomeOfLlmError, resolveProvider, type LlmClientOptions } from "../../../src/llm/index.js";
import { startFakeLlm, verdict, type FakeLlm } from "../../fixtures/fake-llm/server.js";

let llm: FakeLlm;
beforeAll(async () => (llm = await startFakeLlm()));
afterAll(() => llm.close());
beforeEach(() => llm.reset());

const FAST = { backoff: { baseMs: 5, maxMs: 20 } };

function client(api: "anthropic" | "openai" | "pome_llm", more: Partial<LlmClientOptions> = {}): LlmClient {
  return new LlmClient({ provider: resolveProvider(llm.env(api))!, ...FAST, ...more });
}

const ask = { system: "You judge.", messages: [{ role: "user" as const, content: "Is it done?" }], maxTokens: 100 };
const jsonSpec = { name: "submit", description: "the answer", schema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"], additionalProperties: false } };

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("wire formats", () => {
  test("Anthropic: x-api-key, version header, temperature 0, system apart, JSON as a forced tool call", async () => {
    llm.enqueue({ kind: "json", value: { ok: true }, usage: { input: 12, output: 3 } });
    const reply = await client("anthropic").complete({ ...ask, json: jsonSpec });
    const [req] = llm.requests;
    expect(req.path).toBe("/v1/messages");
    expect(req.headers["x-api-key"]).toBe("sk-ant-fake-0123456789abcdefghij");
    expect(req.headers["anthropic-version"]).toBe("2023-06-01");
    expect(req.body).toMatchObject({ model: "claude-haiku-4-5", temperature: 0, max_tokens: 100, system: "You judge.", tool_choice: { type: "tool", name: "submit" } });
    expect(req.body.tools[0].input_schema).toEqual(jsonSpec.schema);
    expect(reply).toMatchObject({ toolInput: { ok: true }, truncated: false, usage: { input: 12, output: 3 } });
  });

  test("OpenAI: bearer auth, system message first, strict json_schema, max_completion_tokens", async () => {
    llm.enqueue({ kind: "json", value: { ok: false } });
    const reply = await client("openai").complete({ ...ask, json: jsonSpec });
    const [req] = llm.requests;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe("Bearer sk-ant-fake-0123456789abcdefghij");
    expect(req.body.messages[0]).toEqual({ role: "system", content: "You judge." });
    expect(req.body).toMatchObject({ model: "gpt-4o-mini", temperature: 0, max_completion_tokens: 100 });
    expect(req.body.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "submit", strict: true } });
    expect(JSON.parse(reply.text)).toEqual({ ok: false });
  });

  test("an OpenAI-compatible endpoint gets json_object mode, max_tokens and POME_LLM_MODEL", async () => {
    llm.enqueue({ kind: "json", value: { ok: true } });
    await client("pome_llm").complete({ ...ask, json: jsonSpec });
    expect(llm.requests[0].body).toMatchObject({ model: "fake-model", max_tokens: 100, response_format: { type: "json_object" } });
  });

  test("a request may name another model", async () => {
    llm.enqueue({ kind: "text", text: "hi" });
    const reply = await client("anthropic").complete({ ...ask, model: "claude-sonnet-4-5" });
    expect(llm.requests[0].body.model).toBe("claude-sonnet-4-5");
    expect(reply.model).toBe("claude-sonnet-4-5");
  });

  test("an answer stopped at the token limit is marked truncated", async () => {
    llm.enqueue({ kind: "text", text: '{"ok": tr', truncated: true });
    expect((await client("openai").complete(ask)).truncated).toBe(true);
  });

  test("a 200 whose body is not a chat reply is malformed_response, not retried", async () => {
    llm.enqueue({ kind: "raw", status: 200, body: "<html>gateway</html>" });
    const error = await failure(client("openai").complete(ask));
    expect(error.kind).toBe("malformed_response");
    expect(llm.requests).toHaveLength(1);
  });
});

describe("retries", () => {
  test("429 then success: waits as long as Retry-After asks, then answers", async () => {
    llm.enqueue({ kind: "error", status: 429, message: "slow down", headers: { "retry-after": "0.3" } }, verdict("pass"));
    const started = performance.now();
    const reply = await client("anthropic").complete({ ...ask, json: jsonSpec });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(llm.requests).toHaveLength(2);
    expect(reply.toolInput).toMatchObject({ verdict: "pass" });
  });

  test("500s on every try: three tries, then a server error that says so", async () => {
    llm.script(() => ({ kind: "error", status: 500, message: "upstream exploded" }));
    const error = await failure(client("openai").complete(ask));
    expect(llm.requests).toHaveLength(3);
    expect(error.kind).toBe("server");
    expect(error.message).toMatch(/HTTP 500: upstream exploded \(gave up after 3 tries\)/);
    expect(outcomeOfLlmError(error)).toBe("errored");
  });

  test("a Retry-After longer than pome waits gives up at once", async () => {
    llm.script(() => ({ kind: "error", status: 429, headers: { "retry-after": "3600" } }));
    const error = await failure(client("anthropic", { maxRetryAfterMs: 1000 }).complete(ask));
    expect(llm.requests).toHaveLength(1);
    expect(error.kind).toBe("rate_limited");
    expect(error.message).toMatch(/asked to retry after 3600 s, longer than pome waits \(1 s\)/);
  });

  test("401 is not retried and makes the criterion skipped, with the provider's message", async () => {
    llm.script(() => ({ kind: "error", status: 401, message: "invalid x-api-key" }));
    const error = await failure(client("anthropic").complete(ask));
    expect(llm.requests).toHaveLength(1);
    expect([error.kind, outcomeOfLlmError(error)]).toEqual(["auth", "skipped"]);
    expect(error.message).toContain("invalid x-api-key");
  });

  test("a prompt over the context window is not retried and makes the criterion skipped", async () => {
    llm.script(() => ({ kind: "error", status: 400, message: "This model's maximum context length is 128000 tokens." }));
    const error = await failure(client("openai").complete(ask));
    expect(llm.requests).toHaveLength(1);
    expect([error.kind, outcomeOfLlmError(error)]).toEqual(["context_too_long", "skipped"]);
  });

  test("a model that refuses temperature is asked again without it (not counted as a try)", async () => {
    llm.enqueue({ kind: "error", status: 400, message: "Unsupported value: 'temperature' does not support 0 with this model." }, { kind: "text", text: "ok" });
    const reply = await client("openai", { tries: 1 }).complete(ask);
    expect(reply.text).toBe("ok");
    expect(llm.requests[1].body).not.toHaveProperty("temperature");
  });

  test("a slow reply times out, is retried, and ends as a timeout", async () => {
    llm.script(() => ({ kind: "text", text: "late", delayMs: 1000 }));
    const error = await failure(client("openai", { timeoutMs: 150, tries: 2 }).complete(ask));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/no reply from http:\/\/127\.0\.0\.1:\d+\/v1 within 150 ms \(gave up after 2 tries\)/);
    expect(llm.requests).toHaveLength(2);
  });

  test("a refused connection is a network error after the retries", async () => {
    const provider = { source: "openai" as const, api: "openai" as const, baseUrl: "http://127.0.0.1:9/v1", apiKey: "k", model: "gpt-4o-mini" };
    const error = await failure(new LlmClient({ provider, ...FAST }).complete(ask));
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe("concurrency", () => {
  test("no more calls in flight than the limit", async () => {
    llm.script(() => ({ kind: "text", text: "ok", delayMs: 60 }));
    const c = client("anthropic", { concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => c.complete(ask)));
    expect(llm.requests).toHaveLength(6);
    expect(llm.peakInFlight).toBe(2);
    expect(c.limit.peak).toBe(2);
  });
});
