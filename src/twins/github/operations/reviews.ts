/**
 * Pull request reviews: create (APPROVE / REQUEST_CHANGES / COMMENT, or pending without
 * an event), list, get, submit a pending review, dismiss, delete a pending one. GitHub's
 * rules hold: no approving or requesting changes on your own PR, a body for
 * REQUEST_CHANGES and COMMENT, one pending review per user.
 */
import { z } from "zod";
import { notFound, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { pageParams, pathNumber, repoParams } from "../inputs.js";
import { allocateId, requirePull, type Issue, type PullRequest, type Repository, type Review, type ReviewState } from "../state.js";
import { toWireReview } from "../wire/pulls.js";
import { pullNumber } from "./pulls.js";
import { buildReviewComment, draftCommentInput } from "./review-comments.js";

const REVIEW_DOCS = "https://docs.github.com/rest/pulls/reviews";
const reviewId = pathNumber("The unique identifier of the review");
const reviewEvent = z.enum(["APPROVE", "REQUEST_CHANGES", "COMMENT"]);

const STATE_OF: Record<z.infer<typeof reviewEvent>, ReviewState> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

/** GitHub's review errors: 422 "Unprocessable Entity" with plain-string `errors`. */
function reviewError(message: string) {
  return unprocessable("Unprocessable Entity", { errors: [message], documentation_url: REVIEW_DOCS });
}

/** The checks GitHub makes when a review is submitted with an event. */
function checkSubmission(ctx: GitHubContext, issue: Issue, event: z.infer<typeof reviewEvent>, body: string, commentCount: number): void {
  const ownPull = issue.user.toLowerCase() === ctx.actor.toLowerCase();
  if (ownPull && event === "APPROVE") throw reviewError("Can not approve your own pull request");
  if (ownPull && event === "REQUEST_CHANGES") throw reviewError("Can not request changes on your own pull request");
  if (body.trim() === "" && event === "REQUEST_CHANGES") throw reviewError("You need to leave a comment indicating the requested changes.");
  if (body.trim() === "" && event === "COMMENT" && commentCount === 0) throw reviewError("You need to leave a comment.");
}

function findReview(pull: PullRequest, id: number): Review {
  const review = pull.reviews.find((r) => r.id === id);
  if (!review) throw notFound();
  return review;
}

function requireReviewContext(ctx: GitHubContext, owner: string, name: string, number: number): { repo: Repository; pull: PullRequest; issue: Issue } {
  const repo = visibleRepo(ctx, owner, name);
  const { pull, issue } = requirePull(repo, number);
  return { repo, pull, issue };
}

export const createPullRequestReview = githubOperation({
  name: "create_pull_request_review",
  description:
    "Review a pull request: `event` APPROVE, REQUEST_CHANGES or COMMENT submits it; without `event` the review stays PENDING (POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    commit_id: z.string().optional().describe("The SHA of the commit that needs a review (default: the PR head)"),
    body: z.string().optional(),
    event: reviewEvent.optional(),
    comments: z.array(z.object(draftCommentInput)).default([]),
  }),
  handle(ctx, input) {
    const { repo, pull, issue } = requireReviewContext(ctx, input.owner, input.repo, input.pull_number);
    const body = input.body ?? "";
    if (input.event) checkSubmission(ctx, issue, input.event, body, input.comments.length);
    else if (pull.reviews.some((r) => r.state === "PENDING" && r.user.toLowerCase() === ctx.actor.toLowerCase())) {
      throw reviewError("User can only have one pending review per pull request");
    }
    const review: Review = {
      id: allocateId(ctx.state, ctx.ids, "review"),
      user: ctx.actor,
      state: input.event ? STATE_OF[input.event] : "PENDING",
      body,
      commit_id: input.commit_id ?? pull.head.sha,
      submitted_at: input.event ? ctx.clock.now() : null,
    };
    // All comments validate before anything is stored: a review is created whole or not at all.
    const comments = input.comments.map((draft) => buildReviewComment(ctx, repo, pull, { ...draft, commit_id: input.commit_id }, review.id));
    pull.reviews.push(review);
    pull.review_comments.push(...comments);
    if (input.event) pull.requested_reviewers = pull.requested_reviewers.filter((l) => l.toLowerCase() !== ctx.actor.toLowerCase());
    issue.updated_at = ctx.clock.now();
    return toWireReview(ctx.state, repo, pull, review);
  },
});

