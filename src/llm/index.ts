/**
 * llm/: pome's own LLM calls (the judge and fix prompts), the one place that talks to a
 * provider. Takes the environment and chat requests; gives replies, JSON checked against
 * zod schemas, token usage and cost estimates, or typed LlmErrors.
 */
export { resolveProvider, describeProvider, DEFAULT_MODELS, type LlmApi, type LlmProvider, type LlmSource } from "./provider.js";
export { LlmClient, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, DEFAULT_TRIES, type LlmClientOptions } from "./client.js";
export { ConcurrencyLimit } from "./concurrency-limit.js";
export type { ChatMessage, ChatReply, ChatRequest, JsonOutputSpec } from "./chat-types.js";
export { completeStructured, addUsage, type StructuredRequest, type StructuredResult } from "./structured-output.js";
export { describeLlmError, isRetryable, LlmError, outcomeOfLlmError, type LlmErrorKind, type TokenUsage } from "./llm-error.js";
export { backoffMs, retryAfterMs, type BackoffOptions } from "./retry-timing.js";
export { estimateCostUsd, priceOf } from "./pricing.js";
