import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = resolve(__dirname, "../..");

/** `npm run bench -- --quick --only …`: the script runs and its JSON keeps the shape the README reports from. */
function bench(only: string): Record<string, any> {
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/index.ts", "--quick", "--only", only], { cwd: ROOT, encoding: "utf8", timeout: 240_000 });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

describe("npm run bench", () => {
  test("the Slack benchmarks and the world boot run alone with --only, and say how they stand against their goals", () => {
    const out = bench("slack_throughput,slack_search_10k_messages,world_boot");
    expect(Object.keys(out)).toEqual(["node", "quick", "slack_throughput", "slack_search_10k_messages", "world_boot"]);

    const slack = out.slack_throughput;
    for (const method of ["chat_postMessage", "conversations_history"]) {
      expect(slack[method]).toMatchObject({ errors: 0, share_of_ceiling: expect.any(Number), share_of_webclient_on_bare: expect.any(Number), pass: expect.any(Boolean) });
      expect(slack[method].req_per_s).toBeGreaterThan(0);
      expect(slack.webclient_on_bare_server[method]).toMatchObject({ errors: 0 });
    }
    expect(slack.chat_postMessage).toMatchObject({ earlier_share_of_ceiling: 0.024, goal_share_of_ceiling_min: 0.119 });
    expect(slack.conversations_history).toMatchObject({ earlier_share_of_ceiling: 0.033, goal_share_of_ceiling_min: 0.167 });

    const search = out.slack_search_10k_messages;
    expect(search).toMatchObject({ messages: 10_000, hidden_channels: 2, auth_test_ms: { p50: expect.any(Number) } });
    for (const shape of ["in_channel_word", "from_user", "has_link", "plain_word"]) {
      expect(search.queries[shape].matches).toBeGreaterThan(0);
      expect(search.queries[shape].ratio_to_auth_test.p50).toBeGreaterThan(0);
    }

    const boot = out.world_boot;
    expect(boot.github_stripe_slack.p50_ms).toBeGreaterThan(0);
    expect(boot.ratio_to_github_only.p50).toBeGreaterThan(0);
    expect(boot.first_boot_in_fresh_process_ms.p50).toBeGreaterThan(0);
    expect(boot.goal).toMatchObject({ p50_ms_max: 50, pass: expect.any(Boolean) });
  }, 300_000);

  test("--only refuses a name it does not know", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "bench/index.ts", "--only", "nope"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown: nope");
  });
});