export const getPullRequestReviews = githubOperation({
  name: "get_pull_request_reviews",
  description: "List the reviews of a pull request in chronological order (GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, pull_number: pullNumber, ...pageParams }),
  handle(ctx, input) {
    const { repo, pull } = requireReviewContext(ctx, input.owner, input.repo, input.pull_number);
    // Pending reviews are visible only to their author.
    return pull.reviews
      .filter((r) => r.state !== "PENDING" || r.user.toLowerCase() === ctx.actor.toLowerCase())
      .map((r) => toWireReview(ctx.state, repo, pull, r));
  },
});

export const getPullRequestReview = githubOperation({
  name: "get_pull_request_review",
  description: "Get one review of a pull request (GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, pull_number: pullNumber, review_id: reviewId }),
  handle(ctx, input) {
    const { repo, pull } = requireReviewContext(ctx, input.owner, input.repo, input.pull_number);
    const review = findReview(pull, input.review_id);
    if (review.state === "PENDING" && review.user.toLowerCase() !== ctx.actor.toLowerCase()) throw notFound();
    return toWireReview(ctx.state, repo, pull, review);
  },
});

export const submitPullRequestReview = githubOperation({
  name: "submit_pull_request_review",
  description: "Submit your pending review with an event (POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, pull_number: pullNumber, review_id: reviewId, event: reviewEvent, body: z.string().optional() }),
  handle(ctx, input) {
    const { repo, pull, issue } = requireReviewContext(ctx, input.owner, input.repo, input.pull_number);
    const review = findReview(pull, input.review_id);
    if (review.user.toLowerCase() !== ctx.actor.toLowerCase()) throw notFound();
    if (review.state !== "PENDING") throw reviewError("Can not submit a review that is not pending.");
    const body = input.body ?? review.body;
    const comments = pull.review_comments.filter((c) => c.review_id === review.id).length;
    checkSubmission(ctx, issue, input.event, body, comments);
    review.body = body;
    review.state = STATE_OF[input.event];
    review.submitted_at = ctx.clock.now();
    pull.requested_reviewers = pull.requested_reviewers.filter((l) => l.toLowerCase() !== ctx.actor.toLowerCase());
    issue.updated_at = ctx.clock.now();
    return toWireReview(ctx.state, repo, pull, review);
  },
});

export const dismissPullRequestReview = githubOperation({
  name: "dismiss_pull_request_review",
  description: "Dismiss an approving or changes-requested review (PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals).",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    review_id: reviewId,
    message: z.string().min(1).describe("The message for the pull request review dismissal"),
    event: z.literal("DISMISS").optional(),
  }),
  handle(ctx, input) {
    const { repo, pull, issue } = requireReviewContext(ctx, input.owner, input.repo, input.pull_number);
    requirePermission(ctx, repo, "push");
    const review = findReview(pull, input.review_id);
    if (review.state === "PENDING") throw reviewError("Can not dismiss a pending pull request review");
    if (review.state === "COMMENTED") throw reviewError("Can not dismiss a commented pull request review");
    review.state = "DISMISSED";
    issue.updated_at = ctx.clock.now();
    return toWireReview(ctx.state, repo, pull, review);
  },
});

export const deletePendingPullRequestReview = githubOperation({
  name: "delete_pending_pull_request_review",
  description: "Delete your pending review and its comments (DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, pull_number: pullNumber, review_id: reviewId }),
  handle(ctx, input) {
    const { repo, pull } = requireReviewContext(ctx, input.owner, input.repo, input.pull_number);
    const review = findReview(pull, input.review_id);
    if (review.user.toLowerCase() !== ctx.actor.toLowerCase()) throw notFound();
    if (review.state !== "PENDING") throw reviewError("Can not delete a non-pending pull request review");
    pull.reviews = pull.reviews.filter((r) => r.id !== review.id);
    pull.review_comments = pull.review_comments.filter((c) => c.review_id !== review.id);
    return toWireReview(ctx.state, repo, pull, review);
  },
});

export const reviewOperations = [
  createPullRequestReview,
  getPullRequestReviews,
  getPullRequestReview,
  submitPullRequestReview,
  dismissPullRequestReview,
  deletePendingPullRequestReview,
];
