import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { APP_V1, APP_V2, getContent, gitSeed, protectedSeed, readOnlyAgentSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const unb64 = (text: string) => Buffer.from(text, "base64").toString("utf8");

describe("get_file_contents", () => {
  test("returns a file as base64 with GitHub's 60-character lines and its blob sha", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await getContent(octokit, { ...repo, path: "src/app.ts" });
    expect(data).toMatchObject({ type: "file", encoding: "base64", name: "app.ts", path: "src/app.ts", size: Buffer.byteLength(APP_V1) });
    const lines = data.content.split("\n");
    expect(lines.slice(0, -2).every((l: string) => l.length === 60)).toBe(true);
    expect(lines.at(-1)).toBe("");
    expect(unb64(data.content)).toBe(APP_V1);
    const blob = createHash("sha1").update(`blob ${Buffer.byteLength(APP_V1)}\0${APP_V1}`).digest("hex");
    expect(data.sha).toBe(blob);
    expect(data.download_url).toBe("https://raw.githubusercontent.com/acme/api/main/src/app.ts");
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/contents/{path}", 200, data)).toEqual([]);
  });

  test("reads at a branch, a sha and a tag", async () => {
    const { octokit } = openWorld(gitSeed());
    const sha = (await octokit.rest.repos.getBranch({ ...repo, branch: "feature/retry" })).data.commit.sha;
    await octokit.rest.git.createRef({ ...repo, ref: "refs/tags/v1", sha });
    for (const ref of ["feature/retry", sha, "v1"]) {
      const { data } = await getContent(octokit, { ...repo, path: "src/app.ts", ref });
      expect(unb64(data.content), ref).toBe(APP_V2);
    }
  });

  test("lists a directory and the repository root", async () => {
    const { octokit } = openWorld(gitSeed());
    const dir = await getContent(octokit, { ...repo, path: "src", ref: "feature/retry" });
    expect(dir.data.map((e: any) => [e.name, e.type])).toEqual([["app.ts", "file"], ["retry.ts", "file"]]);
    const root = await getContent(octokit, { ...repo, path: "" });
    expect(root.data.map((e: any) => [e.name, e.type])).toEqual([["README.md", "file"], ["src", "dir"]]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/contents/{path}", 200, root.data)).toEqual([]);
  });

  test("returns raw bytes for Accept: application/vnd.github.raw", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await getContent(octokit, { ...repo, path: "src/app.ts", mediaType: { format: "raw" } });
    expect(data).toBe(APP_V1);
  });

  test("answers 404 for a missing path and for an unknown ref", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await getContent(octokit, { ...repo, path: "nope.md" }).catch((e: any) => e)).status).toBe(404);
    const badRef = await getContent(octokit, { ...repo, path: "README.md", ref: "nope" }).catch((e: any) => e);
    expect(badRef.status).toBe(404);
    expect(badRef.response.data.message).toBe("No commit found for the ref nope");
  });
});

