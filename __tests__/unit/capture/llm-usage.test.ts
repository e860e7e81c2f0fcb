import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { readLlmUsage } from "../../../src/capture/index.js";

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const sse = (...events: Array<[string | null, unknown]>) =>
  Buffer.from(events.map(([event, data]) => `${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`).join(""));

describe("reading model and tokens from an LLM exchange", () => {
  test("OpenAI chat completion: model and usage from the JSON response", () => {
    const usage = readLlmUsage({
      url: "https://api.openai.com/v1/chat/completions",
      requestBody: json({ model: "gpt-4o", messages: [] }),
      responseBody: json({ model: "gpt-4o-2024-08-06", usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } }),
      responseType: "application/json",
    });
    expect(usage).toEqual({ model: "gpt-4o-2024-08-06", prompt_tokens: 12, completion_tokens: 5 });
  });

  test("OpenAI streamed chat: usage from the last chunk, [DONE] ignored", () => {
    const body = sse(
      [null, { model: "gpt-4o-mini", choices: [{ delta: { content: "Hi" } }], usage: null }],
      [null, { model: "gpt-4o-mini", choices: [], usage: { prompt_tokens: 9, completion_tokens: 2 } }],
      [null, "[DONE]"],
    );
    expect(readLlmUsage({ url: "u", requestBody: null, responseBody: body, responseType: "text/event-stream" })).toEqual({
      model: "gpt-4o-mini",
      prompt_tokens: 9,
      completion_tokens: 2,
    });
  });

  test("OpenAI responses API stream: usage from response.completed", () => {
    const body = sse(
      ["response.created", { type: "response.created", response: { model: "gpt-5", usage: null } }],
      ["response.completed", { type: "response.completed", response: { model: "gpt-5", usage: { input_tokens: 40, output_tokens: 8 } } }],
    );
    expect(readLlmUsage({ url: "u", requestBody: null, responseBody: body, responseType: "text/event-stream" })).toEqual({
      model: "gpt-5",
      prompt_tokens: 40,
      completion_tokens: 8,
    });
  });

  test("Anthropic message: cache reads count as prompt tokens", () => {
    const usage = readLlmUsage({
      url: "https://api.anthropic.com/v1/messages",
      requestBody: json({ model: "claude-sonnet-4-5" }),
      responseBody: json({ type: "message", model: "claude-sonnet-4-5-20250929", usage: { input_tokens: 10, cache_read_input_tokens: 90, output_tokens: 7 } }),
    });
    expect(usage).toEqual({ model: "claude-sonnet-4-5-20250929", prompt_tokens: 100, completion_tokens: 7 });
  });

  test("Anthropic stream: input from message_start, final output from message_delta", () => {
    const body = sse(
      ["message_start", { type: "message_start", message: { model: "claude-haiku-4-5", usage: { input_tokens: 25, output_tokens: 1 } } }],
      ["content_block_delta", { type: "content_block_delta", delta: { type: "text_delta", text: "Hello" } }],
      ["message_delta", { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 15 } }],
      ["message_stop", { type: "message_stop" }],
    );
    expect(readLlmUsage({ url: "u", requestBody: null, responseBody: body, responseType: "text/event-stream; charset=utf-8" })).toEqual({
      model: "claude-haiku-4-5",
      prompt_tokens: 25,
      completion_tokens: 15,
    });
  });

  test("Gemini: model from the path, usage from usageMetadata", () => {
    const usage = readLlmUsage({
      url: "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
      requestBody: json({ contents: [] }),
      responseBody: json({ usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 6 } }),
    });
    expect(usage).toEqual({ model: "gemini-2.0-flash", prompt_tokens: 4, completion_tokens: 6 });
  });

  test("a gzip-encoded response is decoded before reading", () => {
    const usage = readLlmUsage({
      url: "u",
      requestBody: null,
      responseBody: gzipSync(json({ model: "m", usage: { prompt_tokens: 1, completion_tokens: 2 } })),
      responseEncoding: "gzip",
    });
    expect(usage).toEqual({ model: "m", prompt_tokens: 1, completion_tokens: 2 });
  });

  test("an error body keeps the requested model and leaves tokens null", () => {
    const usage = readLlmUsage({ url: "u", requestBody: json({ model: "gpt-4o" }), responseBody: json({ error: { message: "rate limited" } }) });
    expect(usage).toEqual({ model: "gpt-4o", prompt_tokens: null, completion_tokens: null });
  });

  test("a body that is not JSON reads as nulls", () => {
    const usage = readLlmUsage({ url: "u", requestBody: Buffer.from("\x00\x01"), responseBody: Buffer.from("<html>bad gateway</html>") });
    expect(usage).toEqual({ model: null, prompt_tokens: null, completion_tokens: null });
  });
});
