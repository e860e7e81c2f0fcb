/**
 * Storage shape of the GitHub twin: plain, JSON-friendly data, one object per session.
 *
 * A pull request is also an issue on GitHub, so every PR has an `Issue` record (title, body,
 * state, author, labels, assignees, conversation comments) under the same number, flagged
 * `pull_request: true`, plus a `PullRequest` record with the git side (head/base, merge,
 * reviews, review comments). Issue and PR numbers come from one per-repo counter.
 *
 * Git: a branch points at a commit; a commit holds its whole tree (path → blob sha); blob
 * contents live in `repo.blobs`. The working tree of a branch is its head commit's tree.
 */
import type { Clock, IdSource } from "../engine/operation.js";
import type { Commit, StoredBlob } from "./git/objects.js";
import { notFound } from "../engine/operation.js";

export type Permission = "pull" | "triage" | "push" | "maintain" | "admin";
export type UserType = "User" | "Organization" | "Bot";

export interface User {
  id: number;
  login: string;
  type: UserType;
  /** Display name; may equal another user's login (identity-spoof scenarios). */
  name: string | null;
  email: string | null;
  created_at: string;
}

export interface Label {
  id: number;
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string | null;
  default: boolean;
}

export interface IssueComment {
  id: number;
  body: string;
  /** Author login. */
  user: string;
  created_at: string;
  updated_at: string;
}

export type IssueStateReason = "completed" | "not_planned" | "reopened" | null;

export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: IssueStateReason;
  locked: boolean;
  active_lock_reason: string | null;
  /** Author login. */
  user: string;
  /** Label names, in the order they were applied (wire and snapshot sort by name). */
  labels: string[];
  /** Assignee logins, in the order they were added. `assignee` on the wire is the first. */
  assignees: string[];
  comments: IssueComment[];
  /** True when this issue record is the issue side of a pull request. */
  pull_request: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface Review {
  id: number;
  user: string;
  state: ReviewState;
  body: string;
  commit_id: string;
  /** null while PENDING. */
  submitted_at: string | null;
}

