/**
 * Git-side wire objects: commits, diff entries, branches and their protection, refs,
 * contents. Field sets follow api.github.com's OpenAPI description.
 */
import { diffLines, type FileChange } from "../git/diff.js";
import { subtree } from "../git/history.js";
import { blobBytes, blobSize, fullName, treeSha, type Branch, type Commit, type GitHubState, type GitIdentity, type Repository } from "../state.js";
import { API, WEB, nodeId, toWireUser } from "./issues.js";

const repoApi = (repo: Repository) => `${API}/repos/${fullName(repo)}`;
const repoWeb = (repo: Repository) => `${WEB}/${fullName(repo)}`;

/** Path segments URL-encoded, slashes kept (GitHub's contents/blob URLs). */
export function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

function gitUser(identity: GitIdentity) {
  return { name: identity.name, email: identity.email, date: identity.date };
}

const UNSIGNED = { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null };

/** The GitHub account behind a git identity, when it maps to one. */
function accountOf(state: GitHubState, identity: GitIdentity) {
  return identity.login ? toWireUser(state, identity.login) : null;
}

export interface DiffEntry {
  sha: string | null;
  filename: string;
  status: FileChange["status"];
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
}

/** `diff-entry`: one changed file, with line counts and its unified-diff `patch`, as of commit `ref`. */
export function toWireDiffEntry(repo: Repository, change: FileChange, ref: string): DiffEntry {
  const { additions, deletions, patch } = diffLines(change.before?.content ?? null, change.after?.content ?? null);
  const path = encodePath(change.path);
  return {
    sha: (change.after ?? change.before)?.sha ?? null,
    filename: change.path,
    status: change.status,
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${repoWeb(repo)}/blob/${ref}/${path}`,
    raw_url: `${repoWeb(repo)}/raw/${ref}/${path}`,
    contents_url: `${repoApi(repo)}/contents/${path}?ref=${ref}`,
    ...(patch === "" ? {} : { patch }),
  };
}

export function diffStats(entries: DiffEntry[]) {
  const additions = entries.reduce((n, e) => n + e.additions, 0);
  const deletions = entries.reduce((n, e) => n + e.deletions, 0);
  return { total: additions + deletions, additions, deletions };
}

/** `commit` (list/get commits, PR commits, compare). `files` adds `stats` and `files`. */
export function toWireCommit(state: GitHubState, repo: Repository, commit: Commit, files?: DiffEntry[]) {
  const api = repoApi(repo);
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    commit: {
      author: gitUser(commit.author),
      committer: gitUser(commit.committer),
      message: commit.message,
      tree: { sha: treeSha(commit.tree), url: `${api}/git/trees/${treeSha(commit.tree)}` },
      url: `${api}/git/commits/${commit.sha}`,
      comment_count: 0,
      verification: UNSIGNED,
    },
    url: `${api}/commits/${commit.sha}`,
    html_url: `${repoWeb(repo)}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    author: accountOf(state, commit.author),
    committer: accountOf(state, commit.committer),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${repoWeb(repo)}/commit/${sha}` })),
    ...(files ? { stats: diffStats(files), files } : {}),
  };
}

/** The `commit` half of a contents PUT/DELETE answer (`file-commit`), git-data shaped. */
export function toWireGitCommit(repo: Repository, commit: Commit) {
  const api = repoApi(repo);
  return {
    sha: commit.sha,
    node_id: nodeId("Commit", commit.sha),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${repoWeb(repo)}/commit/${commit.sha}`,
    author: gitUser(commit.author),
    committer: gitUser(commit.committer),
    tree: { sha: treeSha(commit.tree), url: `${api}/git/trees/${treeSha(commit.tree)}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({ url: `${api}/git/commits/${sha}`, html_url: `${repoWeb(repo)}/commit/${sha}`, sha })),
    verification: UNSIGNED,
  };
}

/** `simple-commit` (check suites' `head_commit`). */
export function toWireSimpleCommit(commit: Commit) {
  return {
    id: commit.sha,
    tree_id: treeSha(commit.tree),
    message: commit.message,
    timestamp: commit.committer.date,
    author: { name: commit.author.name, email: commit.author.email },
    committer: { name: commit.committer.name, email: commit.committer.email },
  };
}

// ---------------------------------------------------------------- branches

function branchApi(repo: Repository, branch: Branch) {
  return `${repoApi(repo)}/branches/${encodeURIComponent(branch.name)}`;
}

/** `short-branch` (branch lists). */
export function toWireShortBranch(repo: Repository, branch: Branch) {
  return {
    name: branch.name,
    commit: { sha: branch.sha, url: `${repoApi(repo)}/commits/${branch.sha}` },
    protected: branch.protection !== null,
  };
}

/** The `protection` summary a branch carries (`branch-protection`). */
function protectionSummary(branch: Branch) {
  const contexts = branch.protection?.required_status_checks?.contexts ?? [];
  return {
    enabled: branch.protection !== null,
    required_status_checks: {
      enforcement_level: branch.protection?.required_status_checks ? "non_admins" : "off",
      contexts,
      checks: contexts.map((context) => ({ context, app_id: null })),
    },
  };
}

/** `branch-with-protection` (`GET /repos/{owner}/{repo}/branches/{branch}`). */
export function toWireBranch(state: GitHubState, repo: Repository, branch: Branch) {
  const api = branchApi(repo, branch);
  return {
    name: branch.name,
    commit: toWireCommit(state, repo, repo.commits[branch.sha]),
    _links: { self: api, html: `${repoWeb(repo)}/tree/${encodePath(branch.name)}` },
    protected: branch.protection !== null,
    protection: protectionSummary(branch),
    protection_url: `${api}/protection`,
  };
}

/** `branch-protection` as `GET …/branches/{branch}/protection` answers it. */
export function toWireProtection(repo: Repository, branch: Branch) {
  const url = `${branchApi(repo, branch)}/protection`;
  const p = branch.protection!;
  const checks = p.required_status_checks;
  const reviews = p.required_pull_request_reviews;
  return {
    url,
    ...(checks
      ? {
          required_status_checks: {
            url: `${url}/required_status_checks`,
            strict: checks.strict,
            contexts: checks.contexts,
            contexts_url: `${url}/required_status_checks/contexts`,
            checks: checks.contexts.map((context) => ({ context, app_id: null })),
          },
        }
      : {}),
    ...(reviews
      ? {
          required_pull_request_reviews: {
            url: `${url}/required_pull_request_reviews`,
            dismiss_stale_reviews: false,
            require_code_owner_reviews: false,
            require_last_push_approval: false,
            required_approving_review_count: reviews.required_approving_review_count,
          },
        }
      : {}),
    required_signatures: { url: `${url}/required_signatures`, enabled: false },
    enforce_admins: { url: `${url}/enforce_admins`, enabled: p.enforce_admins ?? false },
    required_linear_history: { enabled: false },
    allow_force_pushes: { enabled: false },
    allow_deletions: { enabled: false },
    block_creations: { enabled: false },
    required_conversation_resolution: { enabled: false },
    lock_branch: { enabled: false },
    allow_fork_syncing: { enabled: false },
  };
}

// ---------------------------------------------------------------- refs

/** `git-ref`: `ref` is the full name (`refs/heads/main`, `refs/tags/v1`). */
export function toWireRef(repo: Repository, ref: string, sha: string) {
  const api = repoApi(repo);
  return {
    ref,
    node_id: nodeId("Ref", `${repo.id}:${ref}`),
    url: `${api}/git/${ref.split("/").map(encodeURIComponent).join("/")}`,
    object: { sha, type: "commit", url: `${api}/git/commits/${sha}` },
  };
}

// ---------------------------------------------------------------- contents

/** GitHub's base64 layout for contents: a newline after every 60 characters, and at the end. */
export function base64Lines(bytes: Uint8Array): string {
  const encoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  if (encoded === "") return "";
  return `${encoded.match(/.{1,60}/g)!.join("\n")}\n`;
}

function contentLinks(repo: Repository, path: string, ref: string, type: "file" | "dir", sha: string) {
  const api = repoApi(repo);
  const encoded = encodePath(path);
  const self = `${api}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const git = type === "file" ? `${api}/git/blobs/${sha}` : `${api}/git/trees/${sha}`;
  const html = `${repoWeb(repo)}/${type === "file" ? "blob" : "tree"}/${encodePath(ref)}/${encoded}`;
  return { self, git, html };
}

function entryName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Metadata of a file or directory entry (directory listings; `content` of a contents PUT). */
export function toWireContentEntry(repo: Repository, tree: Record<string, string>, path: string, ref: string, type: "file" | "dir") {
  const sha = type === "file" ? tree[path] : treeSha(subtree(tree, path));
  const links = contentLinks(repo, path, ref, type, sha);
  return {
    name: entryName(path),
    path,
    sha,
    size: type === "file" ? blobSize(repo, sha) : 0,
    url: links.self,
    html_url: links.html,
    git_url: links.git,
    download_url: type === "file" ? `https://raw.githubusercontent.com/${fullName(repo)}/${encodePath(ref)}/${encodePath(path)}` : null,
    type,
    _links: links,
  };
}

/** `content-file`: a file with its base64 `content`. */
export function toWireContentFile(repo: Repository, tree: Record<string, string>, path: string, ref: string) {
  const entry = toWireContentEntry(repo, tree, path, ref, "file");
  return {
    type: "file" as const,
    encoding: "base64",
    size: entry.size,
    name: entry.name,
    path: entry.path,
    content: base64Lines(blobBytes(repo, entry.sha) ?? Buffer.alloc(0)),
    sha: entry.sha,
    url: entry.url,
    git_url: entry.git_url,
    html_url: entry.html_url,
    download_url: entry.download_url,
    _links: entry._links,
  };
}
