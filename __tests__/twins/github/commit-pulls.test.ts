import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const headOf = async (octokit: any, branch: string) => (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha as string;

describe("list_pull_requests_associated_with_commit", () => {
  test("finds the open PR whose branch holds the commit", async () => {
    const { octokit } = openWorld(gitSeed());
    const sha = await headOf(octokit, "feature/retry");
    const { status, data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
    expect(status).toBe(200);
    expect(data.map((p: any) => [p.number, p.head.sha])).toEqual([[2, sha]]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits/{commit_sha}/pulls", 200, data)).toEqual([]);
  });

  test("is empty for a commit that only the default branch has", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: await headOf(octokit, "main") });
    expect(data).toEqual([]);
  });

  test("after a merge, gives the merged PR for the PR's commits and for the merge commit", async () => {
    const { octokit } = openWorld(gitSeed());
    const head = await headOf(octokit, "feature/retry");
    const merged = (await octokit.rest.pulls.merge({ ...repo, pull_number: 2 })).data.sha;
    for (const sha of [head, merged]) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
      expect(data.map((p: any) => [p.number, p.state, p.merged_at !== null])).toEqual([[2, "closed", true]]);
    }
  });

  test("answers 422 for a sha the repository does not have", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: "e".repeat(40) }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toBe(`No commit found for SHA: ${"e".repeat(40)}`);
  });

  test("MCP gives the same list as REST", async () => {
    const world = openWorld(gitSeed());
    const sha = await headOf(world.octokit, "feature/retry");
    const mcp = await world.mcp();
    const result = await mcp.callTool({ name: "list_pull_requests_associated_with_commit", arguments: { ...repo, commit_sha: sha } });
    expect(result.isError).toBeFalsy();
    expect(toolJson(result).map((p: any) => p.number)).toEqual([2]);
  });
});
