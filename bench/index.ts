/**
 * `npm run bench`: pome's performance goals, as JSON on stdout (and bench/results/latest.json).
 * Every figure that matters is a ratio against a baseline measured in the same run.
 * `--quick` runs fewer iterations. `--only name[,name…]` runs just those benchmarks (the
 * keys of the JSON, e.g. `npm run bench -- --only slack_throughput,world_boot`) and writes
 * bench/results/only.json instead.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { proxyLatency } from "./proxy-latency.js";
import { actionBench } from "./action.js";
import { runOverhead } from "./run-overhead.js";
import { seedScale } from "./seed-scale.js";
import { slackSearch } from "./slack-search.js";
import { slackThroughput } from "./slack-throughput.js";
import { stripeThroughput } from "./stripe-throughput.js";
import { twinThroughput } from "./twin-throughput.js";
import { worldBoot } from "./world-boot.js";

const quick = process.argv.includes("--quick");
const BENCHES: Record<string, () => Promise<unknown> | unknown> = {
  run_overhead: () => runOverhead(quick ? 2 : 15),
  twin_throughput: () => twinThroughput(quick ? 200 : 5000),
  stripe_throughput: () => stripeThroughput(quick ? 200 : 5000),
  seed_10k_issues: () => seedScale(),
  proxy_latency: () => proxyLatency(quick ? 100 : 500),
  action: () => actionBench(quick),
  slack_throughput: () => slackThroughput(quick ? 200 : 5000),
  slack_search_10k_messages: () => slackSearch(quick ? 5 : 100),
  world_boot: () => worldBoot(quick ? 5 : 100, quick ? 1 : 3),
};

const at = process.argv.indexOf("--only");
const only = at === -1 ? null : (process.argv[at + 1] ?? "").split(",").filter(Boolean);
const unknown = only?.filter((name) => !(name in BENCHES)) ?? [];
if (only && (only.length === 0 || unknown.length > 0)) {
  process.stderr.write(`--only takes benchmark names: ${Object.keys(BENCHES).join(", ")}${unknown.length ? ` (unknown: ${unknown.join(", ")})` : ""}\n`);
  process.exit(2);
}

const results: Record<string, unknown> = { node: process.version, quick };
for (const [name, run] of Object.entries(BENCHES)) {
  if (!only || only.includes(name)) results[name] = await run();
}
const json = `${JSON.stringify(results, null, 2)}\n`;
const out = join(dirname(fileURLToPath(import.meta.url)), "results");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, only ? "only.json" : quick ? "quick.json" : "latest.json"), json);
process.stdout.write(json);
