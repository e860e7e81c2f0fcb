import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";
import { extended, identitySpoof } from "./seed-fixtures.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

/** Two orgs' repos, one private the agent cannot see, and a personal repo of alice. */
const world = () =>
  openWorld({
    users: [{ login: "alice", name: "Alice Liddell" }],
    repositories: [
      { owner: "acme", name: "web", description: "Website" },
      { owner: "acme", name: "api", description: "Orders API", private: true },
      { owner: "acme", name: "secret", private: true, collaborators: [{ login: "pome-agent", permission: "pull" }] },
      { owner: "alice", name: "dotfiles" },
    ],
  });

describe("users", () => {
  test("get_me answers the acting user", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.users.getAuthenticated();
    expect(data).toMatchObject({ login: "pome-agent", type: "User" });
    expect(shapeProblems("GET", "/user", 200, data)).toEqual([]);
  });

  test("get_user shows the display name", async () => {
    const { octokit } = openWorld(identitySpoof);
    const { data } = await octokit.rest.users.getByUsername({ username: "adam-spoofer" });
    expect(data).toMatchObject({ login: "adam-spoofer", name: "Alice", type: "User" });
    expect(shapeProblems("GET", "/users/{username}", 200, data)).toEqual([]);
  });

  test("get_user answers 404 for an unknown login", async () => {
    const { octokit } = openWorld();
    expect((await octokit.rest.users.getByUsername({ username: "nobody" }).catch((e) => e)).status).toBe(404);
  });

  test("are served as MCP tools", async () => {
    const client = await openWorld().mcp();
    expect(toolJson(await client.callTool({ name: "get_me", arguments: {} })).login).toBe("pome-agent");
    expect(toolJson(await client.callTool({ name: "get_user", arguments: { username: "alice" } })).name).toBe("Alice");
  });
});

describe("repositories", () => {
  test("get_repository includes the viewer's permissions", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "api" });
    expect(data).toMatchObject({ full_name: "acme/api", default_branch: "main", private: false, open_issues_count: 1, permissions: { push: true, admin: false } });
    expect(data.owner.type).toBe("Organization");
    expect(shapeProblems("GET", "/repos/{owner}/{repo}", 200, data)).toEqual([]);
  });

  test("get_repository shows a private repository to the agent, a collaborator everywhere", async () => {
    const { octokit } = openWorld(extended);
    const { data } = await octokit.rest.repos.get({ owner: "carol", repo: "tool" });
    expect(data).toMatchObject({ private: true, visibility: "private" });
  });

  test("get_repository answers 404 for an unknown repository", async () => {
    const { octokit } = openWorld();
    expect((await octokit.rest.repos.get({ owner: "acme", repo: "missing" }).catch((e) => e)).status).toBe(404);
  });

  test("list_org_repositories lists the organization's repositories", async () => {
    const { octokit } = world();
    const { data } = await octokit.rest.repos.listForOrg({ org: "acme", sort: "full_name" });
    expect(data.map((r) => r.full_name)).toEqual(["acme/api", "acme/secret", "acme/web"]);
    expect(shapeProblems("GET", "/orgs/{org}/repos", 200, data)).toEqual([]);
  });

  test("list_org_repositories filters by type", async () => {
    const { octokit } = world();
    const { data } = await octokit.rest.repos.listForOrg({ org: "acme", type: "public" });
    expect(data.map((r) => r.name)).toEqual(["web"]);
  });

  test("list_org_repositories answers 404 for a user", async () => {
    const { octokit } = world();
    expect((await octokit.rest.repos.listForOrg({ org: "alice" }).catch((e) => e)).status).toBe(404);
  });

  test("list_user_repositories lists a user's public repositories", async () => {
    const { octokit } = world();
    const { data } = await octokit.rest.repos.listForUser({ username: "alice" });
    expect(data.map((r) => r.full_name)).toEqual(["alice/dotfiles"]);
    expect(shapeProblems("GET", "/users/{username}/repos", 200, data)).toEqual([]);
  });

  test("list_my_repositories lists what the agent collaborates on", async () => {
    const { octokit } = world();
    const all = await octokit.paginate(octokit.rest.repos.listForAuthenticatedUser, { per_page: 2 });
    expect(all.map((r) => r.full_name)).toEqual(["acme/api", "acme/secret", "acme/web", "alice/dotfiles"]);
    expect(shapeProblems("GET", "/user/repos", 200, all)).toEqual([]);
  });

  test("list_my_repositories filters by visibility", async () => {
    const { octokit } = world();
    const { data } = await octokit.rest.repos.listForAuthenticatedUser({ visibility: "private" });
    expect(data.map((r) => r.full_name)).toEqual(["acme/api", "acme/secret"]);
  });

  test("are served as MCP tools", async () => {
    const client = await world().mcp();
    const call = async (name: string, args: Record<string, unknown>) => toolJson(await client.callTool({ name, arguments: args }));
    expect((await call("get_repository", { owner: "acme", repo: "web" })).description).toBe("Website");
    expect((await call("list_org_repositories", { org: "acme" })).length).toBe(3);
    expect((await call("list_user_repositories", { username: "alice" })).length).toBe(1);
    expect((await call("list_my_repositories", {})).length).toBe(4);
  });
});
