/**
 * The two wire formats pome speaks: OpenAI chat completions (OpenAI and any compatible
 * endpoint) and Anthropic messages. Replies are parsed with zod; anything else is a
 * `malformed_response`, never a guess.
 */
import { z } from "zod";
import type { ChatReply, ChatRequest } from "./chat-types.js";
import { LlmError } from "./llm-error.js";
import type { LlmProvider } from "./provider.js";

export interface WireFormat {
  url(provider: LlmProvider): string;
  headers(provider: LlmProvider): Record<string, string>;
  body(request: ChatRequest, provider: LlmProvider, opts: { model: string; omitTemperature: boolean }): unknown;
  reply(json: unknown, model: string): ChatReply;
}

const count = z.number().int().nonnegative().nullish();

const openaiReplySchema = z.object({
  model: z.string().nullish(),
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: count, completion_tokens: count }).nullish(),
});

const openai: WireFormat = {
  url: (p) => `${p.baseUrl}/chat/completions`,
  headers: (p) => ({ authorization: `Bearer ${p.apiKey}` }),
  body(request, provider, { model, omitTemperature }) {
    const body: Record<string, unknown> = {
      model,
      messages: [{ role: "system", content: request.system }, ...request.messages],
    };
    if (!omitTemperature) body.temperature = request.temperature ?? 0;
    // OpenAI's own API wants max_completion_tokens (newer models reject max_tokens); compatible servers mostly know only max_tokens.
    body[provider.source === "openai" ? "max_completion_tokens" : "max_tokens"] = request.maxTokens;
    if (request.json) {
      body.response_format =
        provider.source === "openai"
          ? { type: "json_schema", json_schema: { name: request.json.name, description: request.json.description, schema: request.json.schema, strict: true } }
          : // json_schema is not universal among compatible servers; json_object is.
            { type: "json_object" };
    }
    return body;
  },
  reply(json, model) {
    const parsed = openaiReplySchema.safeParse(json);
    if (!parsed.success) throw malformed(parsed.error);
    const choice = parsed.data.choices[0];
    return {
      model: parsed.data.model ?? model,
      text: choice.message.content ?? "",
      truncated: choice.finish_reason === "length",
      usage: { input: parsed.data.usage?.prompt_tokens ?? null, output: parsed.data.usage?.completion_tokens ?? null },
    };
  },
};

const anthropicReplySchema = z.object({
  model: z.string().nullish(),
  content: z.array(
    z.union([
      z.object({ type: z.literal("text"), text: z.string() }),
      z.object({ type: z.literal("tool_use"), name: z.string(), input: z.unknown() }),
      z.object({ type: z.string() }).loose(),
    ]),
  ),
  stop_reason: z.string().nullish(),
  usage: z.object({ input_tokens: count, output_tokens: count }).nullish(),
});

const anthropic: WireFormat = {
  url: (p) => `${p.baseUrl}/v1/messages`,
  headers: (p) => ({ "x-api-key": p.apiKey, "anthropic-version": "2023-06-01" }),
  body(request, _provider, { model, omitTemperature }) {
    const body: Record<string, unknown> = { model, max_tokens: request.maxTokens, system: request.system, messages: request.messages };
    if (!omitTemperature) body.temperature = request.temperature ?? 0;
    if (request.json) {
      body.tools = [{ name: request.json.name, description: request.json.description, input_schema: request.json.schema }];
      body.tool_choice = { type: "tool", name: request.json.name };
    }
    return body;
  },
  reply(json, model) {
    const parsed = anthropicReplySchema.safeParse(json);
    if (!parsed.success) throw malformed(parsed.error);
    const blocks = parsed.data.content;
    const text = blocks
      .filter((b): b is { type: "text"; text: string } => b.type === "text" && typeof (b as { text?: unknown }).text === "string")
      .map((b) => b.text)
      .join("\n");
    const tool = blocks.find((b) => b.type === "tool_use") as { input: unknown } | undefined;
    return {
      model: parsed.data.model ?? model,
      text,
      ...(tool ? { toolInput: tool.input } : {}),
      truncated: parsed.data.stop_reason === "max_tokens",
      usage: { input: parsed.data.usage?.input_tokens ?? null, output: parsed.data.usage?.output_tokens ?? null },
    };
  },
};

export const WIRE_FORMATS: Record<LlmProvider["api"], WireFormat> = { openai, anthropic };

function malformed(error: z.ZodError): LlmError {
  const issue = error.issues[0];
  return new LlmError("malformed_response", `not a chat reply (${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"})`);
}

/** The provider's own error message from an error body (both providers use `{error: {message}}`). */
export function providerMessage(body: string): string {
  try {
    const json = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof json.error === "string" ? json.error : (json.error?.message ?? json.message);
    if (typeof message === "string" && message.trim()) return clip(message.trim());
  } catch {
    // Not JSON: an HTML error page or plain text.
  }
  return clip(body.replace(/\s+/g, " ").trim()) || "(empty body)";
}

const clip = (s: string, max = 300) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
