/** Seeding 10,000 issues: seed + snapshot time and RSS, next to a 10-issue seed (the baseline). */
import { seedSnapshot } from "../src/twins/index.js";
import { round } from "./stats.js";

function seedWith(issues: number) {
  return {
    repositories: [
      {
        owner: "acme",
        name: "api",
        labels: [{ name: "bug" }, { name: "feature" }, { name: "question" }],
        collaborators: ["alice", "bob"],
        issues: Array.from({ length: issues }, (_, i) => ({
          number: i + 1,
          title: `Issue ${i + 1}: something is off in module ${i % 97}`,
          body: "Steps to reproduce:\n1. call the endpoint\n2. observe the 500\n".repeat(3),
          labels: [["bug", "feature", "question"][i % 3]],
          assignees: i % 2 ? ["alice"] : [],
        })),
      },
    ],
  };
}

function measure(issues: number) {
  const seed = seedWith(issues);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const snapshot = seedSnapshot("github", seed);
  const json = JSON.stringify(snapshot);
  const ms = performance.now() - start;
  const rssAfter = process.memoryUsage().rss;
  return { issues, seed_and_snapshot_ms: round(ms, 1), snapshot_bytes: json.length, rss_delta_mb: round((rssAfter - rssBefore) / 2 ** 20, 1) };
}

export function seedScale() {
  const baseline = measure(10);
  const large = measure(10_000);
  return { baseline, large, rss_mb: round(process.memoryUsage().rss / 2 ** 20, 1), ms_per_issue: round(large.seed_and_snapshot_ms / large.issues, 4) };
}
