/**
 * The event kinds of events.jsonl (spec/run.md). zod is the single source of each shape;
 * the TypeScript types are inferred from these schemas.
 */
import { z } from "zod";

/** Fields every row carries. `event_id`, `seq`, `ts` and `run_id` are stamped by the writer. */
export const envelope = {
  event_id: z.string(),
  parent_id: z.string().nullable(),
  ts: z.string(),
  seq: z.number().int().nonnegative(),
  run_id: z.string(),
};

export const fidelitySchema = z.enum(["semantic", "shape", "unsupported"]);
export type Fidelity = z.infer<typeof fidelitySchema>;

export const transportSchema = z.enum(["rest", "mcp"]);
export type Transport = z.infer<typeof transportSchema>;

/**
 * One request a twin handled, normalised: `operation` and `args` are the same whether the
 * call came over REST (any body encoding) or MCP. Checks read these, never raw paths.
 */
export const twinCallSchema = z.object({
  twin: z.string(),
  transport: transportSchema,
  /** Operation name from the twin's table (= MCP tool name); null for an unknown REST route. */
  operation: z.string().nullable(),
  args: z.unknown(),
  method: z.string(),
  path: z.string(),
  query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  request_headers: z.record(z.string(), z.string()),
  request_body: z.unknown(),
  status: z.number().int(),
  response_body: z.unknown(),
  latency_ms: z.number(),
  fidelity: fidelitySchema,
  state_mutation: z.boolean(),
  idempotent_replay: z.boolean(),
  preflight: z.boolean(),
  error: z.object({ code: z.string().nullable(), message: z.string() }).nullable(),
});
export type TwinCall = z.infer<typeof twinCallSchema>;

export const runStartedEventSchema = z.object({
  kind: z.literal("RunStartedEvent"),
  ...envelope,
  scenario: z.string(),
  twins: z.array(z.string()),
  agent_command: z.string(),
  mode: z.enum(["local", "hosted"]),
  trial: z.number().int().nonnegative(),
});

export const twinHttpEventSchema = twinCallSchema.extend({ kind: z.literal("TwinHttpEvent"), ...envelope });

export const llmCallEventSchema = z.object({
  kind: z.literal("LlmCallEvent"),
  ...envelope,
  host: z.string(),
  port: z.number().int(),
  url: z.string().nullable(),
  method: z.string().nullable(),
  status: z.number().int().nullable(),
  model: z.string().nullable(),
  prompt_tokens: z.number().int().nullable(),
  completion_tokens: z.number().int().nullable(),
  latency_ms: z.number(),
  bytes_in: z.number().int(),
  bytes_out: z.number().int(),
  /** The LLM provider of the host (openai, anthropic, …); null for other egress the floor allowed. Absent in older traces and signals. */
  provider: z.string().nullable().optional(),
});

export const egressRefusedEventSchema = z.object({
  kind: z.literal("EgressRefusedEvent"),
  ...envelope,
  host: z.string(),
  port: z.number().int(),
  reason: z.string(),
});

/** One attempt to deliver a message a twin sent out of the world (a signed Stripe webhook event). */
export const webhookDeliveryEventSchema = z.object({
  kind: z.literal("WebhookDeliveryEvent"),
  ...envelope,
  twin: z.string(),
  url: z.string(),
  /** What was delivered: `evt_… charge.refunded`. */
  label: z.string(),
  attempt: z.number().int().positive(),
  /** The receiver's HTTP status; null when it did not answer. */
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  latency_ms: z.number(),
});

export const agentExitEventSchema = z.object({
  kind: z.literal("AgentExitEvent"),
  ...envelope,
  code: z.number().int().nullable(),
  signal: z.string().nullable(),
  timed_out: z.boolean(),
  duration_ms: z.number(),
  preflight: z.boolean(),
});

export const toolUseEventSchema = z.object({
  kind: z.literal("ToolUseEvent"),
  ...envelope,
  tool_use_id: z.string(),
  tool_name: z.string(),
  input: z.unknown(),
});

export const toolResultEventSchema = z.object({
  kind: z.literal("ToolResultEvent"),
  ...envelope,
  tool_use_id: z.string(),
  output: z.unknown(),
  is_error: z.boolean(),
});

export const subagentSpawnEventSchema = z.object({
  kind: z.literal("SubagentSpawnEvent"),
  ...envelope,
  parent_tool_use_id: z.string().nullable(),
});

export const hookEventSchema = z.object({
  kind: z.literal("HookEvent"),
  ...envelope,
  hook_name: z.string(),
  tool_name: z.string().nullable(),
});

/** The agent's own final summary, as a signal (`{"kind":"RunSummary","summary":"..."}`). */
export const runSummaryEventSchema = z.object({
  kind: z.literal("RunSummary"),
  ...envelope,
  summary: z.string(),
});

export const runFinishedEventSchema = z.object({
  kind: z.literal("RunFinishedEvent"),
  ...envelope,
  status: z.enum(["pass", "fail", "unevaluated", "error"]),
  satisfaction: z.number(),
  exit_code: z.number().int(),
});

export const traceEventSchema = z.discriminatedUnion("kind", [
  runStartedEventSchema,
  twinHttpEventSchema,
  llmCallEventSchema,
  egressRefusedEventSchema,
  webhookDeliveryEventSchema,
  agentExitEventSchema,
  toolUseEventSchema,
  toolResultEventSchema,
  subagentSpawnEventSchema,
  hookEventSchema,
  runSummaryEventSchema,
  runFinishedEventSchema,
]);
export type TraceEvent = z.infer<typeof traceEventSchema>;
export type TraceEventKind = TraceEvent["kind"];
export type EventOf<K extends TraceEventKind> = Extract<TraceEvent, { kind: K }>;
/** What a producer hands the writer: the event without the stamped envelope. */
export type EventBody<K extends TraceEventKind> = Omit<EventOf<K>, keyof typeof envelope> & { parent_id?: string | null };

/** Signal kinds an agent or adapter may append to signals.jsonl (spec/run.md). */
export const SIGNAL_KINDS = ["ToolUseEvent", "ToolResultEvent", "SubagentSpawnEvent", "HookEvent", "LlmCallEvent", "RunSummary"] as const;
