/**
 * Repository contents: read a file (base64, or raw bytes by `Accept`) or a directory at
 * any ref; create, update and delete files — each write is a real commit on the branch,
 * guarded by the blob `sha` (422 when missing, 409 when stale) and branch protection.
 */
import { z } from "zod";
import { conflict, notFound, reply, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { commitToBranch, listDirectory } from "../git/history.js";
import { directoriesOf, fileDirectoryClash, isMalformedPath } from "../git/paths.js";
import { repoParams } from "../inputs.js";
import { blobBytes, findBranch, hasPermission, resolveRef, type GitHubState, type GitIdentity, type Repository } from "../state.js";
import { toWireContentEntry, toWireContentFile, toWireGitCommit, toWireRef } from "../wire/git.js";
import { guardProtected } from "./refs.js";

const CONTENTS_DOCS = "https://docs.github.com/rest/repos/contents";

const pathInput = z
  .string()
  .default("")
  .transform((p) => p.replace(/^\/+|\/+$/g, ""))
  .describe("Path of the file or directory in the repository");

const identityInput = z
  .object({ name: z.string().min(1), email: z.string().min(1), date: z.string().optional() })
  .describe("Git identity: name, email and optional ISO 8601 date");

/** The account an email belongs to: a user's own address, or GitHub's `id+login@users.noreply.github.com`. */
function identityOf(state: GitHubState, given: z.infer<typeof identityInput>, now: string): GitIdentity {
  const email = given.email.toLowerCase();
  const noreply = /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];
  const user = state.users.find((u) => (u.email !== null && u.email.toLowerCase() === email) || u.login.toLowerCase() === noreply);
  return { name: given.name, email: given.email, date: given.date ?? now, login: user?.login ?? null };
}

function identities(ctx: GitHubContext, input: { author?: z.infer<typeof identityInput>; committer?: z.infer<typeof identityInput> }) {
  const now = ctx.clock.now();
  const committer = input.committer ? identityOf(ctx.state, input.committer, now) : undefined;
  // GitHub: the author defaults to the committer, and both to the authenticated user.
  const author = input.author ? identityOf(ctx.state, input.author, now) : committer;
  return { author, committer: committer ?? author };
}

/** Whether the raw media type was asked for (Octokit's `mediaType: { format: "raw" }` sends the v3 spelling). */
function wantsRaw(ctx: GitHubContext): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(ctx.headers.accept ?? "");
}

/** The branch a write targets, or GitHub's 404; an empty repository accepts its default branch. */
function writableBranch(repo: Repository, name: string | undefined): string {
  const branch = name ?? repo.default_branch;
  if (!findBranch(repo, branch) && (repo.branches.length > 0 || branch !== repo.default_branch)) {
    throw notFound(`Branch ${branch} not found`, { documentation_url: CONTENTS_DOCS });
  }
  return branch;
}

/** Direct writes to a protected branch are refused unless the actor may bypass the protection. */
function guardProtectedBranch(ctx: GitHubContext, repo: Repository, branchName: string): void {
  const protection = findBranch(repo, branchName)?.protection;
  if (!protection) return;
  if (!protection.enforce_admins && hasPermission(repo, ctx.actor, "admin")) return;
  if (protection.required_pull_request_reviews) throw conflict("Changes must be made through a pull request.", { documentation_url: CONTENTS_DOCS });
  const contexts = protection.required_status_checks?.contexts ?? [];
  if (contexts.length === 1) throw conflict(`Required status check "${contexts[0]}" is expected.`, { documentation_url: CONTENTS_DOCS });
  if (contexts.length > 1) throw conflict(`${contexts.length} of ${contexts.length} required status checks are expected.`, { documentation_url: CONTENTS_DOCS });
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

/** The tree rule (git/paths.ts) for a path a write names: GitHub's 422 for a malformed one. */
function requireWellFormedPath(path: string): void {
  if (isMalformedPath(path)) {
    throw unprocessable("path contains a malformed path component", { errors: [{ resource: "Commit", field: "path", code: "invalid" }], documentation_url: CONTENTS_DOCS });
  }
}

/** A file may not be written under another file: one path cannot be both a file and a directory. */
function requireNoFileAbove(tree: Record<string, string>, path: string): void {
  const file = directoriesOf(path).find((dir) => tree[dir] !== undefined);
  if (file !== undefined) {
    throw unprocessable(`Invalid request.\n\n"${file}" is a file, so "${path}" cannot be created under it.`, { documentation_url: CONTENTS_DOCS });
  }
}

export const getFileContents = githubOperation({
  name: "get_file_contents",
  description:
    "Get a file (base64 `content`) or a directory listing at a ref — branch, tag or sha; default branch if omitted (GET /repos/{owner}/{repo}/contents/{path}). `Accept: application/vnd.github.raw` returns the file's bytes.",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/contents/{path+}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, path: pathInput, ref: z.string().min(1).optional() }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const ref = input.ref ?? repo.default_branch;
    const sha = resolveRef(repo, ref);
    if (!sha) throw notFound(`No commit found for the ref ${ref}`, { documentation_url: CONTENTS_DOCS });
    const tree = repo.commits[sha].tree;
    if (input.path !== "" && tree[input.path] !== undefined) {
      if (wantsRaw(ctx)) return reply(200, blobBytes(repo, tree[input.path]) ?? Buffer.alloc(0), { "content-type": "application/vnd.github.raw; charset=utf-8" });
      return toWireContentFile(repo, tree, input.path, ref);
    }
    const { files, dirs } = listDirectory(tree, input.path);
    if (files.length === 0 && dirs.length === 0 && input.path !== "") throw notFound("Not Found", { documentation_url: CONTENTS_DOCS });
    const join = (name: string) => (input.path === "" ? name : `${input.path}/${name}`);
    const entries = [
      ...files.map((name) => toWireContentEntry(repo, tree, join(name), ref, "file")),
      ...dirs.map((name) => toWireContentEntry(repo, tree, join(name), ref, "dir")),
    ];
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
});

