/**
 * `--reporter junit`: one testsuite per scenario, one testcase per criterion (per trial),
 * so any CI test-report viewer shows which criterion failed and why.
 */
import type { Verdict } from "../evaluate/index.js";
import type { BatchResult, RunResult, ScenarioResult } from "../run/index.js";
import { stripControls } from "../trace/index.js";
import { oneLine } from "./format.js";
import { LABELS, marker, runStatus } from "./status.js";

interface Case {
  name: string;
  classname: string;
  file: string;
  line?: number;
  time?: number;
  /** Absent: the case passed. */
  result?: { tag: "failure" | "error" | "skipped"; message: string; type?: string; body?: string };
}

export function renderJunit(batch: BatchResult): string {
  const suites = batch.scenarios.map(suiteOf);
  const totals = suites.reduce(
    (t, s) => ({ tests: t.tests + s.cases.length, failures: t.failures + s.count("failure"), errors: t.errors + s.count("error"), skipped: t.skipped + s.count("skipped") }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(
    `<testsuites${attrs({ name: "pome", tests: totals.tests, failures: totals.failures, errors: totals.errors, skipped: totals.skipped, time: seconds(batch.duration_ms), timestamp: batch.started_at })}>`,
  );
  for (const suite of suites) out.push(...suite.xml());
  out.push("</testsuites>");
  return `${out.join("\n")}\n`;
}

function suiteOf(result: ScenarioResult) {
  const multi = result.runs.length > 1;
  const cases = result.runs.flatMap((run) => casesOf(result, run, multi));
  const count = (tag: "failure" | "error" | "skipped") => cases.filter((c) => c.result?.tag === tag).length;
  const time = result.runs.reduce((sum, r) => sum + r.duration_ms, 0);
  const properties: Array<[string, string]> = [["file", result.file], ["slug", result.slug], ["exit_code", String(result.exit_code)]];
  if (result.tags.length > 0) properties.push(["tags", result.tags.join(",")]);
  if (result.trials) {
    properties.push(["pass_rate", String(result.trials.pass_rate)], [`pass^${result.trials.k}`, String(result.trials.pass_hat_k)]);
  }
  for (const run of result.runs) {
    const suffix = multi ? `.trial${run.trial + 1}` : "";
    properties.push([`run_id${suffix}`, run.run_id], [`status${suffix}`, LABELS[runStatus(run)]]);
    if (run.score) properties.push([`score${suffix}`, String(run.score.satisfaction)]);
    if (run.run_dir) properties.push([`run_dir${suffix}`, run.run_dir]);
  }

  const xml = (): string[] => {
    const lines = [
      `  <testsuite${attrs({ name: result.title, tests: cases.length, failures: count("failure"), errors: count("error"), skipped: count("skipped"), time: seconds(time), timestamp: result.runs[0]?.started_at, file: result.file })}>`,
      "    <properties>",
      ...properties.map(([name, value]) => `      <property${attrs({ name, value })}/>`),
      "    </properties>",
    ];
    for (const c of cases) lines.push(...caseXml(c));
    lines.push("  </testsuite>");
    return lines;
  };
  return { cases, count, xml };
}

function casesOf(result: ScenarioResult, run: RunResult, multi: boolean): Case[] {
  const trial = multi ? ` [trial ${run.trial + 1}]` : "";
  const base = { classname: result.slug, file: result.file };
  const cases: Case[] = [];
  // A run that ended in an error gets its own case, so the error is visible even when every criterion passed.
  const problem = run.error ?? (run.score?.status === "error" ? run.score.status_reason : null);
  if (problem || !run.score) {
    const message = problem ?? "the scenario did not reach scoring";
    cases.push({ ...base, name: `run${trial}`, time: run.duration_ms / 1000, result: { tag: "error", type: run.score ? "agent" : "scenario", message: oneLine(message), body: message } });
  }
  for (const v of run.score?.results ?? []) cases.push({ ...base, name: `${v.id} ${marker(v)} ${oneLine(v.text)}${trial}`, line: v.line, result: verdictResult(v) });
  return cases;
}

function verdictResult(v: Verdict): Case["result"] {
  const evidence = v.evidence.length > 0 ? `\nevidence: ${v.evidence.join(", ")}` : "";
  switch (v.outcome) {
    case "passed":
      return undefined;
    case "failed":
      return { tag: "failure", type: v.must_pass ? "must-pass" : "criterion", message: oneLine(v.reason), body: `${v.reason}${evidence}` };
    case "errored":
      return { tag: "error", type: "criterion", message: oneLine(v.reason), body: `${v.reason}${evidence}` };
    case "skipped":
      return { tag: "skipped", message: oneLine(v.reason) };
  }
}

function caseXml(c: Case): string[] {
  const open = `    <testcase${attrs({ name: c.name, classname: c.classname, file: c.file, line: c.line, time: c.time === undefined ? undefined : c.time.toFixed(3) })}`;
  if (!c.result) return [`${open}/>`];
  const { tag, message, type, body } = c.result;
  const inner = body ? `<${tag}${attrs({ message, type })}>${escapeXml(body)}</${tag}>` : `<${tag}${attrs({ message, type })}/>`;
  return [`${open}>`, `      ${inner}`, "    </testcase>"];
}

function attrs(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * Element text: the XML entities escaped, escape sequences and control characters removed
 * (stripControls), and what else XML 1.0 forbids (lone surrogates, U+FFFE/FFFF) dropped.
 */
export function escapeXml(s: string): string {
  return stripControls(s)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Attribute values: also newlines and tabs as references, which attribute normalisation would otherwise turn into spaces. */
function escapeAttr(s: string): string {
  return escapeXml(s).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}
