/**
 * `pome inspect <run>`: what happened in one run, in order (twin calls, LLM calls, refusals,
 * agent exit), then how each criterion was judged.
 */
import type { Score, Verdict } from "../evaluate/index.js";
import { ARTIFACT } from "../run/index.js";
import { stripControlsDeep, type TraceEvent } from "../trace/index.js";
import { palette, type Palette } from "./ansi.js";
import { count, duration, oneLine } from "./format.js";
import { judgeNote, judgeUsageLine } from "./judge-lines.js";
import { LABELS, marker, paintIcon, paintStatus } from "./status.js";
import { timelineLines } from "./timeline.js";

export interface InspectInput {
  /** meta.json as written by the run (read loosely: older or partial folders still render). */
  meta: Record<string, unknown>;
  events: TraceEvent[];
  score: Score | null;
}

export function renderInspect(untrusted: InspectInput, opts: { color: boolean }): string {
  // Everything in a run folder came from the agent, the twins or the judge at some remove.
  const input = stripControlsDeep(untrusted);
  const p = palette(opts.color);
  const lines = [...header(input.meta, p), ...captureLines(input.meta, p), traceCounts(input.events), ...refusedLines(input.events, p), "", p.bold("Timeline"), ...timelineLines(input.events, p), "", ...verdictLines(input.score, p)];
  return `${lines.join("\n")}\n`;
}

function header(meta: Record<string, unknown>, p: Palette): string[] {
  const scenario = record(meta.scenario);
  const title = str(scenario?.title) ?? str(meta.title);
  const slug = str(scenario?.slug) ?? str(meta.scenario);
  const path = str(scenario?.path);
  const trial = num(meta.trial);
  const lines = [`${p.bold("Run")} ${str(meta.run_id) ?? "(unknown run id)"}${trial !== null ? ` · trial ${trial + 1}` : ""}`];
  if (title || slug || path) lines.push(`${p.bold("Scenario")} ${[title, path ?? slug].filter(Boolean).join(" · ")}`);

  const agent = [str(meta.agent_command), str(meta.agent_model) ? `model ${str(meta.agent_model)}` : null];
  const exit = record(meta.exit);
  if (exit) agent.push(exitText(exit));
  if (agent.some(Boolean)) lines.push(`${p.bold("Agent")} ${agent.filter(Boolean).join(" · ")}`);

  const when = [str(meta.started_at), str(meta.mode), Array.isArray(meta.twins) ? `twins ${meta.twins.join(", ")}` : null, str(meta.pome_version) ? `pome ${str(meta.pome_version)}` : null];
  if (when.some(Boolean)) lines.push(`${p.bold("Started")} ${when.filter(Boolean).join(" · ")}`);
  const error = str(meta.error);
  if (error) lines.push(`${p.magenta("Error")} ${error}`);
  for (const warning of Array.isArray(meta.warnings) ? meta.warnings : []) {
    if (typeof warning === "string") lines.push(`${p.yellow("Warning")} ${warning}`);
  }
  const summary = str(meta.agent_summary);
  if (summary) lines.push(`${p.bold("Summary")} ${oneLine(summary, 200)}`);
  return lines;
}

function exitText(exit: Record<string, unknown>): string {
  const ms = num(exit.duration_ms);
  const after = ms !== null ? ` after ${duration(ms)}` : "";
  if (exit.timed_out === true) return `timed out${after}`;
  if (str(exit.signal)) return `killed by ${str(exit.signal)}${after}`;
  return `exit ${num(exit.code) ?? "?"}${after}`;
}

function traceCounts(events: TraceEvent[]): string {
  const twin = events.filter((e) => e.kind === "TwinHttpEvent");
  const preflight = twin.filter((e) => e.kind === "TwinHttpEvent" && e.preflight).length;
  const llm = events.filter((e) => e.kind === "LlmCallEvent").length;
  const refused = events.filter((e) => e.kind === "EgressRefusedEvent").length;
  const signals = events.filter((e) => ["ToolUseEvent", "ToolResultEvent", "SubagentSpawnEvent", "HookEvent", "RunSummary"].includes(e.kind)).length;
  const parts = [`${count(twin.length, "twin call")}${preflight ? ` (${preflight} preflight)` : ""}`, count(llm, "LLM call"), `${refused} egress refused`, count(signals, "adapter signal")];
  return `Trace ${parts.join(" · ")}`;
}

