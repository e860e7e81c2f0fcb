/**
 * The blocks the job summary, the check run and the PR comment share: the tally line, the
 * scenario table, the failed-criteria table, fix prompts, errors, notices and links. Each
 * takes knobs (how long a reason may be, whether passing rows show) so the surfaces can
 * degrade step by step to fit GitHub's limits.
 */
import type { ScenarioStatus } from "../evaluate/index.js";
import { duration, percent } from "./format.js";
import type { Baseline, FailedCriterion, FixPrompt, ReportModel, ScenarioRow, Tally } from "./markdown-model.js";
import { clipBytes, codeBlock, details, inline, link, table } from "./markdown-text.js";
import { LABELS, marker } from "./status.js";

export interface MarkdownOptions {
  /** Heading of every surface: the check name (`pome`, `pome (1/3)`). */
  title: string;
  /** Absolute workspace: scenario files inside it are shown (and annotated) repository-relative. */
  workspace?: string;
  /** `https://github.com/o/r/blob/<sha>`: criterion lines become links to the scenario file. */
  blobUrl?: string | null;
  /** The uploaded artifact (url null when upload gave no id). */
  artifact?: { name: string; url: string | null } | null;
  checkRunUrl?: string | null;
  /** The workflow run, where the job summary is. */
  runUrl?: string | null;
  /** Sentences for the reader: skipped surfaces and why, reporting warnings, the fail-on policy. Plain text, escaped here. */
  notices?: string[];
  /** `baseline: previous`: the previous run's outcomes, to list regressions, fixes and flaky scenarios. */
  baseline?: Baseline | null;
}

export const STATUS_ICON: Record<ScenarioStatus, string> = { pass: "✅", fail: "❌", unevaluated: "⚠️", error: "💥" };

export function statusCell(status: ScenarioStatus): string {
  return `${STATUS_ICON[status]} ${LABELS[status]}`;
}

export function headline(title: string, t: Tally): string {
  const verdict = t.scenarios === 0 ? "no scenario ran" : `${t.passed}/${t.scenarios} scenarios passed`;
  return `## ${inline(title)}: ${verdict}`;
}

/** `2 failed · 1 unevaluated · 6 scenarios (8 runs) · mean satisfaction 71% · 1m 21s · exit 3: …` */
export function tallyLine(t: Tally, durationMs: number | null): string {
  const parts: string[] = [];
  if (t.failed) parts.push(`**${t.failed} failed**`);
  if (t.errored) parts.push(`**${t.errored} errored**`);
  if (t.unevaluated) parts.push(`${t.unevaluated} unevaluated`);
  parts.push(`${t.passed} passed`);
  parts.push(`${t.scenarios} ${t.scenarios === 1 ? "scenario" : "scenarios"}${t.runs !== t.scenarios ? ` (${t.runs} runs)` : ""}`);
  if (t.satisfaction !== null) parts.push(`mean satisfaction ${percent(t.satisfaction / 100)}`);
  if (durationMs !== null) parts.push(duration(durationMs));
  parts.push(`exit ${t.exitCode}: ${t.exitMeaning}`);
  return parts.join(" · ");
}

function lineRef(path: string, line: number, opts: MarkdownOptions, links: boolean): string {
  const label = inline(`${path}:${line}`);
  return opts.blobUrl && links ? link(label, `${opts.blobUrl}/${path}#L${line}`) : label;
}

export interface TableKnobs {
  /** Passing rows: listed, folded into a `<details>` list, or only counted. */
  passing: "rows" | "folded" | "counted";
  titleMax: number;
}

