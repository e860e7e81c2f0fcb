/** One exchange with a model, independent of the provider's wire format. */
import type { TokenUsage } from "./llm-error.js";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** Ask for a JSON object of this shape: JSON mode (OpenAI) or a forced tool call (Anthropic). */
export interface JsonOutputSpec {
  /** A tool / schema name: letters, digits, `_` and `-`. */
  name: string;
  description: string;
  /** JSON Schema of the object (an `object` with `properties`, all required, no extras). */
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  maxTokens: number;
  /** Defaults to the provider's model. */
  model?: string;
  /** Defaults to 0: verdicts and fix prompts should not change from run to run. */
  temperature?: number;
  json?: JsonOutputSpec;
}

export interface ChatReply {
  /** The model that answered, as the provider reports it (else the one asked for). */
  model: string;
  /** The text of the answer ("" when the answer is a tool call only). */
  text: string;
  /** Anthropic: the input of the forced tool call, when there was one. */
  toolInput?: unknown;
  /** The answer stopped at the token limit. */
  truncated: boolean;
  usage: TokenUsage;
}
