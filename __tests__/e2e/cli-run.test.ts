/**
 * The `pome` binary end to end: `pome run` and `pome inspect` as a user types them, in a
 * real process, with real agents.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { agent, CLEAN_ENV, isAlive, processesWithRunId, readJson, REPO_ROOT, tempDir, TRIAGE } from "./fixtures.js";

const CLI = join(REPO_ROOT, "src/cli/index.ts");
const artifacts = tempDir();
afterAll(() => artifacts.remove());

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function pome(args: string[], opts: { env?: Record<string, string | undefined>; onSpawn?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<Finished> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: REPO_ROOT, env: { ...CLEAN_ENV, ...opts.env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  opts.onSpawn?.(child);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("pome run", () => {
  test("--reporter json prints the batch on stdout, writes results.json, and exits with the batch code", async () => {
    const { code, stdout, stderr } = await pome(["run", TRIAGE, "--agent", agent("good-agent.mjs"), "--artifacts-dir", artifacts.path, "--reporter", "json"]);
    expect(stderr).toContain("Triage a fresh bug report");
    expect(code).toBe(0);
    const batch = JSON.parse(stdout);
    expect(batch.exit_code).toBe(0);
    expect(batch.scenarios[0].runs[0].score.status).toBe("pass");
    expect(readJson(artifacts.path, "results.json")).toEqual(batch);
  });

  test("--reporter junit writes junit.xml; in GitHub Actions each scenario is a collapsible log group", async () => {
    const { code, stderr } = await pome(["run", TRIAGE, "--agent", agent("crash-agent.mjs"), "--artifacts-dir", artifacts.path, "--reporter", "junit"], {
      env: { GITHUB_ACTIONS: "true" },
    });
    expect(code).toBe(3);
    expect(readFileSync(join(artifacts.path, "junit.xml"), "utf8")).toMatch(/^<\?xml[\s\S]*<testsuite/);
    expect(stderr).toMatch(/^::group::ERROR Triage a fresh bug report$/m);
    expect(stderr).toMatch(/^::endgroup::$/m);
  });

  test("Ctrl-C ends the agent, finishes the run folder and exits 130", async () => {
    const dir = tempDir();
    try {
      const finished = pome(["run", TRIAGE, "--agent", agent("hang-agent.mjs"), "--artifacts-dir", dir.path, "--timeout", "60"], {
        onSpawn: (child) => {
          const poll = setInterval(() => {
            const slug = join(dir.path, "triage");
            const run = existsSync(slug) ? readdirSync(slug)[0] : undefined;
            if (run && existsSync(join(slug, run, "stdout.txt")) && readFileSync(join(slug, run, "stdout.txt"), "utf8").includes("thinking")) {
              clearInterval(poll);
              child.kill("SIGINT");
            }
          }, 100);
          child.on("close", () => clearInterval(poll));
        },
      });
      const { code, stderr } = await finished;
      expect(stderr).toContain("interrupted");
      expect(code).toBe(130);
      const runId = readdirSync(join(dir.path, "triage"))[0];
      const meta = readJson(join(dir.path, "triage", runId), "meta.json");
      expect(meta.exit).toMatchObject({ timed_out: false });
      expect(meta.exit.signal).not.toBeNull();
      expect(processesWithRunId(runId).filter(isAlive)).toEqual([]);
    } finally {
      dir.remove();
    }
  });
});

describe("pome inspect", () => {
  test("latest shows the last run's timeline and verdicts", async () => {
    const { code, stdout } = await pome(["inspect", "latest", "--artifacts-dir", artifacts.path]);
    expect(code).toBe(0);
    expect(stdout).toContain("add_issue_labels");
    expect(stdout).toMatch(/✗ .*Issue #1 is assigned to `alice`/);
  });

  test("a run id is found under the artifacts dir", async () => {
    const { run_id } = readJson(artifacts.path, "latest.json");
    const { code, stdout } = await pome(["inspect", run_id, "--artifacts-dir", artifacts.path]);
    expect(code).toBe(0);
    expect(stdout).toContain(run_id);
  });
});
