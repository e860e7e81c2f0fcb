/**
 * The built action end to end: `node dist/index.js` with the runner's variables, reporting
 * to pome's own GitHub twin and uploading to a fake of the artifact service through the real
 * `@actions/artifact` client.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startFakeArtifactService, type FakeArtifactService } from "../fixtures/fake-artifact-service/server.js";
import { ACTION, forkFaults, openGitHub, OWNER, useActionWorld, PR_NUMBER, pullRequestEvent, REPO, runAction, workspace, type ActionRun, type GitHubWorld } from "./action-harness.js";
import { tempDir } from "./fixtures.js";

const repo = { owner: OWNER, repo: REPO };
const MARKER = "<!-- pome:comment CI / pome -->";

beforeAll(() => {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run "npm run bundle" first`);
});

async function checkRuns(github: GitHubWorld) {
  return (await github.octokit.rest.checks.listForRef({ ...repo, ref: github.headSha, filter: "all" })).data.check_runs;
}

async function comments(github: GitHubWorld) {
  return (await github.octokit.rest.issues.listComments({ ...repo, issue_number: PR_NUMBER })).data;
}

function forbiddenNames(names: string[]): string[] {
  return names.filter((n) => n === "GITHUB_TOKEN" || n.startsWith("ACTIONS_") || n.startsWith("INPUT_"));
}

describe("a passing batch on a pull request", () => {
  const world = useActionWorld();
  const ws = world.ws;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let result: ActionRun;

  beforeAll(async () => {
    ({ github, artifacts } = world);
    result = await runAction({ github, artifacts, workspace: ws.path, name: "pass", inputs: { agent: ws.agent("good"), "retention-days": "5" }, event: pullRequestEvent(github.headSha) });
  });

  test("exits 0 with the outputs of the spec", () => {
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({
      result: "pass",
      "exit-code": "0",
      satisfaction: "100",
      scenarios: "1",
      passed: "1",
      failed: "0",
      errored: "0",
      "artifact-id": "1001",
      "artifact-url": "https://github.com/acme/agent-repo/actions/runs/4242/artifacts/1001",
    });
    expect(result.outputs["results-file"]).toBe(`${ws.path}/runs/results.json`);
    expect(result.outputs["summary-file"]).toBe(`${ws.path}/runs/summary.md`);
  });

  test("completes a successful check run on the PR head sha", async () => {
    const runs = await checkRuns(github);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: "pome", head_sha: github.headSha, status: "completed", conclusion: "success", details_url: "https://github.com/acme/agent-repo/actions/runs/4242" });
    expect(runs[0].output.title).toBe("1/1 scenarios passed");
    expect(String(runs[0].id)).toBe(result.outputs["check-run-id"]);
  });

  test("writes the job summary with the artifact link", () => {
    expect(result.summary).toContain("## pome: 1/1 scenarios passed");
    expect(result.summary).toContain("[pome-runs](https://github.com/acme/agent-repo/actions/runs/4242/artifacts/1001)");
  });

  test("posts no comment when everything passed (comment: on-failure)", async () => {
    expect(await comments(github)).toEqual([]);
  });

  test("uploads the run folders and the results through the real artifact client", () => {
    expect(artifacts.artifacts.map((a) => [a.name, a.finalized, a.version])).toEqual([["pome-runs", true, 7]]);
    expect(artifacts.artifacts[0].expiresAt).not.toBeNull();
    const files = artifacts.files("pome-runs");
    const results = JSON.parse(files.get("results.json")!.toString("utf8"));
    expect(results).toMatchObject({ exit_code: 0, summary: { scenarios: 1, passed: 1 } });
    const runDir = results.scenarios[0].runs[0].run_id as string;
    expect([...files.keys()]).toEqual(expect.arrayContaining(["junit.xml", "github-context.json", `triage/${runDir}/score.json`, `triage/${runDir}/events.jsonl`]));
    expect(JSON.parse(files.get("github-context.json")!.toString("utf8"))).toMatchObject({ head_sha: github.headSha, pull_request: PR_NUMBER, fork: false });
  });

  test("masks the token in the log", () => {
    expect(result.stdout).toContain(`::add-mask::${github.session.tokens.github}`);
  });

  test("the agent saw no GitHub token, runtime credential or action input", () => {
    const results = JSON.parse(artifacts.files("pome-runs").get("results.json")!.toString("utf8"));
    const names = JSON.parse(artifacts.files("pome-runs").get(`triage/${results.scenarios[0].runs[0].run_id}/agent-env.json`)!.toString("utf8")) as string[];
    expect(names).toContain("POME_GITHUB_TOKEN");
    expect(forbiddenNames(names)).toEqual([]);
  });
});

describe("a failing batch on a pull request, run twice", () => {
  const dir = tempDir("pome-action-");
  const ws = workspace(dir.path);
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  const results: ActionRun[] = [];

  beforeAll(async () => {
    github = await openGitHub();
    artifacts = await startFakeArtifactService();
    for (const attempt of ["1", "2"]) {
      results.push(
        await runAction({
          github,
          artifacts,
          workspace: ws.path,
          name: `fail-${attempt}`,
          inputs: { agent: ws.agent("lazy"), "artifact-name": `pome-runs-${attempt}` },
          event: pullRequestEvent(github.headSha),
        }),
      );
    }
  });
  afterAll(async () => {
    await artifacts.close();
    await github.server.close();
    dir.remove();
  });

  test("fails the job with the exit code and its meaning", () => {
    expect(results[0].code, results[0].stderr + results[0].stdout).toBe(1);
    expect(results[0].stdout).toContain("::error::pome: exit 1: a scenario failed its criteria or could not be fully evaluated (fail-on: failure)");
    expect(results[0].outputs).toMatchObject({ result: "fail", "exit-code": "1", failed: "1", passed: "0" });
  });

  test("the check run fails, with one annotation at the failed criterion's line", async () => {
    const latest = (await github.octokit.rest.checks.listForRef({ ...repo, ref: github.headSha, check_name: "pome" })).data.check_runs;
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(latest[0].output.title).toBe("0/1 scenarios passed · 1 criterion failed");
    const annotations = (await github.octokit.rest.checks.listAnnotations({ ...repo, check_run_id: latest[0].id })).data;
    const line = ws.criterionLine("is assigned to `alice`");
    expect(annotations).toEqual([expect.objectContaining({ path: "scenarios/triage.md", start_line: line, end_line: line, annotation_level: "failure" })]);
    expect(annotations[0].message).toContain("[D] Issue #1 is assigned to `alice`");
    const score = JSON.parse(artifacts.files("pome-runs-2").get("results.json")!.toString("utf8")).scenarios[0].runs[0].score;
    expect(annotations[0].raw_details ?? null).toBe(score.fix_prompt);
  });

  test("the sticky comment is created once and updated in place on the second run", async () => {
    const all = await comments(github);
    expect(all).toHaveLength(1);
    expect(all[0].body!.split("\n")[0]).toBe(MARKER);
    expect(all[0].body).toContain("## pome: 0/1 scenarios passed");
    expect(all[0].updated_at > all[0].created_at).toBe(true);
    expect(results[1].stdout).toContain("PR comment updated");
  });

  test("the summary lists the failed criterion with its reason", () => {
    expect(results[1].summary).toContain("### Criteria that did not pass (1)");
    expect(results[1].summary).toMatch(/\| ❌ \| \[D\] Issue #&#8203;1 is assigned to `alice` \|/);
  });
});

describe("a pull request from a fork", () => {
  const world = useActionWorld(forkFaults);
  const ws = world.ws;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let pass: ActionRun;
  let fail: ActionRun;

  beforeAll(async () => {
    ({ github, artifacts } = world);
    const event = pullRequestEvent(github.headSha, "contributor/agent-repo");
    pass = await runAction({ github, artifacts, workspace: ws.path, name: "fork-pass", inputs: { agent: ws.agent("good"), comment: "always", "artifact-name": "fork-pass" }, event });
    fail = await runAction({ github, artifacts, workspace: ws.path, name: "fork-fail", inputs: { agent: ws.agent("lazy"), comment: "always", "artifact-name": "fork-fail" }, event });
  });

  test("403s on the check run and the comment are warnings: a passing batch still exits 0", async () => {
    expect(pass.code, pass.stderr + pass.stdout).toBe(0);
    expect(pass.stdout).toMatch(/::warning::check run skipped: the token may not do this \(Resource not accessible by integration\)/);
    expect(pass.stdout).toMatch(/::warning::PR comment skipped: the token may not do this/);
    expect(await checkRuns(github)).toEqual([]);
    expect(await comments(github)).toEqual([]);
  });

  test("a failing batch fails on its results and falls back to workflow-command annotations", () => {
    expect(fail.code).toBe(1);
    const line = fail.stdout.split("\n").find((l) => l.startsWith("::error ") && l.includes("file=scenarios/triage.md"));
    expect(line).toContain(`line=${ws.criterionLine("is assigned to `alice`")}`);
    expect(fail.stdout).toContain("::error::pome: exit 1:");
  });

  test("the summary says the run is a fork's and which surfaces were refused", () => {
    expect(fail.summary).toContain("pull request from a fork");
    expect(fail.summary).toContain("check run skipped: the token may not do this (Resource not accessible by integration)");
    expect(fail.outputs["check-run-id"]).toBe("");
    expect(fail.outputs["artifact-id"]).not.toBe("");
  });
});

describe("fail-on: never", () => {
  const world = useActionWorld();
  const ws = world.ws;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let result: ActionRun;

  beforeAll(async () => {
    ({ github, artifacts } = world);
    result = await runAction({ github, artifacts, workspace: ws.path, name: "never", inputs: { agent: ws.agent("lazy"), "fail-on": "never", comment: "off" }, event: pullRequestEvent(github.headSha) });
  });

  test("a failing batch leaves the job green and the check neutral, with the results in the outputs", async () => {
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).not.toContain("::error::pome:");
    expect(result.outputs).toMatchObject({ result: "fail", "exit-code": "1" });
    const runs = await checkRuns(github);
    expect(runs.map((r) => [r.status, r.conclusion])).toEqual([["completed", "neutral"]]);
    expect(result.summary).toContain("fail-on is never: these results do not fail the job.");
  });
});

describe("the fork-safe two-stage pattern", () => {
  const dir = tempDir("pome-action-");
  const ws = workspace(dir.path);
  let stage1World: GitHubWorld;
  let stage2World: GitHubWorld;
  let artifacts: FakeArtifactService;
  let stage1: ActionRun;
  let stage2: ActionRun;

  beforeAll(async () => {
    stage1World = await openGitHub(forkFaults());
    stage2World = await openGitHub();
    artifacts = await startFakeArtifactService();
    stage1 = await runAction({
      github: stage1World,
      artifacts,
      workspace: ws.path,
      name: "stage-1",
      inputs: { agent: ws.agent("lazy"), check: "false", comment: "off", "fail-on": "never" },
      event: pullRequestEvent(stage1World.headSha, "contributor/agent-repo"),
    });
    // What actions/download-artifact leaves in stage 2's workspace.
    for (const [path, content] of artifacts.files("pome-runs")) {
      mkdirSync(dirname(join(ws.path, "results", "pome-runs", path)), { recursive: true });
      writeFileSync(join(ws.path, "results", "pome-runs", path), content);
    }
    const workflowRun = {
      workflow_run: {
        id: 4242,
        head_sha: stage2World.headSha,
        head_branch: "feature/agent",
        head_repository: { full_name: "contributor/agent-repo" },
        repository: { full_name: `${OWNER}/${REPO}` },
        pull_requests: [],
      },
      repository: { full_name: `${OWNER}/${REPO}` },
    };
    stage2 = await runAction({
      github: stage2World,
      artifacts,
      workspace: ws.path,
      name: "stage-2",
      inputs: { mode: "report", path: "results/", "artifacts-dir": "report" },
      event: workflowRun,
      eventName: "workflow_run",
    });
  });
  afterAll(async () => {
    await artifacts.close();
    await stage1World.server.close();
    await stage2World.server.close();
    dir.remove();
  });

  test("stage 1 runs, uploads and stays green; stage 2 decides the job from the results", () => {
    expect(stage1.code, stage1.stderr + stage1.stdout).toBe(0);
    expect(stage2.code, stage2.stderr + stage2.stdout).toBe(1);
    expect(stage2.outputs).toMatchObject({ result: "fail", "exit-code": "1", scenarios: "1", failed: "1", "artifact-id": "" });
  });

  test("stage 2 publishes the check run on the PR head with the annotation at the criterion's line", async () => {
    const runs = await checkRuns(stage2World);
    expect(runs.map((r) => [r.name, r.head_sha, r.conclusion])).toEqual([["pome", stage2World.headSha, "failure"]]);
    const annotations = (await stage2World.octokit.rest.checks.listAnnotations({ ...repo, check_run_id: runs[0].id })).data;
    expect(annotations.map((a) => [a.path, a.start_line])).toEqual([["scenarios/triage.md", ws.criterionLine("is assigned to `alice`")]]);
  });

  test("stage 2 finds the fork's PR from stage 1's context, checked against the head sha, and comments", async () => {
    const all = await comments(stage2World);
    expect(all).toHaveLength(1);
    expect(all[0].body!.split("\n")[0]).toBe(MARKER);
  });
});

describe("baseline: previous on pushes to main", () => {
  const world = useActionWorld();
  const ws = world.ws;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let second: ActionRun;

  beforeAll(async () => {
    ({ github, artifacts } = world);
    const main = (await github.octokit.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const push = { ref: "refs/heads/main", after: main, repository: { full_name: `${OWNER}/${REPO}`, default_branch: "main" } };
    const env = { GITHUB_SHA: main, GITHUB_REF_NAME: "main" };
    const inputs = { "upload-artifacts": "false", baseline: "previous", comment: "off" };
    await runAction({ github, artifacts, workspace: ws.path, name: "night-1", inputs: { ...inputs, agent: ws.agent("good") }, event: push, eventName: "push", env });
    second = await runAction({ github, artifacts, workspace: ws.path, name: "night-2", inputs: { ...inputs, agent: ws.agent("lazy") }, event: push, eventName: "push", env });
  });

  test("the second run reads the first run's check and lists the regression", () => {
    expect(second.code, second.stderr + second.stdout).toBe(1);
    expect(second.summary).toMatch(/### Compared with \[the previous run\]\(http[^)]+\)/);
    expect(second.summary).toContain("1 regressed · 0 fixed · 0 flaky · 0 new · 0 gone");
    expect(second.summary).toContain("- ❌ Triage a fresh bug report (scenarios/triage.md) — was pass");
  });
});

describe("pass-threshold", () => {
  const world = useActionWorld();
  const ws = world.ws;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let result: ActionRun;

  beforeAll(async () => {
    ({ github, artifacts } = world);
    const inputs = { agent: ws.agent("lazy"), "pass-threshold": "60", "upload-artifacts": "false", comment: "off" };
    result = await runAction({ github, artifacts, workspace: ws.path, name: "threshold", inputs, event: pullRequestEvent(github.headSha) });
  });

  test("overrides the scenario's threshold: 2 of 3 criteria (67%) pass at 60", () => {
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.outputs).toMatchObject({ result: "pass", satisfaction: "67", passed: "1" });
  });
});

describe("a bad input", () => {
  const world = useActionWorld();
  const ws = world.ws;
  let github: GitHubWorld;
  let artifacts: FakeArtifactService;
  let result: ActionRun;

  beforeAll(async () => {
    ({ github, artifacts } = world);
    result = await runAction({ github, artifacts, workspace: ws.path, name: "bad-input", inputs: { "fail-on": "sometimes" }, event: pullRequestEvent(github.headSha) });
  });

  test("fails the step with exit 5, naming the input, before anything runs", async () => {
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::pome: exit 5: invalid input "fail-on": expected one of failure, error, never (got "sometimes")');
    expect(result.outputs).toMatchObject({ "exit-code": "5", result: "fail" });
    expect(await checkRuns(github)).toEqual([]);
  });
});
