/**
 * Model and token usage read from an LLM exchange the proxy saw in clear: OpenAI (chat
 * completions and responses), Anthropic (messages) and Gemini shapes, as one JSON body or
 * as a streamed SSE response. Anything else reads as nulls, never as an error.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { z } from "zod";

export interface LlmUsage {
  model: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
}

export interface LlmExchange {
  url: string;
  requestBody: Buffer | null;
  responseBody: Buffer | null;
  /** The response's content-type and content-encoding headers. */
  responseType?: string;
  responseEncoding?: string;
}

const count = z.number().int().nonnegative();

/** OpenAI chat (`prompt_tokens`), OpenAI responses and Anthropic (`input_tokens`, cache reads counted as prompt). */
const usageSchema = z.looseObject({
  prompt_tokens: count.optional(),
  completion_tokens: count.optional(),
  input_tokens: count.optional(),
  output_tokens: count.optional(),
  cache_creation_input_tokens: count.nullish(),
  cache_read_input_tokens: count.nullish(),
});

const geminiUsageSchema = z.looseObject({
  promptTokenCount: count.optional(),
  candidatesTokenCount: count.optional(),
  thoughtsTokenCount: count.optional(),
});

const bodySchema = z.looseObject({
  model: z.string().optional(),
  modelVersion: z.string().optional(),
  usage: usageSchema.nullish(),
  usageMetadata: geminiUsageSchema.optional(),
});

/** A streamed event wraps the body: Anthropic `message_start.message`, OpenAI `response.completed.response`. */
const eventSchema = bodySchema.extend({
  message: bodySchema.optional(),
  response: bodySchema.optional(),
});

const requestSchema = z.looseObject({ model: z.string().optional() });

const NONE: LlmUsage = { model: null, prompt_tokens: null, completion_tokens: null };

export function readLlmUsage(exchange: LlmExchange): LlmUsage {
  const response = decode(exchange.responseBody, exchange.responseEncoding);
  let usage = NONE;
  if (response !== null) {
    const streamed = /text\/event-stream/i.test(exchange.responseType ?? "") || /^(event|data):/m.test(response.slice(0, 200));
    usage = streamed ? sseUsage(response) : usageOf(jsonOf(response));
  }
  const model = usage.model ?? requestModel(exchange.requestBody) ?? urlModel(exchange.url);
  return { ...usage, model };
}

function sseUsage(text: string): LlmUsage {
  let total = NONE;
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data = block
      .split(/\r?\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(5).replace(/^ /, ""))
      .join("\n");
    if (!data || data === "[DONE]") continue;
    const found = usageOf(jsonOf(data));
    // Later events carry the final counts (Anthropic message_delta, OpenAI's last chunk).
    total = {
      model: total.model ?? found.model,
      prompt_tokens: found.prompt_tokens ?? total.prompt_tokens,
      completion_tokens: found.completion_tokens ?? total.completion_tokens,
    };
  }
  return total;
}

function usageOf(value: unknown): LlmUsage {
  const parsed = eventSchema.safeParse(value);
  if (!parsed.success) return NONE;
  const event = parsed.data;
  const body = event.response ?? event.message ?? event;
  const usage = body.usage ?? event.usage;
  const gemini = body.usageMetadata ?? event.usageMetadata;
  let prompt: number | null = null;
  let completion: number | null = null;
  if (usage) {
    prompt = usage.prompt_tokens ?? sum(usage.input_tokens, usage.cache_creation_input_tokens, usage.cache_read_input_tokens);
    completion = usage.completion_tokens ?? usage.output_tokens ?? null;
  } else if (gemini) {
    prompt = gemini.promptTokenCount ?? null;
    completion = gemini.candidatesTokenCount === undefined ? null : gemini.candidatesTokenCount + (gemini.thoughtsTokenCount ?? 0);
  }
  return { model: body.model ?? event.model ?? body.modelVersion ?? event.modelVersion ?? null, prompt_tokens: prompt, completion_tokens: completion };
}

function sum(first: number | undefined, ...rest: Array<number | null | undefined>): number | null {
  if (first === undefined) return null;
  return rest.reduce<number>((total, n) => total + (n ?? 0), first);
}

function requestModel(body: Buffer | null): string | null {
  if (!body || body.length === 0) return null;
  const parsed = requestSchema.safeParse(jsonOf(body.toString("utf8")));
  return parsed.success ? (parsed.data.model ?? null) : null;
}

/** Gemini names the model in the path: `/v1beta/models/gemini-2.0-flash:generateContent`. */
function urlModel(url: string): string | null {
  const match = /\/models\/([^/:?]+)(?::[A-Za-z]+)?(?:\?|$)/.exec(url);
  return match ? decodeURIComponent(match[1]) : null;
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The body as text, undoing the content-encoding; null when it cannot be read. */
function decode(body: Buffer | null, encoding: string | undefined): string | null {
  if (!body || body.length === 0) return null;
  try {
    switch ((encoding ?? "identity").trim().toLowerCase()) {
      case "identity":
      case "":
        return body.toString("utf8");
      case "gzip":
      case "x-gzip":
        return gunzipSync(body).toString("utf8");
      case "deflate":
        return inflateSync(body).toString("utf8");
      case "br":
        return brotliDecompressSync(body).toString("utf8");
      default:
        return null;
    }
  } catch {
    return null;
  }
}
