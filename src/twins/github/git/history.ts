/**
 * What git does to a repository's history: commits on a branch, ancestry and merge
 * bases, tree comparisons and three-way merges. Operations (contents, refs, merges,
 * compare, PR files) all go through here so history stays one consistent graph.
 */
import type { Clock } from "../../engine/operation.js";
import { mergeTexts, type FileChange } from "./diff.js";
import {
  blobIsText,
  blobSha,
  blobText,
  findBranch,
  gitIdentity,
  touchRepo,
  writeBlob,
  writeCommit,
  type BlobContent,
  type Commit,
  type GitHubState,
  type GitIdentity,
  type Repository,
} from "../state.js";

export type Tree = Record<string, string>;

/** Every commit reachable from `sha` (all parents). */
export function reachable(repo: Repository, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (seen.has(current)) continue;
    const commit = repo.commits[current];
    if (!commit) continue;
    seen.add(current);
    stack.push(...commit.parents);
  }
  return seen;
}

export function isAncestor(repo: Repository, ancestor: string, descendant: string): boolean {
  return reachable(repo, descendant).has(ancestor);
}

/** The nearest common ancestor of two commits (breadth-first from `b`), or null for unrelated histories. */
export function mergeBase(repo: Repository, a: string, b: string): string | null {
  const fromA = reachable(repo, a);
  const queue = [b];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current)) continue;
    seen.add(current);
    if (fromA.has(current)) return current;
    queue.push(...(repo.commits[current]?.parents ?? []));
  }
  return null;
}

/** Commits reachable from `head` but not from `base`, parents before children (oldest first). */
export function commitsBetween(repo: Repository, base: string | null, head: string): Commit[] {
  const excluded = base ? reachable(repo, base) : new Set<string>();
  const out: Commit[] = [];
  const visited = new Set<string>();
  // Iterative post-order DFS so long histories cannot overflow the stack.
  const stack: Array<{ sha: string; expanded: boolean }> = [{ sha: head, expanded: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const commit = repo.commits[frame.sha];
    if (!commit || excluded.has(frame.sha)) continue;
    if (frame.expanded) {
      out.push(commit);
      continue;
    }
    if (visited.has(frame.sha)) continue;
    visited.add(frame.sha);
    stack.push({ sha: frame.sha, expanded: true });
    for (const parent of [...commit.parents].reverse()) {
      if (!visited.has(parent)) stack.push({ sha: parent, expanded: false });
    }
  }
  return out;
}

/** File-level changes from one tree to another, sorted by path. */
export function treeChanges(repo: Repository, from: Tree, to: Tree): FileChange[] {
  const paths = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const changes: FileChange[] = [];
  for (const path of paths) {
    const before = from[path];
    const after = to[path];
    if (before === after) continue;
    changes.push({
      path,
      status: before === undefined ? "added" : after === undefined ? "removed" : "modified",
      before: before === undefined ? null : { sha: before, content: blobText(repo, before) ?? "" },
      after: after === undefined ? null : { sha: after, content: blobText(repo, after) ?? "" },
    });
  }
  return changes;
}

/** What a commit changed against its first parent (everything, for a root commit). */
export function commitChanges(repo: Repository, commit: Commit): FileChange[] {
  const parent = commit.parents[0] ? repo.commits[commit.parents[0]] : undefined;
  return treeChanges(repo, parent?.tree ?? {}, commit.tree);
}

export interface TreeMerge {
  tree: Tree;
  /** Paths both sides changed in ways that do not combine. */
  conflicts: string[];
}

/**
 * Three-way merge of trees: what git computes for a merge commit (file, then line level).
 * `store: false` only checks for conflicts (a mergeability probe must not write blobs).
 */
export function mergeTrees(repo: Repository, base: Tree, ours: Tree, theirs: Tree, store = true): TreeMerge {
  const tree: Tree = {};
  const conflicts: string[] = [];
  const paths = [...new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])].sort();
  for (const path of paths) {
    const b = base[path];
    const o = ours[path];
    const t = theirs[path];
    let result: string | undefined;
    if (o === t) result = o;
    else if (o === b) result = t;
    else if (t === b) result = o;
    else if (o === undefined || t === undefined) {
      conflicts.push(path);
      continue;
    } else if (![b, o, t].every((sha) => sha === undefined || blobIsText(repo, sha))) {
      // Binary files changed on both sides do not merge line by line: git calls it a conflict.
      conflicts.push(path);
      continue;
    } else {
      const merged = mergeTexts(b === undefined ? "" : (blobText(repo, b) ?? ""), blobText(repo, o) ?? "", blobText(repo, t) ?? "");
      if (merged === null) {
        conflicts.push(path);
        continue;
      }
      result = store ? writeBlob(repo, merged) : blobSha(merged);
    }
    if (result !== undefined) tree[path] = result;
  }
  return { tree, conflicts };
}

