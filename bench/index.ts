/**
 * `npm run bench`: pome's performance goals, as JSON on stdout (and bench/results/latest.json).
 * Every figure that matters is a ratio against a baseline measured in the same run.
 * `--quick` runs fewer iterations (used by the test that keeps this script working).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { proxyLatency } from "./proxy-latency.js";
import { actionBench } from "./action.js";
import { runOverhead } from "./run-overhead.js";
import { seedScale } from "./seed-scale.js";
import { stripeThroughput } from "./stripe-throughput.js";
import { twinThroughput } from "./twin-throughput.js";

const quick = process.argv.includes("--quick");
const results = {
  node: process.version,
  quick,
  run_overhead: await runOverhead(quick ? 2 : 15),
  twin_throughput: await twinThroughput(quick ? 200 : 5000),
  stripe_throughput: await stripeThroughput(quick ? 200 : 5000),
  seed_10k_issues: seedScale(),
  proxy_latency: await proxyLatency(quick ? 100 : 500),
  action: await actionBench(quick),
};
const json = `${JSON.stringify(results, null, 2)}\n`;
const out = join(dirname(fileURLToPath(import.meta.url)), "results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, quick ? "quick.json" : "latest.json"), json);
process.stdout.write(json);
