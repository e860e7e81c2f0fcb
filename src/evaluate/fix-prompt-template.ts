/**
 * The fix prompt without an LLM: a deterministic markdown document, addressed to a coding
 * agent working on the user's agent, with the task, what the agent did, each failure with
 * its evidence, and specific suggested changes per kind of failure.
 */
import type { RecordedCall } from "./call-condensation.js";
import { findingsOf, type Finding } from "./fix-prompt-findings.js";
import { clipJson, clipText } from "./json-clip.js";
import type { Score } from "./score-schema.js";
import type { StateChange } from "./state-diff.js";

/** Everything a fix prompt is written from (already redacted). */
export interface FixPromptMaterial {
  scenario: {
    title: string;
    /** The scenario file as the run was given it. */
    file: string;
    /** Null when the scenario file could not be read back (`pome fix-prompt` on an old run). */
    prompt: string | null;
    expectedBehavior: string | null;
  };
  score: Pick<Score, "status" | "satisfaction" | "pass_threshold" | "status_reason" | "results">;
  /** The scored twin calls, in order. */
  calls: RecordedCall[];
  /** The run's twins; with several, each call is named with its twin (`stripe.create_refund`). */
  twins?: string[];
  changes: StateChange[];
  agentSummary: string | null;
  /** The agent command, for the re-run line. */
  agentCommand: string | null;
}

const CALLS_SHOWN = 15;
const CHANGES_SHOWN = 20;

export function templateFixPrompt(m: FixPromptMaterial): string {
  const findings = findingsOf(m.score.results, m.calls);
  const out: string[] = [];
  out.push(`# Fix prompt: ${m.scenario.title}`);
  out.push(
    `You are working on the code of an AI agent (its system prompt, tools and control flow). pome ran it against the scenario "${m.scenario.title}" (\`${m.scenario.file}\`) and it did not pass: ` +
      `${statusText(m)}. Change the agent so that it behaves as described below in general; do not special-case this scenario.`,
  );

  out.push("## The task the agent was given");
  out.push(m.scenario.prompt ? quote(m.scenario.prompt) : "_(the scenario file could not be read; see the criteria below)_");
  if (m.scenario.expectedBehavior) {
    out.push("## What a good run looks like");
    out.push(quote(m.scenario.expectedBehavior));
  }

  out.push("## What the agent did");
  out.push(...didLines(m, findings));

  out.push("## What went wrong");
  if (findings.length === 0) out.push(`Every criterion that was evaluated passed; ${m.score.status_reason ?? "the scenario did not reach its threshold"}.`);
  const several = (m.twins?.length ?? 0) > 1;
  findings.forEach((f, i) => out.push(...findingLines(f, i + 1, m.scenario.file, several)));

  const unjudged = findings.filter((f) => f.kind === "not-judged").length;
  if (unjudged > 0) {
    out.push(`(${unjudged === 1 ? "One criterion was" : `${unjudged} criteria were`} not judged: ${unjudged === 1 ? "it says" : "they say"} nothing about the agent yet. Configure an LLM judge to see ${unjudged === 1 ? "it" : "them"}.)`);
  }

  out.push("## Suggested changes");
  const suggestions: string[] = [];
  if (m.calls.length === 0) {
    suggestions.push(
      "The agent made no calls at all: check that it reads its task from `POME_TASK`, connects to the services pome gives it (`POME_<TWIN>_REST_URL` / `POME_<TWIN>_MCP_URL` with `POME_AUTH_TOKEN`), and does not exit before acting.",
    );
  }
  suggestions.push(...new Set(findings.flatMap((f) => f.suggestions)));
  if (findings.length > 0 && findings.every((f) => f.kind === "not-judged")) {
    suggestions.push(
      "Nothing pome could evaluate failed: there is nothing to change in the agent yet. Configure an LLM judge (ANTHROPIC_API_KEY, OPENAI_API_KEY, or POME_LLM_BASE_URL + POME_LLM_API_KEY + POME_LLM_MODEL) and run again, or check the criteria above against the calls by hand.",
    );
  }
  if (findings.some((f) => f.verdict.kind === "P") && !m.agentSummary) {
    suggestions.push('The agent printed no summary. End every run with one JSON line `{"summary": "..."}` on stdout saying what it did and why: the judge of `[P]` criteria reads it.');
  }
  if (m.score.status === "error" && m.score.status_reason) {
    suggestions.push(`Fix the agent's control flow first: ${m.score.status_reason}. It must finish within the time limit and exit 0 when it is done.`);
  }
  out.push(suggestions.length ? suggestions.map((s) => `- ${s}`).join("\n") : "- Compare the agent's calls above with the expected behaviour and close the gap.");

  out.push("## How to check the fix");
  const agent = m.agentCommand ? ` --agent ${shellQuote(m.agentCommand)}` : "";
  out.push(`Run \`pome run ${m.scenario.file}${agent}\` and make sure every criterion passes; run the other scenarios too, so the fix does not overfit this one.`);
  return `${out.join("\n\n")}\n`;
}

