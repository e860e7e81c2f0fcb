import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_V2, getContent, gitSeed, protectedSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const sha = async (octokit: any, branch: string) => (await octokit.rest.repos.getBranch({ ...repo, branch })).data.commit.sha;

/** Add `count` commits to `branch`, each writing `log.txt`. */
async function commitMany(octokit: any, branch: string, count: number) {
  let blob: string | undefined;
  for (let i = 0; i < count; i++) {
    const { data } = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "log.txt", branch, message: `log ${i}`, content: b64(`${i}\n`), sha: blob });
    blob = data.content?.sha;
  }
}

describe("branches", () => {
  test("lists branches sorted by name with their head and protection flag", async () => {
    const { octokit } = openWorld(protectedSeed());
    const { data } = await octokit.rest.repos.listBranches({ ...repo });
    expect(data.map((b: any) => [b.name, b.protected])).toEqual([["docs", false], ["feature/retry", false], ["main", true]]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/branches", 200, data)).toEqual([]);
    const onlyProtected = await octokit.rest.repos.listBranches({ ...repo, protected: true });
    expect(onlyProtected.data.map((b: any) => b.name)).toEqual(["main"]);
  });

  test("gets a branch whose name has a slash, with its commit and protection", async () => {
    const { octokit } = openWorld(protectedSeed());
    const { data } = await octokit.rest.repos.getBranch({ ...repo, branch: "feature/retry" });
    expect(data).toMatchObject({ name: "feature/retry", protected: false, commit: { commit: { message: "Seed feature/retry" } } });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/branches/{branch}", 200, data)).toEqual([]);
    const main = await octokit.rest.repos.getBranch({ ...repo, branch: "main" });
    expect(main.data.protection.required_status_checks?.contexts).toEqual(["ci/build"]);
  });

  test("answers 404 Branch not found", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.repos.getBranch({ ...repo, branch: "nope" }).catch((e: any) => e);
    expect(error.status).toBe(404);
    expect(error.response.data.message).toBe("Branch not found");
  });
});

describe("branch protection", () => {
  const adminSeed = (extra: Record<string, unknown> = {}) => gitSeed({ collaborators: ["alice", "bob", { login: "pome-agent", permission: "admin" }], ...extra });

  test("sets, reads and removes required checks and reviews", async () => {
    const { octokit, snapshot } = openWorld(adminSeed());
    const put = await octokit.rest.repos.updateBranchProtection({
      ...repo,
      branch: "main",
      required_status_checks: { strict: false, contexts: ["ci/test"] },
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 2 },
      restrictions: null,
    });
    expect(put.data.required_status_checks?.contexts).toEqual(["ci/test"]);
    expect(shapeProblems("PUT", "/repos/{owner}/{repo}/branches/{branch}/protection", 200, put.data)).toEqual([]);
    const got = await octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" });
    expect(got.data).toMatchObject({ required_pull_request_reviews: { required_approving_review_count: 2 }, enforce_admins: { enabled: true } });
    expect(snapshot().repositories[0].branches.find((b: any) => b.name === "main")).toMatchObject({
      protected: true,
      protection: { required_status_checks: { contexts: ["ci/test"] }, required_pull_request_reviews: { required_approving_review_count: 2 } },
    });
    expect((await octokit.rest.repos.deleteBranchProtection({ ...repo, branch: "main" })).status).toBe(204);
    const gone = await octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" }).catch((e: any) => e);
    expect(gone.status).toBe(404);
    expect(gone.response.data.message).toBe("Branch not protected");
  });

  test("needs admin rights", async () => {
    const { octokit } = openWorld(protectedSeed());
    const error = await octokit.rest.repos.getBranchProtection({ ...repo, branch: "main" }).catch((e: any) => e);
    expect(error.status).toBe(403);
  });

  test("a protection set through the API gates the merge", async () => {
    const { octokit } = openWorld(adminSeed());
    await octokit.rest.repos.updateBranchProtection({ ...repo, branch: "main", required_status_checks: { strict: false, contexts: ["ci"] }, enforce_admins: true, required_pull_request_reviews: null, restrictions: null });
    expect((await octokit.rest.pulls.merge({ ...repo, pull_number: 2 }).catch((e: any) => e)).status).toBe(405);
  });
});

