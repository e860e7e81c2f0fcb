import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getContent, gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const unb64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

describe("git data API", () => {
  test("pushes two files in one commit: blobs, a tree on the base tree, a commit, then update_ref", async () => {
    const { octokit } = openWorld(gitSeed());
    const main = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const parent = await octokit.rest.git.getCommit({ ...repo, commit_sha: main.data.object.sha });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/git/commits/{commit_sha}", 200, parent.data)).toEqual([]);
    const blob = await octokit.rest.git.createBlob({ ...repo, content: Buffer.from("b\n").toString("base64"), encoding: "base64" });
    expect(blob.status).toBe(201);
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: parent.data.tree.sha,
      tree: [
        { path: "a.txt", mode: "100644", type: "blob", content: "a\n" },
        { path: "dir/b.txt", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "README.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/git/trees", 201, tree.data)).toEqual([]);
    expect(tree.data.tree.map((e: any) => [e.path, e.type])).toEqual([["a.txt", "blob"], ["dir", "tree"], ["src", "tree"]]);
    const commit = await octokit.rest.git.createCommit({ ...repo, message: "Two files", tree: tree.data.sha, parents: [parent.data.sha] });
    expect(commit.status).toBe(201);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/git/commits", 201, commit.data)).toEqual([]);
    await octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: commit.data.sha });
    expect(unb64((await getContent(octokit, { ...repo, path: "dir/b.txt" })).data.content)).toBe("b\n");
    expect(unb64((await getContent(octokit, { ...repo, path: "a.txt" })).data.content)).toBe("a\n");
    expect((await getContent(octokit, { ...repo, path: "README.md" }).catch((e: any) => e)).status).toBe(404);
  });

  test("reads a tree recursively and a blob by sha", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: "feature/retry", recursive: "1" });
    expect(data.tree.map((e: any) => e.path)).toEqual(["README.md", "src", "src/app.ts", "src/retry.ts"]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/git/trees/{tree_sha}", 200, data)).toEqual([]);
    const sub = await octokit.rest.git.getTree({ ...repo, tree_sha: data.tree[1].sha! });
    expect(sub.data.tree.map((e: any) => e.path)).toEqual(["app.ts", "retry.ts"]);
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: data.tree[0].sha! });
    expect(unb64(blob.data.content)).toBe("# api\n");
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/git/blobs/{file_sha}", 200, blob.data)).toEqual([]);
  });

  test("refuses a commit on a tree or parent that does not exist", async () => {
    const { octokit } = openWorld(gitSeed());
    const noTree = await octokit.rest.git.createCommit({ ...repo, message: "x", tree: "a".repeat(40) }).catch((e: any) => e);
    expect(noTree.status).toBe(422);
    expect(noTree.response.data.message).toBe("Tree SHA does not exist");
    const tree = (await octokit.rest.git.getTree({ ...repo, tree_sha: "main" })).data.sha;
    const noParent = await octokit.rest.git.createCommit({ ...repo, message: "x", tree, parents: ["b".repeat(40)] }).catch((e: any) => e);
    expect(noParent.status).toBe(422);
  });

  test("each git data operation answers through MCP", async () => {
    const world = openWorld(gitSeed());
    const mcp = await world.mcp();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...repo, ...args } });
      expect(result.isError ?? false, name).toBe(false);
      return toolJson(result);
    };
    const blob = await call("create_blob", { content: "mcp\n" });
    expect(unb64((await call("get_blob", { file_sha: blob.sha })).content)).toBe("mcp\n");
    const tree = await call("create_tree", { tree: [{ path: "m.txt", mode: "100644", type: "blob", sha: blob.sha }] });
    expect((await call("get_tree", { tree_sha: tree.sha })).tree[0].path).toBe("m.txt");
    const commit = await call("create_git_commit", { message: "mcp", tree: tree.sha, parents: [] });
    expect((await call("get_git_commit", { commit_sha: commit.sha })).message).toBe("mcp");
  });
});
