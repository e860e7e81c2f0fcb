/**
 * Run overhead: `runScenarios` of a one-criterion scenario with a no-op agent, against
 * spawning the same no-op agent directly — measured alternately in one process run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenarios } from "../src/index.js";
import { median, percentile, round } from "./stats.js";

const SCENARIO = `# No-op

## Prompt
Do nothing.

## Success Criteria
- [D] \`merge_pull_request\` was never called
`;

export async function runOverhead(iterations: number) {
  const dir = mkdtempSync(join(tmpdir(), "pome-bench-"));
  try {
    const agent = join(dir, "noop.mjs");
    writeFileSync(agent, "process.exit(0);\n");
    const scenario = join(dir, "noop.md");
    writeFileSync(scenario, SCENARIO);
    const direct: number[] = [];
    const viaPome: number[] = [];
    for (let i = 0; i < iterations; i++) {
      let start = performance.now();
      spawnSync(process.execPath, [agent], { stdio: "ignore" });
      direct.push(performance.now() - start);
      start = performance.now();
      const batch = await runScenarios({ path: scenario, agent: `${process.execPath} ${agent}`, artifactsDir: join(dir, "runs"), capture: false, cwd: dir, env: { PATH: process.env.PATH } });
      viaPome.push(performance.now() - start);
      if (batch.exit_code !== 0) throw new Error(`bench scenario did not pass (exit ${batch.exit_code})`);
    }
    const overhead = median(viaPome) - median(direct);
    return {
      iterations,
      direct_spawn_ms: { p50: round(median(direct), 1), p90: round(percentile(direct, 90), 1) },
      pome_run_ms: { p50: round(median(viaPome), 1), p90: round(percentile(viaPome, 90), 1) },
      median_overhead_ms: round(overhead, 1),
      ratio_to_direct: round(median(viaPome) / median(direct), 2),
      goal: { median_overhead_ms_max: 150 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