function statusText(m: FixPromptMaterial): string {
  const s = m.score;
  const label = { pass: "PASS", fail: "FAIL", unevaluated: "UNEVALUATED", error: "ERROR" }[s.status];
  return `${label}, score ${s.satisfaction}/100 (needs ${s.pass_threshold})`;
}

function didLines(m: FixPromptMaterial, findings: Finding[]): string[] {
  const lines: string[] = [];
  const calls = m.calls;
  if (calls.length === 0) lines.push("The agent made no calls to the services at all.");
  else {
    const writes = calls.filter((c) => c.state_mutation).length;
    const failed = calls.filter((c) => c.status >= 400).length;
    lines.push(`${calls.length} call${calls.length === 1 ? "" : "s"} to the services: ${writes} changed state, ${failed} failed. The ones that matter:`);
    const cited = new Set(findings.flatMap((f) => f.calls.map((c) => c.event_id)));
    const matter = calls.filter((c) => c.state_mutation || c.status >= 400 || cited.has(c.event_id));
    const shown = matter.slice(0, CALLS_SHOWN);
    const several = (m.twins?.length ?? 0) > 1;
    lines.push(shown.length ? shown.map((c) => `- ${callLine(c, several)}`).join("\n") : "- (only reads: it changed nothing)");
    if (matter.length > shown.length) lines.push(`(${matter.length - shown.length} more; see events.jsonl)`);
  }
  // A bumped updated_at says nothing the other changes do not.
  const changes = m.changes.filter((c) => !/(^|\.)updated_at$/.test(c.path));
  if (changes.length > 0) {
    const shown = changes.slice(0, CHANGES_SHOWN).map((c) => {
      const value = c.change === "changed" ? `${clipJson(c.before, 120)} → ${clipJson(c.after, 120)}` : clipJson(c.change === "added" ? c.after : c.before, 300);
      return `- ${c.change} \`${c.path}\`: ${value}`;
    });
    if (changes.length > CHANGES_SHOWN) shown.push(`- … ${changes.length - CHANGES_SHOWN} more changes`);
    lines.push(`What changed in the world:\n${shown.join("\n")}`);
  } else if (calls.length > 0) {
    lines.push("The world was left unchanged.");
  }
  lines.push(m.agentSummary ? `Its own summary:\n${quote(clipText(m.agentSummary, 1500))}` : "It gave no final summary.");
  return lines;
}

function findingLines(f: Finding, n: number, file: string, several: boolean): string[] {
  const v = f.verdict;
  const what = v.outcome === "failed" ? "failed" : v.outcome === "skipped" ? "was not judged" : "errored";
  const judge = v.kind === "P" && v.confidence !== null ? ` (judge confidence ${v.confidence})` : "";
  const lines = [`### ${n}. [${v.kind}${v.must_pass ? "!" : ""}${v.twin ? `:${v.twin}` : ""}] ${v.text}`, `\`${file}:${v.line}\` ${what}${v.must_pass ? " (must pass)" : ""}: ${v.reason}${judge}`];
  if (f.calls.length) lines.push(`Evidence:\n${f.calls.map((c) => `- ${callLine(c, several)}`).join("\n")}`);
  return lines;
}

function callLine(c: RecordedCall, several: boolean): string {
  const head = `\`${c.event_id}\` ${several ? `${c.twin}.` : ""}${c.operation ?? "(unknown route)"} (${c.transport.toUpperCase() === "MCP" ? "MCP" : "REST"} ${c.method} ${c.path}) → ${c.status}`;
  const error = c.error ? ` ${c.error.message}` : "";
  // Writes carry what the agent said (a review, a comment): worth more room than a read's arguments.
  const args = c.args && typeof c.args === "object" && Object.keys(c.args).length ? ` · ${clipJson(c.args, c.state_mutation ? 800 : 200)}` : "";
  return `${head}${error}${args}`;
}

function quote(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((l) => `> ${l}`.trimEnd())
    .join("\n");
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
