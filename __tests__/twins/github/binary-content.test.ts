/**
 * Files are bytes: what is written through the contents API, the git data API or a seed
 * reads back byte for byte, and blob shas are git's own (the expected values below were
 * computed with `git hash-object --stdin`).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getContent, gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

/** `printf '\xff\xfe\x00\x01\x50\x4e\x47' | git hash-object --stdin` */
const BINARY = Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x50, 0x4e, 0x47]);
const BINARY_SHA = "f95a63d19a7e4e34efb1785b57c7153359f57bb6";
/** `printf 'h\xc3\xa9llo\n' | git hash-object --stdin` */
const TEXT = "héllo\n";
const TEXT_SHA = "5fb50d3c93474f139362304b663fe44e9d17a26e";
/** `printf '' | git hash-object --stdin` */
const EMPTY_SHA = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

const decoded = (base64: string) => Buffer.from(base64, "base64");

describe("binary content", () => {
  test("a file written through the contents API reads back as the same 7 bytes, with git's blob sha", async () => {
    const { octokit } = openWorld(gitSeed());
    const put = await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "logo.png", message: "Add logo", content: BINARY.toString("base64") });
    expect(put.status).toBe(201);
    expect(put.data.content).toMatchObject({ sha: BINARY_SHA, size: 7 });

    const file = (await getContent(octokit, { ...repo, path: "logo.png" })).data;
    expect(file).toMatchObject({ sha: BINARY_SHA, size: 7, encoding: "base64" });
    expect(decoded(file.content)).toEqual(BINARY);

    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: BINARY_SHA });
    expect(blob.data).toMatchObject({ sha: BINARY_SHA, size: 7, encoding: "base64" });
    expect(decoded(blob.data.content)).toEqual(BINARY);
  });

  test("the raw media type answers the exact bytes", async () => {
    const { octokit, session } = openWorld(gitSeed());
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "logo.png", message: "Add logo", content: BINARY.toString("base64") });
    const res = await fetch(`${session.urls.github!.rest}/repos/acme/api/contents/logo.png`, {
      headers: { authorization: `Bearer ${session.tokens.github}`, accept: "application/vnd.github.raw" },
    });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(BINARY);
  });

  test("git blobs: base64 content is stored as its bytes, utf-8 content as its UTF-8 bytes", async () => {
    const { octokit } = openWorld(gitSeed());
    const binary = await octokit.rest.git.createBlob({ ...repo, content: BINARY.toString("base64"), encoding: "base64" });
    expect(binary.data.sha).toBe(BINARY_SHA);
    const text = await octokit.rest.git.createBlob({ ...repo, content: TEXT, encoding: "utf-8" });
    expect(text.data.sha).toBe(TEXT_SHA);
    const read = await octokit.rest.git.getBlob({ ...repo, file_sha: TEXT_SHA });
    expect(read.data.size).toBe(Buffer.byteLength(TEXT));
    expect(decoded(read.data.content).toString("utf8")).toBe(TEXT);
    expect((await octokit.rest.git.createBlob({ ...repo, content: "" })).data.sha).toBe(EMPTY_SHA);
  });

  test("a binary blob committed through trees and refs reads back exactly on the branch", async () => {
    const { octokit } = openWorld(gitSeed());
    const main = (await octokit.rest.git.getRef({ ...repo, ref: "heads/main" })).data.object.sha;
    const base = (await octokit.rest.git.getCommit({ ...repo, commit_sha: main })).data.tree.sha;
    const blob = await octokit.rest.git.createBlob({ ...repo, content: BINARY.toString("base64"), encoding: "base64" });
    const tree = await octokit.rest.git.createTree({ ...repo, base_tree: base, tree: [{ path: "assets/logo.png", mode: "100644", type: "blob", sha: blob.data.sha }] });
    expect(tree.data.tree.find((e: any) => e.path === "assets")).toMatchObject({ type: "tree" });
    const commit = await octokit.rest.git.createCommit({ ...repo, message: "Add logo", tree: tree.data.sha, parents: [main] });
    await octokit.rest.git.updateRef({ ...repo, ref: "heads/main", sha: commit.data.sha });
    const file = (await getContent(octokit, { ...repo, path: "assets/logo.png" })).data;
    expect(file.sha).toBe(BINARY_SHA);
    expect(decoded(file.content)).toEqual(BINARY);
  });

  test("over MCP the file's content is the same exact bytes", async () => {
    const world = openWorld(gitSeed());
    await world.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "logo.png", message: "Add logo", content: BINARY.toString("base64") });
    const client = await world.mcp();
    const file = toolJson(await client.callTool({ name: "get_file_contents", arguments: { ...repo, path: "logo.png" } }));
    expect(file.sha).toBe(BINARY_SHA);
    expect(decoded(file.content)).toEqual(BINARY);
  });

  test("seeds take binary files in base64; the snapshot shows text as text and other bytes as base64", async () => {
    const seed = gitSeed();
    (seed.repositories[0] as any).files.push({ path: "logo.png", content: BINARY.toString("base64"), encoding: "base64" });
    const { snapshot } = openWorld(seed);
    const files = snapshot().repositories[0].files.filter((f: any) => f.branch === "main");
    expect(files.find((f: any) => f.path === "logo.png")).toEqual({ branch: "main", path: "logo.png", sha: BINARY_SHA, content: BINARY.toString("base64"), encoding: "base64" });
    expect(files.find((f: any) => f.path === "README.md")).toEqual({ branch: "main", path: "README.md", sha: expect.any(String), content: "# api\n" });
  });

  test("a binary file changed on both sides of a pull request is a merge conflict, not a line merge", async () => {
    const seed = gitSeed();
    const files = (seed.repositories[0] as any).files as unknown[];
    files.push({ path: "logo.png", content: Buffer.from([0xff, 0, 1]).toString("base64"), encoding: "base64" });
    files.push({ path: "logo.png", content: Buffer.from([0xff, 0, 2]).toString("base64"), encoding: "base64", branch: "feature/retry" });
    const { octokit } = openWorld(seed);
    const current = (await getContent(octokit, { ...repo, path: "logo.png" })).data.sha;
    await octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: "logo.png", message: "Change logo on main", content: Buffer.from([0xff, 0, 3]).toString("base64"), sha: current });
    const pull = await octokit.rest.pulls.get({ ...repo, pull_number: 2 });
    expect(pull.data.mergeable).toBe(false);
  });
});
