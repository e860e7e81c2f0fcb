/**
 * Pull-request wire objects: `pull-request`, `pull-request-simple`, reviews and review
 * comments. Counts (`commits`, `additions`, `changed_files` …) are computed from the git
 * graph, so they always agree with the files and commits endpoints.
 */
import { diffLines } from "../git/diff.js";
import { mergeability, pullChanges, pullCommits } from "../git/mergeability.js";
import { fullName, type GitHubState, type Issue, type PullRequest, type Repository, type Review, type ReviewComment } from "../state.js";
import { API, WEB, authorAssociation, issueLabels, nodeId, reactionRollup, toWireRepo, toWireUser, toWireUserOrNull } from "./issues.js";

const href = (url: string) => ({ href: url });

function pullUrls(repo: Repository, number: number) {
  const name = fullName(repo);
  const api = `${API}/repos/${name}`;
  return {
    api,
    url: `${api}/pulls/${number}`,
    html: `${WEB}/${name}/pull/${number}`,
    issue: `${api}/issues/${number}`,
  };
}

function branchSide(state: GitHubState, repo: Repository, side: { ref: string; sha: string }) {
  return {
    label: `${repo.owner}:${side.ref}`,
    ref: side.ref,
    sha: side.sha,
    user: toWireUser(state, repo.owner),
    repo: toWireRepo(state, repo),
  };
}

/** `pull-request-simple`: what PR lists return. */
export function toWirePullSimple(state: GitHubState, repo: Repository, pull: PullRequest, issue: Issue) {
  const u = pullUrls(repo, pull.number);
  const assignees = issue.assignees.map((login) => toWireUser(state, login));
  return {
    url: u.url,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: u.html,
    diff_url: `${u.html}.diff`,
    patch_url: `${u.html}.patch`,
    issue_url: u.issue,
    commits_url: `${u.url}/commits`,
    review_comments_url: `${u.url}/comments`,
    review_comment_url: `${u.api}/pulls/comments{/number}`,
    comments_url: `${u.issue}/comments`,
    statuses_url: `${u.api}/statuses/${pull.head.sha}`,
    number: pull.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: toWireUser(state, issue.user),
    body: issue.body,
    labels: issueLabels(repo, issue),
    milestone: null,
    active_lock_reason: issue.active_lock_reason,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: pull.requested_reviewers.map((login) => toWireUser(state, login)),
    requested_teams: [] as unknown[],
    head: branchSide(state, repo, pull.head),
    base: branchSide(state, repo, pull.base),
    _links: {
      self: href(u.url),
      html: href(u.html),
      issue: href(u.issue),
      comments: href(`${u.issue}/comments`),
      review_comments: href(`${u.url}/comments`),
      review_comment: href(`${u.api}/pulls/comments{/number}`),
      commits: href(`${u.url}/commits`),
      statuses: href(`${u.api}/statuses/${pull.head.sha}`),
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
}

/** `pull-request`: the full object of get/create/update, with mergeability and diff counts. */
export function toWirePull(state: GitHubState, repo: Repository, pull: PullRequest, issue: Issue, viewer: string) {
  const changes = pullChanges(repo, pull);
  let additions = 0;
  let deletions = 0;
  for (const change of changes) {
    const diff = diffLines(change.before?.content ?? null, change.after?.content ?? null);
    additions += diff.additions;
    deletions += diff.deletions;
  }
  const merge = mergeability(repo, pull, issue, viewer);
  return {
    ...toWirePullSimple(state, repo, pull, issue),
    merged: pull.merged,
    mergeable: merge.mergeable,
    rebaseable: merge.rebaseable,
    mergeable_state: merge.mergeable_state,
    merged_by: toWireUserOrNull(state, pull.merged_by),
    comments: issue.comments.length,
    review_comments: pull.review_comments.length,
    maintainer_can_modify: pull.maintainer_can_modify,
    commits: pullCommits(repo, pull).length,
    additions,
    deletions,
    changed_files: changes.length,
  };
}

/** `pull-request-review`. `submitted_at` is absent while the review is pending, as on GitHub. */
export function toWireReview(state: GitHubState, repo: Repository, pull: PullRequest, review: Review) {
  const u = pullUrls(repo, pull.number);
  const html = `${u.html}#pullrequestreview-${review.id}`;
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: toWireUser(state, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: u.url,
    author_association: authorAssociation(repo, review.user),
    _links: { html: href(html), pull_request: href(u.url) },
    ...(review.submitted_at ? { submitted_at: review.submitted_at } : {}),
    commit_id: review.commit_id,
  };
}

/** Where a line sits in a file's patch: its hunk (up to the line) and its 1-based position. */
export interface PatchLocation {
  diffHunk: string;
  position: number;
}

/** Find `line` on `side` of a unified-diff patch (LEFT = old file, RIGHT = new file). */
export function locateInPatch(patch: string, line: number, side: "LEFT" | "RIGHT"): PatchLocation | null {
  const lines = patch.split("\n");
  let hunkStart = -1;
  let oldLine = 0;
  let newLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(text);
    if (header) {
      hunkStart = i;
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    if (hunkStart < 0 || text.startsWith("\\")) continue;
    const marker = text[0];
    const onOld = marker !== "+";
    const onNew = marker !== "-";
    const hit = side === "LEFT" ? onOld && oldLine === line : onNew && newLine === line;
    if (hit) return { diffHunk: lines.slice(hunkStart, i + 1).join("\n"), position: i };
    if (onOld) oldLine++;
    if (onNew) newLine++;
  }
  return null;
}

/** `pull-request-review-comment`. */
export function toWireReviewComment(state: GitHubState, repo: Repository, pull: PullRequest, comment: ReviewComment) {
  const u = pullUrls(repo, pull.number);
  const url = `${u.api}/pulls/comments/${comment.id}`;
  const html = `${u.html}#discussion_r${comment.id}`;
  const change = pullChanges(repo, pull).find((c) => c.path === comment.path);
  const patch = change ? diffLines(change.before?.content ?? null, change.after?.content ?? null).patch : "";
  const location = comment.line === null ? null : locateInPatch(patch, comment.line, comment.side);
  return {
    url,
    pull_request_review_id: comment.review_id,
    id: comment.id,
    node_id: nodeId("PullRequestReviewComment", comment.id),
    diff_hunk: location?.diffHunk ?? "",
    path: comment.path,
    ...(location ? { position: location.position, original_position: location.position } : {}),
    commit_id: comment.commit_id,
    original_commit_id: comment.commit_id,
    ...(comment.in_reply_to_id !== null ? { in_reply_to_id: comment.in_reply_to_id } : {}),
    user: toWireUser(state, comment.user),
    body: comment.body,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: html,
    pull_request_url: u.url,
    author_association: authorAssociation(repo, comment.user),
    _links: { self: href(url), html: href(html), pull_request: href(u.url) },
    start_line: comment.start_line,
    original_start_line: comment.start_line,
    start_side: comment.start_line === null ? null : comment.side,
    // A file-level comment has no line at all (GitHub omits the fields rather than sending null).
    ...(comment.line === null ? {} : { line: comment.line, original_line: comment.original_line ?? comment.line }),
    side: comment.side,
    subject_type: comment.line === null ? "file" : "line",
    reactions: reactionRollup(repo, "review_comment", comment.id, url),
  };
}
