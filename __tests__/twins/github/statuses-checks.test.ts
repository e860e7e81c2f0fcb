import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitSeed, readOnlyAgentSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

async function headOf(octokit: any, branch = "feature/retry"): Promise<string> {
  return (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha;
}

const annotation = (i: number) => ({ path: "src/app.ts", start_line: i, end_line: i, annotation_level: "warning" as const, message: `problem ${i}` });

describe("create_commit_status", () => {
  test("creates a status on a sha with 201", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const sha = await headOf(octokit);
    const { status, data } = await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/build", description: "ok", target_url: "https://ci.example/1" });
    expect(status).toBe(201);
    expect(data).toMatchObject({ state: "success", context: "ci/build", description: "ok", creator: { login: "pome-agent" } });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/statuses/{sha}", 201, data)).toEqual([]);
    expect(snapshot().repositories[0].statuses).toMatchObject([{ sha, context: "ci/build", state: "success" }]);
  });

  test("defaults the context to `default`", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.repos.createCommitStatus({ ...repo, sha: await headOf(octokit), state: "pending" });
    expect(data.context).toBe("default");
  });

  test("answers 422 for a sha that is not in the repository", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.repos.createCommitStatus({ ...repo, sha: "f".repeat(40), state: "success" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toBe(`No commit found for SHA: ${"f".repeat(40)}`);
  });

  test("answers 403 without push access", async () => {
    const { octokit } = openWorld(readOnlyAgentSeed());
    const error = await octokit.rest.repos.createCommitStatus({ ...repo, sha: await headOf(octokit), state: "success" }).catch((e: any) => e);
    expect(error.status).toBe(403);
  });
});

describe("list_commit_statuses", () => {
  test("lists every status of a ref newest first", async () => {
    const { octokit } = openWorld(gitSeed());
    const sha = await headOf(octokit);
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "pending", context: "ci/build" });
    await octokit.rest.repos.createCommitStatus({ ...repo, sha, state: "success", context: "ci/build" });
    const { data } = await octokit.rest.repos.listCommitStatusesForRef({ ...repo, ref: "feature/retry" });
    expect(data.map((s: any) => s.state)).toEqual(["success", "pending"]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits/{ref}/statuses", 200, data)).toEqual([]);
  });
});

describe("get_combined_status_for_ref", () => {
  async function combined(states: Array<[string, string]>) {
    const { octokit } = openWorld(gitSeed());
    const sha = await headOf(octokit);
    for (const [context, state] of states) await octokit.rest.repos.createCommitStatus({ ...repo, sha, context, state: state as any });
    return (await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: "feature/retry" })).data;
  }

  test("is pending when there are no statuses", async () => {
    expect(await combined([])).toMatchObject({ state: "pending", total_count: 0, statuses: [] });
  });

  test("keeps only the newest status of each context", async () => {
    const data = await combined([["ci/build", "failure"], ["ci/build", "success"], ["lint", "success"]]);
    expect(data).toMatchObject({ state: "success", total_count: 2 });
    expect(data.statuses.map((s: any) => [s.context, s.state]).sort()).toEqual([["ci/build", "success"], ["lint", "success"]]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits/{ref}/status", 200, data)).toEqual([]);
  });

  test("is failure when any context reports error or failure", async () => {
    expect((await combined([["a", "success"], ["b", "error"], ["c", "pending"]])).state).toBe("failure");
  });

  test("is pending when any context is pending and none failed", async () => {
    expect((await combined([["a", "success"], ["b", "pending"]])).state).toBe("pending");
  });

  test("answers 404 for an unknown ref", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: "nope" }).catch((e: any) => e)).status).toBe(404);
  });

  test("a pull request's status is the combined status of its head", async () => {
    const { octokit } = openWorld(gitSeed());
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: await headOf(octokit), state: "failure", context: "ci/build" });
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/status" as any, { ...repo, pull_number: 2 });
    expect(data).toMatchObject({ state: "failure", sha: await headOf(octokit), total_count: 1 });
  });
});

