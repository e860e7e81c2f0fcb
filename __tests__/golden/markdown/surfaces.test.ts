import { describe, expect, test } from "vitest";
import {
  commentMarker,
  readBaselineDigest,
  renderCheckAnnotations,
  renderCheckOutput,
  renderComment,
  renderJobSummary,
  type MarkdownOptions,
} from "../../../src/report/index.js";
import type { BatchResult } from "../../../src/run/index.js";
import { erroredBatch, failingBatch, hostileBatch, hugeBatch, mixedBatch, multiTwinBatch, passingBatch, unevaluatedBatch } from "./results.js";

const opts: MarkdownOptions = {
  title: "pome",
  workspace: "/home/dev/acme-agent",
  blobUrl: "https://github.com/acme/agent/blob/0123456789abcdef0123456789abcdef01234567",
  artifact: { name: "pome-runs", url: "https://github.com/acme/agent/actions/runs/42/artifacts/7" },
  checkRunUrl: "https://github.com/acme/agent/runs/99",
  runUrl: "https://github.com/acme/agent/actions/runs/42",
};
const marker = commentMarker("CI", "pome");

function check(batch: BatchResult): string {
  const out = renderCheckOutput(batch, opts);
  return `# title\n${out.title}\n\n# summary\n${out.summary}\n# text\n${out.text ?? "(none)"}\n`;
}

const cases: Array<[string, () => Promise<BatchResult>]> = [
  ["passing", passingBatch],
  ["failing", failingBatch],
  ["unevaluated", unevaluatedBatch],
  ["errored", erroredBatch],
  ["mixed", mixedBatch],
  ["hostile", hostileBatch],
  ["multi-twin", multiTwinBatch],
];

describe.each(cases)("%s batch", (name, make) => {
  test("job summary", async () => {
    await expect(renderJobSummary(await make(), opts)).toMatchFileSnapshot(`summary-${name}.md`);
  });

  test("check run output", async () => {
    await expect(check(await make())).toMatchFileSnapshot(`check-${name}.md`);
  });

  test("PR comment", async () => {
    await expect(renderComment(await make(), { ...opts, marker })).toMatchFileSnapshot(`comment-${name}.md`);
  });

  test("annotations", async () => {
    await expect(`${JSON.stringify(renderCheckAnnotations(await make(), { workspace: opts.workspace, max: 50 }), null, 2)}\n`).toMatchFileSnapshot(`annotations-${name}.json`);
  });
});

describe("a fork PR's summary says which surfaces were skipped", () => {
  test("notices are shown, escaped", async () => {
    const notices = ["Fork pull request: the check run and the PR comment were skipped (the token is read-only); annotations were written as workflow commands instead."];
    await expect(renderJobSummary(await failingBatch(), { ...opts, notices })).toMatchFileSnapshot("summary-fork.md");
  });
});

describe("baseline: previous", () => {
  const previous = [
    { path: "scenarios/github/01-bug-happy-path.md", status: "fail" as const, passes: 0, trials: 1 },
    { path: "scenarios/github/05-github-identity-spoof.md", status: "pass" as const, passes: 1, trials: 1 },
    { path: "scenarios/github/06-question.md", status: "pass" as const, passes: 3, trials: 3 },
    { path: "scenarios/github/11-retired.md", status: "pass" as const, passes: 1, trials: 1 },
  ];

  test("the check summary carries a digest the next run reads back", async () => {
    const batch = await mixedBatch();
    const entries = readBaselineDigest(renderCheckOutput(batch, opts).summary);
    expect(entries?.map((e) => [e.path, e.status, e.passes, e.trials])).toEqual([
      ["scenarios/github/09-broken.md", "error", 0, 1],
      ["scenarios/stripe/14-stripe-refund-retry.md", "error", 0, 1],
      ["scenarios/github/05-github-identity-spoof.md", "fail", 0, 1],
      ["scenarios/github/06-question.md", "fail", 2, 3],
      ["scenarios/github/04-judge-context.md", "unevaluated", 0, 1],
      ["scenarios/github/01-bug-happy-path.md", "pass", 1, 1],
    ]);
    expect(readBaselineDigest("<!-- pome:baseline AAAA -->")).toBeNull();
  });

  test("the summary lists regressions, fixes, flaky and retired scenarios", async () => {
    const baseline = { entries: previous, url: "https://github.com/acme/agent/runs/98" };
    await expect(renderJobSummary(await mixedBatch(), { ...opts, baseline })).toMatchFileSnapshot("summary-baseline.md");
  });
});

describe("huge batches within GitHub's budgets", () => {
  test("a small summary budget folds, then counts, passing scenarios and keeps every failure", async () => {
    const batch = hugeBatch({ scenarios: 12, criteria: 2, failEvery: 4, reasonLength: 40, promptLength: 120 });
    const md = renderJobSummary(batch, { ...opts, maxBytes: 4_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4_000);
    await expect(md).toMatchFileSnapshot("summary-huge-trimmed.md");
  });

  const everyFailure = hugeBatch({ scenarios: 500, criteria: 10, failEvery: 1 });
  const someFailures = hugeBatch({ scenarios: 500, criteria: 10, failEvery: 7, reasonLength: 2_000 });

  test("500 × 10 all failing: the summary fits 1 MiB and still lists every failed criterion", () => {
    const md = renderJobSummary(everyFailure, opts);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    for (let i = 1; i <= 500; i++) {
      const n = String(i).padStart(4, "0");
      for (let c = 1; c <= 10; c++) expect(md).toContain(`scenarios/bulk/${n}-scenario.md:${19 + c} |`);
    }
  });

  test("500 × 10 with some failures: reasons shrink, every failing scenario row stays, passing ones are folded", () => {
    const md = renderJobSummary(someFailures, opts);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(md.match(/^\| ❌ FAIL \|/gm)).toHaveLength(72);
    expect(md).not.toContain("✅ PASS");
    expect(md).toContain("428 passing scenarios");
  });

  test.each([
    ["all failing", everyFailure],
    ["some failing", someFailures],
  ])("%s: check summary and text fit 65,535 bytes each, the comment 65,536", (_, batch) => {
    const out = renderCheckOutput(batch, opts);
    expect(Buffer.byteLength(out.summary)).toBeLessThanOrEqual(65_535);
    expect(Buffer.byteLength(out.text ?? "")).toBeLessThanOrEqual(65_535);
    expect(out.summary).toMatch(/Cut to fit|Shortened to fit/);
    expect(Buffer.byteLength(renderComment(batch, { ...opts, marker }))).toBeLessThanOrEqual(65_536);
  });

  test("annotations stop at the asked maximum, failures first", () => {
    const annotations = renderCheckAnnotations(everyFailure, { workspace: opts.workspace, max: 120 });
    expect(annotations).toHaveLength(120);
    expect(annotations.every((a) => a.annotation_level === "failure" && a.raw_details?.startsWith("0"))).toBe(true);
  });
});
