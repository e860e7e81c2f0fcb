/**
 * One rule for paths wherever they enter a tree — contents API, git trees, push_files,
 * seeds: no empty, `.`, `..` or `.git` segment, no NUL, and never one path as both a file
 * and a directory. Refusals are GitHub's 422s and leave the repository as it was.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { githubTwin } from "../../../src/twins/github/index.js";
import { getContent, gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const failure = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error("expected the request to fail");
  },
  (error: any) => ({ status: error.status as number, data: error.response?.data }),
);

const CONTENT = Buffer.from("x\n").toString("base64");
const mainFiles = (snapshot: () => any) => snapshot().repositories[0].files.filter((f: any) => f.branch === "main").map((f: any) => f.path);

describe("the contents API", () => {
  test.each([
    ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd"],
    ["a/../b", "a%2F..%2Fb"],
    ["./x", ".%2Fx"],
    ["a//b", "a%2F%2Fb"],
    ["a\\0b (NUL)", "a%00b"],
    [".git/config", ".git%2Fconfig"],
  ])("PUT contents/%s is GitHub's 422 and commits nothing", async (_name, encoded) => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const before = mainFiles(snapshot);
    const answer = await failure(octokit.request(`PUT /repos/{owner}/{repo}/contents/${encoded}`, { ...repo, message: "m", content: CONTENT }));
    expect(answer).toEqual({
      status: 422,
      data: { message: "path contains a malformed path component", errors: [{ resource: "Commit", field: "path", code: "invalid" }], documentation_url: expect.any(String), status: "422" },
    });
    expect(mainFiles(snapshot)).toEqual(before);
  });

  test("a file under an existing file (README.md/sub.txt) is refused: one path cannot be both", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const answer = await failure(octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md/sub.txt", message: "m", content: CONTENT }));
    expect(answer.status).toBe(422);
    expect(answer.data.message).toContain('"README.md" is a file');
    expect(mainFiles(snapshot)).not.toContain("README.md/sub.txt");
    expect((await getContent(octokit, { ...repo, path: "README.md" })).data.type).toBe("file");
  });

  test("a well-formed path with unicode and spaces is fine", async () => {
    const { octokit } = openWorld(gitSeed());
    const put = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "docs/日本語 notes.md", message: "m", content: CONTENT });
    expect(put.status).toBe(201);
    expect((await getContent(octokit, { ...repo, path: "docs/日本語 notes.md" })).data.content).toBe("eAo=\n");
  });
});

describe("the git data API", () => {
  const baseTree = async (octokit: any) => {
    const main = (await octokit.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    return (await octokit.rest.git.getCommit({ ...repo, commit_sha: main })).data.tree.sha as string;
  };

  test.each(["../x", "a/../x", "/x", "x/", "a\u0000b", ".git/hooks/pre-commit"])("a tree entry path %j is 'tree.path contains a malformed path component'", async (path) => {
    const { octokit } = openWorld(gitSeed());
    const answer = await failure(octokit.rest.git.createTree({ ...repo, base_tree: await baseTree(octokit), tree: [{ path, mode: "100644", type: "blob", content: "x" }] }));
    expect(answer.status).toBe(422);
    expect(answer.data.message).toBe("tree.path contains a malformed path component");
  });

  test("a tree that would make a path both a file and a directory is refused", async () => {
    const { octokit } = openWorld(gitSeed());
    const base = await baseTree(octokit);
    const under = await failure(octokit.rest.git.createTree({ ...repo, base_tree: base, tree: [{ path: "README.md/sub.txt", mode: "100644", type: "blob", content: "x" }] }));
    expect(under.status).toBe(422);
    expect(under.data.message).toContain('"README.md"');
    const both = await failure(octokit.rest.git.createTree({ ...repo, tree: [{ path: "a", mode: "100644", type: "blob", content: "x" }, { path: "a/b", mode: "100644", type: "blob", content: "y" }] }));
    expect(both.status).toBe(422);
    // Deleting the file first makes room for the directory.
    const replaced = await octokit.rest.git.createTree({ ...repo, base_tree: base, tree: [{ path: "README.md", mode: "100644", type: "blob", sha: null }, { path: "README.md/sub.txt", mode: "100644", type: "blob", content: "x" }] });
    expect(replaced.status).toBe(201);
  });
});

describe("push_files (MCP)", () => {
  test("pushes several files in one commit and answers the updated ref", async () => {
    const world = openWorld(gitSeed());
    const client = await world.mcp();
    const result = await client.callTool({ name: "push_files", arguments: { ...repo, branch: "main", message: "Add docs", files: [{ path: "docs/a.md", content: "A\n" }, { path: "docs/b.md", content: "B\n" }] } });
    expect(result.isError).toBeFalsy();
    const ref = toolJson(result);
    expect(ref).toMatchObject({ ref: "refs/heads/main", object: { type: "commit" } });
    const commit = await world.octokit.rest.repos.getCommit({ ...repo, ref: ref.object.sha });
    expect(commit.data.commit.message).toBe("Add docs");
    expect(commit.data.files?.map((f: any) => f.filename)).toEqual(["docs/a.md", "docs/b.md"]);
  });

  test.each([
    ["a path that climbs out", "../escape.md"],
    ["a NUL byte", "a\u0000b"],
    ["a file under a file", "README.md/sub.txt"],
  ])("%s is refused and nothing is pushed", async (_name, path) => {
    const world = openWorld(gitSeed());
    const before = mainFiles(world.snapshot);
    const client = await world.mcp();
    const result = await client.callTool({ name: "push_files", arguments: { ...repo, branch: "main", message: "m", files: [{ path: "ok.md", content: "ok" }, { path, content: "x" }] } });
    expect(result.isError).toBe(true);
    expect(toolJson(result)).toMatchObject({ status: "422" });
    expect(mainFiles(world.snapshot)).toEqual(before);
  });
});

describe("seeds", () => {
  const seedWith = (files: unknown[]) => ({ repositories: [{ owner: "acme", name: "api", files }] });

  test.each([["../x"], ["a/./b"], ["a\u0000b"], [".git/config"]])("a file path %j is refused", (path) => {
    expect(githubTwin.seed.schema.safeParse(seedWith([{ path, content: "x" }])).success).toBe(false);
  });

  test("a file under another file is refused, on one branch or across a branch and the default branch", () => {
    expect(githubTwin.seed.schema.safeParse(seedWith([{ path: "README.md", content: "x" }, { path: "README.md/sub.txt", content: "y" }])).success).toBe(false);
    expect(githubTwin.seed.schema.safeParse(seedWith([{ path: "a", content: "x" }, { path: "a/b", content: "y", branch: "feature" }])).success).toBe(false);
    expect(githubTwin.seed.schema.safeParse(seedWith([{ path: "/a/b", content: "x" }, { path: "a/c", content: "y" }])).success).toBe(true);
  });
});
