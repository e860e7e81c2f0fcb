/** One readable line per trace event, for `pome inspect`. */
import type { TraceEvent } from "../trace/index.js";
import type { Palette } from "./ansi.js";
import { count, duration, oneLine } from "./format.js";

const ARGS_MAX = 100;

/** `#seq +t  what → outcome`, times relative to the first event. */
export function timelineLines(events: TraceEvent[], p: Palette): string[] {
  if (events.length === 0) return ["  (no events)"];
  const start = Date.parse(events[0].ts);
  const offsets = events.map((e) => {
    const at = Date.parse(e.ts);
    return Number.isFinite(at) && Number.isFinite(start) ? `+${((at - start) / 1000).toFixed(3)}s` : "+?";
  });
  const seqWidth = Math.max(...events.map((e) => `#${e.seq}`.length));
  const offsetWidth = Math.max(...offsets.map((o) => o.length));
  return events.map((e, i) => `  ${p.dim(`#${e.seq}`.padEnd(seqWidth))}  ${p.dim(offsets[i].padStart(offsetWidth))}  ${describe(e, p)}`);
}

function describe(e: TraceEvent, p: Palette): string {
  switch (e.kind) {
    case "RunStartedEvent":
      return p.bold(`run started · ${e.scenario} · twins ${e.twins.join(", ")} · ${e.mode} · trial ${e.trial + 1}`);
    case "TwinHttpEvent": {
      const what = e.operation ? `${e.operation}${argsSummary(e.args)}` : `${e.method} ${e.path}`;
      const status = e.status >= 400 ? p.red(String(e.status)) : p.green(String(e.status));
      const error = e.error ? ` ${oneLine(e.error.code ? `${e.error.code}: ${e.error.message}` : e.error.message, 80)}` : "";
      const tags = [e.transport === "mcp" ? "mcp" : null, e.preflight ? "preflight" : null, e.idempotent_replay ? "replay" : null, e.fidelity !== "semantic" ? e.fidelity : null]
        .filter((t): t is string => t !== null)
        .map((t) => p.dim(`[${t}]`));
      return [`${e.twin} ${what} → ${status}${error}`, ...tags].join(" ");
    }
    case "LlmCallEvent": {
      const where = e.url ?? `${e.host}:${e.port}`;
      const model = e.model ? ` ${e.model}` : "";
      const tokens = e.prompt_tokens !== null || e.completion_tokens !== null ? ` tokens ${e.prompt_tokens ?? "?"}/${e.completion_tokens ?? "?"}` : "";
      // Through a CONNECT tunnel the proxy sees bytes, not the HTTP status.
      const outcome = e.status === null ? `tunnel, ${bytes(e.bytes_out)} out, ${bytes(e.bytes_in)} in` : e.status >= 400 ? p.red(String(e.status)) : p.green(String(e.status));
      return `llm ${e.method ? `${e.method} ` : ""}${where}${model}${tokens} → ${outcome} ${p.dim(`(${duration(e.latency_ms)})`)}`;
    }
    case "EgressRefusedEvent":
      return p.yellow(`egress refused ${e.host}:${e.port}: ${e.reason}`);
    case "WebhookDeliveryEvent": {
      const outcome = e.error === null ? p.green(String(e.status)) : p.red(e.status === null ? e.error : String(e.status));
      return `${e.twin} webhook ${e.label} → ${e.url} ${outcome}${e.attempt > 1 ? ` ${p.dim(`[attempt ${e.attempt}]`)}` : ""}`;
    }
    case "AgentExitEvent": {
      const how = e.timed_out ? "timed out" : e.signal ? `was killed by ${e.signal}` : `exited ${e.code}`;
      const line = `agent ${how} after ${duration(e.duration_ms)}${e.preflight ? " [preflight]" : ""}`;
      return e.timed_out || e.signal || e.code !== 0 ? p.red(line) : line;
    }
    case "ToolUseEvent":
      return `tool_use ${e.tool_name}${argsSummary(e.input)} ${p.dim(`(${e.tool_use_id})`)}`;
    case "ToolResultEvent":
      return `tool_result ${e.tool_use_id} → ${e.is_error ? p.red("error") : "ok"}`;
    case "SubagentSpawnEvent":
      return `subagent spawned${e.parent_tool_use_id ? ` by ${e.parent_tool_use_id}` : ""}`;
    case "HookEvent":
      return `hook ${e.hook_name}${e.tool_name ? ` tool=${e.tool_name}` : ""}`;
    case "RunSummary":
      return `summary "${oneLine(e.summary, 120)}"`;
    case "RunFinishedEvent":
      return p.bold(`run finished · ${e.status} ${e.satisfaction}/100 · exit ${e.exit_code}`);
  }
}

/** `(owner=acme, repo=api, labels=[bug])`: scalars as written, nesting summarised. */
export function argsSummary(args: unknown): string {
  if (args === undefined || args === null) return "";
  if (typeof args !== "object" || Array.isArray(args)) return `(${scalar(args)})`;
  const parts = Object.entries(args as Record<string, unknown>).map(([k, v]) => `${k}=${scalar(v)}`);
  return parts.length === 0 ? "()" : `(${oneLine(parts.join(", "), ARGS_MAX)})`;
}

function scalar(v: unknown): string {
  if (typeof v === "string") return /^[\w./#:@-]*$/.test(v) && v !== "" ? v : JSON.stringify(oneLine(v, 32));
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  if (Array.isArray(v)) {
    return v.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x)) ? `[${v.map(scalar).join(",")}]` : `[${count(v.length, "item")}]`;
  }
  if (typeof v === "object") return "{…}";
  return String(v);
}

function bytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} kB`;
}
