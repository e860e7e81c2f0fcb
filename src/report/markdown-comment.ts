/**
 * The sticky PR comment: a hidden marker per workflow and check name on the first line (so
 * the next run edits this comment instead of adding one), a digest of the outcomes (so
 * `comment: on-change` can tell whether anything changed), then what needs attention.
 */
import { createHash } from "node:crypto";
import type { BatchResult } from "../run/index.js";
import { baselineSection } from "./markdown-baseline.js";
import { reportModel } from "./markdown-model.js";
import {
  blocks,
  failureTable,
  fixPromptBlocks,
  headline,
  linkLine,
  noticeList,
  problemList,
  scenarioTable,
  tallyLine,
  type MarkdownOptions,
  type TableKnobs,
} from "./markdown-sections.js";
import { firstThatFits, inline, LIMITS } from "./markdown-text.js";

export interface CommentOptions extends MarkdownOptions {
  /** From `commentMarker(...)`. */
  marker: string;
  maxBytes?: number;
}

interface Stage extends TableKnobs {
  reasonMax: number;
  textMax: number;
  problemMax: number;
  promptBytes: number;
}

const STAGES: Stage[] = [
  { passing: "folded", titleMax: 100, textMax: 200, reasonMax: 300, problemMax: 300, promptBytes: 8_192 },
  { passing: "counted", titleMax: 80, textMax: 120, reasonMax: 160, problemMax: 200, promptBytes: 2_048 },
  { passing: "counted", titleMax: 60, textMax: 70, reasonMax: 70, problemMax: 100, promptBytes: 0 },
];

/**
 * `<!-- pome:comment <workflow> / <check> -->`. The key is ours (workflow and check names),
 * but is still stripped of anything that could close the HTML comment early.
 */
export function commentMarker(workflow: string, checkName: string): string {
  const key = `${workflow} / ${checkName}`.replace(/[\r\n]+/g, " ").replace(/-{2,}/g, "-").replace(/[<>]/g, "");
  return `<!-- pome:comment ${key} -->`;
}

/** Whether a comment body is the sticky comment of this marker: the marker is its whole first line. */
export function isStickyComment(body: string | null | undefined, marker: string): boolean {
  if (!body) return false;
  const first = body.split("\n", 1)[0].replace(/\r$/, "");
  return first === marker;
}

const DIGEST_LINE = /^<!-- pome:digest ([0-9a-f]{64}) -->$/m;

/** A digest of what the comment reports (statuses and criterion outcomes), not of timings or links. */
export function resultsDigest(batch: BatchResult, workspace?: string): string {
  const model = reportModel(batch, { workspace });
  const facts = model.rows
    .map((r) => ({
      path: r.path,
      status: r.status,
      trials: r.trials,
      failures: model.failures.filter((f) => f.row === r).map((f) => [f.verdict.id, f.label, f.trials.join(",")]),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return createHash("sha256").update(JSON.stringify(facts)).digest("hex");
}

/** The digest a previous comment carries, if any. */
export function digestOfComment(body: string | null | undefined): string | null {
  return body ? (DIGEST_LINE.exec(body)?.[1] ?? null) : null;
}

export function renderComment(batch: BatchResult, opts: CommentOptions): string {
  const model = reportModel(batch, { workspace: opts.workspace });
  const digest = resultsDigest(batch, opts.workspace);
  const head = `${opts.marker}\n<!-- pome:digest ${digest} -->`;
  const body = firstThatFits(
    STAGES.map((stage, i) => () =>
      blocks(
        head,
        headline(opts.title, model.tally),
        tallyLine(model.tally, batch.duration_ms) + (batch.shard ? ` · shard ${inline(batch.shard)}` : ""),
        noticeList(opts.notices),
        opts.baseline && baselineSection(model.rows, opts.baseline),
        scenarioTable(model.rows, stage),
        model.failures.length > 0 && failureTable(model.failures, stage, opts),
        problemList(model.rows, stage.problemMax),
        stage.promptBytes > 0 && fixPromptBlocks(model.fixPrompts, stage.promptBytes),
        stage.promptBytes === 0 && model.fixPrompts.length > 0 && "Fix prompts are in the check run and the job summary.",
        i > 0 && "_Shortened to fit GitHub's comment limit._",
        linkLine(opts),
        "<sub>This comment is updated on every run.</sub>",
      ),
    ),
    opts.maxBytes ?? LIMITS.comment,
    "_Cut to fit GitHub's comment limit: the job summary has every row._",
  );
  return body;
}
