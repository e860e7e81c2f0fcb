import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getContent, gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

/** Push a commit to a new branch through the contents API, the way an agent would. */
async function branchWithFile(octokit: any, branch: string, path: string, content: string) {
  const main = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
  await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: main.data.object.sha });
  await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path, branch, message: `Add ${path}`, content: Buffer.from(content).toString("base64") });
}

describe("create_pull_request", () => {
  test("opens a PR numbered after the issues, authored by the agent", async () => {
    const { octokit } = openWorld(gitSeed());
    await branchWithFile(octokit, "fix/typo", "NOTES.md", "notes\n");
    const { status, data } = await octokit.rest.pulls.create({ ...repo, title: "Fix typo", head: "fix/typo", base: "main", body: "Small fix" });
    expect(status).toBe(201);
    expect(data).toMatchObject({ number: 3, state: "open", merged: false, user: { login: "pome-agent" }, head: { ref: "fix/typo", label: "acme:fix/typo" }, base: { ref: "main" } });
    expect(data).toMatchObject({ commits: 1, additions: 1, deletions: 0, changed_files: 1, mergeable: true, mergeable_state: "clean" });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/pulls", 201, data)).toEqual([]);
  });

  test("is visible as an issue with a pull_request key under the same number", async () => {
    const { octokit } = openWorld(gitSeed());
    await branchWithFile(octokit, "fix/typo", "NOTES.md", "notes\n");
    await octokit.rest.pulls.create({ ...repo, title: "Fix typo", head: "acme:fix/typo", base: "main" });
    const { data } = await octokit.rest.issues.get({ ...repo, issue_number: 3 });
    expect(data.pull_request?.url).toMatch(/\/pulls\/3$/);
  });

  test("answers 422 when head has no commits beyond base", async () => {
    const { octokit } = openWorld(gitSeed());
    const main = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/empty", sha: main.data.object.sha });
    const error = await octokit.rest.pulls.create({ ...repo, title: "Nothing", head: "empty", base: "main" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([{ resource: "PullRequest", code: "custom", message: "No commits between main and empty" }]);
  });

  test("answers 422 when an open PR already exists for the same head and base", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.create({ ...repo, title: "Again", head: "feature/retry", base: "main" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors[0].message).toBe("A pull request already exists for acme:feature/retry.");
  });

  test("answers 422 base invalid for a base branch that does not exist", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.create({ ...repo, title: "x", head: "docs", base: "nope" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual([{ resource: "PullRequest", field: "base", code: "invalid" }]);
  });
});

describe("get_pull_request", () => {
  test("reports merge state, counts, labels and head/base repositories", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(data).toMatchObject({
      number: 2,
      title: "Retry order saves",
      user: { login: "alice" },
      merged: false,
      merged_by: null,
      mergeable: true,
      mergeable_state: "clean",
      comments: 0,
      review_comments: 0,
      commits: 1,
      changed_files: 2,
      additions: 7,
      deletions: 1,
      requested_reviewers: [],
      labels: [],
    });
    expect(data.head.repo?.full_name).toBe("acme/api");
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/pulls/{pull_number}", 200, data)).toEqual([]);
  });

  test("answers Accept: application/vnd.github.diff with a unified diff", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: 2, mediaType: { format: "diff" } });
    const text = String(data);
    expect(text).toContain("diff --git a/src/app.ts b/src/app.ts\n");
    expect(text).toContain("-  save(order);\n+  retry(() => save(order), 3);\n+  log(order.id);\n");
    expect(text).toContain("new file mode 100644");
    expect(text).toContain("--- /dev/null\n+++ b/src/retry.ts\n@@ -0,0 +1,5 @@\n");
  });

  test("answers an unknown number with 404", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.get({ ...repo, pull_number: 99 }).catch((e: any) => e);
    expect(error.status).toBe(404);
  });

  test("an issue number is not a pull request", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.get({ ...repo, pull_number: 1 }).catch((e: any) => e);
    expect(error.status).toBe(404);
  });
});

describe("list_pull_requests", () => {
  function manyPulls(count: number) {
    const seed = gitSeed();
    const r = seed.repositories[0] as any;
    for (let i = 0; i < count; i++) {
      r.files.push({ path: `f${i}.txt`, content: `${i}\n`, branch: `b${i}` });
      r.pull_requests.push({ title: `PR ${i}`, head: `b${i}`, base: "main", state: i % 5 === 0 ? "closed" : "open" });
    }
    return openWorld(seed);
  }

  test("lists open PRs by default, newest first", async () => {
    const { octokit } = manyPulls(4);
    const { data } = await octokit.rest.pulls.list({ ...repo });
    expect(data.map((p: any) => p.state)).toEqual(["open", "open", "open", "open"]);
    expect(data.map((p: any) => p.number)).toEqual([6, 5, 4, 2]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/pulls", 200, data)).toEqual([]);
  });

  test("filters by state, head, base and sorts ascending on request", async () => {
    const { octokit } = manyPulls(6);
    const closed = await octokit.rest.pulls.list({ ...repo, state: "closed" });
    expect(closed.data.map((p: any) => p.number)).toEqual([8, 3]);
    const byHead = await octokit.rest.pulls.list({ ...repo, state: "all", head: "acme:b2" });
    expect(byHead.data.map((p: any) => p.head.ref)).toEqual(["b2"]);
    const asc = await octokit.rest.pulls.list({ ...repo, base: "main", direction: "asc" });
    expect(asc.data[0].number).toBe(2);
  });

  test("paginates with Link headers that octokit.paginate follows", async () => {
    const { octokit } = manyPulls(44);
    const first = await octokit.rest.pulls.list({ ...repo, state: "all", per_page: 10 });
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('rel="last"');
    const all = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "all", per_page: 10 });
    expect(all).toHaveLength(45);
    expect(new Set(all.map((p: any) => p.number)).size).toBe(45);
  });
});

