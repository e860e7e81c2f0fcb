/**
 * `baseline: previous`: each check run carries a compact digest of its outcomes in a hidden
 * comment (per scenario: status and passes out of trials), so a later run can read the
 * previous one's check and list regressions, fixes and flaky scenarios without downloading
 * any artifact. Encoding and comparison are pure; fetching the previous check is action/'s.
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { z } from "zod";
import type { Baseline, BaselineEntry, ScenarioRow } from "./markdown-model.js";
import { STATUS_ICON } from "./markdown-sections.js";
import { inline, link } from "./markdown-text.js";

export type { Baseline, BaselineEntry };

const PREFIX = "<!-- pome:baseline ";
const DIGEST = /<!-- pome:baseline ([A-Za-z0-9+/=]+) -->/;

const entrySchema = z.tuple([z.string(), z.enum(["pass", "fail", "unevaluated", "error"]), z.number().int().nonnegative(), z.number().int().nonnegative()]);
const digestSchema = z.object({ v: z.literal(1), s: z.array(entrySchema).max(100_000) });


function passesOf(row: ScenarioRow): { passes: number; trials: number } {
  const runs = row.result.runs;
  return { passes: row.result.trials?.passes ?? (row.status === "pass" ? runs.length : 0), trials: runs.length };
}

/** The hidden line a check summary ends with. */
export function baselineDigest(rows: ScenarioRow[]): string {
  const s = rows.map((r) => [r.path, r.status, passesOf(r).passes, passesOf(r).trials]);
  const packed = gzipSync(Buffer.from(JSON.stringify({ v: 1, s })), { level: 9 }).toString("base64");
  return `${PREFIX}${packed} -->`;
}

/** The entries of a digest found in `text` (a previous check summary); null when there is none or it is damaged. */
export function readBaselineDigest(text: string | null | undefined): BaselineEntry[] | null {
  const m = text ? DIGEST.exec(text) : null;
  if (!m) return null;
  try {
    const parsed = digestSchema.safeParse(JSON.parse(gunzipSync(Buffer.from(m[1], "base64"), { maxOutputLength: 32 * 2 ** 20 }).toString("utf8")));
    return parsed.success ? parsed.data.s.map(([path, status, passes, trials]) => ({ path, status, passes, trials })) : null;
  } catch {
    return null;
  }
}

export interface BaselineComparison {
  regressions: Array<{ row: ScenarioRow; before: BaselineEntry }>;
  fixes: Array<{ row: ScenarioRow; before: BaselineEntry }>;
  /** Passed some trials but not all. */
  flaky: ScenarioRow[];
  added: ScenarioRow[];
  removed: BaselineEntry[];
}

export function compareWithBaseline(rows: ScenarioRow[], baseline: BaselineEntry[]): BaselineComparison {
  const before = new Map(baseline.map((e) => [e.path, e]));
  const now = new Set(rows.map((r) => r.path));
  const out: BaselineComparison = { regressions: [], fixes: [], flaky: [], added: [], removed: baseline.filter((e) => !now.has(e.path)) };
  for (const row of rows) {
    const { passes, trials } = passesOf(row);
    if (trials > 1 && passes > 0 && passes < trials) out.flaky.push(row);
    const prior = before.get(row.path);
    if (!prior) out.added.push(row);
    else if (prior.status === "pass" && row.status !== "pass") out.regressions.push({ row, before: prior });
    else if (prior.status !== "pass" && row.status === "pass") out.fixes.push({ row, before: prior });
  }
  return out;
}

function item(row: ScenarioRow, extra = ""): string {
  const { passes, trials } = passesOf(row);
  const rate = trials > 1 ? ` (${passes}/${trials} trials)` : "";
  return `- ${STATUS_ICON[row.status]} ${inline(row.result.title, 100)} (${inline(row.path)})${rate}${extra}`;
}

/** The comparison block of the summary, check and comment. */
export function baselineSection(rows: ScenarioRow[], baseline: Baseline): string {
  const c = compareWithBaseline(rows, baseline.entries);
  const previous = baseline.url ? link("the previous run", baseline.url) : "the previous run";
  const head = `### Compared with ${previous}`;
  const counts = `${c.regressions.length} regressed · ${c.fixes.length} fixed · ${c.flaky.length} flaky · ${c.added.length} new · ${c.removed.length} gone`;
  const parts = [head, counts];
  if (c.regressions.length > 0) parts.push(`**Regressions**\n\n${c.regressions.map((r) => item(r.row, ` — was ${r.before.status}`)).join("\n")}`);
  if (c.fixes.length > 0) parts.push(`**Fixed**\n\n${c.fixes.map((f) => item(f.row, ` — was ${f.before.status}`)).join("\n")}`);
  if (c.flaky.length > 0) parts.push(`**Flaky** (passed some trials)\n\n${c.flaky.map((r) => item(r)).join("\n")}`);
  if (c.removed.length > 0) parts.push(`**No longer run**\n\n${c.removed.map((e) => `- ${inline(e.path)} (was ${e.status})`).join("\n")}`);
  return parts.join("\n\n");
}
