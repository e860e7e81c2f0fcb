import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_V2, RETRY, getContent, gitSeed, protectedSeed, readOnlyAgentSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const merge = (octokit: any, args: Record<string, unknown> = {}) => octokit.rest.pulls.merge({ ...repo, pull_number: 2, ...args });
const fileOn = async (octokit: any, path: string, ref: string) =>
  Buffer.from((await getContent(octokit, { ...repo, path, ref })).data.content, "base64").toString("utf8");

async function headSha(octokit: any): Promise<string> {
  return (await octokit.rest.pulls.get({ ...repo, pull_number: 2 })).data.head.sha;
}

describe("merge_pull_request", () => {
  test("merges with a real merge commit whose tree is the head's", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const head = await headSha(octokit);
    const { status, data } = await merge(octokit);
    expect(status).toBe(200);
    expect(data).toMatchObject({ merged: true, message: "Pull Request successfully merged" });
    expect(shapeProblems("PUT", "/repos/{owner}/{repo}/pulls/{pull_number}/merge", 200, data)).toEqual([]);
    const commit = await octokit.rest.repos.getCommit({ ...repo, ref: "main" });
    expect(commit.data.sha).toBe(data.sha);
    expect(commit.data.parents.map((p: any) => p.sha)[1]).toBe(head);
    expect(commit.data.commit.message).toBe("Merge pull request #2 from acme/feature/retry\n\nRetry order saves");
    expect(await fileOn(octokit, "src/app.ts", "main")).toBe(APP_V2);
    expect(await fileOn(octokit, "src/retry.ts", "main")).toBe(RETRY);
    const pr = snapshot().repositories[0].pull_requests[0];
    expect(pr).toMatchObject({ state: "closed", merged: true, merged_by: { login: "pome-agent" }, merge_commit_sha: data.sha });
  });

  test("closes issues the PR description says it fixes", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    await merge(octokit);
    expect(snapshot().repositories[0].issues[0]).toMatchObject({ number: 1, state: "closed", state_reason: "completed" });
  });

  test("squash makes one commit with the PR title and a single parent", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await merge(octokit, { merge_method: "squash" });
    const commit = await octokit.rest.repos.getCommit({ ...repo, ref: data.sha });
    expect(commit.data.parents).toHaveLength(1);
    expect(commit.data.commit.message).toBe("Retry order saves (#2)\n\n* Seed feature/retry");
    expect(commit.data.files?.map((f: any) => f.filename)).toEqual(["src/app.ts", "src/retry.ts"]);
  });

  test("rebase replays the PR's commits on the base branch", async () => {
    const { octokit } = openWorld(gitSeed());
    const main = (await octokit.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const { data } = await merge(octokit, { merge_method: "rebase" });
    const commit = await octokit.rest.repos.getCommit({ ...repo, ref: data.sha });
    expect(commit.data.parents.map((p: any) => p.sha)).toEqual([main]);
    expect(commit.data.commit.message).toBe("Seed feature/retry");
    expect(await fileOn(octokit, "src/app.ts", "main")).toBe(APP_V2);
  });

  test("combines base changes made after the branch point instead of overwriting them", async () => {
    const { octokit } = openWorld(gitSeed());
    const readme = await getContent(octokit, { ...repo, path: "README.md" });
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "Docs", sha: readme.data.sha, content: Buffer.from("# api v2\n").toString("base64") });
    await merge(octokit);
    expect(await fileOn(octokit, "README.md", "main")).toBe("# api v2\n");
    expect(await fileOn(octokit, "src/retry.ts", "main")).toBe(RETRY);
  });

  test("answers 405 for a closed pull request", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    await octokit.rest.pulls.update({ ...repo, pull_number: 2, state: "closed" });
    const error = await merge(octokit).catch((e: any) => e);
    expect(error.status).toBe(405);
    expect(error.response.data).toMatchObject({ message: "Pull Request is not mergeable", status: "405" });
    expect(snapshot().repositories[0].pull_requests[0].merged).toBe(false);
  });

  test("answers 405 for an already merged pull request", async () => {
    const { octokit } = openWorld(gitSeed());
    await merge(octokit);
    expect((await merge(octokit).catch((e: any) => e)).status).toBe(405);
  });

  test("answers 409 when sha is not the head", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await merge(octokit, { sha: "0".repeat(40) }).catch((e: any) => e);
    expect(error.status).toBe(409);
    expect(error.response.data.message).toBe("Head branch was modified. Review and try the merge again.");
  });

  test("answers 403 when the agent lacks push access", async () => {
    const { octokit, snapshot } = openWorld(readOnlyAgentSeed());
    const error = await merge(octokit).catch((e: any) => e);
    expect(error.status).toBe(403);
    expect(error.response.data.message).toBe("Must have push access to repository.");
    expect(snapshot().repositories[0].pull_requests[0].merged).toBe(false);
  });

  test("answers 405 and leaves the conflict in place when both sides changed the same lines", async () => {
    const { octokit } = openWorld(gitSeed());
    const app = await getContent(octokit, { ...repo, path: "src/app.ts" });
    const conflicting = "export function handler(req) {\n  const order = parse(req);\n  queue(order);\n  return 202;\n}\n";
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "src/app.ts", message: "Queue", sha: app.data.sha, content: Buffer.from(conflicting).toString("base64") });
    const pr = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(pr.data).toMatchObject({ mergeable: false, mergeable_state: "dirty" });
    const error = await merge(octokit).catch((e: any) => e);
    expect(error.status).toBe(405);
  });
});