/** Which capture layers ran, and what the trace could therefore have missed (meta.json `capture`). */
function captureLines(meta: Record<string, unknown>, p: Palette): string[] {
  const capture = record(meta.capture);
  if (!capture) return [];
  const blind = (Array.isArray(capture.blind_spots) ? capture.blind_spots : []).filter((b): b is string => typeof b === "string");
  const missed = blind.map((b) => `  ${p.dim("could miss:")} ${b}`);
  if (capture.proxy !== true) return [`${p.bold("Capture")} off (--no-capture)`, ...missed];
  const parts = ["proxy on, egress deny-by-default"];
  if (capture.tls === true) {
    const routes = Object.entries(record(capture.vendor_routes) ?? {}).map(([host, twin]) => `${host} → ${String(twin)} twin`);
    parts.push(`TLS on${routes.length ? ` (${routes.join(", ")})` : ""}`);
  } else parts.push("TLS off");
  return [`${p.bold("Capture")} ${parts.join(" · ")}`, ...missed];
}

/** `Refused api.github.com:443 ×2, example.com:443`: most refused first. */
function refusedLines(events: TraceEvent[], p: Palette): string[] {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== "EgressRefusedEvent") continue;
    const key = `${e.host.includes(":") ? `[${e.host}]` : e.host}:${e.port}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return [];
  const hosts = [...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)).map(([host, n]) => (n > 1 ? `${host} ×${n}` : host));
  return [`${p.yellow("Refused")} ${hosts.join(", ")}`];
}

function verdictLines(score: Score | null, p: Palette): string[] {
  if (!score) return [p.bold("Verdicts"), "  (score.json not found)"];
  const label = paintStatus(score.status, LABELS[score.status], p);
  const counts = [`${score.passed} passed`, `${score.failed} failed`];
  if (score.skipped) counts.push(`${score.skipped} skipped`);
  if (score.errored) counts.push(`${score.errored} errored`);
  const advisory = score.results.filter((v) => v.advisory).length;
  if (advisory) counts.push(`${advisory} advisory`);
  const lines = [`${p.bold("Verdicts")} ${label} ${score.satisfaction}/100 (threshold ${score.pass_threshold}) · ${counts.join(", ")} · exit ${score.exit_code}`];
  if (score.status_reason) lines.push(`  ${score.status_reason}`);
  for (const v of score.results) lines.push(...verdict(v, p));
  const usage = judgeUsageLine(score);
  if (usage) lines.push(`  ${p.dim("judge:")} ${usage}`);
  if (score.fix_prompt) lines.push(`  ${p.dim("fix prompt:")} ${ARTIFACT.fixPrompt} (${score.fix_prompt_source === "llm" ? "written by the LLM" : "from the template"})`);
  if (score.trials) {
    const t = score.trials;
    lines.push(`  trials: ${t.passes} passed · pass rate ${Math.round(t.pass_rate * 100)}% · pass^${t.k} ${Math.round(t.pass_hat_k * 100)}%`);
  }
  return lines;
}

function verdict(v: Verdict, p: Palette): string[] {
  const weight = v.weight !== 1 ? p.dim(` (weight ${v.weight})`) : "";
  const advisory = v.advisory ? p.dim(" (advisory)") : "";
  const lines = [`  ${paintIcon(v, p)} ${v.id} ${marker(v)} ${p.dim(`line ${v.line}`)}  ${v.text}${weight}${advisory}`];
  const details = [v.reason];
  if (v.evidence.length > 0) details.push(p.dim(`evidence: ${v.evidence.join(", ")}`));
  const judge = judgeNote(v);
  if (judge) details.push(p.dim(judge));
  lines.push(`      ${details.filter(Boolean).join("  ")}`);
  return lines;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const record = (v: unknown): Record<string, unknown> | null => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