describe("check runs", () => {
  test("creates a completed run with output and annotations", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const head_sha = await headOf(octokit);
    const { status, data } = await octokit.rest.checks.create({
      ...repo,
      name: "pome",
      head_sha,
      conclusion: "failure",
      output: { title: "2 of 3 criteria passed", summary: "## Summary", text: "details", annotations: [annotation(1), annotation(2)] },
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({ name: "pome", head_sha, status: "completed", conclusion: "failure", output: { title: "2 of 3 criteria passed", summary: "## Summary", text: "details", annotations_count: 2 } });
    expect(data.completed_at).not.toBeNull();
    expect(data.pull_requests.map((p: any) => p.number)).toEqual([2]);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/check-runs", 201, data)).toEqual([]);
    expect(snapshot().repositories[0].check_runs[0]).toMatchObject({ name: "pome", conclusion: "failure", output: { annotations_count: 2 } });
  });

  test("defaults to queued and requires a conclusion to complete", async () => {
    const { octokit } = openWorld(gitSeed());
    const head_sha = await headOf(octokit);
    const queued = await octokit.rest.checks.create({ ...repo, name: "build", head_sha });
    expect(queued.data).toMatchObject({ status: "queued", conclusion: null, completed_at: null });
    const error = await octokit.rest.checks.create({ ...repo, name: "build", head_sha, status: "completed" }).catch((e: any) => e);
    expect(error.status).toBe(422);
  });

  test("appends annotations on update and reports them all", async () => {
    const { octokit } = openWorld(gitSeed());
    const head_sha = await headOf(octokit);
    const first = Array.from({ length: 50 }, (_, i) => annotation(i + 1));
    const run = await octokit.rest.checks.create({ ...repo, name: "pome", head_sha, status: "in_progress", output: { title: "t", summary: "s", annotations: first } });
    const updated = await octokit.rest.checks.update({
      ...repo,
      check_run_id: run.data.id,
      conclusion: "success",
      output: { summary: "done", annotations: [annotation(51)] },
    });
    expect(updated.data).toMatchObject({ status: "completed", conclusion: "success", output: { title: "t", summary: "done", annotations_count: 51 } });
    const all = await octokit.paginate(octokit.rest.checks.listAnnotations, { ...repo, check_run_id: run.data.id, per_page: 20 });
    expect(all).toHaveLength(51);
    expect(all[50]).toMatchObject({ path: "src/app.ts", start_line: 51, annotation_level: "warning", message: "problem 51" });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations", 200, all)).toEqual([]);
  });

  test("refuses more than 50 annotations in one request", async () => {
    const { octokit } = openWorld(gitSeed());
    const head_sha = await headOf(octokit);
    const error = await octokit.rest.checks
      .create({ ...repo, name: "pome", head_sha, output: { title: "t", summary: "s", annotations: Array.from({ length: 51 }, (_, i) => annotation(i + 1)) } })
      .catch((e: any) => e);
    expect(error.status).toBe(422);
  });

  test("gets a run and lists the newest run per name for a ref", async () => {
    const { octokit } = openWorld(gitSeed());
    const head_sha = await headOf(octokit);
    await octokit.rest.checks.create({ ...repo, name: "build", head_sha, conclusion: "failure" });
    const rerun = await octokit.rest.checks.create({ ...repo, name: "build", head_sha, conclusion: "success" });
    await octokit.rest.checks.create({ ...repo, name: "lint", head_sha, status: "in_progress" });
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: rerun.data.id })).data.conclusion).toBe("success");
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: "feature/retry" });
    expect(data.total_count).toBe(2);
    expect(data.check_runs.map((r: any) => [r.name, r.conclusion]).sort()).toEqual([["build", "success"], ["lint", null]]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits/{ref}/check-runs", 200, data)).toEqual([]);
    const all = await octokit.rest.checks.listForRef({ ...repo, ref: head_sha, filter: "all" });
    expect(all.data.total_count).toBe(3);
  });

  test("groups a ref's runs into one check suite with a rolled-up conclusion", async () => {
    const { octokit } = openWorld(gitSeed());
    const head_sha = await headOf(octokit);
    const run = await octokit.rest.checks.create({ ...repo, name: "build", head_sha, conclusion: "success" });
    await octokit.rest.checks.create({ ...repo, name: "lint", head_sha, conclusion: "failure" });
    const { data } = await octokit.rest.checks.listSuitesForRef({ ...repo, ref: "feature/retry" });
    expect(data.total_count).toBe(1);
    expect(data.check_suites[0]).toMatchObject({ id: run.data.check_suite?.id, head_sha, status: "completed", conclusion: "failure", head_branch: "feature/retry", latest_check_runs_count: 2 });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits/{ref}/check-suites", 200, data)).toEqual([]);
    const suite = await octokit.rest.checks.getSuite({ ...repo, check_suite_id: data.check_suites[0].id });
    expect(suite.data.conclusion).toBe("failure");
    const inSuite = await octokit.rest.checks.listForSuite({ ...repo, check_suite_id: data.check_suites[0].id });
    expect(inSuite.data.total_count).toBe(2);
  });
});

describe("status and check tools over MCP", () => {
  test("each status and check operation answers through MCP", async () => {
    const world = openWorld(gitSeed());
    const mcp = await world.mcp();
    const sha = await headOf(world.octokit);
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...repo, ...args } });
      expect(result.isError ?? false, name).toBe(false);
      return toolJson(result);
    };
    expect((await call("create_commit_status", { sha, state: "failure", context: "ci" })).state).toBe("failure");
    expect(await call("list_commit_statuses", { ref: sha })).toHaveLength(1);
    expect((await call("get_combined_status_for_ref", { ref: sha })).state).toBe("failure");
    expect((await call("get_pull_request_status", { pull_number: 2 })).statuses[0].context).toBe("ci");
    const run = await call("create_check_run", { name: "pome", head_sha: sha, status: "in_progress", output: { title: "t", summary: "s", annotations: [annotation(1)] } });
    expect((await call("update_check_run", { check_run_id: run.id, conclusion: "neutral" })).status).toBe("completed");
    expect((await call("get_check_run", { check_run_id: run.id })).conclusion).toBe("neutral");
    expect(await call("list_check_run_annotations", { check_run_id: run.id })).toHaveLength(1);
    expect((await call("list_check_runs_for_ref", { ref: sha })).total_count).toBe(1);
    const suites = await call("list_check_suites_for_ref", { ref: sha });
    expect(suites.check_suites[0].conclusion).toBe("neutral");
    expect((await call("get_check_suite", { check_suite_id: suites.check_suites[0].id })).id).toBe(suites.check_suites[0].id);
    expect((await call("list_check_runs_in_suite", { check_suite_id: suites.check_suites[0].id })).total_count).toBe(1);
  });
});
