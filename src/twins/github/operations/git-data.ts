/**
 * The git data API: blobs, trees and commits made directly, the way libraries push several
 * files in one commit (create blobs → a tree on a base tree → a commit → move the ref with
 * `update_ref`). Nothing here moves a branch by itself.
 */
import { z } from "zod";
import { notFound, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { listDirectory, subtree, type Tree } from "../git/history.js";
import { fileDirectoryClash, isMalformedPath } from "../git/paths.js";
import { repoParams } from "../inputs.js";
import { blobBytes, blobSize, fullName, gitIdentity, resolveRef, treeSha, writeBlob, writeCommit, type GitIdentity, type Repository } from "../state.js";
import { base64Lines, toWireGitCommit } from "../wire/git.js";
import { API, nodeId } from "../wire/issues.js";

const GIT_DOCS = "https://docs.github.com/rest/git";
const shaInput = (what: string) => z.string().min(1).describe(`The SHA of the ${what}`);

function gitError(message: string) {
  return unprocessable(message, { documentation_url: GIT_DOCS });
}

/** Every directory of a tree (`a`, `a/b`, …). */
function directories(tree: Tree): string[] {
  const dirs = new Set<string>();
  for (const path of Object.keys(tree)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  return [...dirs];
}

/** A tree by sha — one made through this API, or the root or a subdirectory of some commit's tree. */
export function findTree(repo: Repository, sha: string): Tree | undefined {
  const wanted = sha.toLowerCase();
  const stored = repo.trees?.[wanted];
  if (stored) return stored;
  for (const commit of Object.values(repo.commits)) {
    if (treeSha(commit.tree) === wanted) return commit.tree;
    for (const dir of directories(commit.tree)) {
      const sub = subtree(commit.tree, dir);
      if (treeSha(sub) === wanted) return sub;
    }
  }
  return undefined;
}

function blobUrl(repo: Repository, sha: string) {
  return `${API}/repos/${fullName(repo)}/git/blobs/${sha}`;
}

/** `git-tree`: direct entries, or every entry when `recursive`. */
function toWireTree(repo: Repository, tree: Tree, recursive: boolean) {
  const sha = treeSha(tree);
  const treeUrl = (s: string) => `${API}/repos/${fullName(repo)}/git/trees/${s}`;
  const fileEntry = (path: string) => {
    const blob = tree[path];
    return { path, mode: "100644", type: "blob", sha: blob, size: blobSize(repo, blob), url: blobUrl(repo, blob) };
  };
  const dirEntry = (path: string) => {
    const s = treeSha(subtree(tree, path));
    return { path, mode: "040000", type: "tree", sha: s, url: treeUrl(s) };
  };
  const entries = recursive
    ? [...Object.keys(tree).map(fileEntry), ...directories(tree).map(dirEntry)]
    : (() => {
        const { files, dirs } = listDirectory(tree, "");
        return [...files.map(fileEntry), ...dirs.map(dirEntry)];
      })();
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { sha, url: treeUrl(sha), tree: entries, truncated: false };
}

const identityInput = z.object({ name: z.string().min(1), email: z.string().min(1), date: z.string().optional() });

function identity(ctx: GitHubContext, given: z.infer<typeof identityInput> | undefined, fallback: GitIdentity): GitIdentity {
  return given ? { name: given.name, email: given.email, date: given.date ?? ctx.clock.now(), login: null } : fallback;
}

export const createBlob = githubOperation({
  name: "create_blob",
  description: "Store a blob (utf-8 or base64 content) and get its sha (POST /repos/{owner}/{repo}/git/blobs).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/git/blobs", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, content: z.string(), encoding: z.enum(["utf-8", "base64"]).default("utf-8") }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    // Stored as bytes: base64 content is decoded exactly, utf-8 content is its UTF-8 bytes.
    const sha = writeBlob(repo, input.encoding === "base64" ? Buffer.from(input.content, "base64") : input.content);
    return { url: blobUrl(repo, sha), sha };
  },
});

export const getBlob = githubOperation({
  name: "get_blob",
  description: "Get a blob's base64 content by sha (GET /repos/{owner}/{repo}/git/blobs/{file_sha}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/git/blobs/{file_sha}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, file_sha: shaInput("blob") }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = input.file_sha.toLowerCase();
    const bytes = blobBytes(repo, sha);
    if (bytes === undefined) throw notFound("Not Found", { documentation_url: GIT_DOCS });
    return { sha, node_id: nodeId("Blob", sha), size: bytes.length, url: blobUrl(repo, sha), content: base64Lines(bytes), encoding: "base64" };
  },
});

