/**
 * Every byte pome writes or prints passes through the run's redaction: an agent that leaks
 * its LLM key, the run's JWT and token into twin data, its summary and its output, and a
 * seed that holds a GitHub token, leave no secret (nor a long piece of one) on any surface —
 * the terminal, JSON on stdout, results.json, junit.xml, the run folders; and in the action
 * the log, the check run and its annotations, the PR comment, the job summary, the outputs
 * and the uploaded artifact.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeArtifactService, type FakeArtifactService } from "../fixtures/fake-artifact-service/server.js";
import { startFakeLlm, type FakeLlm } from "../fixtures/fake-llm/server.js";
import { openGitHub, OWNER, PR_NUMBER, pullRequestEvent, REPO, runAction, type ActionRun, type GitHubWorld } from "./action-harness.js";
import { agent, CLEAN_ENV, REPO_ROOT, tempDir } from "./fixtures.js";

const CLI = join(REPO_ROOT, "src/cli/index.ts");
export const LEAK_SCENARIO = join(REPO_ROOT, "__tests__/fixtures/scenarios/secrets/leak.md");
export const SEED_TOKEN = "ghp_SeedTokenInTheIssue0123456789abcdefAB";
export const LLM_KEY = "sk-proj-Zx81QaTestKeyThatMustNeverLeave0123456789abcdXYZ";

/** Every file under `dir`, as [path, text]. */
export function filesUnder(dir: string): Array<[string, string]> {
  return readdirSync(dir).flatMap((name): Array<[string, string]> => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [[path, readFileSync(path, "utf8")]];
  });
}

/**
 * The surfaces (name → text) that hold a secret or a 16-character piece of one: a cut
 * secret (a reason quotes the first 57 characters of a comment) is still a leak.
 */
export function leaks(surfaces: Record<string, string>, secrets: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    const pieces = [secret, secret.slice(0, 16), secret.slice(-16), secret.slice(8, 24)];
    for (const [surface, text] of Object.entries(surfaces)) {
      if (pieces.some((piece) => text.includes(piece))) found.push(`${name} in ${surface}`);
    }
  }
  return found;
}

