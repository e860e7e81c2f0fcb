/**
 * Booting a run's world (`openWorld`, what every trial does first): a loopback twin server
 * and one session with the scenario's twins seeded — github + stripe + slack with their
 * default seeds, next to a GitHub-only world (the baseline), booted and closed alternately
 * in one process. Also the first boot in a fresh process (nothing compiled yet: what a
 * `pome run` of one scenario pays), from a few child processes.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openWorld, type WorldOptions } from "../src/run/world.js";
import { parseScenarioText, type Scenario } from "../src/scenario/index.js";
import { median, percentile, round } from "./stats.js";

const GOAL_MS = 50;

export function bootScenario(twins: string[]): Scenario {
  const text = `---\ntwins: [${twins.join(", ")}]\n---\n# Boot\n\n## Prompt\nDo nothing.\n\n## Success Criteria\n- [D] \`merge_pull_request\` was never called\n`;
  return parseScenarioText(text, `boot-${twins.join("-")}.md`);
}

const OPTIONS: WorldOptions = {
  timeoutMs: 60_000,
  onCall: () => undefined,
  onTwinError: (message) => {
    throw new Error(message);
  },
};

/** Milliseconds from openWorld() to a world that answers; the close is not counted. */
export async function bootOnce(scenario: Scenario): Promise<number> {
  const start = performance.now();
  const world = await openWorld(scenario, OPTIONS);
  const ms = performance.now() - start;
  await world.close();
  return ms;
}

const summary = (samples: number[]) => ({ p50_ms: round(median(samples), 2), p95_ms: round(percentile(samples, 95), 2), max_ms: round(Math.max(...samples), 2) });

/** The first boot of a fresh process (`node --import tsx`: module loading is not counted, only openWorld). */
function coldBoots(scenario: Scenario, processes: number): number[] {
  const child = join(dirname(fileURLToPath(import.meta.url)), "world-boot-cold.ts");
  const read = JSON.stringify({ file: scenario.file, sha256: scenario.sha256, config: scenario.config, seed: scenario.seed });
  const out: number[] = [];
  for (let i = 0; i < processes; i++) {
    const run = spawnSync(process.execPath, ["--import", "tsx", child, read], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`cold boot child failed: ${run.stderr}`);
    out.push(Number(JSON.parse(run.stdout).first_boot_ms));
  }
  return out;
}

export async function worldBoot(iterations: number, coldProcesses: number) {
  const one = bootScenario(["github"]);
  const three = bootScenario(["github", "stripe", "slack"]);
  const warmup = Math.min(10, iterations);
  const github: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < iterations + warmup; i++) {
    const a = await bootOnce(one);
    const b = await bootOnce(three);
    if (i < warmup) continue;
    github.push(a);
    all.push(b);
  }
  const cold = coldBoots(three, coldProcesses);
  const threeTwins = summary(all);
  return {
    iterations,
    github_only: summary(github),
    github_stripe_slack: threeTwins,
    ratio_to_github_only: { p50: round(median(all) / median(github), 2), p95: round(percentile(all, 95) / percentile(github, 95), 2) },
    first_boot_in_fresh_process_ms: { processes: coldProcesses, p50: round(median(cold), 1), max: round(Math.max(...cold), 1) },
    goal: { p50_ms_max: GOAL_MS, pass: threeTwins.p50_ms < GOAL_MS, p95_under_goal: threeTwins.p95_ms < GOAL_MS },
  };
}
