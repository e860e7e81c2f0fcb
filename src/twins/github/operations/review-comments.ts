/**
 * Review comments: comments on a line (or a whole file) of a pull request's diff, and
 * replies in their thread. A comment made outside a review opens a COMMENTED review
 * holding it, as on GitHub.
 */
import { z } from "zod";
import { notFound, reply, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { diffLines } from "../git/diff.js";
import { validationFailed } from "../errors.js";
import { commentId, direction, isoTimestamp, pageParams, positiveInt, repoParams } from "../inputs.js";
import { checkReviewCommentBody } from "../limits.js";
import { pullChanges, pullCommits } from "../git/mergeability.js";
import { allocateId, requirePull, type PullRequest, type Repository, type ReviewComment } from "../state.js";
import { locateInPatch, toWireReviewComment } from "../wire/pulls.js";
import { pullNumber } from "./pulls.js";

const REVIEW_COMMENT_DOCS = "https://docs.github.com/rest/pulls/comments";
const side = z.enum(["LEFT", "RIGHT"]);

/** One inline comment as the create-comment and create-review bodies give it. */
export const draftCommentInput = {
  path: z.string().min(1).describe("The relative path to the file that necessitates a comment"),
  body: z.string().min(1).describe("The text of the review comment"),
  line: positiveInt("The line of the blob in the pull request diff that the comment applies to").optional(),
  side: side.optional().describe("LEFT for deletions, RIGHT for additions or context (default RIGHT)"),
  start_line: positiveInt("The first line of a multi-line comment").optional(),
  start_side: side.optional(),
  position: positiveInt("Deprecated: the line index in the diff").optional(),
};

export interface DraftComment {
  path: string;
  body: string;
  line?: number;
  side?: "LEFT" | "RIGHT";
  start_line?: number;
  start_side?: "LEFT" | "RIGHT";
  position?: number;
  subject_type?: "line" | "file";
  commit_id?: string;
}

function threadError(field: string, message: string) {
  return unprocessable(
    "Validation Failed",
    validationFailed([{ resource: "PullRequestReviewComment", code: "custom", field, message }], "https://docs.github.com/rest/pulls/comments"),
  );
}

/** Map a legacy diff `position` to a line and side of the patch. */
function lineAtPosition(patch: string, position: number): { line: number; side: "LEFT" | "RIGHT" } | null {
  const lines = patch.split("\n");
  let oldLine = 0;
  let newLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(lines[i]);
    if (header) {
      oldLine = Number(header[1]);
      newLine = Number(header[2]);
      continue;
    }
    const marker = lines[i][0];
    if (i === position) return marker === "-" ? { line: oldLine, side: "LEFT" } : { line: newLine, side: "RIGHT" };
    if (marker !== "+" && marker !== "\\") oldLine++;
    if (marker !== "-" && marker !== "\\") newLine++;
  }
  return null;
}

/** Validate a draft comment against the PR's diff and build its record (not yet stored). */
export function buildReviewComment(ctx: GitHubContext, repo: Repository, pull: PullRequest, draft: DraftComment, reviewId: number | null): ReviewComment {
  checkReviewCommentBody(draft.body, REVIEW_COMMENT_DOCS);
  const change = pullChanges(repo, pull).find((c) => c.path === draft.path);
  if (!change) throw threadError("pull_request_review_thread.path", "Pull request review thread path is invalid");
  if (draft.commit_id !== undefined) {
    const known = draft.commit_id === pull.head.sha || pullCommits(repo, pull).some((c) => c.sha === draft.commit_id);
    if (!known) throw threadError("commit_id", "commit_id is not part of the pull request");
  }
  const patch = diffLines(change.before?.content ?? null, change.after?.content ?? null).patch;
  let line: number | null = null;
  let onSide: "LEFT" | "RIGHT" = draft.side ?? "RIGHT";
  if (draft.subject_type !== "file") {
    if (draft.line !== undefined) line = draft.line;
    else if (draft.position !== undefined) {
      const at = lineAtPosition(patch, draft.position);
      if (!at) throw threadError("pull_request_review_thread.position", "pull_request_review_thread.position is invalid");
      line = at.line;
      onSide = at.side;
    } else throw threadError("pull_request_review_thread.line", "pull_request_review_thread.line must be part of the diff");
    if (!locateInPatch(patch, line, onSide)) {
      throw threadError("pull_request_review_thread.line", "pull_request_review_thread.line must be part of the diff");
    }
    if (draft.start_line !== undefined) {
      if (draft.start_line >= line) throw threadError("pull_request_review_thread.start_line", "pull_request_review_thread.start_line must precede the end line.");
      if (!locateInPatch(patch, draft.start_line, draft.start_side ?? onSide)) {
        throw threadError("pull_request_review_thread.start_line", "pull_request_review_thread.start_line must be part of the same hunk as the line.");
      }
    }
  }
  const now = ctx.clock.now();
  return {
    id: allocateId(ctx.state, ctx.ids, "review_comment"),
    review_id: reviewId,
    path: draft.path,
    line,
    original_line: line,
    start_line: draft.start_line ?? null,
    side: onSide,
    body: draft.body,
    user: ctx.actor,
    commit_id: draft.commit_id ?? pull.head.sha,
    in_reply_to_id: null,
    created_at: now,
    updated_at: now,
  };
}

/** The COMMENTED review GitHub opens around a single comment posted outside a review. */
function commentReview(ctx: GitHubContext, pull: PullRequest): number {
  const id = allocateId(ctx.state, ctx.ids, "review");
  pull.reviews.push({ id, user: ctx.actor, state: "COMMENTED", body: "", commit_id: pull.head.sha, submitted_at: ctx.clock.now() });
  return id;
}

