import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const seed = {
  users: [{ login: "alice", name: "Alice Liddell" }, { login: "bob" }],
  repositories: [
    {
      owner: "acme",
      name: "api",
      description: "Orders API",
      collaborators: ["alice", "bob"],
      labels: ["bug", "feature", "good first issue"],
      files: [{ path: "x.ts", content: "x\n", branch: "fix" }],
      issues: [
        { number: 1, title: "500 error on POST /orders", body: "Crash after deploy", labels: ["bug"], author: "alice", assignees: ["bob"] },
        { number: 2, title: "Add CSV export", body: "Please", labels: ["feature", "good first issue"], author: "bob" },
        { number: 3, title: "Old crash", body: "orders crashed", state: "closed", labels: ["bug"], author: "alice", comments: [{ body: "dup of #1", author: "bob" }] },
      ],
      pull_requests: [{ title: "Fix orders crash", head: "fix", author: "bob" }],
    },
    { owner: "acme", name: "web", description: "Website", issues: [{ number: 1, title: "Orders page 500", labels: [] }] },
  ],
};

const numbersOf = (data: { items: Array<{ number: number; repository_url: string }> }) =>
  data.items.map((i) => `${i.repository_url.replace("https://api.github.com/repos/", "")}#${i.number}`).sort();

describe("search_issues", () => {
  test("repo: and is:issue restrict to one repository's issues", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/api is:issue" });
    expect(numbersOf(data)).toEqual(["acme/api#1", "acme/api#2", "acme/api#3"]);
    expect(data.total_count).toBe(3);
    expect(shapeProblems("GET", "/search/issues", 200, data)).toEqual([]);
  });

  test("is:pr finds pull requests", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/api is:pr" });
    expect(numbersOf(data)).toEqual(["acme/api#4"]);
    expect(data.items[0]!.pull_request).toBeDefined();
  });

  test("is:open and state:closed filter by state", async () => {
    const { octokit } = openWorld(seed);
    const open = await octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/api is:issue is:open" });
    const closed = await octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/api state:closed" });
    expect(numbersOf(open.data)).toEqual(["acme/api#1", "acme/api#2"]);
    expect(numbersOf(closed.data)).toEqual(["acme/api#3"]);
  });

  test("label: matches, with quoted names", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: 'label:"good first issue"' });
    expect(numbersOf(data)).toEqual(["acme/api#2"]);
  });

  test("-label: excludes", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: "repo:acme/api is:issue -label:bug" });
    expect(numbersOf(data)).toEqual(["acme/api#2"]);
  });

  test("author: and assignee: match logins", async () => {
    const { octokit } = openWorld(seed);
    const byAuthor = await octokit.rest.search.issuesAndPullRequests({ q: "author:alice" });
    const byAssignee = await octokit.rest.search.issuesAndPullRequests({ q: "assignee:bob" });
    expect(numbersOf(byAuthor.data)).toEqual(["acme/api#1", "acme/api#3"]);
    expect(numbersOf(byAssignee.data)).toEqual(["acme/api#1"]);
  });

  test("free-text terms must all appear, across repositories", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: "orders 500" });
    expect(numbersOf(data)).toEqual(["acme/api#1", "acme/web#1"]);
  });

  test("in:title limits the terms to titles", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: "crash in:title" });
    expect(numbersOf(data)).toEqual(["acme/api#3", "acme/api#4"]);
  });

  test("by default terms also match comment bodies", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.issuesAndPullRequests({ q: "dup" });
    expect(numbersOf(data)).toEqual(["acme/api#3"]);
  });

  test("octokit.paginate walks the items", async () => {
    const { octokit } = openWorld(seed);
    const items = await octokit.paginate(octokit.rest.search.issuesAndPullRequests, { q: "repo:acme/api", per_page: 2 });
    expect(items).toHaveLength(4);
  });

  test("a missing q answers 422 Validation Failed", async () => {
    const { octokit } = openWorld(seed);
    const error = await octokit.request("GET /search/issues").catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([{ resource: "Search", field: "q", code: "missing" }]);
  });
});

describe("search_repositories and search_users", () => {
  test("search_repositories matches names and descriptions with qualifiers", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.repos({ q: "orders org:acme" });
    expect(data.items.map((r) => r.full_name)).toEqual(["acme/api"]);
    expect(shapeProblems("GET", "/search/repositories", 200, data)).toEqual([]);
  });

  test("search_users matches logins and display names", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.users({ q: "liddell" });
    expect(data.items.map((u) => u.login)).toEqual(["alice"]);
    expect(shapeProblems("GET", "/search/users", 200, data)).toEqual([]);
  });

  test("search_users filters by type", async () => {
    const { octokit } = openWorld(seed);
    const { data } = await octokit.rest.search.users({ q: "type:org" });
    expect(data.items.map((u) => u.login)).toEqual(["acme"]);
  });
});

describe("search tools over MCP", () => {
  test("search_issues, search_repositories and search_users", async () => {
    const client = await openWorld(seed).mcp();
    const call = async (name: string, q: string) => toolJson(await client.callTool({ name, arguments: { q } }));
    expect((await call("search_issues", "repo:acme/api is:issue label:bug")).total_count).toBe(2);
    expect((await call("search_repositories", "website")).items[0].full_name).toBe("acme/web");
    expect((await call("search_users", "bob")).items[0].login).toBe("bob");
  });
});
