/**
 * The labelled judge set: traces recorded from the bundled scripted agents (and a few
 * deliberately wrong ones) on the bundled scenarios, each with the correct verdict of one
 * `[P]` criterion. `evaluateJudgeSet` runs a judge over it and measures agreement, tokens
 * and cost; `npm run judge-eval` prints that per provider and model.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { type Judge, type JudgeRequest } from "../../src/evaluate/index.js";
import { estimateCostUsd } from "../../src/llm/index.js";
import { parseScenario } from "../../src/scenario/index.js";
import { traceEventSchema, type TraceEvent } from "../../src/trace/index.js";

export const JUDGE_SET_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(JUDGE_SET_DIR, "../..");

export const judgeSetCaseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  scenario: z.string(),
  agent: z.string(),
  criterion: z.string(),
  expected: z.enum(["pass", "fail"]),
  why: z.string().min(1),
});
export type JudgeSetCase = z.infer<typeof judgeSetCaseSchema>;

const recordedRunSchema = z.object({ agent_summary: z.string().nullable(), scenario_sha256: z.string(), criterion_text: z.string() });

export interface LoadedCase extends JudgeSetCase {
  request: JudgeRequest;
  /** The scenario file changed since the trace was recorded (re-record with record.ts). */
  stale: boolean;
}

export function readCases(dir = JUDGE_SET_DIR): JudgeSetCase[] {
  return z.array(judgeSetCaseSchema).parse(JSON.parse(readFileSync(join(dir, "cases.json"), "utf8")));
}

export async function loadJudgeSet(dir = JUDGE_SET_DIR): Promise<LoadedCase[]> {
  const loaded: LoadedCase[] = [];
  for (const c of readCases(dir)) {
    const folder = join(dir, "cases", c.id);
    const scenario = await parseScenario(join(REPO_ROOT, c.scenario));
    const criterion = scenario.criteria.find((x) => x.id === c.criterion);
    if (!criterion || criterion.kind !== "P") throw new Error(`${c.id}: ${c.scenario} has no [P] criterion ${c.criterion}`);
    const run = recordedRunSchema.parse(readJson(join(folder, "run.json")));
    if (run.criterion_text !== criterion.text) throw new Error(`${c.id}: criterion ${c.criterion} changed since the trace was recorded; re-record the judge set`);
    const events = readFileSync(join(folder, "events.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => traceEventSchema.parse(JSON.parse(line)));
    const calls = events.filter((e): e is Extract<TraceEvent, { kind: "TwinHttpEvent" }> => e.kind === "TwinHttpEvent" && !e.preflight);
    loaded.push({
      ...c,
      stale: run.scenario_sha256 !== scenario.sha256,
      request: {
        scenario,
        criterion,
        input: { initial: readJson(join(folder, "state_initial.json")) as Record<string, unknown>, final: readJson(join(folder, "state_final.json")) as Record<string, unknown>, calls, events },
        agentSummary: run.agent_summary,
      },
    });
  }
  return loaded;
}

export interface CaseOutcome {
  id: string;
  expected: "pass" | "fail";
  outcome: "passed" | "failed" | "skipped" | "errored";
  agreed: boolean;
  confidence: number | null;
  reason: string;
  tokens_in: number | null;
  tokens_out: number | null;
}

export interface EvalReport {
  /** `anthropic claude-haiku-4-5` */
  label: string;
  model: string;
  cases: CaseOutcome[];
  agreed: number;
  /** Cases the judge answered (pass or fail); the rest were skipped or errored. */
  answered: number;
  agreement: number;
  tokens_in: number | null;
  tokens_out: number | null;
  cost_usd: number | null;
}

export async function evaluateJudgeSet(cases: readonly LoadedCase[], target: { label: string; judge: Judge }): Promise<EvalReport> {
  const outcomes = await Promise.all(
    cases.map(async (c): Promise<CaseOutcome> => {
      const reply = await target.judge.judge(c.request);
      const expected = c.expected === "pass" ? "passed" : "failed";
      return { id: c.id, expected: c.expected, outcome: reply.outcome, agreed: reply.outcome === expected, confidence: reply.confidence, reason: reply.reason, tokens_in: reply.tokens_in, tokens_out: reply.tokens_out };
    }),
  );
  const known = outcomes.every((o) => o.tokens_in !== null && o.tokens_out !== null);
  const tokensIn = known ? outcomes.reduce((s, o) => s + o.tokens_in!, 0) : null;
  const tokensOut = known ? outcomes.reduce((s, o) => s + o.tokens_out!, 0) : null;
  const agreed = outcomes.filter((o) => o.agreed).length;
  return {
    label: target.label,
    model: target.judge.model,
    cases: outcomes,
    agreed,
    answered: outcomes.filter((o) => o.outcome === "passed" || o.outcome === "failed").length,
    agreement: outcomes.length ? agreed / outcomes.length : 0,
    tokens_in: tokensIn,
    tokens_out: tokensOut,
    cost_usd: tokensIn === null ? null : estimateCostUsd(target.judge.model, { input: tokensIn, output: tokensOut }),
  };
}

const VERDICT = { passed: "pass", failed: "fail", skipped: "skipped", errored: "errored" } as const;

export function renderEvalReports(reports: readonly EvalReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.label}`);
    for (const c of r.cases) {
      const got = VERDICT[c.outcome];
      const mark = c.agreed ? "✓" : "✗";
      const confidence = c.confidence === null ? "" : ` (${c.confidence.toFixed(2)})`;
      lines.push(`  ${mark} ${c.id.padEnd(24)} expected ${c.expected.padEnd(4)}  got ${got}${confidence}${c.agreed ? "" : ` — ${c.reason}`}`);
    }
    lines.push("");
  }
  lines.push("provider / model".padEnd(44) + "agreement".padEnd(16) + "tokens in/out".padEnd(20) + "cost");
  for (const r of reports) {
    const agreement = `${r.agreed}/${r.cases.length} ${Math.round(r.agreement * 100)}%`;
    const tokens = r.tokens_in === null ? "unknown" : `${r.tokens_in}/${r.tokens_out}`;
    const cost = r.cost_usd === null ? "unknown" : `$${r.cost_usd.toFixed(4)}`;
    const unanswered = r.cases.length - r.answered;
    lines.push(r.label.padEnd(44) + agreement.padEnd(16) + tokens.padEnd(20) + cost + (unanswered ? `  (${unanswered} not answered)` : ""));
  }
  return `${lines.join("\n")}\n`;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}
