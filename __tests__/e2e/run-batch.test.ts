/**
 * Batches: selection (directory, tags, shards), broken scenarios among good ones, trials
 * with pass^k, and concurrent runs in isolated worlds.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { PomeError } from "../../src/errors.js";
import { agent, onlyRun, readJson, REPO_ROOT, run, SCENARIOS, tempDir, TRIAGE } from "./fixtures.js";

const BATCH = join(SCENARIOS, "batch");
const artifacts = tempDir();
afterAll(() => artifacts.remove());

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PomeError);
  expect((error as PomeError).code).toBe("USAGE");
  return (error as PomeError).message;
}

describe("a batch with a broken scenario", () => {
  test("reports the broken one with exit 2 and file:line, runs the others, and returns the worst code", async () => {
    const batch = await run({ path: BATCH, agent: agent("good-agent.mjs"), artifactsDir: artifacts.path });
    expect(batch.scenarios.map((s) => [s.file, s.exit_code])).toEqual([
      [join(BATCH, "01-triage.md"), 0],
      [join(BATCH, "02-broken.md"), 2],
      [join(BATCH, "03-triage-again.md"), 0],
    ]);
    const broken = batch.scenarios[1].runs[0];
    expect(broken.error).toMatch(new RegExp(`^${join(BATCH, "02-broken.md")}:42: `));
    expect(broken.run_dir).toBeNull();
    expect(batch.exit_code).toBe(2);
  });
});

describe("selection", () => {
  test("--tag runs only the scenarios carrying it (and still reports broken files)", async () => {
    const batch = await run({ path: BATCH, tags: ["again"], agent: agent("good-agent.mjs"), artifactsDir: artifacts.path });
    expect(batch.scenarios.map((s) => s.title)).toEqual([expect.stringContaining("02-broken.md"), "Triage it again"]);
  });

  test("--shard runs one deterministic slice of the sorted list", async () => {
    const batch = await run({ path: BATCH, shard: "2/3", agent: agent("good-agent.mjs"), artifactsDir: artifacts.path });
    expect(batch.scenarios.map((s) => s.file)).toEqual([join(BATCH, "02-broken.md")]);
    expect(batch.shard).toBe("2/3");
  });

  test("a missing path is a usage error", async () => {
    expect(await usageError(run({ path: join(SCENARIOS, "nope.md"), artifactsDir: artifacts.path }))).toMatch(/scenario path not found/);
  });

  test("a tag nothing has is an empty selection: a usage error", async () => {
    expect(await usageError(run({ path: TRIAGE, tags: ["nothing-has-this"], artifactsDir: artifacts.path }))).toMatch(/no scenario .* has the tag "nothing-has-this"/);
  });

  test("an agent command with shell syntax is a usage error before anything runs", async () => {
    expect(await usageError(run({ path: TRIAGE, agent: "node a.mjs | tee log", artifactsDir: artifacts.path }))).toMatch(/POME_TRUST_AGENT_COMMAND=1/);
  });
});

describe("slugs", () => {
  test("scenarios sharing a file name in different folders get their own slugs, run folders and results", async () => {
    const project = tempDir();
    try {
      for (const folder of ["", "a", "b"]) {
        mkdirSync(join(project.path, "s", folder), { recursive: true });
        copyFileSync(TRIAGE, join(project.path, "s", folder, "x.md"));
      }
      const batch = await run({ path: join(project.path, "s"), recursive: true, agent: agent("good-agent.mjs"), artifactsDir: join(project.path, "runs") });
      expect(batch.exit_code).toBe(0);
      expect(batch.scenarios.map((s) => [s.file.slice(project.path.length), s.slug])).toEqual([
        ["/s/x.md", "x"],
        ["/s/a/x.md", "a-x"],
        ["/s/b/x.md", "b-x"],
      ]);
      const runs = batch.scenarios.map((s) => s.runs[0]);
      expect(runs.map((r) => r.run_dir)).toEqual(runs.map((r) => join(project.path, "runs", r.slug, r.run_id)));
      expect(runs.map((r) => readJson(r.run_dir!, "meta.json").scenario.slug)).toEqual(["x", "a-x", "b-x"]);
      expect(runs.map((r) => r.score!.scenario)).toEqual(["x", "a-x", "b-x"]);
    } finally {
      project.remove();
    }
  });
});

describe("trials", () => {
  test("-n 3 runs three fresh worlds and reports the pass rate and pass^k", async () => {
    const work = tempDir();
    try {
      const batch = await run({ path: TRIAGE, trials: 3, agent: agent("flaky-agent.mjs", "--counter", join(work.path, "count")), artifactsDir: artifacts.path });
      const [scenario] = batch.scenarios;
      expect(scenario.runs.map((r) => [r.trial, r.exit_code])).toEqual([
        [0, 0],
        [1, 1],
        [2, 0],
      ]);
      expect(scenario.trials).toEqual({ k: 3, passes: 2, pass_rate: 2 / 3, pass_hat_k: 0 });
      expect(readJson(scenario.runs[1].run_dir!, "score.json").trials).toEqual(scenario.trials);
      expect(batch.exit_code).toBe(1);
    } finally {
      work.remove();
    }
  });
});

describe("concurrency", () => {
  test("--concurrency 2 runs trials at the same time, each in its own world", async () => {
    const batch = await run({ path: TRIAGE, trials: 2, concurrency: 2, agent: agent("good-agent.mjs", "--sleep", "1500"), artifactsDir: artifacts.path });
    const [a, b] = batch.scenarios[0].runs;
    expect([a.exit_code, b.exit_code]).toEqual([0, 0]);
    // They overlapped in time…
    const span = (r: typeof a) => [Date.parse(r.started_at), Date.parse(r.started_at) + r.duration_ms];
    expect(span(a)[0]).toBeLessThan(span(b)[1]);
    expect(span(b)[0]).toBeLessThan(span(a)[1]);
    // …yet each had its own session and saw only its own calls.
    const restUrl = (dir: string) => /^using (\S+)$/m.exec(readFileSync(join(dir, "stdout.txt"), "utf8"))?.[1];
    expect(restUrl(a.run_dir!)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(restUrl(a.run_dir!)).not.toBe(restUrl(b.run_dir!));
    expect(a.calls).toBe(2);
    expect(b.calls).toBe(2);
  });
});

describe("which agent and where", () => {
  test("pome.config.json names the agent and the artifacts dir", async () => {
    const project = tempDir();
    try {
      writeFileSync(join(project.path, "pome.config.json"), JSON.stringify({ agent: { command: agent("good-agent.mjs") }, artifactsDir: "out" }));
      const batch = await run({ path: TRIAGE, cwd: project.path });
      expect(batch.exit_code).toBe(0);
      expect(batch.artifacts_dir).toBe(join(project.path, "out"));
      expect(existsSync(join(project.path, "out", "latest.json"))).toBe(true);
    } finally {
      project.remove();
    }
  });

  test("without --agent or a config, the bundled scripted example triages the bundled scenario", async () => {
    const result = onlyRun(await run({ path: join(REPO_ROOT, "scenarios/github/01-bug-happy-path.md"), artifactsDir: artifacts.path }));
    expect(readJson(result.run_dir!, "meta.json").agent_command).toBe("node examples/agents/scripted-triage-agent.mjs");
    expect(result.exit_code).toBe(0);
  });
});
