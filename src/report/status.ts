/** How a run and a scenario are labelled in every report. */
import type { ScenarioStatus, Verdict } from "../evaluate/index.js";
import type { RunResult, ScenarioResult } from "../run/index.js";
import type { Palette } from "./ansi.js";

export const LABELS: Record<ScenarioStatus, string> = { pass: "PASS", fail: "FAIL", unevaluated: "UNEVAL", error: "ERROR" };

/** A run that never reached scoring, or ended in an orchestration or agent error, is an error. */
export function runStatus(run: RunResult): ScenarioStatus {
  if (!run.score || run.exit_code >= 2) return "error";
  return run.score.status;
}

/** The worst of the trials: error, then unevaluated, then fail; pass only when every trial passed. */
export function scenarioStatus(result: ScenarioResult): ScenarioStatus {
  const statuses = result.runs.map(runStatus);
  if (statuses.length === 0 || statuses.includes("error") || result.exit_code >= 2) return "error";
  if (statuses.includes("unevaluated")) return "unevaluated";
  return statuses.every((s) => s === "pass") ? "pass" : "fail";
}

export function paintStatus(status: ScenarioStatus, text: string, p: Palette): string {
  switch (status) {
    case "pass":
      return p.green(text);
    case "fail":
      return p.red(text);
    case "unevaluated":
      return p.yellow(text);
    case "error":
      return p.magenta(text);
  }
}

export const ICONS: Record<Verdict["outcome"], string> = { passed: "✓", failed: "✗", errored: "!", skipped: "-" };

export function paintIcon(v: Verdict, p: Palette): string {
  const icon = ICONS[v.outcome];
  if (v.advisory) return p.dim(icon);
  return v.outcome === "passed" ? p.green(icon) : v.outcome === "failed" ? p.red(icon) : v.outcome === "errored" ? p.magenta(icon) : p.yellow(icon);
}

/** `[D]`, `[P!]`, and with several twins `[D:stripe]`: the marker as the author could have written it. */
export function marker(v: Pick<Verdict, "kind" | "must_pass" | "twin">): string {
  return `[${v.kind}${v.must_pass ? "!" : ""}${v.twin ? `:${v.twin}` : ""}]`;
}
