import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const repo = { owner: "acme", repo: "api" };

describe("assignees", () => {
  test("add_assignees answers 201 with the issue", async () => {
    const { octokit } = openWorld();
    const { status, data } = await octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["alice"] });
    expect(status).toBe(201);
    expect(data).toMatchObject({ number: 1, assignee: { login: "alice" }, assignees: [{ login: "alice" }] });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/issues/{issue_number}/assignees", 201, data)).toEqual([]);
  });

  test("non-collaborators are silently ignored", async () => {
    const { octokit, snapshot } = openWorld();
    const { status, data } = await octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["mallory", "bob"] });
    expect(status).toBe(201);
    expect(data.assignees!.map((a) => a.login)).toEqual(["bob"]);
    expect(snapshot().repositories[0].issues[0].assignees).toEqual([{ login: "bob" }]);
  });

  test("the first assignee stays the singular assignee", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["bob"] });
    await octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["alice"] });
    expect(snapshot().repositories[0].issues[0].assignee).toEqual({ login: "bob" });
  });

  test("remove_assignees removes only the named users", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["alice", "bob"] });
    const { status, data } = await octokit.rest.issues.removeAssignees({ ...repo, issue_number: 1, assignees: ["alice"] });
    expect(status).toBe(200);
    expect(data.assignees!.map((a) => a.login)).toEqual(["bob"]);
  });

  test("check_user_can_be_assigned answers 204 for a collaborator", async () => {
    const { octokit } = openWorld();
    expect((await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "alice" })).status).toBe(204);
  });

  test("check_user_can_be_assigned answers 404 for anyone else", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.issues.checkUserCanBeAssigned({ ...repo, assignee: "mallory" }).catch((e) => e);
    expect(error.status).toBe(404);
  });

  test("list_assignees lists collaborators but not the organization", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.issues.listAssignees(repo);
    expect(data.map((u) => u.login)).toEqual(["alice", "bob", "pome-agent"]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/assignees", 200, data)).toEqual([]);
  });
});

describe("assignee tools over MCP", () => {
  test("add, remove, check and list", async () => {
    const world = openWorld();
    const client = await world.mcp();
    const call = (name: string, args: object) => client.callTool({ name, arguments: { ...repo, ...args } });
    expect(toolJson(await call("add_assignees", { issue_number: 1, assignees: ["alice", "bob"] })).assignees).toHaveLength(2);
    expect(toolJson(await call("remove_assignees", { issue_number: 1, assignees: ["bob"] })).assignees.map((a: any) => a.login)).toEqual(["alice"]);
    expect((await call("check_user_can_be_assigned", { assignee: "bob" })).isError).toBeFalsy();
    expect((await call("check_user_can_be_assigned", { assignee: "nobody" })).isError).toBe(true);
    expect(toolJson(await call("list_assignees", {})).map((u: any) => u.login)).toContain("alice");
  });
});
