/**
 * signals.jsonl: rows an agent or its adapter appends while it runs (spec/run.md). Each
 * valid row becomes an event body for the writer; a bad line is counted, never fatal.
 */
import { z } from "zod";
import {
  hookEventSchema,
  llmCallEventSchema,
  runSummaryEventSchema,
  SIGNAL_KINDS,
  subagentSpawnEventSchema,
  toolResultEventSchema,
  toolUseEventSchema,
  type TraceEventKind,
} from "./events.js";

type SignalKind = (typeof SIGNAL_KINDS)[number];

/** The writer stamps the envelope; whatever the adapter put there is dropped. */
const noEnvelope = { event_id: true, parent_id: true, ts: true, seq: true, run_id: true } as const;

/** Adapters often omit nullable fields and flags; the defaults are what "absent" means. */
const SIGNAL_SCHEMAS: Record<SignalKind, z.ZodType<Record<string, unknown>>> = {
  ToolUseEvent: toolUseEventSchema.omit(noEnvelope),
  ToolResultEvent: toolResultEventSchema.omit(noEnvelope).extend({ is_error: z.boolean().default(false) }),
  SubagentSpawnEvent: subagentSpawnEventSchema.omit(noEnvelope).extend({ parent_tool_use_id: z.string().nullable().default(null) }),
  HookEvent: hookEventSchema.omit(noEnvelope).extend({ tool_name: z.string().nullable().default(null) }),
  LlmCallEvent: llmCallEventSchema.omit(noEnvelope).extend({
    url: z.string().nullable().default(null),
    method: z.string().nullable().default(null),
    status: z.number().int().nullable().default(null),
    model: z.string().nullable().default(null),
    prompt_tokens: z.number().int().nullable().default(null),
    completion_tokens: z.number().int().nullable().default(null),
    latency_ms: z.number().default(0),
    bytes_in: z.number().int().default(0),
    bytes_out: z.number().int().default(0),
  }),
  RunSummary: runSummaryEventSchema.omit(noEnvelope),
};

export interface SignalProblem {
  /** 1-based line in signals.jsonl. */
  line: number;
  message: string;
}

export interface ParsedSignals {
  events: Array<{ kind: TraceEventKind } & Record<string, unknown>>;
  invalid: number;
  /** The last RunSummary's text, or null. */
  summary: string | null;
  /** Why each invalid line was rejected (for the run's warning). */
  problems: SignalProblem[];
}

/** signals.jsonl → events bodies; invalid lines counted, never fatal; RunSummary text extracted. */
export function parseSignals(text: string): ParsedSignals {
  const events: ParsedSignals["events"] = [];
  const problems: SignalProblem[] = [];
  let summary: string | null = null;

  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const line = index + 1;
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, message: `not JSON (${(error as Error).message})` });
      return;
    }
    if (row === null || typeof row !== "object" || Array.isArray(row)) {
      problems.push({ line, message: "not a JSON object" });
      return;
    }
    const kind = (row as { kind?: unknown }).kind;
    if (typeof kind !== "string" || !(SIGNAL_KINDS as readonly string[]).includes(kind)) {
      problems.push({ line, message: `unknown kind ${JSON.stringify(kind ?? null)} (expected one of ${SIGNAL_KINDS.join(", ")})` });
      return;
    }
    const parsed = SIGNAL_SCHEMAS[kind as SignalKind].safeParse(row);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(row)"}: ${i.message}`).join("; ");
      problems.push({ line, message: `invalid ${kind}: ${detail}` });
      return;
    }
    const body = { ...parsed.data, kind: kind as TraceEventKind };
    if (kind === "RunSummary") summary = parsed.data.summary as string;
    events.push(body);
  });

  return { events, invalid: problems.length, summary, problems };
}
