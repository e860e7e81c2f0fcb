/**
 * The job summary (`$GITHUB_STEP_SUMMARY`): tally, scenario table, failed criteria with
 * reasons, errors, fix prompts in `<details>`, links. It must fit in 1 MiB: passing
 * scenarios are folded, then only counted, then reasons and fix prompts shrink; a failing
 * scenario or a failed criterion is never dropped (only the last-resort cut could, and it
 * says so).
 */
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

export interface SummaryOptions extends MarkdownOptions {
  /** Budget in bytes (default: GitHub's 1 MiB per step). */
  maxBytes?: number;
}

interface Stage extends TableKnobs {
  reasonMax: number;
  textMax: number;
  problemMax: number;
  /** Bytes of each fix prompt; 0 leaves them to the check run and score.json. */
  promptBytes: number;
  links?: boolean;
}

const STAGES: Stage[] = [
  { passing: "rows", titleMax: 120, textMax: 300, reasonMax: 1000, problemMax: 1000, promptBytes: 32_768 },
  { passing: "folded", titleMax: 120, textMax: 300, reasonMax: 1000, problemMax: 1000, promptBytes: 32_768 },
  { passing: "counted", titleMax: 120, textMax: 200, reasonMax: 400, problemMax: 400, promptBytes: 8_192 },
  { passing: "counted", titleMax: 80, textMax: 120, reasonMax: 160, problemMax: 200, promptBytes: 1_024 },
  { passing: "counted", titleMax: 60, textMax: 80, reasonMax: 60, problemMax: 120, promptBytes: 0 },
  { passing: "counted", titleMax: 50, textMax: 50, reasonMax: 40, problemMax: 100, promptBytes: 0, links: false },
];

export function renderJobSummary(batch: BatchResult, opts: SummaryOptions): string {
  const model = reportModel(batch, { workspace: opts.workspace });
  const max = opts.maxBytes ?? LIMITS.stepSummary;
  const render = (stage: Stage) => {
    const trimmed = stage !== STAGES[0];
    const prompts = model.fixPrompts.length > 0 && stage.promptBytes > 0;
    return blocks(
      headline(opts.title, model.tally),
      tallyLine(model.tally, batch.duration_ms) + (batch.shard ? ` · shard ${inline(batch.shard)}` : ""),
      noticeList(opts.notices),
      opts.baseline && baselineSection(model.rows, opts.baseline),
      model.rows.length > 0 && "### Scenarios",
      scenarioTable(model.rows, stage),
      model.failures.length > 0 && `### Criteria that did not pass (${model.failures.length})`,
      model.failures.length > 0 && failureTable(model.failures, stage, opts),
      problemList(model.rows, stage.problemMax) && "### Errors and warnings",
      problemList(model.rows, stage.problemMax),
      prompts && "### Fix prompts",
      prompts && fixPromptBlocks(model.fixPrompts, stage.promptBytes),
      !prompts && model.fixPrompts.length > 0 && `${model.fixPrompts.length} fix prompt(s) left out to fit the summary: see the check run or each run's score.json.`,
      trimmed && "_Shortened to fit GitHub's 1 MiB summary limit; every run's full record is in the artifact._",
      linkLine(opts),
    );
  };
  return firstThatFits(
    STAGES.map((stage) => () => render(stage)),
    max,
    "_The summary was cut to fit GitHub's 1 MiB limit: the full results are in the artifact._",
  );
}
