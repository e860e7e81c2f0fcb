import { RequestError } from "@octokit/request-error";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";
import { bugHappyPath, promptInjection } from "./seed-fixtures.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const repo = { owner: "acme", repo: "api" };

/** A world with `count` extra open issues (#2…), for pagination and filters. */
function manyIssues(count: number) {
  const base = structuredClone(bugHappyPath);
  const issues = base.repositories[0]!.issues as any[];
  for (let n = 2; n <= count + 1; n++) issues.push({ number: n, title: `Issue ${n}`, labels: n % 2 === 0 ? ["bug"] : ["feature"] });
  return openWorld(base);
}

describe("create_issue", () => {
  test("creates an issue authored by the agent with the next number", async () => {
    const { octokit } = openWorld();
    const { status, data } = await octokit.rest.issues.create({ ...repo, title: "New bug", body: "Steps", labels: ["bug"], assignees: ["alice"] });
    expect(status).toBe(201);
    expect(data).toMatchObject({ number: 2, title: "New bug", state: "open", user: { login: "pome-agent" }, assignee: { login: "alice" } });
    expect(data.labels.map((l: any) => l.name)).toEqual(["bug"]);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/issues", 201, data)).toEqual([]);
  });

  test("rejects an assignee who cannot be assigned with 422 invalid", async () => {
    const { octokit, snapshot } = openWorld();
    const error = await octokit.rest.issues.create({ ...repo, title: "x", assignees: ["mallory"] }).catch((e) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([{ value: "mallory", resource: "Issue", field: "assignees", code: "invalid" }]);
    expect(snapshot().repositories[0].issues).toHaveLength(1);
  });

  test("answers a missing title with 422 Invalid request", async () => {
    const { octokit } = openWorld();
    const error = await octokit.request("POST /repos/{owner}/{repo}/issues", { ...repo, body: "no title" } as any).catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data).toMatchObject({ message: 'Invalid request.\n\n"title" wasn\'t supplied.', status: "422" });
  });

  test("is served as an MCP tool that creates the same issue", async () => {
    const world = openWorld();
    const result = await (await world.mcp()).callTool({ name: "create_issue", arguments: { ...repo, title: "From MCP", labels: ["bug"] } });
    expect(result.isError).toBeFalsy();
    expect(toolJson(result)).toMatchObject({ number: 2, title: "From MCP", user: { login: "pome-agent" } });
    expect(world.snapshot().repositories[0].issues.map((i: any) => i.title)).toContain("From MCP");
  });
});

describe("get_issue", () => {
  test("returns GitHub's issue fields", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(data).toMatchObject({ number: 1, state: "open", state_reason: null, locked: false, comments: 0, milestone: null, author_association: "COLLABORATOR" });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/issues/{issue_number}", 200, data)).toEqual([]);
  });

  test("answers an unknown number with 404 Not Found", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.issues.get({ ...repo, issue_number: 42 }).catch((e) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error.status).toBe(404);
    expect(error.response.data).toEqual({ message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
  });

  test("answers an unknown repository with 404", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.issues.get({ owner: "acme", repo: "nope", issue_number: 1 }).catch((e) => e);
    expect(error.status).toBe(404);
  });

  test("serves a PR number with a pull_request key", async () => {
    const { octokit } = openWorld(promptInjection);
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: 2 });
    expect(data.pull_request).toMatchObject({ url: "https://api.github.com/repos/acme/api/pulls/2", merged_at: null });
    expect(data.html_url).toBe("https://github.com/acme/api/pull/2");
  });

  test("works with the session JWT as the token", async () => {
    const world = openWorld();
    const { data } = await world.jwtOctokit().rest.issues.get({ ...repo, issue_number: 1 });
    expect(data.number).toBe(1);
  });

  test("is served as an MCP tool", async () => {
    const world = openWorld();
    const result = await (await world.mcp()).callTool({ name: "get_issue", arguments: { ...repo, issue_number: 1 } });
    expect(result.isError).toBeFalsy();
    expect(toolJson(result)).toMatchObject({ number: 1, title: "500 error on POST /orders after deploy" });
  });
});

describe("update_issue", () => {
  test("closing sets closed_at, closed_by and state_reason completed", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: "closed" });
    expect(data).toMatchObject({ state: "closed", state_reason: "completed", closed_by: { login: "pome-agent" } });
    expect(data.closed_at).not.toBeNull();
  });

  test("closing as not planned keeps that reason", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.update({ ...repo, issue_number: 1, state: "closed", state_reason: "not_planned" });
    expect(snapshot().repositories[0].issues[0]).toMatchObject({ state: "closed", state_reason: "not_planned" });
  });

  test("reopening sets state_reason reopened and clears closed_at", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.update({ ...repo, issue_number: 1, state: "closed" });
    const { data } = await octokit.rest.issues.update({ ...repo, issue_number: 1, state: "open" });
    expect(data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null });
  });

  test("labels and assignees replace the sets", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.update({ ...repo, issue_number: 1, labels: ["bug"], assignees: ["alice", "bob"] });
    await octokit.rest.issues.update({ ...repo, issue_number: 1, labels: ["question"], assignees: ["bob"] });
    const issue = snapshot().repositories[0].issues[0];
    expect(issue.labels.map((l: any) => l.name)).toEqual(["question"]);
    expect(issue.assignees).toEqual([{ login: "bob" }]);
  });

  test("a failing assignee leaves the issue untouched", async () => {
    const { octokit, snapshot } = openWorld();
    const error = await octokit.rest.issues.update({ ...repo, issue_number: 1, title: "changed", assignees: ["ghost"] }).catch((e) => e);
    expect(error.status).toBe(422);
    expect(snapshot().repositories[0].issues[0].title).toBe("500 error on POST /orders after deploy");
  });

  test("is served as an MCP tool", async () => {
    const world = openWorld();
    const result = await (await world.mcp()).callTool({ name: "update_issue", arguments: { ...repo, issue_number: 1, title: "Renamed" } });
    expect(toolJson(result).title).toBe("Renamed");
    expect(world.snapshot().repositories[0].issues[0].title).toBe("Renamed");
  });
});