/** A reply joins the thread of the comment it answers (replies to replies attach to the thread's root). */
function addReply(ctx: GitHubContext, pull: PullRequest, parentId: number, body: string): ReviewComment {
  checkReviewCommentBody(body, REVIEW_COMMENT_DOCS);
  const parent = pull.review_comments.find((c) => c.id === parentId);
  if (!parent) throw notFound();
  const root = parent.in_reply_to_id === null ? parent : (pull.review_comments.find((c) => c.id === parent.in_reply_to_id) ?? parent);
  const now = ctx.clock.now();
  const comment: ReviewComment = {
    ...root,
    id: allocateId(ctx.state, ctx.ids, "review_comment"),
    review_id: commentReview(ctx, pull),
    body,
    user: ctx.actor,
    in_reply_to_id: root.id,
    created_at: now,
    updated_at: now,
  };
  pull.review_comments.push(comment);
  return comment;
}

function findReviewComment(repo: Repository, id: number): { pull: PullRequest; comment: ReviewComment } {
  for (const pull of repo.pull_requests) {
    const comment = pull.review_comments.find((c) => c.id === id);
    if (comment) return { pull, comment };
  }
  throw notFound();
}

export const getPullRequestComments = githubOperation({
  name: "get_pull_request_comments",
  description: "List the review comments on a pull request (GET /repos/{owner}/{repo}/pulls/{pull_number}/comments).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/comments" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    sort: z.enum(["created", "updated"]).default("created"),
    direction: direction.default("asc"),
    since: isoTimestamp.optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull } = requirePull(repo, input.pull_number);
    const key = input.sort === "updated" ? "updated_at" : "created_at";
    const rows = pull.review_comments
      .filter((c) => input.since === undefined || Date.parse(c.updated_at) >= Date.parse(input.since))
      .sort((a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : a.id - b.id));
    if (input.direction === "desc") rows.reverse();
    return rows.map((c) => toWireReviewComment(ctx.state, repo, pull, c));
  },
});

export const createPullRequestReviewComment = githubOperation({
  name: "create_pull_request_review_comment",
  description:
    "Comment on a line (or, with subject_type=file, a whole file) of a pull request's diff, or reply with `in_reply_to` (POST /repos/{owner}/{repo}/pulls/{pull_number}/comments).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/pulls/{pull_number}/comments", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    ...draftCommentInput,
    path: z.string().min(1).optional().describe("The relative path to the file (required unless replying)"),
    commit_id: z.string().optional().describe("The SHA of the commit to comment on (default: the PR head)"),
    subject_type: z.enum(["line", "file"]).optional(),
    in_reply_to: positiveInt("The id of the review comment to reply to").optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    let comment: ReviewComment;
    if (input.in_reply_to !== undefined) comment = addReply(ctx, pull, input.in_reply_to, input.body);
    else {
      if (input.path === undefined) throw threadError("path", "path wasn't supplied.");
      const draft = buildReviewComment(ctx, repo, pull, { ...input, path: input.path }, null);
      draft.review_id = commentReview(ctx, pull);
      pull.review_comments.push(draft);
      comment = draft;
    }
    issue.updated_at = ctx.clock.now();
    return toWireReviewComment(ctx.state, repo, pull, comment);
  },
});

export const addReplyToPullRequestComment = githubOperation({
  name: "add_reply_to_pull_request_comment",
  description: "Reply to a review comment in its thread (POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, pull_number: pullNumber, comment_id: commentId, body: z.string().min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    const comment = addReply(ctx, pull, input.comment_id, input.body);
    issue.updated_at = ctx.clock.now();
    return toWireReviewComment(ctx.state, repo, pull, comment);
  },
});

export const getPullRequestReviewComment = githubOperation({
  name: "get_pull_request_review_comment",
  description: "Get one review comment (GET /repos/{owner}/{repo}/pulls/comments/{comment_id}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/comments/{comment_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, comment_id: commentId }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, comment } = findReviewComment(repo, input.comment_id);
    return toWireReviewComment(ctx.state, repo, pull, comment);
  },
});

export const updatePullRequestReviewComment = githubOperation({
  name: "update_pull_request_review_comment",
  description: "Edit the body of your review comment (PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/pulls/comments/{comment_id}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, comment_id: commentId, body: z.string().min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, comment } = findReviewComment(repo, input.comment_id);
    if (comment.user.toLowerCase() !== ctx.actor.toLowerCase()) requirePermission(ctx, repo, "push");
    checkReviewCommentBody(input.body, REVIEW_COMMENT_DOCS);
    comment.body = input.body;
    comment.updated_at = ctx.clock.now();
    return toWireReviewComment(ctx.state, repo, pull, comment);
  },
});

export const deletePullRequestReviewComment = githubOperation({
  name: "delete_pull_request_review_comment",
  description: "Delete a review comment (DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/pulls/comments/{comment_id}", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, comment_id: commentId }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, comment } = findReviewComment(repo, input.comment_id);
    if (comment.user.toLowerCase() !== ctx.actor.toLowerCase()) requirePermission(ctx, repo, "push");
    pull.review_comments = pull.review_comments.filter((c) => c.id !== comment.id);
    return reply(204, null);
  },
});

export const reviewCommentOperations = [
  getPullRequestComments,
  createPullRequestReviewComment,
  addReplyToPullRequestComment,
  getPullRequestReviewComment,
  updatePullRequestReviewComment,
  deletePullRequestReviewComment,
];
