/**
 * State → GitHubSnapshot (the contract in snapshot-types.ts): GitHub field names, stable
 * order, no internal bookkeeping, so two runs with the same calls give the same JSON.
 */
import type {
  GitHubSnapshot,
  SnapshotComment,
  SnapshotFile,
  SnapshotIssue,
  SnapshotLabel,
  SnapshotPullRequest,
  SnapshotRepository,
} from "./snapshot-types.js";
import { blobBytes, blobIsText, blobText, fullName, type GitHubState, type Issue, type IssueComment, type Repository } from "./state.js";

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function labelsOf(repo: Repository, issue: Issue): SnapshotLabel[] {
  return issue.labels
    .map((name) => repo.labels.find((l) => l.name === name))
    .filter((l) => l !== undefined)
    .map((l) => ({ name: l.name, color: l.color, description: l.description }))
    .sort((a, b) => byString(a.name, b.name));
}

function commentOf(c: IssueComment): SnapshotComment {
  return { id: c.id, body: c.body, user: { login: c.user }, created_at: c.created_at, updated_at: c.updated_at };
}

function logins(list: string[]): { login: string }[] {
  return [...list].sort(byString).map((login) => ({ login }));
}

function issueOf(repo: Repository, issue: Issue): SnapshotIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    locked: issue.locked,
    user: { login: issue.user },
    labels: labelsOf(repo, issue),
    // The singular field is the first assignee in assignment order, as GitHub shows it.
    assignee: issue.assignees[0] === undefined ? null : { login: issue.assignees[0] },
    assignees: logins(issue.assignees),
    comments: issue.comments.map(commentOf),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
  };
}

function pullOf(repo: Repository, issue: Issue): SnapshotPullRequest | undefined {
  const pull = repo.pull_requests.find((p) => p.number === issue.number);
  if (!pull) return undefined;
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    draft: pull.draft,
    merged: pull.merged,
    merged_at: pull.merged_at,
    merged_by: pull.merged_by === null ? null : { login: pull.merged_by },
    merge_commit_sha: pull.merge_commit_sha,
    user: { login: issue.user },
    head: { ref: pull.head.ref, sha: pull.head.sha, label: `${repo.owner}:${pull.head.ref}` },
    base: { ref: pull.base.ref, sha: pull.base.sha },
    labels: labelsOf(repo, issue),
    assignees: logins(issue.assignees),
    requested_reviewers: logins(pull.requested_reviewers),
    reviews: pull.reviews.map((r) => ({
      id: r.id,
      user: { login: r.user },
      state: r.state,
      body: r.body,
      commit_id: r.commit_id,
      submitted_at: r.submitted_at,
    })),
    comments: issue.comments.map(commentOf),
    review_comments: pull.review_comments.map((c) => ({
      id: c.id,
      path: c.path,
      line: c.line,
      body: c.body,
      user: { login: c.user },
      in_reply_to_id: c.in_reply_to_id,
    })),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
  };
}

/** A file as text; one whose bytes are not UTF-8 as base64, marked `encoding: "base64"`. */
function snapshotFile(repo: Repository, branch: string, path: string, sha: string): SnapshotFile {
  if (blobIsText(repo, sha)) return { branch, path, sha, content: blobText(repo, sha) ?? "" };
  return { branch, path, sha, content: blobBytes(repo, sha)!.toString("base64"), encoding: "base64" };
}

function repositoryOf(repo: Repository): SnapshotRepository {
  const branches = [...repo.branches].sort((a, b) => byString(a.name, b.name));
  const files = branches.flatMap((branch) => {
    const tree = repo.commits[branch.sha]?.tree ?? {};
    return Object.keys(tree)
      .sort(byString)
      .map((path) => snapshotFile(repo, branch.name, path, tree[path]!));
  });
  const issues = [...repo.issues].sort((a, b) => a.number - b.number);
  return {
    id: repo.id,
    full_name: fullName(repo),
    owner: { login: repo.owner },
    name: repo.name,
    description: repo.description,
    private: repo.private,
    default_branch: repo.default_branch,
    collaborators: [...repo.collaborators]
      .sort((a, b) => byString(a.login, b.login))
      .map((c) => ({ login: c.login, permission: c.permission })),
    labels: [...repo.labels]
      .sort((a, b) => byString(a.name, b.name))
      .map((l) => ({ name: l.name, color: l.color, description: l.description })),
    branches: branches.map((b) => ({
      name: b.name,
      sha: b.sha,
      protected: b.protection !== null,
      protection: b.protection && {
        required_status_checks: b.protection.required_status_checks && {
          strict: b.protection.required_status_checks.strict,
          contexts: [...b.protection.required_status_checks.contexts],
        },
        required_pull_request_reviews: b.protection.required_pull_request_reviews && {
          required_approving_review_count: b.protection.required_pull_request_reviews.required_approving_review_count,
        },
      },
    })),
    files,
    issues: issues.filter((i) => !i.pull_request).map((i) => issueOf(repo, i)),
    pull_requests: issues.filter((i) => i.pull_request).flatMap((i) => pullOf(repo, i) ?? []),
    statuses: repo.statuses.map((s) => ({
      id: s.id,
      sha: s.sha,
      context: s.context,
      state: s.state,
      description: s.description,
      target_url: s.target_url,
      creator: { login: s.creator },
      created_at: s.created_at,
    })),
    check_runs: repo.check_runs.map((c) => ({
      id: c.id,
      name: c.name,
      head_sha: c.head_sha,
      status: c.status,
      conclusion: c.conclusion,
      output: { title: c.output.title, summary: c.output.summary, text: c.output.text, annotations_count: c.annotations.length },
      annotations: c.annotations.map((a) => ({
        path: a.path,
        start_line: a.start_line,
        end_line: a.end_line,
        annotation_level: a.annotation_level,
        message: a.message,
        title: a.title,
        raw_details: a.raw_details,
      })),
      started_at: c.started_at,
      completed_at: c.completed_at,
    })),
  };
}

export function githubSnapshot(state: GitHubState): GitHubSnapshot {
  return {
    users: [...state.users]
      .sort((a, b) => byString(a.login, b.login))
      .map((u) => ({ login: u.login, id: u.id, type: u.type, name: u.name })),
    repositories: state.repositories.map(repositoryOf).sort((a, b) => byString(a.full_name, b.full_name)),
  };
}
