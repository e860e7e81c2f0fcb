/**
 * Text that came from an agent, a twin, the judge or another job's results carries no
 * escape sequence or control character onto any surface: the terminal block, inspect,
 * JUnit, JSON, the job summary, the check run and its annotations, the PR comment.
 */
import { describe, expect, test } from "vitest";
import {
  renderCheckAnnotations,
  renderCheckOutput,
  renderComment,
  renderInspect,
  renderJobSummary,
  renderJson,
  renderJunit,
  renderScenarioBlock,
  renderTally,
} from "../../../src/report/index.js";
import type { BatchResult, ScenarioResult } from "../../../src/run/index.js";
import type { TraceEvent } from "../../../src/trace/index.js";
import { failResult, refundEvents, refundMeta } from "../../golden/results.js";

const CLEAR = "\u001b[2J\u001b[H";
const TITLE = "\u001b]0;owned\u0007";
const LINK = "\u001b]8;;https://evil.example/\u0007";
const C1 = "\u009b2J";
const nasty = (text: string) => `${CLEAR}${TITLE}${text}${LINK}click${LINK.replace("https://evil.example/", "")}${C1}\r\u202e`;

/** Raw ESC, BEL, C1 and bidi overrides: what the colour palette itself never writes. */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\u001b(?!\[[0-9;]*m)/;

async function poisoned(): Promise<ScenarioResult> {
  const result = await failResult();
  const run = result.runs[0];
  const score = run.score!;
  return {
    ...result,
    title: nasty(result.title),
    runs: [
      {
        ...run,
        title: nasty(run.title),
        error: nasty("the agent exited with code 1"),
        warnings: [nasty("a warning")],
        agent_summary: nasty("Merged the PR."),
        egress_refused: { [nasty("evil.example:443")]: 2 },
        score: {
          ...score,
          status_reason: nasty(score.status_reason ?? "reason"),
          fix_prompt: nasty("## Fix\n\nDo better."),
          results: score.results.map((v) => ({ ...v, text: nasty(v.text), reason: nasty(v.reason), judge_model: v.judge_model && nasty(v.judge_model) })),
        },
      },
    ],
  };
}

describe("untrusted text on every surface", () => {
  test("no escape sequence or control character survives any renderer", async () => {
    const scenario = await poisoned();
    const batch: BatchResult = { scenarios: [scenario], exit_code: 1, started_at: "2025-06-01T09:00:00.000Z", duration_ms: 10, artifacts_dir: "/runs", shard: nasty("1/2"), pome_version: "0.1.0" };
    const opts = { title: "pome", workspace: "/home/dev", blobUrl: null, artifact: null, checkRunUrl: null, runUrl: null, notices: [], baseline: null };
    const events = refundEvents().map((e) => (e.kind === "TwinHttpEvent" ? { ...e, error: { code: "x", message: nasty("boom") } } : e)) as TraceEvent[];
    const surfaces: Record<string, string> = {
      "terminal (colour)": renderScenarioBlock(scenario, { color: true }) + renderTally(batch, { color: true }),
      terminal: renderScenarioBlock(scenario, { color: false }) + renderTally(batch, { color: false }),
      inspect: renderInspect({ meta: { ...refundMeta, agent_summary: nasty("done"), error: nasty("bad"), warnings: [nasty("w")] }, events, score: scenario.runs[0].score }, { color: true }),
      junit: renderJunit(batch),
      json: renderJson(batch),
      "job summary": renderJobSummary(batch, opts),
      "check run": JSON.stringify(renderCheckOutput(batch, opts)),
      annotations: JSON.stringify(renderCheckAnnotations(batch, { workspace: "/home/dev", max: 50 })),
      comment: renderComment(batch, { ...opts, marker: "<!-- pome -->" }),
    };
    const dirty = Object.entries(surfaces)
      .filter(([, text]) => FORBIDDEN.test(text))
      .map(([name, text]) => `${name}: ${JSON.stringify(text.slice(Math.max(0, FORBIDDEN.exec(text)!.index - 60), FORBIDDEN.exec(text)!.index + 10))}`);
    expect(dirty).toEqual([]);
    for (const [name, text] of Object.entries(surfaces)) {
      if (name === "json") continue; // escaped there, the data stays exact
      expect(text, name).not.toContain("evil.example/");
    }
    expect(surfaces.terminal).toContain("summary: Merged the PR.click");
  });

  test("JSON keeps the data exact, every control as a \\u escape", async () => {
    const scenario = await poisoned();
    const batch: BatchResult = { scenarios: [scenario], exit_code: 1, started_at: "2025-06-01T09:00:00.000Z", duration_ms: 10, artifacts_dir: "/runs", shard: null, pome_version: "0.1.0" };
    const json = renderJson(batch);
    expect(JSON.parse(json).scenarios[0].runs[0].agent_summary).toBe(scenario.runs[0].agent_summary);
    expect(json).toContain("\\u009b2J");
  });
});
