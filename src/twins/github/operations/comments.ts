/** Issue comments (also the conversation comments of pull requests): list, get, create, update, delete. */
import { z } from "zod";
import { forbidden, notFound, reply } from "../../engine/operation.js";
import { githubOperation, visibleRepo, type GitHubContext } from "../access.js";
import { commentId, isoTimestamp, issueNumber, pageParams, repoParams } from "../inputs.js";
import { checkIssueCommentBody } from "../limits.js";
import { allocateId, findIssueComment, hasPermission, requireIssue, type IssueComment, type Repository } from "../state.js";
import { toWireComment } from "../wire/issues.js";

const DOCS_COMMENTS = "https://docs.github.com/rest/issues/comments";
const bodyInput = z.string().min(1).describe("The contents of the comment");

function requireComment(repo: Repository, id: number) {
  const found = findIssueComment(repo, id);
  if (!found) throw notFound();
  return found;
}

/** Authors may edit their own comments; others need triage access or better (GitHub: "write"). */
function requireCommentEditor(ctx: GitHubContext, repo: Repository, comment: IssueComment, docs: string): void {
  if (comment.user.toLowerCase() === ctx.actor.toLowerCase()) return;
  if (!hasPermission(repo, ctx.actor, "triage")) throw forbidden("Must have triage access to repository.", { documentation_url: docs });
}

export const listIssueComments = githubOperation({
  name: "list_issue_comments",
  description: "List comments on an issue or pull request, oldest first (GET /repos/{owner}/{repo}/issues/{issue_number}/comments).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/issues/{issue_number}/comments" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, issue_number: issueNumber, since: isoTimestamp.optional(), ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    const since = input.since ? Date.parse(input.since) : undefined;
    return issue.comments
      .filter((c) => since === undefined || Date.parse(c.updated_at) >= since)
      .map((c) => toWireComment(ctx.state, repo, issue, c));
  },
});

export const getIssueComment = githubOperation({
  name: "get_issue_comment",
  description: "Get an issue comment by id (GET /repos/{owner}/{repo}/issues/comments/{comment_id}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/issues/comments/{comment_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, comment_id: commentId }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { issue, comment } = requireComment(repo, input.comment_id);
    return toWireComment(ctx.state, repo, issue, comment);
  },
});

export const addIssueComment = githubOperation({
  name: "add_issue_comment",
  description: "Comment on an issue or pull request (POST /repos/{owner}/{repo}/issues/{issue_number}/comments).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/comments", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber, body: bodyInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    // A locked conversation takes comments only from collaborators with write access.
    if (issue.locked && !hasPermission(repo, ctx.actor, "push")) {
      throw forbidden("Unable to create comment because issue is locked.", { documentation_url: `${DOCS_COMMENTS}#create-an-issue-comment` });
    }
    checkIssueCommentBody(input.body, `${DOCS_COMMENTS}#create-an-issue-comment`);
    const now = ctx.clock.now();
    const comment: IssueComment = { id: allocateId(ctx.state, ctx.ids, "issue_comment"), body: input.body, user: ctx.actor, created_at: now, updated_at: now };
    issue.comments.push(comment);
    issue.updated_at = now;
    return toWireComment(ctx.state, repo, issue, comment);
  },
});

export const updateIssueComment = githubOperation({
  name: "update_issue_comment",
  description: "Edit an issue comment (PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/issues/comments/{comment_id}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, comment_id: commentId, body: bodyInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { issue, comment } = requireComment(repo, input.comment_id);
    requireCommentEditor(ctx, repo, comment, `${DOCS_COMMENTS}#update-an-issue-comment`);
    checkIssueCommentBody(input.body, `${DOCS_COMMENTS}#update-an-issue-comment`);
    comment.body = input.body;
    comment.updated_at = ctx.clock.now();
    return toWireComment(ctx.state, repo, issue, comment);
  },
});

export const deleteIssueComment = githubOperation({
  name: "delete_issue_comment",
  description: "Delete an issue comment (DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/issues/comments/{comment_id}", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, comment_id: commentId }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { issue, comment } = requireComment(repo, input.comment_id);
    requireCommentEditor(ctx, repo, comment, `${DOCS_COMMENTS}#delete-an-issue-comment`);
    issue.comments = issue.comments.filter((c) => c !== comment);
    repo.reactions = repo.reactions.filter((r) => !(r.subject.kind === "issue_comment" && r.subject.id === comment.id));
    return reply(204, null);
  },
});

export const commentOperations = [listIssueComments, getIssueComment, addIssueComment, updateIssueComment, deleteIssueComment];