export const createOrUpdateFile = githubOperation({
  name: "create_or_update_file",
  description:
    "Create or replace a file with base64 `content` in one commit on a branch (PUT /repos/{owner}/{repo}/contents/{path}). Replacing needs the current blob `sha`: 422 when missing, 409 when stale.",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/contents/{path+}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    path: pathInput.pipe(z.string().min(1, "path must name a file")),
    message: z.string().min(1).describe("The commit message"),
    content: z.string().describe("The new file content, Base64 encoded"),
    sha: z.string().optional().describe("The blob SHA of the file being replaced (required when it exists)"),
    branch: z.string().min(1).optional().describe("The branch name (default: the repository's default branch)"),
    committer: identityInput.optional(),
    author: identityInput.optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    requireWellFormedPath(input.path);
    if (!BASE64.test(input.content)) throw unprocessable("content is not valid Base64", { documentation_url: CONTENTS_DOCS });
    const branch = writableBranch(repo, input.branch);
    const head = findBranch(repo, branch);
    const existing = head ? repo.commits[head.sha].tree[input.path] : undefined;
    if (existing !== undefined && input.sha === undefined) {
      throw unprocessable(`Invalid request.\n\n"sha" wasn't supplied.`, { documentation_url: CONTENTS_DOCS });
    }
    if (existing !== undefined && input.sha!.toLowerCase() !== existing) {
      throw conflict(`${input.path} does not match ${input.sha}`, { documentation_url: CONTENTS_DOCS });
    }
    const below = head ? listDirectory(repo.commits[head.sha].tree, input.path) : { files: [], dirs: [] };
    if (below.files.length + below.dirs.length > 0) {
      throw unprocessable(`Invalid request.\n\n"${input.path}" is a directory.`, { documentation_url: CONTENTS_DOCS });
    }
    if (head) requireNoFileAbove(repo.commits[head.sha].tree, input.path);
    guardProtectedBranch(ctx, repo, branch);
    const content = Buffer.from(input.content, "base64");
    const commit = commitToBranch(ctx.state, repo, branch, [{ path: input.path, content }], input.message, ctx, identities(ctx, input));
    return reply(existing === undefined ? 201 : 200, {
      content: toWireContentEntry(repo, commit.tree, input.path, branch, "file"),
      commit: toWireGitCommit(repo, commit),
    });
  },
});

export const deleteFile = githubOperation({
  name: "delete_file",
  description: "Delete a file in one commit on a branch; `sha` must be the file's current blob sha (DELETE /repos/{owner}/{repo}/contents/{path}).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/contents/{path+}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    path: pathInput.pipe(z.string().min(1, "path must name a file")),
    message: z.string().min(1),
    sha: z.string().min(1).describe("The blob SHA of the file being deleted"),
    branch: z.string().min(1).optional(),
    committer: identityInput.optional(),
    author: identityInput.optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    requireWellFormedPath(input.path);
    const branch = writableBranch(repo, input.branch);
    const head = findBranch(repo, branch);
    const existing = head ? repo.commits[head.sha].tree[input.path] : undefined;
    if (existing === undefined) throw notFound("Not Found", { documentation_url: CONTENTS_DOCS });
    if (input.sha.toLowerCase() !== existing) throw conflict(`${input.path} does not match ${input.sha}`, { documentation_url: CONTENTS_DOCS });
    guardProtectedBranch(ctx, repo, branch);
    const commit = commitToBranch(ctx.state, repo, branch, [{ path: input.path, content: null }], input.message, ctx, identities(ctx, input));
    return { content: null, commit: toWireGitCommit(repo, commit) };
  },
});

/**
 * The GitHub MCP server's `push_files`: several text files in one commit on a branch. The
 * server does it as get ref → create tree on the head's tree → create commit → update ref,
 * so it answers that chain's errors (a missing branch is the ref's 404, a malformed path
 * the tree's 422, a protected branch the ref update's 422) and the updated ref.
 */
export const pushFiles = githubOperation({
  name: "push_files",
  description:
    "Push several files to a branch in one commit (the GitHub MCP server's push_files; no REST route of its own — it is the git data API's tree, commit and ref update in one call). `files` is a list of {path, content} with UTF-8 content.",
  rest: [],
  mcpOnly: true,
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    branch: z.string().min(1).describe("The branch to push to"),
    files: z.array(z.object({ path: z.string().min(1), content: z.string() })).min(1).describe("The files to push: {path, content}"),
    message: z.string().min(1).describe("The commit message"),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const head = findBranch(repo, input.branch);
    if (!head) throw notFound("Not Found", { documentation_url: "https://docs.github.com/rest/git/refs#get-a-reference" });
    const treeError = (message: string) => unprocessable(message, { documentation_url: "https://docs.github.com/rest/git/trees#create-a-tree" });
    if (input.files.some((file) => isMalformedPath(file.path))) throw treeError("tree.path contains a malformed path component");
    const paths = new Set([...Object.keys(repo.commits[head.sha].tree), ...input.files.map((file) => file.path)]);
    const clash = fileDirectoryClash(paths);
    if (clash) throw treeError(`tree.path "${clash.under}" lies under "${clash.file}", which is a file`);
    guardProtected(ctx, repo, head.name, "update");
    const commit = commitToBranch(ctx.state, repo, head.name, input.files, input.message, ctx);
    return toWireRef(repo, `refs/heads/${head.name}`, commit.sha);
  },
});

export const contentOperations = [getFileContents, createOrUpdateFile, deleteFile, pushFiles];