describe("create_or_update_file", () => {
  test("round-trips content through Buffer base64 and commits it on the branch", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const text = "héllo wörld ✓\n".repeat(20);
    const created = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "docs/notes.md", message: "Add notes", content: b64(text), branch: "docs" });
    expect(created.status).toBe(201);
    expect(created.data.commit.message).toBe("Add notes");
    expect(shapeProblems("PUT", "/repos/{owner}/{repo}/contents/{path}", 201, created.data)).toEqual([]);
    const read = await getContent(octokit, { ...repo, path: "docs/notes.md", ref: "docs" });
    expect(unb64(read.data.content)).toBe(text);
    expect(read.data.sha).toBe(created.data.content?.sha);
    expect((await octokit.rest.repos.getBranch({ ...repo, branch: "docs" })).data.commit.sha).toBe(created.data.commit.sha);
    expect(snapshot().repositories[0].files).toContainEqual(expect.objectContaining({ branch: "docs", path: "docs/notes.md", content: text }));
  });

  test("updates with the current sha and answers 200", async () => {
    const { octokit } = openWorld(gitSeed());
    const current = await getContent(octokit, { ...repo, path: "README.md" });
    const before = (await octokit.rest.repos.getBranch({ ...repo, branch: "main" })).data.commit.sha;
    const { status, data } = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "Update", content: b64("# api!\n"), sha: current.data.sha });
    expect(status).toBe(200);
    expect(data.commit.parents!.map((p: any) => p.sha)).toEqual([before]);
    expect(shapeProblems("PUT", "/repos/{owner}/{repo}/contents/{path}", 200, data)).toEqual([]);
  });

  test("answers 409 for a stale sha and changes nothing", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const stale = (await getContent(octokit, { ...repo, path: "README.md" })).data.sha;
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "First", content: b64("one\n"), sha: stale });
    const before = snapshot();
    const error = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "Second", content: b64("two\n"), sha: stale }).catch((e: any) => e);
    expect(error.status).toBe(409);
    expect(error.response.data.message).toBe(`README.md does not match ${stale}`);
    expect(snapshot()).toEqual(before);
  });

  test("answers 422 when updating an existing file without a sha", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "README.md", message: "x", content: b64("x") }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toBe('Invalid request.\n\n"sha" wasn\'t supplied.');
  });

  test("refuses direct writes to a protected branch", async () => {
    const { octokit } = openWorld(protectedSeed());
    const error = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "NEW.md", message: "x", content: b64("x") }).catch((e: any) => e);
    expect(error.status).toBe(409);
    expect(error.response.data.message).toBe("Changes must be made through a pull request.");
  });

  test("answers 403 without push access", async () => {
    const { octokit } = openWorld(readOnlyAgentSeed());
    const error = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "NEW.md", message: "x", content: b64("x") }).catch((e: any) => e);
    expect(error.status).toBe(403);
  });

  test("records the given author and committer", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: "A.md",
      message: "By Bob",
      content: b64("a"),
      committer: { name: "Bob", email: "bob@example.com" },
    });
    expect(data.commit.author).toMatchObject({ name: "Bob", email: "bob@example.com" });
    expect(data.commit.committer).toMatchObject({ name: "Bob", email: "bob@example.com" });
  });
});

describe("delete_file", () => {
  test("deletes a file with its sha in a commit", async () => {
    const { octokit } = openWorld(gitSeed());
    const sha = (await getContent(octokit, { ...repo, path: "README.md" })).data.sha;
    const { status, data } = await octokit.rest.repos.deleteFile({ ...repo, path: "README.md", message: "Remove readme", sha });
    expect(status).toBe(200);
    expect(data.content).toBeNull();
    expect(shapeProblems("DELETE", "/repos/{owner}/{repo}/contents/{path}", 200, data)).toEqual([]);
    expect((await getContent(octokit, { ...repo, path: "README.md" }).catch((e: any) => e)).status).toBe(404);
  });

  test("answers 409 for a stale sha", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.repos.deleteFile({ ...repo, path: "README.md", message: "x", sha: "a".repeat(40) }).catch((e: any) => e);
    expect(error.status).toBe(409);
  });
});

describe("content tools over MCP", () => {
  test("get_file_contents, create_or_update_file and delete_file answer through MCP", async () => {
    const world = openWorld(gitSeed());
    const mcp = await world.mcp();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...repo, ...args } });
      expect(result.isError ?? false, name).toBe(false);
      return toolJson(result);
    };
    const file = await call("get_file_contents", { path: "README.md" });
    expect(unb64(file.content)).toBe("# api\n");
    const put = await call("create_or_update_file", { path: "README.md", message: "mcp", content: b64("mcp\n"), sha: file.sha });
    await call("delete_file", { path: "README.md", message: "rm", sha: put.content.sha });
    const listing = await call("get_file_contents", { path: "" });
    expect(listing.map((e: any) => e.name)).toEqual(["src"]);
  });
});