export const getTree = githubOperation({
  name: "get_tree",
  description: "Get a tree by sha, or the tree of a commit/branch/tag; `recursive` lists every entry (GET /repos/{owner}/{repo}/git/trees/{tree_sha}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/git/trees/{tree_sha}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, tree_sha: z.string().min(1), recursive: z.union([z.boolean(), z.string()]).optional() }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const commit = resolveRef(repo, input.tree_sha);
    const tree = commit ? repo.commits[commit].tree : findTree(repo, input.tree_sha);
    if (!tree) throw notFound("Not Found", { documentation_url: GIT_DOCS });
    // GitHub treats any value of `recursive` as true, even "0" and "false".
    return toWireTree(repo, tree, input.recursive !== undefined);
  },
});

const treeEntry = z.object({
  path: z.string().min(1),
  mode: z.enum(["100644", "100755", "040000", "160000", "120000"]),
  type: z.enum(["blob", "tree", "commit"]),
  sha: z.string().nullable().optional(),
  content: z.string().optional(),
});

export const createTree = githubOperation({
  name: "create_tree",
  description:
    "Make a tree from entries (blob content or sha; sha null deletes), optionally on top of `base_tree` (POST /repos/{owner}/{repo}/git/trees).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/git/trees", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, tree: z.array(treeEntry), base_tree: z.string().optional() }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const base = input.base_tree === undefined ? {} : findTree(repo, input.base_tree);
    if (!base) throw gitError("Invalid tree info");
    const tree: Tree = { ...base };
    for (const entry of input.tree) {
      const path = entry.path;
      if (isMalformedPath(path)) throw gitError("tree.path contains a malformed path component");
      const removeUnder = () => {
        for (const p of Object.keys(tree)) if (p === path || p.startsWith(`${path}/`)) delete tree[p];
      };
      if (entry.type === "commit") throw gitError("Invalid tree info: submodules are not supported by the pome GitHub twin");
      if (entry.content !== undefined && entry.sha !== undefined && entry.sha !== null) throw gitError("Invalid tree info: give either sha or content");
      if (entry.sha === null) removeUnder();
      else if (entry.type === "blob") {
        if (entry.content !== undefined) tree[path] = writeBlob(repo, entry.content);
        else if (entry.sha && repo.blobs[entry.sha.toLowerCase()] !== undefined) tree[path] = entry.sha.toLowerCase();
        else throw gitError("Invalid tree info");
      } else {
        const sub = entry.sha ? findTree(repo, entry.sha) : undefined;
        if (!sub) throw gitError("Invalid tree info");
        removeUnder();
        for (const [p, blob] of Object.entries(sub)) tree[`${path}/${p}`] = blob;
      }
    }
    // Entries on top of the base must leave every path a file or a directory, not both (delete with `sha: null` first).
    const clash = fileDirectoryClash(Object.keys(tree));
    if (clash) throw gitError(`tree.path "${clash.under}" lies under "${clash.file}", which is a file`);
    const sha = treeSha(tree);
    repo.trees = { ...(repo.trees ?? {}), [sha]: tree };
    return toWireTree(repo, tree, false);
  },
});

export const getGitCommit = githubOperation({
  name: "get_git_commit",
  description: "Get a commit object (tree, parents, author, committer, message) by sha (GET /repos/{owner}/{repo}/git/commits/{commit_sha}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/git/commits/{commit_sha}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, commit_sha: shaInput("commit") }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const commit = repo.commits[input.commit_sha.toLowerCase()];
    if (!commit) throw notFound("Not Found", { documentation_url: GIT_DOCS });
    return toWireGitCommit(repo, commit);
  },
});

export const createGitCommit = githubOperation({
  name: "create_git_commit",
  description: "Make a commit from a tree sha and parent shas; move a branch to it with update_ref (POST /repos/{owner}/{repo}/git/commits).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/git/commits", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    message: z.string(),
    tree: z.string().min(1),
    parents: z.array(z.string()).default([]),
    author: identityInput.optional(),
    committer: identityInput.optional(),
    signature: z.string().optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const tree = findTree(repo, input.tree);
    if (!tree) throw gitError("Tree SHA does not exist");
    const parents = input.parents.map((p) => p.toLowerCase());
    if (parents.some((p) => !repo.commits[p])) throw gitError("Parent SHA does not exist or is not a commit object");
    const actor = gitIdentity(ctx.state, ctx.actor, ctx.clock.now());
    const author = identity(ctx, input.author, actor);
    const commit = writeCommit(repo, { message: input.message, parents, tree, author, committer: identity(ctx, input.committer, author) });
    return toWireGitCommit(repo, commit);
  },
});

export const gitDataOperations = [createBlob, getBlob, getTree, createTree, getGitCommit, createGitCommit];