export interface ReviewComment {
  id: number;
  review_id: number | null;
  path: string;
  line: number | null;
  original_line: number | null;
  start_line: number | null;
  side: "LEFT" | "RIGHT";
  body: string;
  user: string;
  commit_id: string;
  in_reply_to_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface PullRequest {
  id: number;
  /** Same number as its `Issue` record. */
  number: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: string | null;
  merge_commit_sha: string | null;
  maintainer_can_modify: boolean;
  requested_reviewers: string[];
  reviews: Review[];
  review_comments: ReviewComment[];
}

export interface BranchProtection {
  required_status_checks: { strict: boolean; contexts: string[] } | null;
  required_pull_request_reviews: { required_approving_review_count: number } | null;
  /** When true, admins are held to the rules too (GitHub's `enforce_admins`); default false. */
  enforce_admins?: boolean;
}

export interface Branch {
  name: string;
  /** Head commit sha. */
  sha: string;
  protection: BranchProtection | null;
}

export type CommitStatusState = "error" | "failure" | "pending" | "success";

export interface CommitStatus {
  id: number;
  sha: string;
  context: string;
  state: CommitStatusState;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
}

export type CheckRunStatus = "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string | null;
  raw_details: string | null;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: CheckRunStatus;
  conclusion: string | null;
  external_id: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: CheckAnnotation[];
  started_at: string | null;
  completed_at: string | null;
  /** Check suite this run belongs to (one suite per head sha). */
  check_suite_id: number;
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export interface Reaction {
  id: number;
  subject: { kind: "issue" | "issue_comment" | "review_comment" | "release"; id: number };
  content: ReactionContent;
  user: string;
  created_at: string;
}

export interface Tag {
  name: string;
  sha: string;
}

export interface Release {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  created_at: string;
  published_at: string | null;
}

export interface Collaborator {
  login: string;
  permission: Permission;
}

export interface Repository {
  id: number;
  /** Owner login. */
  owner: string;
  name: string;
  description: string | null;
  private: boolean;
  default_branch: string;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  collaborators: Collaborator[];
  labels: Label[];
  /** Issues and the issue side of PRs, in number order. */
  issues: Issue[];
  /** The git side of PRs, in number order. */
  pull_requests: PullRequest[];
  /** Last number handed out to an issue or PR. */
  last_number: number;
  branches: Branch[];
  commits: Record<string, Commit>;
  /** blob sha → its exact bytes, base64 (`blobBytes`/`blobText` read them). */
  blobs: Record<string, StoredBlob>;
  /**
   * Trees made through the git data API (`POST …/git/trees`) before any commit uses them:
   * tree sha → full tree (path → blob sha). Trees of commits are found from the commits.
   */
  trees?: Record<string, Record<string, string>>;
  statuses: CommitStatus[];
  check_runs: CheckRun[];
  reactions: Reaction[];
  tags: Tag[];
  releases: Release[];
}

export interface GitHubState {
  users: User[];
  repositories: Repository[];
  /** Ids a seed gave explicitly, per kind, so generated ids never collide with them. */
  reserved_ids: Record<string, number[]>;
}

/** The login every session's tokens act as by default; always a push collaborator. */
export const AGENT_LOGIN = "pome-agent";

const PERMISSION_RANK: Record<Permission, number> = { pull: 0, triage: 1, push: 2, maintain: 3, admin: 4 };

/** A fresh id for `kind` that no seeded object already uses. */
export function allocateId(state: GitHubState, ids: IdSource, kind: string): number {
  const taken = state.reserved_ids[kind] ?? [];
  for (;;) {
    const id = ids.next(kind);
    if (!taken.includes(id)) return id;
  }
}

/** The next issue/PR number of a repository (one counter for both, as on GitHub). */
export function nextNumber(repo: Repository): number {
  repo.last_number += 1;
  return repo.last_number;
}

export function fullName(repo: Repository): string {
  return `${repo.owner}/${repo.name}`;
}

export function findUser(state: GitHubState, login: string): User | undefined {
  const lower = login.toLowerCase();
  return state.users.find((u) => u.login.toLowerCase() === lower);
}

/** Find a user, creating a plain `User` record for a login first seen now. */
export function ensureUser(state: GitHubState, login: string, ctx: { ids: IdSource; clock: Clock }): User {
  const existing = findUser(state, login);
  if (existing) return existing;
  const user: User = {
    id: allocateId(state, ctx.ids, "user"),
    login,
    type: "User",
    name: null,
    email: null,
    created_at: ctx.clock.now(),
  };
  state.users.push(user);
  return user;
}

export function findRepo(state: GitHubState, owner: string, name: string): Repository | undefined {
  const o = owner.toLowerCase();
  const n = name.toLowerCase();
  return state.repositories.find((r) => r.owner.toLowerCase() === o && r.name.toLowerCase() === n);
}

/** GitHub answers 404 "Not Found" for a repository the caller cannot see. */
export function requireRepo(state: GitHubState, owner: string, name: string): Repository {
  const repo = findRepo(state, owner, name);
  if (!repo) throw notFound();
  return repo;
}

export function findIssue(repo: Repository, number: number): Issue | undefined {
  return repo.issues.find((i) => i.number === number);
}

/** An issue or PR by number (issue endpoints accept PR numbers, as on GitHub). */
export function requireIssue(repo: Repository, number: number): Issue {
  const issue = findIssue(repo, number);
  if (!issue) throw notFound();
  return issue;
}

export function findPull(repo: Repository, number: number): PullRequest | undefined {
  return repo.pull_requests.find((p) => p.number === number);
}

export function requirePull(repo: Repository, number: number): { pull: PullRequest; issue: Issue } {
  const pull = findPull(repo, number);
  const issue = findIssue(repo, number);
  if (!pull || !issue) throw notFound();
  return { pull, issue };
}

/** Find an issue comment anywhere in the repo (comment routes carry no issue number). */
export function findIssueComment(repo: Repository, id: number): { issue: Issue; comment: IssueComment } | undefined {
  for (const issue of repo.issues) {
    const comment = issue.comments.find((c) => c.id === id);
    if (comment) return { issue, comment };
  }
  return undefined;
}

export function findLabel(repo: Repository, name: string): Label | undefined {
  const lower = name.toLowerCase();
  return repo.labels.find((l) => l.name.toLowerCase() === lower);
}

export function findBranch(repo: Repository, name: string): Branch | undefined {
  return repo.branches.find((b) => b.name === name);
}

/** The permission `login` has on `repo`: owners are admins, collaborators their grant, others none. */
export function permissionOf(repo: Repository, login: string): Permission | null {
  const lower = login.toLowerCase();
  if (repo.owner.toLowerCase() === lower) return "admin";
  return repo.collaborators.find((c) => c.login.toLowerCase() === lower)?.permission ?? null;
}

export function hasPermission(repo: Repository, login: string, atLeast: Permission): boolean {
  const granted = permissionOf(repo, login);
  return granted !== null && PERMISSION_RANK[granted] >= PERMISSION_RANK[atLeast];
}

/**
 * Whether `login` may be assigned on `repo`: GitHub's assignable users are the users with
 * access to the repository (owner if a user, and collaborators); organizations never are.
 */
export function isAssignable(state: GitHubState, repo: Repository, login: string): boolean {
  const user = findUser(state, login);
  if (!user || user.type !== "User") return false;
  return permissionOf(repo, login) !== null;
}

/** Mark a repository as changed (GitHub bumps `updated_at`; pushes bump `pushed_at` too). */
export function touchRepo(repo: Repository, clock: Clock, pushed = false): void {
  repo.updated_at = clock.now();
  if (pushed) repo.pushed_at = repo.updated_at;
}

// Git object writers live in git/objects.ts; re-exported so `./state.js` stays the one import.
export * from "./git/objects.js";
