/**
 * What `pome run` prints on stderr: one block per scenario, then a one-line tally
 * (spec/run.md "Terminal output").
 */
import { join } from "node:path";
import { EXIT_CODE_MEANINGS } from "../errors.js";
import type { Score, Verdict } from "../evaluate/index.js";
import { ARTIFACT, type BatchResult, type RunResult, type ScenarioResult } from "../run/index.js";
import { stripControls, stripControlsDeep } from "../trace/index.js";
import { palette, type Palette } from "./ansi.js";
import { count, displayPath, duration, oneLine, percent } from "./format.js";
import { judgeNote, judgeUsageLine } from "./judge-lines.js";
import { LABELS, marker, paintIcon, paintStatus, runStatus, scenarioStatus } from "./status.js";

export interface TerminalOptions {
  color: boolean;
  /** Run folders inside it are shown relative to it. */
  cwd?: string;
}

const CRITERION_TEXT_MAX = 90;
const SUMMARY_MAX = 160;

export function renderScenarioBlock(untrusted: ScenarioResult, opts: TerminalOptions): string {
  // Titles, errors, reasons, warnings, hosts and the agent's summary may carry escape sequences.
  const result = stripControlsDeep(untrusted);
  const p = palette(opts.color);
  const status = scenarioStatus(result);
  const lines = [`${p.bold(paintStatus(status, LABELS[status], p))} ${p.bold(result.title)}`];

  if (result.runs.length === 1) {
    lines.push(...runLines(result, result.runs[0], opts, p, "  "));
  } else {
    if (result.trials) {
      const t = result.trials;
      lines.push(`  trials: ${t.passes}/${result.runs.length} passed · pass rate ${percent(t.pass_rate)} · pass^${t.k} ${percent(t.pass_hat_k)}`);
    }
    for (const run of result.runs) {
      const s = runStatus(run);
      const score = run.score ? `${String(run.score.satisfaction).padStart(3)}/100` : "  —    ";
      const folder = run.run_dir ? `  ${p.dim(displayPath(run.run_dir, opts.cwd))}` : "";
      lines.push(`  trial ${run.trial + 1}  ${paintStatus(s, LABELS[s].padEnd(6), p)} ${score}${folder}`);
      lines.push(...runLines(result, run, opts, p, "    ", { folder: false }));
    }
    if (result.runs.length === 0) lines.push(`  ${p.magenta("no trial ran")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The lines under a run's label: why it ended, its score, the criteria that did not pass, its folder. */
function runLines(result: ScenarioResult, run: RunResult, opts: TerminalOptions, p: Palette, indent: string, show = { folder: true }): string[] {
  const single = result.runs.length === 1;
  const lines: string[] = [];
  const score = run.score;
  const problem = run.error ?? (score?.status === "error" ? score.status_reason : null);
  // A preflight crash quotes the agent's stderr on the lines after: kept under the block's indent.
  if (problem) lines.push(`${indent}${p.magenta("error:")} ${problem.replace(/\n/g, `\n${indent}`)}`);
  if (score) {
    if (single) lines.push(`${indent}${scoreLine(score, run, p)}`);
    if (score.status === "unevaluated" && score.status_reason) lines.push(`${indent}${p.yellow("unevaluated:")} ${score.status_reason}`);
    for (const v of score.results) {
      // A judged [P] is shown even when it passed: the judge's reason is worth a glance.
      if (v.outcome === "passed" && !(v.kind === "P" && v.judge_model)) continue;
      lines.push(`${indent}${criterionLine(result.file, v, score, p)}`);
    }
    const usage = judgeUsageLine(score);
    if (usage) lines.push(`${indent}${p.dim("judge:")} ${usage}`);
  }
  for (const warning of run.warnings) lines.push(`${indent}${p.yellow("warning:")} ${warning}`);
  const refused = egressLine(run.egress_refused);
  if (refused) lines.push(`${indent}${p.yellow("egress refused:")} ${refused}`);
  if (run.agent_summary) lines.push(`${indent}${p.dim("summary:")} ${oneLine(run.agent_summary, SUMMARY_MAX)}`);
  if (score?.fix_prompt && run.run_dir) {
    const source = score.fix_prompt_source === "template" ? " (template)" : "";
    lines.push(`${indent}${p.dim("fix prompt:")} ${displayPath(join(run.run_dir, ARTIFACT.fixPrompt), opts.cwd)}${source}`);
  }
  if (show.folder && run.run_dir) lines.push(`${indent}${p.dim("run:")} ${displayPath(run.run_dir, opts.cwd)}`);
  return lines;
}

function scoreLine(score: Score, run: RunResult, p: Palette): string {
  const counted = score.results.filter((v) => !v.advisory);
  const parts = [`score: ${p.bold(String(score.satisfaction))}/100${score.satisfaction < score.pass_threshold ? ` (needs ${score.pass_threshold})` : ""}`];
  parts.push(`${score.passed}/${counted.length} criteria passed`);
  if (score.results.some((v) => v.must_pass && v.outcome === "failed" && !v.advisory)) parts.push(p.red("a must-pass criterion failed"));
  const advisory = score.results.length - counted.length;
  if (advisory > 0) parts.push(`${advisory} advisory`);
  parts.push(count(run.calls, "twin call"));
  if (run.agent) parts.push(`agent ${duration(run.agent.duration_ms)}`);
  return parts.join(" · ");
}

/** `✗ file:line [D!] text — reason`; a reason already given as the scenario's status reason is not repeated. */
function criterionLine(file: string, v: Verdict, score: Score, p: Palette): string {
  const where = p.dim(`${file}:${v.line}`);
  const text = oneLine(v.text, CRITERION_TEXT_MAX);
  const repeated = score.status_reason !== null && score.status_reason.includes(v.reason);
  const reason = v.advisory ? "advisory, not counted" : repeated ? "" : oneLine(v.reason);
  const judge = judgeNote(v);
  return `${paintIcon(v, p)} ${where} ${marker(v)} ${text}${reason ? ` ${p.dim("—")} ${reason}` : ""}${judge ? ` ${p.dim(`(${judge})`)}` : ""}`;
}

/** `api.github.com ×3, example.com`: most refused first. */
function egressLine(refused: Record<string, number>): string {
  return Object.entries(refused)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([host, n]) => (n > 1 ? `${host} ×${n}` : host))
    .join(", ");
}

export function renderTally(batch: BatchResult, opts: { color: boolean }): string {
  const p = palette(opts.color);
  const statuses = batch.scenarios.map(scenarioStatus);
  const n = (s: string) => statuses.filter((x) => x === s).length;
  const counts = [p.green(`${n("pass")} passed`)];
  if (n("fail")) counts.push(p.red(`${n("fail")} failed`));
  if (n("unevaluated")) counts.push(p.yellow(`${n("unevaluated")} unevaluated`));
  if (n("error")) counts.push(p.magenta(`${n("error")} ${n("error") === 1 ? "error" : "errors"}`));
  const runs = batch.scenarios.reduce((sum, s) => sum + s.runs.length, 0);
  const head = [`${count(batch.scenarios.length, "scenario")}${runs !== batch.scenarios.length ? ` (${count(runs, "run")})` : ""}: ${counts.join(", ")}`];
  if (batch.shard) head.push(`shard ${stripControls(batch.shard)}`);
  head.push(duration(batch.duration_ms));
  const meaning = EXIT_CODE_MEANINGS[batch.exit_code] ?? "unknown exit code";
  const exit = `exit ${batch.exit_code}: ${meaning}`;
  head.push(batch.exit_code === 0 ? p.green(exit) : p.bold(exit));
  return `${head.join(" · ")}\n`;
}