describe("git refs", () => {
  test("creates a branch at a sha with that commit's tree and answers a ref object", async () => {
    const { octokit } = openWorld(gitSeed());
    const head = await sha(octokit, "feature/retry");
    const { status, data } = await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/hotfix", sha: head });
    expect(status).toBe(201);
    expect(data).toMatchObject({ ref: "refs/heads/hotfix", object: { sha: head, type: "commit" } });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/git/refs", 201, data)).toEqual([]);
    const file = await getContent(octokit, { ...repo, path: "src/app.ts", ref: "hotfix" });
    expect(Buffer.from(file.data.content, "base64").toString()).toBe(APP_V2);
  });

  test("refuses an existing ref and an unknown sha with 422", async () => {
    const { octokit } = openWorld(gitSeed());
    const head = await sha(octokit, "main");
    const exists = await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/docs", sha: head }).catch((e: any) => e);
    expect(exists.status).toBe(422);
    expect(exists.response.data.message).toBe("Reference already exists");
    const missing = await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/x", sha: "1".repeat(40) }).catch((e: any) => e);
    expect(missing.response.data.message).toBe("Object does not exist");
  });

  test("gets a ref and lists matching refs", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: "heads/feature/retry" });
    expect(data.object.sha).toBe(await sha(octokit, "feature/retry"));
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/git/ref/{ref}", 200, data)).toEqual([]);
    expect((await octokit.rest.git.getRef({ ...repo, ref: "heads/nope" }).catch((e: any) => e)).status).toBe(404);
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: "heads/" });
    expect(matching.data.map((r: any) => r.ref)).toEqual(["refs/heads/docs", "refs/heads/feature/retry", "refs/heads/main"]);
  });

  test("moves a branch only by fast-forward unless forced", async () => {
    const { octokit } = openWorld(gitSeed());
    const feature = await sha(octokit, "feature/retry");
    const docs = await sha(octokit, "docs");
    const ff = await octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: feature });
    expect(ff.data.object.sha).toBe(feature);
    const error = await octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: docs }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toBe("Update is not a fast forward");
    expect((await octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: docs, force: true })).data.object.sha).toBe(docs);
  });

  test("deleting a PR's head branch closes the PR", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    expect((await octokit.rest.git.deleteRef({ ...repo, ref: "heads/feature/retry" })).status).toBe(204);
    expect(snapshot().repositories[0].branches.map((b: any) => b.name)).toEqual(["docs", "main"]);
    expect(snapshot().repositories[0].pull_requests[0]).toMatchObject({ number: 2, state: "closed", merged: false });
    const again = await octokit.rest.git.deleteRef({ ...repo, ref: "heads/feature/retry" }).catch((e: any) => e);
    expect(again.status).toBe(422);
    expect(again.response.data.message).toBe("Reference does not exist");
  });
});