/**
 * Merge `theirs` into `ours` as git would: the merge base decides which side changed
 * what. Unrelated histories merge against an empty base.
 */
export function mergeCommits(repo: Repository, ours: string, theirs: string, store = true): TreeMerge {
  const base = mergeBase(repo, ours, theirs);
  return mergeTrees(repo, base ? repo.commits[base].tree : {}, repo.commits[ours].tree, repo.commits[theirs].tree, store);
}

/**
 * Point a branch at a commit and keep open pull requests in step: their `head.sha` /
 * `base.sha` follow their branches, as on GitHub.
 */
export function moveBranch(repo: Repository, name: string, sha: string, clock: Clock): void {
  const branch = findBranch(repo, name);
  if (branch) branch.sha = sha;
  else repo.branches.push({ name, sha, protection: null });
  syncPullRefs(repo);
  touchRepo(repo, clock, true);
}

export function syncPullRefs(repo: Repository): void {
  for (const pull of repo.pull_requests) {
    const issue = repo.issues.find((i) => i.number === pull.number);
    if (!issue || issue.state !== "open" || pull.merged) continue;
    const head = findBranch(repo, pull.head.ref);
    const base = findBranch(repo, pull.base.ref);
    if (head) pull.head.sha = head.sha;
    if (base) pull.base.sha = base.sha;
  }
}

/** GitHub's own identity, which commits merges made on github.com (`web-flow`). */
export function webFlowIdentity(date: string): GitIdentity {
  return { name: "GitHub", email: "noreply@github.com", date, login: "web-flow" };
}

export interface FileEdit {
  path: string;
  /** New content (text, or exact bytes), or null to delete the file. */
  content: BlobContent | null;
}

/** Make one commit on a branch's tip with the given file edits, and advance the branch. */
export function commitToBranch(
  state: GitHubState,
  repo: Repository,
  branchName: string,
  edits: FileEdit[],
  message: string,
  ctx: { actor: string; clock: Clock },
  identities?: { author?: GitIdentity; committer?: GitIdentity },
): Commit {
  const branch = findBranch(repo, branchName);
  const parent = branch ? repo.commits[branch.sha] : undefined;
  const tree: Tree = { ...(parent?.tree ?? {}) };
  for (const edit of edits) {
    if (edit.content === null) delete tree[edit.path];
    else tree[edit.path] = writeBlob(repo, edit.content);
  }
  const now = ctx.clock.now();
  const author = identities?.author ?? gitIdentity(state, ctx.actor, now);
  const commit = writeCommit(repo, {
    message,
    parents: parent ? [parent.sha] : [],
    tree,
    author,
    committer: identities?.committer ?? author,
  });
  moveBranch(repo, branchName, commit.sha, ctx.clock);
  return commit;
}

/** Files of a tree under a directory (`""` = root): direct files and subdirectory names. */
export function listDirectory(tree: Tree, dir: string): { files: string[]; dirs: string[] } {
  const prefix = dir === "" ? "" : `${dir}/`;
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const path of Object.keys(tree)) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf("/");
    if (slash === -1) files.add(rest);
    else dirs.add(rest.slice(0, slash));
  }
  return { files: [...files].sort(), dirs: [...dirs].sort() };
}

/** The subtree under `dir` (paths relative to it), for directory shas and sizes. */
export function subtree(tree: Tree, dir: string): Tree {
  const prefix = dir === "" ? "" : `${dir}/`;
  const out: Tree = {};
  for (const [path, sha] of Object.entries(tree)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = sha;
  return out;
}
