/**
 * Reactions on issues (and PRs), issue comments and review comments: list, add (201, or
 * 200 when the user already reacted with that content), delete. The `reactions` rollups
 * on issues and comments count them.
 */
import { z } from "zod";
import { notFound, reply } from "../../engine/operation.js";
import { githubOperation, visibleRepo, type GitHubContext } from "../access.js";
import { commentId, issueNumber, pageParams, pathNumber, repoParams } from "../inputs.js";
import { allocateId, findIssueComment, requireIssue, type Reaction, type ReactionContent, type Repository } from "../state.js";
import { nodeId, toWireUser } from "../wire/issues.js";

const content = z.enum(["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"]);
const reactionId = pathNumber("The unique identifier of the reaction");
type Subject = Reaction["subject"];

/** The subject a route names, or GitHub's 404 when it does not exist. */
type Resolve = (repo: Repository, input: Record<string, unknown>) => Subject;

const onIssue: Resolve = (repo, input) => ({ kind: "issue", id: requireIssue(repo, input.issue_number as number).id });
const onIssueComment: Resolve = (repo, input) => {
  const found = findIssueComment(repo, input.comment_id as number);
  if (!found) throw notFound();
  return { kind: "issue_comment", id: found.comment.id };
};
const onReviewComment: Resolve = (repo, input) => {
  const id = input.comment_id as number;
  if (!repo.pull_requests.some((p) => p.review_comments.some((c) => c.id === id))) throw notFound();
  return { kind: "review_comment", id };
};

function toWireReaction(ctx: GitHubContext, reaction: Reaction) {
  return { id: reaction.id, node_id: nodeId("Reaction", reaction.id), user: toWireUser(ctx.state, reaction.user), content: reaction.content, created_at: reaction.created_at };
}

const same = (a: Subject, b: Subject) => a.kind === b.kind && a.id === b.id;

/** list / create / delete operations for one kind of reaction subject. */
function operationsFor(label: string, path: string, params: z.ZodRawShape, resolve: Resolve, docs: string) {
  const list = githubOperation({
    name: `list_reactions_for_${label}`,
    description: `List reactions on ${label.replace(/_/g, " ")} (GET ${path}); \`content\` filters.`,
    rest: [{ method: "GET", path }],
    tier: "semantic",
    mutates: false,
    paginate: "array",
    input: z.object({ ...repoParams, ...params, content: content.optional(), ...pageParams }),
    handle(ctx, input) {
      const repo = visibleRepo(ctx, input.owner, input.repo);
      const subject = resolve(repo, input);
      return repo.reactions
        .filter((r) => same(r.subject, subject) && (input.content === undefined || r.content === input.content))
        .map((r) => toWireReaction(ctx, r));
    },
  });
  const create = githubOperation({
    name: `create_reaction_for_${label}`,
    description: `React to ${label.replace(/_/g, " ")} (POST ${path}): 201 when added, 200 when you already reacted with that content.`,
    rest: [{ method: "POST", path, status: 201 }],
    tier: "semantic",
    mutates: true,
    input: z.object({ ...repoParams, ...params, content }),
    handle(ctx, input) {
      const repo = visibleRepo(ctx, input.owner, input.repo);
      const subject = resolve(repo, input);
      const existing = repo.reactions.find((r) => same(r.subject, subject) && r.content === input.content && r.user.toLowerCase() === ctx.actor.toLowerCase());
      if (existing) return reply(200, toWireReaction(ctx, existing));
      const reaction: Reaction = { id: allocateId(ctx.state, ctx.ids, "reaction"), subject, content: input.content as ReactionContent, user: ctx.actor, created_at: ctx.clock.now() };
      repo.reactions.push(reaction);
      return toWireReaction(ctx, reaction);
    },
  });
  const remove = githubOperation({
    name: `delete_reaction_for_${label}`,
    description: `Delete your reaction on ${label.replace(/_/g, " ")} (DELETE ${path}/{reaction_id}).`,
    rest: [{ method: "DELETE", path: `${path}/{reaction_id}`, status: 204 }],
    tier: "semantic",
    mutates: true,
    input: z.object({ ...repoParams, ...params, reaction_id: reactionId }),
    handle(ctx, input) {
      const repo = visibleRepo(ctx, input.owner, input.repo);
      const subject = resolve(repo, input);
      const reaction = repo.reactions.find((r) => r.id === input.reaction_id && same(r.subject, subject));
      if (!reaction || reaction.user.toLowerCase() !== ctx.actor.toLowerCase()) throw notFound("Not Found", { documentation_url: docs });
      repo.reactions = repo.reactions.filter((r) => r !== reaction);
      return reply(204, null);
    },
  });
  return [list, create, remove];
}

const DOCS = "https://docs.github.com/rest/reactions/reactions";

export const reactionOperations = [
  ...operationsFor("issue", "/repos/{owner}/{repo}/issues/{issue_number}/reactions", { issue_number: issueNumber }, onIssue, DOCS),
  ...operationsFor("issue_comment", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { comment_id: commentId }, onIssueComment, DOCS),
  ...operationsFor(
    "pull_request_review_comment",
    "/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions",
    { comment_id: commentId },
    onReviewComment,
    DOCS,
  ),
];
