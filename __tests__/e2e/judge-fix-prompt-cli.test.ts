/** `pome fix-prompt <run>`: a fix prompt written again from a finished run's artifacts, in a real CLI process. */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isFixPromptRequest } from "../fixtures/fake-llm/requests.js";
import { startFakeLlm, type FakeLlm } from "../fixtures/fake-llm/server.js";
import { agent, CLEAN_ENV, onlyRun, readJson, REPO_ROOT, run, tempDir, TRIAGE } from "./fixtures.js";

const CLI = join(REPO_ROOT, "src/cli/index.ts");
const artifacts = tempDir("pome-fix-cli-");
let llm: FakeLlm;
let failedRun: string;
beforeAll(async () => {
  llm = await startFakeLlm();
  // signals-agent does no triage: the criteria fail. No fix prompt yet.
  const result = onlyRun(await run({ path: TRIAGE, agent: agent("signals-agent.mjs"), artifactsDir: artifacts.path, fixPrompt: false, cwd: REPO_ROOT }));
  failedRun = result.run_dir!;
}, 60_000);
afterAll(async () => {
  await llm.close();
  artifacts.remove();
});

function pome(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: REPO_ROOT, env: { ...CLEAN_ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("pome fix-prompt", () => {
  test("without a key: the template, on stdout, in fix_prompt.md and in score.json", async () => {
    expect(readJson(failedRun, "score.json").fix_prompt).toBeNull();
    const { code, stdout, stderr } = await pome(["fix-prompt", failedRun]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^# Fix prompt: Triage a fresh bug report\n/);
    expect(stdout).toContain("> Triage issue #1 in acme/api: label it `bug` and assign it to alice.");
    expect(stdout).toMatch(/### 1\. \[D\] Issue #1 has the `bug` label/);
    expect(stderr).toMatch(/wrote .*fix_prompt\.md \(from the template\)/);
    expect(readFileSync(join(failedRun, "fix_prompt.md"), "utf8")).toBe(stdout);
    expect(readJson(failedRun, "score.json")).toMatchObject({ fix_prompt: stdout, fix_prompt_source: "template", status: "fail" });
  });

  test("with a key: written by the LLM from the run's facts", async () => {
    llm.reset();
    llm.script(() => ({ kind: "text", text: "## What the agent was asked\nTriage issue #1.\n" }));
    const { code, stdout } = await pome(["fix-prompt", failedRun, "--no-write"], llm.env("anthropic"));
    expect(code).toBe(0);
    expect(stdout).toBe("## What the agent was asked\nTriage issue #1.\n");
    expect(llm.requests.filter(isFixPromptRequest)).toHaveLength(1);
    expect(readJson(failedRun, "score.json").fix_prompt_source).toBe("template");
  });

  test("a run that passed has nothing to fix", async () => {
    const passed = onlyRun(await run({ path: TRIAGE, agent: agent("good-agent.mjs"), artifactsDir: artifacts.path, cwd: REPO_ROOT }));
    const { code, stdout, stderr } = await pome(["fix-prompt", passed.run_dir!]);
    expect([code, stdout]).toEqual([0, ""]);
    expect(stderr).toMatch(/the run passed; there is nothing to fix/);
    expect(existsSync(join(passed.run_dir!, "fix_prompt.md"))).toBe(false);
  }, 60_000);

  test("a folder without score.json is a usage error", async () => {
    const empty = tempDir();
    try {
      const { code, stderr } = await pome(["fix-prompt", empty.path]);
      expect(code).toBe(5);
      expect(stderr).toMatch(/score\.json is missing or invalid: the run never reached scoring/);
    } finally {
      empty.remove();
    }
  });
});
