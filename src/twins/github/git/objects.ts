/**
 * Git objects of a repository: content-addressed blobs, commits whose sha hashes their
 * parts the way git does (so equal histories give equal shas in every run), identities.
 * The twin's state.ts re-exports this file; it depends on nothing of state.ts, so there is no cycle.
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";

/**
 * A stored blob: its exact bytes in base64, so the state stays plain JSON data and a binary
 * file keeps every byte. Read it with `blobBytes` or `blobText`, never as text directly.
 */
export type StoredBlob = string & { readonly __storedBlob: true };

/** The parts of storage these functions touch (state.ts's Repository and GitHubState fit). */
interface GitStore {
  commits: Record<string, Commit>;
  blobs: Record<string, StoredBlob>;
  branches: Array<{ name: string; sha: string }>;
  tags: Array<{ name: string; sha: string }>;
}
interface UserDirectory {
  users: Array<{ id: number; login: string; name: string | null; email: string | null }>;
}

export interface GitIdentity {
  name: string;
  email: string;
  date: string;
  /** The GitHub login the identity maps to, when there is one. */
  login: string | null;
}

export interface Commit {
  sha: string;
  message: string;
  /** First parent first. */
  parents: string[];
  /** Full tree: path → blob sha. */
  tree: Record<string, string>;
  author: GitIdentity;
  committer: GitIdentity;
}

/** File content as given: text (stored as its UTF-8 bytes) or bytes. */
export type BlobContent = string | Uint8Array;

const bytesOf = (content: BlobContent): Buffer => (typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content.buffer, content.byteOffset, content.byteLength));

/** Git's blob id, as `git hash-object` computes it: `sha1("blob <byte length>\0<bytes>")`. */
export function blobSha(content: BlobContent): string {
  const bytes = bytesOf(content);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Store a blob and return its sha (content addressed, so storing twice is harmless). */
export function writeBlob(repo: GitStore, content: BlobContent): string {
  const bytes = bytesOf(content);
  const sha = blobSha(bytes);
  repo.blobs[sha] = bytes.toString("base64") as StoredBlob;
  return sha;
}

/** A blob's exact bytes, or undefined for an unknown sha. */
export function blobBytes(repo: Pick<GitStore, "blobs">, sha: string): Buffer | undefined {
  const stored = repo.blobs[sha];
  return stored === undefined ? undefined : Buffer.from(stored, "base64");
}

/** A blob as UTF-8 text (what diffs, merges and `[D]` checks read), or undefined for an unknown sha. */
export function blobText(repo: Pick<GitStore, "blobs">, sha: string): string | undefined {
  return blobBytes(repo, sha)?.toString("utf8");
}

/** Whether a blob's bytes are UTF-8 text (a line merge or a text snapshot would keep them). */
export function blobIsText(repo: Pick<GitStore, "blobs">, sha: string): boolean {
  const bytes = blobBytes(repo, sha);
  return bytes === undefined || isUtf8(bytes);
}

/** A blob's size in bytes (0 for an unknown sha). */
export function blobSize(repo: Pick<GitStore, "blobs">, sha: string): number {
  return blobBytes(repo, sha)?.length ?? 0;
}

/** A tree id derived from its entries (flat path list; stable for equal trees). */
export function treeSha(tree: Record<string, string>): string {
  const hash = createHash("sha1");
  for (const path of Object.keys(tree).sort()) hash.update(`${path}\0${tree[path]}\n`);
  return hash.digest("hex");
}

/**
 * Record a commit. Its sha is a hash of tree, parents, identities and message, like git's,
 * so the same history gives the same shas in every run.
 */
export function writeCommit(repo: GitStore, parts: Omit<Commit, "sha">): Commit {
  const ident = (i: GitIdentity) => `${i.name} <${i.email}> ${i.date}`;
  const text = [
    `tree ${treeSha(parts.tree)}`,
    ...parts.parents.map((p) => `parent ${p}`),
    `author ${ident(parts.author)}`,
    `committer ${ident(parts.committer)}`,
    "",
    parts.message,
  ].join("\n");
  const sha = createHash("sha1").update(`commit ${Buffer.byteLength(text)}\0${text}`).digest("hex");
  const commit: Commit = { sha, ...parts, tree: { ...parts.tree }, parents: [...parts.parents] };
  repo.commits[sha] = commit;
  return commit;
}

/** The git identity of a login at a time (GitHub's noreply address shape). */
export function gitIdentity(state: UserDirectory, login: string, date: string): GitIdentity {
  const lower = login.toLowerCase();
  const user = state.users.find((u) => u.login.toLowerCase() === lower);
  return {
    name: user?.name || login,
    email: user?.email ?? `${user?.id ?? 0}+${login}@users.noreply.github.com`,
    date,
    login,
  };
}

/** Commits reachable from `sha` by first parents, newest first. */
export function firstParentHistory(repo: GitStore, sha: string, limit = 10_000): Commit[] {
  const out: Commit[] = [];
  let current: string | undefined = sha;
  while (current && out.length < limit) {
    const commit: Commit | undefined = repo.commits[current];
    if (!commit) break;
    out.push(commit);
    current = commit.parents[0];
  }
  return out;
}

/**
 * Resolve a ref (branch name, `heads/x`, `refs/heads/x`, tag, full or ≥7-char abbreviated
 * commit sha) to a commit sha, or undefined.
 */
export function resolveRef(repo: GitStore, ref: string): string | undefined {
  const branchName = ref.replace(/^refs\/heads\//, "").replace(/^heads\//, "");
  const branch = repo.branches.find((b) => b.name === branchName);
  if (branch) return branch.sha;
  const tagName = ref.replace(/^refs\/tags\//, "").replace(/^tags\//, "");
  const tag = repo.tags.find((t) => t.name === tagName);
  if (tag) return tag.sha;
  const lower = ref.toLowerCase();
  if (/^[0-9a-f]{40}$/.test(lower)) return repo.commits[lower] ? lower : undefined;
  if (/^[0-9a-f]{7,39}$/.test(lower)) {
    const matches = Object.keys(repo.commits).filter((sha) => sha.startsWith(lower));
    return matches.length === 1 ? matches[0] : undefined;
  }
  return undefined;
}

/** Content of `path` in the tree of commit `sha`, or undefined. */
export function fileAt(repo: GitStore, sha: string, path: string): { blob: string; content: string } | undefined {
  const blob = repo.commits[sha]?.tree[path];
  if (blob === undefined) return undefined;
  const content = blobText(repo, blob);
  return content === undefined ? undefined : { blob, content };
}
