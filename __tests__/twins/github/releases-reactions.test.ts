import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

describe("releases and tags", () => {
  test("creating a release tags the target and lists it first", async () => {
    const { octokit } = openWorld(gitSeed());
    const main = (await octokit.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const { status, data } = await octokit.rest.repos.createRelease({ ...repo, tag_name: "v1.0.0", name: "One", body: "First" });
    expect(status).toBe(201);
    expect(data).toMatchObject({ tag_name: "v1.0.0", target_commitish: "main", draft: false, author: { login: "pome-agent" } });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/releases", 201, data)).toEqual([]);
    const tags = await octokit.rest.repos.listTags({ ...repo });
    expect(tags.data).toMatchObject([{ name: "v1.0.0", commit: { sha: main } }]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/tags", 200, tags.data)).toEqual([]);
    await octokit.rest.repos.createRelease({ ...repo, tag_name: "v1.1.0-rc", prerelease: true });
    expect((await octokit.rest.repos.listReleases({ ...repo })).data.map((r: any) => r.tag_name)).toEqual(["v1.1.0-rc", "v1.0.0"]);
    expect((await octokit.rest.repos.getLatestRelease({ ...repo })).data.tag_name).toBe("v1.0.0");
    expect((await octokit.rest.repos.getReleaseByTag({ ...repo, tag: "v1.0.0" })).data.id).toBe(data.id);
    expect((await octokit.rest.repos.getRelease({ ...repo, release_id: data.id })).data.body).toBe("First");
  });

  test("refuses a second release for the same tag and answers 404 without releases", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.repos.getLatestRelease({ ...repo }).catch((e: any) => e)).status).toBe(404);
    await octokit.rest.repos.createRelease({ ...repo, tag_name: "v1" });
    const error = await octokit.rest.repos.createRelease({ ...repo, tag_name: "v1" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([{ resource: "Release", code: "already_exists", field: "tag_name" }]);
  });
});

describe("reactions", () => {
  test("reacts to an issue once per content and counts it in the rollup", async () => {
    const { octokit } = openWorld(gitSeed());
    const first = await octokit.rest.reactions.createForIssue({ ...repo, issue_number: 1, content: "+1" });
    expect(first.status).toBe(201);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/issues/{issue_number}/reactions", 201, first.data)).toEqual([]);
    const again = await octokit.rest.reactions.createForIssue({ ...repo, issue_number: 1, content: "+1" });
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(first.data.id);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).data.reactions).toMatchObject({ total_count: 1, "+1": 1 });
    expect((await octokit.rest.reactions.deleteForIssue({ ...repo, issue_number: 1, reaction_id: first.data.id })).status).toBe(204);
    expect((await octokit.rest.reactions.listForIssue({ ...repo, issue_number: 1 })).data).toEqual([]);
  });

  test("reacts to issue comments and review comments", async () => {
    const { octokit } = openWorld(gitSeed());
    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "seen" });
    const eyes = await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: comment.data.id, content: "eyes" });
    expect((await octokit.rest.reactions.listForIssueComment({ ...repo, comment_id: comment.data.id })).data.map((r: any) => r.content)).toEqual(["eyes"]);
    expect((await octokit.rest.reactions.deleteForIssueComment({ ...repo, comment_id: comment.data.id, reaction_id: eyes.data.id })).status).toBe(204);
    const review = await octokit.rest.pulls.createReviewComment({ ...repo, pull_number: 2, commit_id: (await octokit.rest.pulls.get({ ...repo, pull_number: 2 })).data.head.sha, path: "src/app.ts", line: 3, body: "?" });
    const rocket = await octokit.rest.reactions.createForPullRequestReviewComment({ ...repo, comment_id: review.data.id, content: "rocket" });
    expect((await octokit.rest.pulls.getReviewComment({ ...repo, comment_id: review.data.id })).data.reactions).toMatchObject({ rocket: 1 });
    expect((await octokit.rest.reactions.listForPullRequestReviewComment({ ...repo, comment_id: review.data.id })).data).toHaveLength(1);
    await octokit.rest.reactions.deleteForPullRequestComment({ ...repo, comment_id: review.data.id, reaction_id: rocket.data.id });
    expect((await octokit.rest.reactions.listForPullRequestReviewComment({ ...repo, comment_id: review.data.id })).data).toEqual([]);
  });

  test("answers 404 for a comment that does not exist", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.reactions.createForIssueComment({ ...repo, comment_id: 999, content: "heart" }).catch((e: any) => e)).status).toBe(404);
  });
});

describe("release and reaction tools over MCP", () => {
  test("each operation answers through MCP", async () => {
    const world = openWorld(gitSeed());
    const mcp = await world.mcp();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...repo, ...args } });
      expect(result.isError ?? false, name).toBe(false);
      return toolJson(result);
    };
    const release = await call("create_release", { tag_name: "v2" });
    expect(await call("list_tags", {})).toHaveLength(1);
    expect(await call("list_releases", {})).toHaveLength(1);
    expect((await call("get_latest_release", {})).id).toBe(release.id);
    expect((await call("get_release_by_tag", { tag: "v2" })).id).toBe(release.id);
    expect((await call("get_release", { release_id: release.id })).tag_name).toBe("v2");
    const issueReaction = await call("create_reaction_for_issue", { issue_number: 1, content: "heart" });
    expect(await call("list_reactions_for_issue", { issue_number: 1 })).toHaveLength(1);
    await call("delete_reaction_for_issue", { issue_number: 1, reaction_id: issueReaction.id });
    const comment = await world.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x" });
    const commentReaction = await call("create_reaction_for_issue_comment", { comment_id: comment.data.id, content: "laugh" });
    expect(await call("list_reactions_for_issue_comment", { comment_id: comment.data.id })).toHaveLength(1);
    await call("delete_reaction_for_issue_comment", { comment_id: comment.data.id, reaction_id: commentReaction.id });
    const review = await call("create_pull_request_review_comment", { pull_number: 2, path: "src/app.ts", line: 3, body: "?" });
    const reviewReaction = await call("create_reaction_for_pull_request_review_comment", { comment_id: review.id, content: "+1" });
    expect(await call("list_reactions_for_pull_request_review_comment", { comment_id: review.id })).toHaveLength(1);
    await call("delete_reaction_for_pull_request_review_comment", { comment_id: review.id, reaction_id: reviewReaction.id });
  });
});