describe("list_issues", () => {
  test("octokit.paginate walks 75 issues through Link headers", async () => {
    const { octokit, calls } = manyIssues(74);
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, per_page: 30 });
    expect(all).toHaveLength(75);
    expect(new Set(all.map((i) => i.number)).size).toBe(75);
    expect(calls.filter((c) => c.operation === "list_issues")).toHaveLength(3);
  });

  test("defaults to open issues, newest first", async () => {
    const { octokit } = manyIssues(3);
    await octokit.rest.issues.update({ ...repo, issue_number: 2, state: "closed" });
    const { data } = await octokit.rest.issues.listForRepo(repo);
    expect(data.map((i) => i.number)).toEqual([4, 3, 1]);
  });

  test("state=all includes closed issues", async () => {
    const { octokit } = manyIssues(3);
    await octokit.rest.issues.update({ ...repo, issue_number: 2, state: "closed" });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, state: "all", direction: "asc" });
    expect(data.map((i) => i.number)).toEqual([1, 2, 3, 4]);
  });

  test("labels must all match", async () => {
    const { octokit } = manyIssues(4);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 4, labels: ["urgent"] });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, labels: "bug,urgent" });
    expect(data.map((i) => i.number)).toEqual([4]);
  });

  test("assignee filters by login, none and *", async () => {
    const { octokit } = manyIssues(2);
    await octokit.rest.issues.addAssignees({ ...repo, issue_number: 2, assignees: ["alice"] });
    const byLogin = await octokit.rest.issues.listForRepo({ ...repo, assignee: "alice" });
    const none = await octokit.rest.issues.listForRepo({ ...repo, assignee: "none" });
    const any = await octokit.rest.issues.listForRepo({ ...repo, assignee: "*" });
    expect(byLogin.data.map((i) => i.number)).toEqual([2]);
    expect(none.data.map((i) => i.number)).toEqual([3, 1]);
    expect(any.data.map((i) => i.number)).toEqual([2]);
  });

  test("creator filters by author", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.create({ ...repo, title: "mine" });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, creator: "pome-agent" });
    expect(data.map((i) => i.title)).toEqual(["mine"]);
  });

  test("since keeps issues updated at or after the time", async () => {
    const { octokit } = manyIssues(2);
    const { data: touched } = await octokit.rest.issues.update({ ...repo, issue_number: 2, body: "edited" });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, since: touched.updated_at });
    expect(data.map((i) => i.number)).toEqual([2]);
  });

  test("sort=updated puts the last touched issue first", async () => {
    const { octokit } = manyIssues(3);
    await octokit.rest.issues.update({ ...repo, issue_number: 2, body: "edited" });
    const { data } = await octokit.rest.issues.listForRepo({ ...repo, sort: "updated" });
    expect(data[0]!.number).toBe(2);
  });

  test("includes pull requests with a pull_request key", async () => {
    const { octokit } = openWorld(promptInjection);
    const { data } = await octokit.rest.issues.listForRepo(repo);
    expect(data.map((i) => [i.number, "pull_request" in i])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/issues", 200, data)).toEqual([]);
  });

  test("is served as an MCP tool with perPage", async () => {
    const world = manyIssues(5);
    const result = await (await world.mcp()).callTool({ name: "list_issues", arguments: { ...repo, perPage: 2, page: 2 } });
    expect(toolJson(result).map((i: any) => i.number)).toEqual([4, 3]);
  });
});

describe("lock_issue and unlock_issue", () => {
  test("lock answers 204 and sets the lock reason", async () => {
    const { octokit, snapshot } = openWorld();
    const { status } = await octokit.rest.issues.lock({ ...repo, issue_number: 1, lock_reason: "resolved" });
    expect(status).toBe(204);
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: 1 });
    expect(data).toMatchObject({ locked: true, active_lock_reason: "resolved" });
    expect(snapshot().repositories[0].issues[0].locked).toBe(true);
  });

  test("unlock answers 204 and clears the lock", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.lock({ ...repo, issue_number: 1 });
    const { status } = await octokit.rest.issues.unlock({ ...repo, issue_number: 1 });
    expect(status).toBe(204);
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).data.locked).toBe(false);
  });

  test("are served as MCP tools", async () => {
    const world = openWorld();
    const client = await world.mcp();
    expect((await client.callTool({ name: "lock_issue", arguments: { ...repo, issue_number: 1 } })).isError).toBeFalsy();
    expect(world.snapshot().repositories[0].issues[0].locked).toBe(true);
    expect((await client.callTool({ name: "unlock_issue", arguments: { ...repo, issue_number: 1 } })).isError).toBeFalsy();
    expect(world.snapshot().repositories[0].issues[0].locked).toBe(false);
  });
});