describe("pome run --reporter json,junit with a leaking agent", () => {
  const dir = tempDir("pome-secrets-");
  const artifacts = join(dir.path, "runs");
  const leakedFile = join(dir.path, "leaked.json");
  let stdout = "";
  let stderr = "";
  let code: number | null = null;
  let llm: FakeLlm;

  beforeAll(async () => {
    // The fix prompt's LLM: a local fake, so nothing reaches the network.
    llm = await startFakeLlm();
    llm.script(() => ({ kind: "text", text: "## Fix\n\nStop posting credentials." }));
    const child = spawn(
      process.execPath,
      ["--import", "tsx", CLI, "run", LEAK_SCENARIO, "--agent", agent("secret-echo-agent.mjs", leakedFile), "--artifacts-dir", artifacts, "--reporter", "json,junit"],
      { cwd: REPO_ROOT, env: { ...CLEAN_ENV, ...llm.env("openai", { key: LLM_KEY }) }, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    code = await new Promise((resolve) => child.on("close", resolve));
  });
  afterAll(async () => {
    await llm.close();
    dir.remove();
  });

  test("the agent leaked, and the run failed on it", () => {
    expect(code, stderr).toBe(1);
    const leaked = JSON.parse(readFileSync(leakedFile, "utf8"));
    expect(leaked.llmKey).toBe(LLM_KEY);
    expect(leaked.jwt).toMatch(/^eyJ/);
  });

  test("no secret on the terminal, on stdout, in results.json, junit.xml or any run file", () => {
    const leaked = JSON.parse(readFileSync(leakedFile, "utf8")) as Record<string, string>;
    const surfaces: Record<string, string> = { stdout, stderr, ...Object.fromEntries(filesUnder(artifacts)) };
    expect(Object.keys(surfaces)).toEqual(expect.arrayContaining([join(artifacts, "results.json"), join(artifacts, "junit.xml")]));
    expect(leaks(surfaces, { ...leaked, seedToken: SEED_TOKEN })).toEqual([]);
  });

  test("the placeholders stand where the secrets were", () => {
    expect(stderr).toMatch(/summary: Posted \[REDACTED:[0-9a-f]{8}\] and \[REDACTED:[0-9a-f]{8}\]/);
    const run = JSON.parse(stdout).scenarios[0].runs[0];
    expect(run.agent_summary).toMatch(/^Posted \[REDACTED:[0-9a-f]{8}\] and \[REDACTED:[0-9a-f]{8}\] and \[REDACTED:[0-9a-f]{8}\] on issue #1\.$/);
  });
});

describe("the action with a leaking agent", () => {
  const dir = tempDir("pome-secrets-action-");
  const leakedFile = join(dir.path, "leaked.json");
  const ws = join(dir.path, "ws");
  let llm: FakeLlm;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let result: ActionRun;

  beforeAll(async () => {
    mkdirSync(join(ws, "scenarios"), { recursive: true });
    copyFileSync(LEAK_SCENARIO, join(ws, "scenarios", "leak.md"));
    llm = await startFakeLlm();
    llm.script(() => ({ kind: "text", text: "## Fix\n\nStop posting credentials." }));
    github = await openGitHub();
    artifacts = await startFakeArtifactService();
    result = await runAction({
      github,
      artifacts,
      workspace: ws,
      name: "leak",
      source: true,
      inputs: { agent: agent("secret-echo-agent.mjs", leakedFile) },
      event: pullRequestEvent(github.headSha),
      env: llm.env("openai", { key: LLM_KEY }),
    });
  }, 120_000);
  afterAll(async () => {
    await artifacts?.close();
    await github?.server.close();
    await llm?.close();
    dir.remove();
  });

  test("the run failed on the leak, and every surface was written", async () => {
    expect(result.code, result.stderr + result.stdout).toBe(1);
    expect(JSON.parse(readFileSync(leakedFile, "utf8")).llmKey).toBe(LLM_KEY);
    const checks = (await github.octokit.rest.checks.listForRef({ owner: OWNER, repo: REPO, ref: github.headSha, filter: "all" })).data.check_runs;
    expect(checks).toHaveLength(1);
    expect(checks[0].output.annotations_count).toBeGreaterThan(0);
    expect(await github.octokit.rest.issues.listComments({ owner: OWNER, repo: REPO, issue_number: PR_NUMBER })).toMatchObject({ data: [{ body: expect.stringContaining("pome") }] });
    expect(result.summary).toContain("Keep the secrets out of the reports");
  });

  test("no secret in the log, the check run, its annotations, the comment, the summary, the outputs, the files or the artifact", async () => {
    const leaked = JSON.parse(readFileSync(leakedFile, "utf8")) as Record<string, string>;
    const repo = { owner: OWNER, repo: REPO };
    const [check] = (await github.octokit.rest.checks.listForRef({ ...repo, ref: github.headSha, filter: "all" })).data.check_runs;
    const annotations = (await github.octokit.rest.checks.listAnnotations({ ...repo, check_run_id: check.id })).data;
    const comments = (await github.octokit.rest.issues.listComments({ ...repo, issue_number: PR_NUMBER })).data;
    const uploaded = [...artifacts.files("pome-runs")].map(([name, bytes]) => [`artifact:${name}`, bytes.toString("utf8")]);
    const surfaces: Record<string, string> = {
      stdout: result.stdout,
      stderr: result.stderr,
      "step summary": result.summary,
      outputs: result.outputFile,
      "check run": JSON.stringify(check.output),
      annotations: JSON.stringify(annotations),
      comment: JSON.stringify(comments.map((c) => c.body)),
      ...Object.fromEntries(filesUnder(join(ws, "runs"))),
      ...Object.fromEntries(uploaded),
    };
    expect(Object.keys(surfaces)).toEqual(expect.arrayContaining([join(ws, "runs", "results.json"), join(ws, "runs", "junit.xml"), join(ws, "runs", "summary.md"), "artifact:results.json"]));
    expect(leaks(surfaces, { ...leaked, seedToken: SEED_TOKEN })).toEqual([]);
    expect(annotations.map((a) => a.message).join("\n")).toMatch(/\[REDACTED:[0-9a-f]{8}\]/);
  });
});
