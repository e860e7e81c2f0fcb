/**
 * The check run: a title with counts, `output.summary` (scenario table and failed criteria)
 * and `output.text` (fix prompts), each within 65,535 bytes, and one annotation per
 * criterion that did not pass, at its line in the scenario file, with the fix prompt in
 * `raw_details`.
 */
import type { BatchResult } from "../run/index.js";
import { baselineDigest, baselineSection } from "./markdown-baseline.js";
import { reportModel, type FailedCriterion, type FixPrompt } from "./markdown-model.js";
import { blocks, failureTable, fixPromptBlocks, linkLine, noticeList, problemList, scenarioTable, tallyLine, type MarkdownOptions, type TableKnobs } from "./markdown-sections.js";
import { byteLength, clipText, firstThatFits, inline, LIMITS } from "./markdown-text.js";
import { marker } from "./status.js";

export interface CheckOutput {
  title: string;
  summary: string;
  /** Null when there is nothing to say beyond the summary. */
  text: string | null;
}

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning";
  title: string;
  message: string;
  raw_details?: string;
}

export interface CheckOptions extends MarkdownOptions {
  /** Budgets in bytes (default: GitHub's 65,535 each). */
  maxSummaryBytes?: number;
  maxTextBytes?: number;
}

interface Stage extends TableKnobs {
  reasonMax: number;
  textMax: number;
  problemMax: number;
  links?: boolean;
}

const SUMMARY_STAGES: Stage[] = [
  { passing: "rows", titleMax: 100, textMax: 200, reasonMax: 400, problemMax: 400 },
  { passing: "counted", titleMax: 100, textMax: 200, reasonMax: 400, problemMax: 400 },
  { passing: "counted", titleMax: 80, textMax: 120, reasonMax: 160, problemMax: 200 },
  { passing: "counted", titleMax: 60, textMax: 70, reasonMax: 70, problemMax: 100 },
  { passing: "counted", titleMax: 50, textMax: 50, reasonMax: 40, problemMax: 100, links: false },
];

const PROMPT_STAGES = [60_000, 16_384, 4_096, 1_024];

/** `3/6 scenarios passed · 4 criteria failed · 1 errored` */
export function checkTitle(batch: BatchResult): string {
  const { tally, failures } = reportModel(batch);
  if (tally.scenarios === 0) return "No scenario ran";
  const parts = [`${tally.passed}/${tally.scenarios} scenarios passed`];
  const failed = failures.filter((f) => f.level === "failure").length;
  const warned = failures.length - failed;
  if (failed) parts.push(`${failed} ${failed === 1 ? "criterion" : "criteria"} failed`);
  if (warned) parts.push(`${warned} not evaluated`);
  if (tally.errored) parts.push(`${tally.errored} errored`);
  return parts.join(" · ");
}

/**
 * The summary ends with a hidden digest of the outcomes, which the next run's
 * `baseline: previous` reads back; its bytes are reserved from the budget.
 */
export function renderCheckOutput(batch: BatchResult, opts: CheckOptions): CheckOutput {
  const model = reportModel(batch, { workspace: opts.workspace });
  const digest = baselineDigest(model.rows);
  const budget = (opts.maxSummaryBytes ?? LIMITS.checkSummary) - byteLength(digest) - 1;
  const visible = firstThatFits(
    SUMMARY_STAGES.map((stage, i) => () =>
      blocks(
        tallyLine(model.tally, batch.duration_ms) + (batch.shard ? ` · shard ${inline(batch.shard)}` : ""),
        noticeList(opts.notices),
        opts.baseline && baselineSection(model.rows, opts.baseline),
        scenarioTable(model.rows, stage),
        model.failures.length > 0 && `### Criteria that did not pass (${model.failures.length})`,
        model.failures.length > 0 && failureTable(model.failures, stage, opts),
        problemList(model.rows, stage.problemMax) && "### Errors and warnings",
        problemList(model.rows, stage.problemMax),
        model.fixPrompts.length > 0 && "Fix prompts for the agent are below, and on each annotation.",
        i > 0 && "_Shortened to fit the check run's 65,535-byte limit: the job summary and the artifact have everything._",
        linkLine(opts),
      ),
    ),
    budget,
    "_Cut to fit the check run's 65,535-byte limit: the job summary and the artifact have every row._",
  );
  const summary = `${visible}${digest}\n`;
  const text =
    model.fixPrompts.length === 0
      ? null
      : firstThatFits(
          PROMPT_STAGES.map((bytes) => () => blocks("### Fix prompts", "Paste one into your coding agent to fix what the scenario caught.", fixPromptBlocks(model.fixPrompts, bytes))),
          opts.maxTextBytes ?? LIMITS.checkText,
          "_Further fix prompts were cut to fit the check run's 65,535-byte limit: each run's score.json has its prompt._",
        );
  return { title: checkTitle(batch), summary, text };
}

function annotationOf(f: FailedCriterion, prompt: FixPrompt | undefined): CheckAnnotation {
  const where = f.scoredTrials > 1 ? ` (${f.label} in ${f.trials.length}/${f.scoredTrials} trials)` : "";
  const what = f.label === "failed" ? (f.verdict.must_pass ? "must-pass criterion failed" : "criterion failed") : f.label === "errored" ? "criterion errored" : "criterion not evaluated";
  const annotation: CheckAnnotation = {
    path: f.row.path,
    start_line: Math.max(1, f.verdict.line),
    end_line: Math.max(1, f.verdict.line),
    annotation_level: f.level,
    title: clipText(`${f.row.result.title}: ${what}${where}`, LIMITS.annotationTitle, "…"),
    message: clipText(`${marker(f.verdict)} ${f.verdict.text}\n${f.verdict.reason || f.label}`, LIMITS.annotationMessage),
  };
  if (prompt) annotation.raw_details = clipText(prompt.prompt, LIMITS.annotationRawDetails);
  return annotation;
}

/**
 * One annotation per criterion that did not pass (failures first), at most `max`. Titles are
 * counted in characters by GitHub (≤ 255); the byte clip keeps them under that too.
 */
export function renderCheckAnnotations(batch: BatchResult, opts: { workspace?: string; max: number }): CheckAnnotation[] {
  const model = reportModel(batch, { workspace: opts.workspace });
  const ordered = [...model.failures.filter((f) => f.level === "failure"), ...model.failures.filter((f) => f.level === "warning")];
  return ordered.slice(0, Math.max(0, opts.max)).map((f) => annotationOf(f, model.fixPrompts.find((p) => p.row === f.row)));
}