describe("merge gate under branch protection", () => {
  test("answers 405 while a required status check is failing", async () => {
    const { octokit, snapshot } = openWorld(protectedSeed({ required_status_checks: ["ci/build"] }));
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: await headSha(octokit), state: "failure", context: "ci/build" });
    const pr = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(pr.data.mergeable_state).toBe("blocked");
    const error = await merge(octokit).catch((e: any) => e);
    expect(error.status).toBe(405);
    expect(error.response.data.message).toBe('Required status check "ci/build" is failing.');
    expect(snapshot().repositories[0].pull_requests[0].merged).toBe(false);
  });

  test("answers 405 while a required status check has not reported", async () => {
    const { octokit } = openWorld(protectedSeed({ required_status_checks: ["ci/build"] }));
    const error = await merge(octokit).catch((e: any) => e);
    expect(error.status).toBe(405);
    expect(error.response.data.message).toBe('Required status check "ci/build" is expected.');
  });

  test("a passing check run satisfies a required context", async () => {
    const { octokit } = openWorld(protectedSeed({ required_status_checks: ["ci/build"] }));
    await octokit.rest.checks.create({ ...repo, name: "ci/build", head_sha: await headSha(octokit), conclusion: "success" });
    expect((await merge(octokit)).data.merged).toBe(true);
  });

  test("answers 405 until the required approving review is given", async () => {
    const { octokit } = openWorld(protectedSeed({ required_approving_review_count: 1 }));
    const error = await merge(octokit).catch((e: any) => e);
    expect(error.status).toBe(405);
    expect(error.response.data.message).toBe("At least 1 approving review is required by reviewers with write access.");
    await octokit.rest.pulls.createReview({ ...repo, pull_number: 2, event: "APPROVE" });
    expect((await merge(octokit)).data.merged).toBe(true);
  });

  test("merges once the required status passes and a review approves", async () => {
    const { octokit } = openWorld(protectedSeed());
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: await headSha(octokit), state: "success", context: "ci/build" });
    await octokit.rest.pulls.createReview({ ...repo, pull_number: 2, event: "APPROVE" });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 2 })).data.mergeable_state).toBe("clean");
    expect((await merge(octokit)).data.merged).toBe(true);
  });
});

describe("check_pull_request_merged", () => {
  test("answers 404 before and 204 after the merge", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.pulls.checkIfMerged({ ...repo, pull_number: 2 }).catch((e: any) => e)).status).toBe(404);
    await merge(octokit);
    expect((await octokit.rest.pulls.checkIfMerged({ ...repo, pull_number: 2 })).status).toBe(204);
  });
});

describe("update_pull_request_branch", () => {
  test("merges the moved base branch into the head branch", async () => {
    const { octokit } = openWorld(gitSeed());
    const readme = await getContent(octokit, { ...repo, path: "README.md" });
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "Docs", sha: readme.data.sha, content: Buffer.from("# api v2\n").toString("base64") });
    const { status, data } = await octokit.rest.pulls.updateBranch({ ...repo, pull_number: 2 });
    expect(status).toBe(202);
    expect(data.message).toBe("Updating pull request branch.");
    expect(await fileOn(octokit, "README.md", "feature/retry")).toBe("# api v2\n");
    expect((await octokit.rest.pulls.listCommits({ ...repo, pull_number: 2 })).data.at(-1)?.commit.message).toBe("Merge branch 'main' into feature/retry");
  });
});

describe("merge tools over MCP", () => {
  test("merge_pull_request, check_pull_request_merged and update_pull_request_branch answer through MCP", async () => {
    const world = openWorld(gitSeed());
    const mcp = await world.mcp();
    const behind: any = await mcp.callTool({ name: "update_pull_request_branch", arguments: { ...repo, pull_number: 2 } });
    expect(behind.isError).toBe(true);
    expect(toolJson(behind)).toMatchObject({ message: "There are no new commits on the base branch.", status: "422" });
    const merged: any = await mcp.callTool({ name: "merge_pull_request", arguments: { ...repo, pull_number: 2, merge_method: "squash" } });
    expect(toolJson(merged)).toMatchObject({ merged: true });
    const check: any = await mcp.callTool({ name: "check_pull_request_merged", arguments: { ...repo, pull_number: 2 } });
    expect(check.isError ?? false).toBe(false);
    expect(world.calls.map((c) => c.operation)).toEqual(["update_pull_request_branch", "merge_pull_request", "check_pull_request_merged"]);
  });
});
