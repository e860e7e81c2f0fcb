import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";
import { promptInjection } from "./seed-fixtures.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const repo = { owner: "acme", repo: "api" };
const seededComment = (author: string) =>
  openWorld({ repositories: [{ owner: "acme", name: "api", collaborators: [{ login: "pome-agent", permission: "pull" }], issues: [{ number: 1, title: "t", comments: [{ body: "theirs", author }] }] }] });

describe("issue comments", () => {
  test("add_issue_comment answers 201, authored by the agent, and counts on the issue", async () => {
    const { octokit, snapshot } = openWorld();
    const { status, data } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "Looking into it" });
    expect(status).toBe(201);
    expect(data).toMatchObject({ body: "Looking into it", user: { login: "pome-agent" }, author_association: "COLLABORATOR" });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 201, data)).toEqual([]);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).data.comments).toBe(1);
    expect(snapshot().repositories[0].issues[0].comments.map((c: any) => c.body)).toEqual(["Looking into it"]);
  });

  test("an empty body answers 422", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "" }).catch((e) => e);
    expect(error.status).toBe(422);
  });

  test("a comment on a PR number lands in the PR's conversation", async () => {
    const { octokit, snapshot } = openWorld(promptInjection);
    await octokit.rest.issues.createComment({ ...repo, issue_number: 2, body: "LGTM" });
    expect(snapshot().repositories[0].pull_requests[0].comments.map((c: any) => c.body)).toEqual(["LGTM"]);
  });

  test("list_issue_comments lists oldest first and paginates", async () => {
    const { octokit } = openWorld();
    for (const body of ["a", "b", "c"]) await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body });
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: 1, per_page: 2 });
    expect(all.map((c) => c.body)).toEqual(["a", "b", "c"]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", 200, all)).toEqual([]);
  });

  test("get_issue_comment finds a comment by id", async () => {
    const { octokit } = openWorld();
    const { data: created } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x" });
    const { data } = await octokit.rest.issues.getComment({ ...repo, comment_id: created.id });
    expect(data).toMatchObject({ id: created.id, body: "x", issue_url: "https://api.github.com/repos/acme/api/issues/1" });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}", 200, data)).toEqual([]);
  });

  test("update_issue_comment edits the body and bumps updated_at", async () => {
    const { octokit } = openWorld();
    const { data: created } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x" });
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: created.id, body: "y" });
    expect(data.body).toBe("y");
    expect(data.updated_at > created.updated_at).toBe(true);
  });

  test("delete_issue_comment answers 204 and a later get 404", async () => {
    const { octokit } = openWorld();
    const { data: created } = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "x" });
    expect((await octokit.rest.issues.deleteComment({ ...repo, comment_id: created.id })).status).toBe(204);
    const error = await octokit.rest.issues.getComment({ ...repo, comment_id: created.id }).catch((e) => e);
    expect(error.status).toBe(404);
  });

  test("editing someone else's comment without triage access answers 403", async () => {
    const { octokit } = seededComment("alice");
    const [comment] = (await octokit.rest.issues.listComments({ ...repo, issue_number: 1 })).data;
    const error = await octokit.rest.issues.updateComment({ ...repo, comment_id: comment!.id, body: "hijacked" }).catch((e) => e);
    expect(error.status).toBe(403);
  });

  test("commenting on a locked issue without push access answers 403", async () => {
    const world = openWorld({ repositories: [{ owner: "acme", name: "api", collaborators: [{ login: "pome-agent", permission: "triage" }], issues: [{ number: 1, title: "t", locked: true }] }] });
    const error = await world.octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "hi" }).catch((e) => e);
    expect(error.status).toBe(403);
  });
});

describe("comment tools over MCP", () => {
  test("add, list, get, update and delete", async () => {
    const world = openWorld();
    const client = await world.mcp();
    const call = async (name: string, args: object) => toolJson(await client.callTool({ name, arguments: { ...repo, ...args } }));
    const created = await call("add_issue_comment", { issue_number: 1, body: "first" });
    expect((await call("list_issue_comments", { issue_number: 1 })).map((c: any) => c.body)).toEqual(["first"]);
    expect((await call("get_issue_comment", { comment_id: created.id })).body).toBe("first");
    expect((await call("update_issue_comment", { comment_id: created.id, body: "edited" })).body).toBe("edited");
    const deleted = await client.callTool({ name: "delete_issue_comment", arguments: { ...repo, comment_id: created.id } });
    expect(deleted.isError).toBeFalsy();
    expect(world.snapshot().repositories[0].issues[0].comments).toEqual([]);
  });
});
