import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";
import { identitySpoof } from "./seed-fixtures.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const repo = { owner: "acme", repo: "server" };

describe("collaborators", () => {
  test("list_collaborators lists logins with permissions and role names", async () => {
    const { octokit } = openWorld(identitySpoof);
    const { data } = await octokit.rest.repos.listCollaborators(repo);
    expect(data.map((c) => [c.login, c.role_name, c.permissions?.push])).toEqual([
      ["alice", "write", true],
      ["pome-agent", "write", true],
    ]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/collaborators", 200, data)).toEqual([]);
  });

  test("check_collaborator answers 204 for a collaborator", async () => {
    const { octokit } = openWorld(identitySpoof);
    expect((await octokit.rest.repos.checkCollaborator({ ...repo, username: "alice" })).status).toBe(204);
  });

  test("check_collaborator answers 404 for a user who only shares a display name", async () => {
    const { octokit } = openWorld(identitySpoof);
    const error = await octokit.rest.repos.checkCollaborator({ ...repo, username: "adam-spoofer" }).catch((e) => e);
    expect(error.status).toBe(404);
  });

  test("get_collaborator_permission reports write for a push collaborator", async () => {
    const { octokit } = openWorld(identitySpoof);
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
    expect(data).toMatchObject({ permission: "write", role_name: "write", user: { login: "alice" } });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/collaborators/{username}/permission", 200, data)).toEqual([]);
  });

  test("get_collaborator_permission reports read for an outsider on a public repository", async () => {
    const { octokit } = openWorld(identitySpoof);
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "adam-spoofer" });
    expect(data).toMatchObject({ permission: "read", role_name: "read" });
  });

  test("get_collaborator_permission answers 404 for an unknown user", async () => {
    const { octokit } = openWorld(identitySpoof);
    const error = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "ghost" }).catch((e) => e);
    expect(error.status).toBe(404);
  });

  test("listing collaborators needs push access", async () => {
    const { octokit } = openWorld({ repositories: [{ owner: "acme", name: "server", collaborators: [{ login: "pome-agent", permission: "triage" }] }] });
    const error = await octokit.rest.repos.listCollaborators(repo).catch((e) => e);
    expect(error.status).toBe(403);
  });
});

describe("collaborator tools over MCP", () => {
  test("list, check and permission", async () => {
    const world = openWorld(identitySpoof);
    const client = await world.mcp();
    const call = (name: string, args: object) => client.callTool({ name, arguments: { ...repo, ...args } });
    expect(toolJson(await call("list_collaborators", {})).map((c: any) => c.login)).toEqual(["alice", "pome-agent"]);
    expect((await call("check_collaborator", { username: "alice" })).isError).toBeFalsy();
    expect((await call("check_collaborator", { username: "adam-spoofer" })).isError).toBe(true);
    expect(toolJson(await call("get_collaborator_permission", { username: "alice" })).permission).toBe("write");
  });
});