describe("commits", () => {
  test("lists a branch's commits newest first, with pagination", async () => {
    const { octokit } = openWorld(gitSeed());
    await commitMany(octokit, "docs", 5);
    const page = await octokit.rest.repos.listCommits({ ...repo, sha: "docs", per_page: 3 });
    expect(page.data.map((c: any) => c.commit.message)).toEqual(["log 4", "log 3", "log 2"]);
    expect(page.headers.link).toContain('rel="next"');
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits", 200, page.data)).toEqual([]);
    const all = await octokit.paginate(octokit.rest.repos.listCommits, { ...repo, sha: "docs", per_page: 3 });
    expect(all.map((c: any) => c.commit.message)).toEqual(["log 4", "log 3", "log 2", "log 1", "log 0", "Seed docs", "Initial seed commit"]);
  });

  test("filters commits by path", async () => {
    const { octokit } = openWorld(gitSeed());
    await commitMany(octokit, "feature/retry", 2);
    const { data } = await octokit.rest.repos.listCommits({ ...repo, sha: "feature/retry", path: "src/retry.ts" });
    expect(data.map((c: any) => c.commit.message)).toEqual(["Seed feature/retry"]);
  });

  test("gets a commit with files, patches and stats", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: "feature/retry" });
    expect(data.stats).toEqual({ total: 8, additions: 7, deletions: 1 });
    expect(data.files?.map((f: any) => [f.filename, f.status])).toEqual([["src/app.ts", "modified"], ["src/retry.ts", "added"]]);
    expect(data.files?.[1].patch).toMatch(/^@@ -0,0 \+1,5 @@\n\+export function retry/);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/commits/{ref}", 200, data)).toEqual([]);
  });

  test("answers 422 for an unknown commit", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.repos.getCommit({ ...repo, ref: "deadbeef" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toBe("No commit found for SHA: deadbeef");
  });
});

describe("compare_commits", () => {
  test("reports ahead, commits and files of base...head", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...feature/retry" });
    expect(data).toMatchObject({ status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1 });
    expect(data.files?.map((f: any) => f.filename)).toEqual(["src/app.ts", "src/retry.ts"]);
    expect(data.merge_base_commit.sha).toBe(await sha(octokit, "main"));
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/compare/{basehead}", 200, data)).toEqual([]);
  });

  test("reports behind, identical and diverged", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "feature/retry...main" })).data).toMatchObject({ status: "behind", ahead_by: 0, behind_by: 1 });
    expect((await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...main" })).data.status).toBe("identical");
    const diverged = await octokit.rest.repos.compareCommits({ ...repo, base: "docs", head: "feature/retry" });
    expect(diverged.data).toMatchObject({ status: "diverged", ahead_by: 1, behind_by: 1 });
  });

  test("answers 404 for an unknown ref", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: "main...nope" }).catch((e: any) => e)).status).toBe(404);
  });
});

describe("branch, ref and commit tools over MCP", () => {
  test("each operation answers through MCP", async () => {
    const world = openWorld(gitSeed({ collaborators: ["alice", "bob", { login: "pome-agent", permission: "admin" }] }));
    const mcp = await world.mcp();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...repo, ...args } });
      expect(result.isError ?? false, name).toBe(false);
      return toolJson(result);
    };
    const created = await call("create_branch", { branch: "mcp-branch", from_branch: "docs" });
    expect(created.ref).toBe("refs/heads/mcp-branch");
    expect((await call("list_branches", {})).map((b: any) => b.name)).toContain("mcp-branch");
    expect((await call("get_branch", { branch: "mcp-branch" })).commit.sha).toBe(created.object.sha);
    expect((await call("get_ref", { ref: "heads/mcp-branch" })).object.sha).toBe(created.object.sha);
    expect(await call("list_matching_refs", { ref: "heads/mcp" })).toHaveLength(1);
    const main = await call("get_ref", { ref: "heads/main" });
    await call("update_ref", { ref: "heads/mcp-branch", sha: main.object.sha, force: true });
    await call("delete_branch", { ref: "heads/mcp-branch" });
    await call("update_branch_protection", { branch: "main", required_status_checks: null, enforce_admins: false, required_pull_request_reviews: { required_approving_review_count: 1 }, restrictions: null });
    expect((await call("get_branch_protection", { branch: "main" })).required_pull_request_reviews.required_approving_review_count).toBe(1);
    await call("delete_branch_protection", { branch: "main" });
    expect((await call("list_commits", { sha: "docs" })).map((c: any) => c.commit.message)).toEqual(["Seed docs", "Initial seed commit"]);
    expect((await call("get_commit", { ref: "docs" })).files[0].filename).toBe("docs/guide.md");
    expect((await call("compare_commits", { basehead: "main...docs" })).ahead_by).toBe(1);
  });
});