export function scenarioTable(rows: ScenarioRow[], knobs: TableKnobs): string {
  const shown = knobs.passing === "rows" ? rows : rows.filter((r) => r.status !== "pass");
  const passing = rows.filter((r) => r.status === "pass");
  const out: string[] = [];
  if (shown.length > 0) {
    out.push(
      table(
        ["Status", "Scenario", "File", "Satisfaction", "Duration", "Trials"],
        shown.map((r) => [
          statusCell(r.status),
          inline(r.result.title, knobs.titleMax),
          inline(r.path),
          r.satisfaction === null ? "—" : percent(r.satisfaction / 100),
          duration(r.durationMs),
          r.trials ?? "1",
        ]),
      ),
    );
  }
  if (knobs.passing !== "rows" && passing.length > 0) {
    const note = `${passing.length} passing ${passing.length === 1 ? "scenario" : "scenarios"}`;
    if (knobs.passing === "folded") out.push(details(note, passing.map((r) => `- ${inline(r.result.title, knobs.titleMax)} (${inline(r.path)})`).join("\n")));
    else out.push(`${note} not listed.`);
  }
  return out.join("\n\n");
}

export interface FailureKnobs {
  textMax: number;
  reasonMax: number;
  /** Link each line to the file on GitHub (a blob URL costs ~130 bytes a row). */
  links?: boolean;
}

function failureReason(f: FailedCriterion, knobs: FailureKnobs): string {
  const reason = f.label === "failed" || f.verdict.reason ? f.verdict.reason : f.label;
  const trials = f.scoredTrials > 1 ? ` (${f.label} in ${f.trials.length}/${f.scoredTrials} trials)` : "";
  const confidence = f.verdict.confidence !== null && f.verdict.kind === "P" ? ` (judge confidence ${percent(f.verdict.confidence)})` : "";
  return `${inline(reason, knobs.reasonMax)}${trials}${confidence}`;
}

export function failureTable(failures: FailedCriterion[], knobs: FailureKnobs, opts: MarkdownOptions): string {
  return table(
    ["", "Criterion", "Where", "Reason"],
    failures.map((f) => [
      f.level === "failure" ? "❌" : "⚠️",
      `${marker(f.verdict)} ${inline(f.verdict.text, knobs.textMax)}`,
      lineRef(f.row.path, f.verdict.line, opts, knobs.links !== false),
      failureReason(f, knobs),
    ]),
  );
}

/** Each fix prompt collapsed, verbatim in a code block, at most `maxBytes` of prompt each. */
export function fixPromptBlocks(prompts: FixPrompt[], maxBytes: number): string {
  return prompts
    .map((p) => {
      const clipped = clipBytes(p.prompt, maxBytes);
      const body = clipped === p.prompt ? p.prompt : `${clipped}\n… (trimmed; the full prompt is in score.json)`;
      const label = `Fix prompt: ${p.row.result.title}${p.multiTrial ? ` (trial ${p.trial})` : ""}`;
      return details(label, codeBlock(body));
    })
    .join("\n\n");
}

export function problemList(rows: ScenarioRow[], max: number): string {
  return rows
    .filter((r) => r.problem !== null && r.status !== "pass")
    // Parse errors already start with `file:line`.
    .map((r) => `- ${STATUS_ICON[r.status]} ${r.problem!.startsWith(r.result.file) ? "" : `${inline(r.path)}: `}${inline(r.problem!, max)}`)
    .join("\n");
}

export function noticeList(notices: string[] | undefined): string {
  if (!notices || notices.length === 0) return "";
  return notices.map((n) => `> ${inline(n)}`).join("\n>\n");
}

export function linkLine(opts: MarkdownOptions, extra: string[] = []): string {
  const parts: string[] = [...extra];
  if (opts.artifact) {
    const name = inline(opts.artifact.name);
    parts.push(opts.artifact.url ? `artifact ${link(name, opts.artifact.url)}` : `artifact ${name}`);
  }
  if (opts.checkRunUrl) parts.push(link("check run", opts.checkRunUrl));
  if (opts.runUrl) parts.push(link("workflow run", opts.runUrl));
  return parts.length > 0 ? `Details: ${parts.join(" · ")}` : "";
}

/** Blocks joined by blank lines, empty ones dropped. */
export function blocks(...parts: Array<string | null | undefined | false>): string {
  // /\S/ rather than trim(): parts can be a megabyte, and trim() would copy them.
  return `${parts.filter((p): p is string => typeof p === "string" && /\S/.test(p)).join("\n\n")}\n`;
}

export type { ReportModel };
