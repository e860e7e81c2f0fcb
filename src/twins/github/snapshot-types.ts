/**
 * The GitHub twin's state snapshot (state_initial.json / state_final.json under "github").
 * This is a contract: `[D]` phrase families, JSONata expressions in scenarios and people
 * read it. Field names are GitHub's; arrays are in the stable order given per field.
 */

export interface SnapshotUser {
  login: string;
  id: number;
  type: "User" | "Organization" | "Bot";
  /** Display name (may differ from login: identity spoofing scenarios rely on this). */
  name: string | null;
}

export interface SnapshotLabel {
  name: string;
  color: string;
  description: string | null;
}

export interface SnapshotComment {
  id: number;
  body: string;
  user: { login: string };
  created_at: string;
  updated_at: string;
}

export interface SnapshotIssue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: "completed" | "not_planned" | "reopened" | null;
  locked: boolean;
  user: { login: string };
  /** Sorted by name. */
  labels: SnapshotLabel[];
  assignee: { login: string } | null;
  /** Sorted by login. */
  assignees: { login: string }[];
  /** In creation order. */
  comments: SnapshotComment[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SnapshotReview {
  id: number;
  user: { login: string };
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  body: string;
  commit_id: string;
  submitted_at: string | null;
}

export interface SnapshotReviewComment {
  id: number;
  path: string;
  line: number | null;
  body: string;
  user: { login: string };
  in_reply_to_id: number | null;
}

export interface SnapshotPullRequest {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  merged_at: string | null;
  merged_by: { login: string } | null;
  merge_commit_sha: string | null;
  user: { login: string };
  head: { ref: string; sha: string; label: string };
  base: { ref: string; sha: string };
  labels: SnapshotLabel[];
  assignees: { login: string }[];
  requested_reviewers: { login: string }[];
  /** In submission order. */
  reviews: SnapshotReview[];
  /** Conversation comments (issue comments on the PR), in creation order. */
  comments: SnapshotComment[];
  review_comments: SnapshotReviewComment[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SnapshotStatus {
  id: number;
  sha: string;
  context: string;
  state: "error" | "failure" | "pending" | "success";
  description: string | null;
  target_url: string | null;
  creator: { login: string };
  created_at: string;
}

export interface SnapshotCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  annotations: Array<{ path: string; start_line: number; end_line: number; annotation_level: string; message: string; title: string | null; raw_details: string | null }>;
  started_at: string | null;
  completed_at: string | null;
}

export interface SnapshotBranch {
  name: string;
  /** Head commit sha. */
  sha: string;
  protected: boolean;
  protection: {
    required_status_checks: { strict: boolean; contexts: string[] } | null;
    required_pull_request_reviews: { required_approving_review_count: number } | null;
  } | null;
}

export interface SnapshotFile {
  branch: string;
  path: string;
  /** Git blob sha of the content. */
  sha: string;
  /** The file's text; for a file whose bytes are not UTF-8, its bytes in base64 (and `encoding` says so). */
  content: string;
  encoding?: "base64";
}

export interface SnapshotRepository {
  id: number;
  full_name: string;
  owner: { login: string };
  name: string;
  description: string | null;
  private: boolean;
  default_branch: string;
  /** Sorted by login. */
  collaborators: { login: string; permission: "pull" | "triage" | "push" | "maintain" | "admin" }[];
  /** Sorted by name. */
  labels: SnapshotLabel[];
  /** Sorted by name. */
  branches: SnapshotBranch[];
  /** Working tree of every branch, sorted by branch then path. */
  files: SnapshotFile[];
  /** Issues only (pull requests are under pull_requests), sorted by number. */
  issues: SnapshotIssue[];
  /** Sorted by number (issues and PRs share one number sequence, as on GitHub). */
  pull_requests: SnapshotPullRequest[];
  /** Commit statuses in creation order. */
  statuses: SnapshotStatus[];
  /** Check runs in creation order. */
  check_runs: SnapshotCheckRun[];
}

export interface GitHubSnapshot {
  /** Sorted by login. */
  users: SnapshotUser[];
  /** Sorted by full_name. */
  repositories: SnapshotRepository[];
}