describe("update_pull_request", () => {
  test("changes title and body, and closes the PR", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: 2, title: "Retry saves", body: "v2", state: "closed" });
    expect(data).toMatchObject({ title: "Retry saves", body: "v2", state: "closed", merged: false });
    expect(data.closed_at).not.toBeNull();
    expect(snapshot().repositories[0].pull_requests[0]).toMatchObject({ number: 2, state: "closed", merged: false });
  });

  test("retargets the base branch", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.update({ ...repo, pull_number: 2, base: "docs" });
    expect(data.base.ref).toBe("docs");
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 2 });
    expect(files.data.map((f: any) => f.filename)).toEqual(["src/app.ts", "src/retry.ts"]);
  });
});

describe("get_pull_request_files", () => {
  test("lists changed files with line counts and hunks", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.listFiles({ ...repo, pull_number: 2 });
    expect(data.map((f: any) => [f.filename, f.status, f.additions, f.deletions, f.changes])).toEqual([
      ["src/app.ts", "modified", 2, 1, 3],
      ["src/retry.ts", "added", 5, 0, 5],
    ]);
    expect(data[0].patch).toBe(
      "@@ -1,5 +1,6 @@\n export function handler(req) {\n   const order = parse(req);\n-  save(order);\n+  retry(() => save(order), 3);\n+  log(order.id);\n   return 201;\n }",
    );
    expect(data[0].sha).toBe((await getContent(octokit, { ...repo, path: "src/app.ts", ref: "feature/retry" })).data.sha);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/files", 200, data)).toEqual([]);
  });
});

describe("get_pull_request_commits", () => {
  test("lists the PR's commits oldest first, growing as the head branch moves", async () => {
    const { octokit } = openWorld(gitSeed());
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "CHANGELOG.md", branch: "feature/retry", message: "Changelog", content: Buffer.from("- retry\n").toString("base64") });
    const { data } = await octokit.rest.pulls.listCommits({ ...repo, pull_number: 2 });
    expect(data.map((c: any) => c.commit.message)).toEqual(["Seed feature/retry", "Changelog"]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/commits", 200, data)).toEqual([]);
    const pr = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(pr.data.head.sha).toBe(data[1].sha);
  });
});

describe("requested reviewers", () => {
  test("adds, lists and removes requested reviewers", async () => {
    const { octokit } = openWorld(gitSeed());
    const added = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 2, reviewers: ["bob"] });
    expect(added.status).toBe(201);
    expect(added.data.requested_reviewers?.map((u: any) => u.login)).toEqual(["bob"]);
    const listed = await octokit.rest.pulls.listRequestedReviewers({ ...repo, pull_number: 2 });
    expect(listed.data).toMatchObject({ users: [{ login: "bob" }], teams: [] });
    const removed = await octokit.rest.pulls.removeRequestedReviewers({ ...repo, pull_number: 2, reviewers: ["bob"] });
    expect(removed.data.requested_reviewers).toEqual([]);
  });

  test("refuses the PR author and non-collaborators with 422", async () => {
    const { octokit } = openWorld(gitSeed());
    const author = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 2, reviewers: ["alice"] }).catch((e: any) => e);
    expect(author.status).toBe(422);
    expect(author.response.data.message).toBe("Review cannot be requested from pull request author.");
    const stranger = await octokit.rest.pulls.requestReviewers({ ...repo, pull_number: 2, reviewers: ["mallory"] }).catch((e: any) => e);
    expect(stranger.status).toBe(422);
  });
});

describe("session JWT", () => {
  test("Octokit authenticated with the session JWT opens and merges a PR", async () => {
    const world = openWorld(gitSeed());
    const octokit = world.jwtOctokit();
    const created = await octokit.rest.pulls.create({ ...repo, title: "Docs", head: "docs", base: "main" });
    const merged = await octokit.rest.pulls.merge({ ...repo, pull_number: created.data.number });
    expect(merged.data.merged).toBe(true);
    expect(world.snapshot().repositories[0].pull_requests[1]).toMatchObject({ number: 3, merged: true, user: { login: "pome-agent" } });
  });
});

describe("pull request tools over MCP", () => {
  test("every pull request operation answers through the MCP client", async () => {
    const world = openWorld(gitSeed());
    const mcp = await world.mcp();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...repo, ...args } });
      expect(result.isError ?? false).toBe(false);
      return toolJson(result);
    };
    expect((await call("list_pull_requests", {})).map((p: any) => p.number)).toEqual([2]);
    expect((await call("get_pull_request", { pull_number: 2 })).mergeable_state).toBe("clean");
    expect((await call("get_pull_request_files", { pull_number: 2 })).length).toBe(2);
    expect((await call("get_pull_request_commits", { pull_number: 2 })).length).toBe(1);
    expect((await call("request_reviewers", { pull_number: 2, reviewers: ["bob"] })).requested_reviewers[0].login).toBe("bob");
    expect((await call("list_requested_reviewers", { pull_number: 2 })).users[0].login).toBe("bob");
    expect((await call("remove_requested_reviewers", { pull_number: 2, reviewers: ["bob"] })).requested_reviewers).toEqual([]);
    expect((await call("update_pull_request", { pull_number: 2, title: "Via MCP" })).title).toBe("Via MCP");
    expect((await call("create_pull_request", { title: "Docs", head: "docs", base: "main" })).number).toBe(3);
    expect(world.calls.filter((c) => c.transport === "mcp").map((c) => c.operation)).toContain("create_pull_request");
  });
});
