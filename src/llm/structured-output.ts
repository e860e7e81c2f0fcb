/**
 * A JSON answer checked against a zod schema (spec/evaluate.md "structured output"): the
 * provider's JSON mode or a forced tool call, then `schema.parse`. A reply that does not
 * fit gets one repair attempt (the model sees its answer and what is wrong with it); a
 * second miss is an `invalid_output` (or `truncated`) error: never a guessed value.
 */
import type { z } from "zod";
import type { ChatReply, JsonOutputSpec } from "./chat-types.js";
import type { LlmClient } from "./client.js";
import { LlmError, type TokenUsage } from "./llm-error.js";

export interface StructuredRequest<T> {
  system: string;
  user: string;
  output: JsonOutputSpec;
  /** Validates (and may transform) the object the model produced. */
  schema: z.ZodType<T>;
  maxTokens: number;
  model?: string;
}

export interface StructuredResult<T> {
  value: T;
  model: string;
  /** Both attempts, when a repair was needed. */
  usage: TokenUsage;
  repaired: boolean;
}

type Reading<T> = { ok: true; value: T } | { ok: false; problem: string; truncated: boolean; echo: string };

export async function completeStructured<T>(client: LlmClient, req: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const first = await client.complete({ system: req.system, messages: [{ role: "user", content: req.user }], maxTokens: req.maxTokens, model: req.model, json: req.output });
  const read = readReply(first, req.schema);
  if (read.ok) return { value: read.value, model: first.model, usage: first.usage, repaired: false };

  let second: ChatReply;
  try {
    second = await client.complete({
      system: req.system,
      messages: [
        { role: "user", content: req.user },
        { role: "assistant", content: read.echo || "(no answer)" },
        {
          role: "user",
          content: `That answer cannot be used: ${read.problem}. Answer again with only the JSON object for ${req.output.name}, exactly as the schema describes, and nothing else.`,
        },
      ],
      maxTokens: req.maxTokens,
      model: req.model,
      json: req.output,
    });
  } catch (error) {
    if (error instanceof LlmError) error.usage = addUsage(first.usage, error.usage);
    throw error;
  }
  const usage = addUsage(first.usage, second.usage);
  const again = readReply(second, req.schema);
  if (again.ok) return { value: again.value, model: second.model, usage, repaired: true };
  throw new LlmError(again.truncated ? "truncated" : "invalid_output", `${again.problem} (also after one repair attempt)`, { usage });
}

function readReply<T>(reply: ChatReply, schema: z.ZodType<T>): Reading<T> {
  const echo = reply.toolInput !== undefined ? JSON.stringify(reply.toolInput) : reply.text;
  if (reply.truncated) return { ok: false, problem: "the answer was cut off at the token limit", truncated: true, echo };
  let candidate: unknown = reply.toolInput;
  if (candidate === undefined) {
    try {
      candidate = JSON.parse(unfence(reply.text));
    } catch (error) {
      return { ok: false, problem: `it is not JSON (${(error as Error).message})`, truncated: false, echo };
    }
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.length ? `${i.path.join(".")}: ` : ""}${i.message}`);
  return { ok: false, problem: `it does not match the schema (${issues.join("; ")})`, truncated: false, echo };
}

/** A whole answer wrapped in one ```json fence is still exactly one JSON document. */
function unfence(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  return fenced ? fenced[1] : trimmed;
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    input: a.input === null || b.input === null ? null : a.input + b.input,
    output: a.output === null || b.output === null ? null : a.output + b.output,
  };
}
