/**
 * The GitHub Action: cold start of the bundle (`node dist/index.js` to its first output,
 * against spawning a bare `node -e ""`), the bundle's size on disk, and the time to render
 * every GitHub surface for 500 scenarios × 10 criteria.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCheckAnnotations, renderCheckOutput, renderComment, renderJobSummary, commentMarker } from "../src/report/index.js";
import { hugeBatch } from "../__tests__/golden/markdown/results.js";
import { median, round } from "./stats.js";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** Milliseconds from spawn to the first byte on stdout (or to exit, if it prints nothing). */
function firstOutput(args: string[], env: Record<string, string>, cwd: string): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "ignore"] });
    let at: number | null = null;
    child.stdout.once("data", () => (at ??= performance.now() - start));
    child.on("error", fail);
    child.on("close", () => done(at ?? performance.now() - start));
  });
}

async function coldStart(iterations: number) {
  const cwd = mkdtempSync(join(tmpdir(), "pome-bench-action-"));
  // Inputs that make the action stop early: a missing scenario path, no check, no upload.
  const env = {
    PATH: process.env.PATH ?? "",
    INPUT_PATH: "no-such-scenarios",
    INPUT_CHECK: "false",
    INPUT_COMMENT: "off",
    INPUT_SUMMARY: "false",
    "INPUT_UPLOAD-ARTIFACTS": "false",
  };
  const bare: number[] = [];
  const action: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      bare.push(await firstOutput(["-e", "process.stdout.write('x')"], env, cwd));
      action.push(await firstOutput([join(DIST, "index.js")], env, cwd));
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  return { bare_node_ms: round(median(bare), 1), action_ms: round(median(action), 1), added_ms: round(median(action) - median(bare), 1) };
}

function bundleSize() {
  const files = readdirSync(DIST).filter((f) => f.endsWith(".js"));
  const bytes = Object.fromEntries(files.map((f) => [f, statSync(join(DIST, f)).size]));
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { files: bytes, total_mb: round(total / 2 ** 20, 2), entry_mb: round((bytes["index.js"] ?? 0) / 2 ** 20, 2) };
}

function rendering(iterations: number) {
  const batch = hugeBatch({ scenarios: 500, criteria: 10, failEvery: 3 });
  const opts = { title: "pome", workspace: "/w", blobUrl: "https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567", runUrl: "https://github.com/o/r/actions/runs/1" };
  const times: number[] = [];
  let bytes = { summary: 0, check_summary: 0, check_text: 0, comment: 0, annotations: 0 };
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    const summary = renderJobSummary(batch, opts);
    const check = renderCheckOutput(batch, opts);
    const comment = renderComment(batch, { ...opts, marker: commentMarker("CI", "pome") });
    const annotations = renderCheckAnnotations(batch, { workspace: "/w", max: 50 });
    times.push(performance.now() - start);
    bytes = {
      summary: Buffer.byteLength(summary),
      check_summary: Buffer.byteLength(check.summary),
      check_text: Buffer.byteLength(check.text ?? ""),
      comment: Buffer.byteLength(comment),
      annotations: annotations.length,
    };
  }
  return { scenarios: 500, criteria: 10, failing_scenarios: 167, render_all_surfaces_ms: round(median(times), 1), bytes };
}

export async function actionBench(quick: boolean) {
  if (!existsSync(join(DIST, "index.js"))) return { skipped: "dist/index.js is missing: run npm run bundle" };
  return { cold_start: await coldStart(quick ? 2 : 10), bundle: bundleSize(), rendering: rendering(quick ? 1 : 5) };
}
