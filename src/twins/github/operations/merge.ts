/**
 * Merging: `PUT …/merge` (merge, squash or rebase — a real commit on the base branch,
 * gated like GitHub: push access, open, unchanged head, no conflicts, base branch
 * protection), `GET …/merge` (204/404), and `PUT …/update-branch`.
 */
import { z } from "zod";
import { conflict, methodNotAllowed, notFound, reply, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { isAncestor, mergeCommits, mergeTrees, moveBranch, webFlowIdentity } from "../git/history.js";
import { hasConflicts, protectionBlock, pullCommits } from "../git/mergeability.js";
import { repoParams } from "../inputs.js";
import {
  findBranch,
  findIssue,
  gitIdentity,
  requirePull,
  touchRepo,
  writeCommit,
  type Commit,
  type Issue,
  type PullRequest,
  type Repository,
} from "../state.js";
import { WEB } from "../wire/issues.js";
import { pullNumber } from "./pulls.js";

const MERGE_DOCS = "https://docs.github.com/rest/pulls/pulls#merge-a-pull-request";

function notMergeable(message = "Pull Request is not mergeable", documentation_url = MERGE_DOCS) {
  return methodNotAllowed(message, { documentation_url });
}

/** Closing keywords GitHub honours in a PR description or commit message when merging into the default branch. */
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

function closeReferencedIssues(ctx: GitHubContext, repo: Repository, texts: string[]): void {
  const now = ctx.clock.now();
  for (const text of texts) {
    for (const match of text.matchAll(CLOSING)) {
      const issue = findIssue(repo, Number(match[1]));
      if (!issue || issue.pull_request || issue.state === "closed") continue;
      Object.assign(issue, { state: "closed", state_reason: "completed", closed_at: now, closed_by: ctx.actor, updated_at: now });
    }
  }
}

/** Replay each PR commit on top of `onto` (what "Rebase and merge" does); null on a conflict. */
function rebaseCommits(ctx: GitHubContext, repo: Repository, commits: Commit[], onto: string): string | null {
  let tip = onto;
  for (const commit of commits) {
    if (commit.parents.length > 1) continue; // rebasing drops merge commits
    const parentTree = commit.parents[0] ? repo.commits[commit.parents[0]].tree : {};
    const merged = mergeTrees(repo, parentTree, repo.commits[tip].tree, commit.tree);
    if (merged.conflicts.length > 0) return null;
    tip = writeCommit(repo, {
      message: commit.message,
      parents: [tip],
      tree: merged.tree,
      author: commit.author,
      committer: webFlowIdentity(ctx.clock.now()),
    }).sha;
  }
  return tip;
}

function performMerge(
  ctx: GitHubContext,
  repo: Repository,
  pull: PullRequest,
  issue: Issue,
  input: { merge_method: "merge" | "squash" | "rebase"; commit_title?: string; commit_message?: string },
): string {
  const now = ctx.clock.now();
  const commits = pullCommits(repo, pull);
  const message = (title: string, body: string) => (body === "" ? title : `${title}\n\n${body}`);
  let sha: string;
  if (input.merge_method === "rebase") {
    const tip = rebaseCommits(ctx, repo, commits, pull.base.sha);
    if (tip === null) throw notMergeable("This branch can't be rebased");
    sha = tip;
  } else {
    const { tree } = mergeCommits(repo, pull.base.sha, pull.head.sha);
    const squash = input.merge_method === "squash";
    const title = input.commit_title ?? (squash ? `${issue.title} (#${pull.number})` : `Merge pull request #${pull.number} from ${repo.owner}/${pull.head.ref}`);
    const body = input.commit_message ?? (squash ? commits.map((c) => `* ${c.message}`).join("\n\n") : issue.title);
    sha = writeCommit(repo, {
      message: message(title, body),
      parents: squash ? [pull.base.sha] : [pull.base.sha, pull.head.sha],
      tree,
      author: gitIdentity(ctx.state, squash ? issue.user : ctx.actor, now),
      committer: webFlowIdentity(now),
    }).sha;
  }
  // Mark merged before moving the base branch, so the PR's base/head shas stay frozen.
  Object.assign(pull, { merged: true, merged_at: now, merged_by: ctx.actor, merge_commit_sha: sha });
  Object.assign(issue, { state: "closed", closed_at: now, closed_by: ctx.actor, updated_at: now });
  moveBranch(repo, pull.base.ref, sha, ctx.clock);
  if (pull.base.ref === repo.default_branch) closeReferencedIssues(ctx, repo, [issue.body ?? "", ...commits.map((c) => c.message)]);
  return sha;
}

export const mergePullRequest = githubOperation({
  name: "merge_pull_request",
  description:
    "Merge a pull request into its base branch with `merge_method` merge, squash or rebase (PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge). 405 when it is not mergeable (closed, conflicts, protection), 409 when `sha` is not the head.",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/pulls/{pull_number}/merge" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    commit_title: z.string().optional(),
    commit_message: z.string().optional(),
    sha: z.string().optional().describe("SHA that the pull request head must match to allow the merge"),
    merge_method: z.enum(["merge", "squash", "rebase"]).default("merge"),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    requirePermission(ctx, repo, "push");
    if (pull.merged || issue.state === "closed") throw notMergeable();
    if (input.sha !== undefined && input.sha.toLowerCase() !== pull.head.sha) {
      throw conflict("Head branch was modified. Review and try the merge again.", { documentation_url: MERGE_DOCS });
    }
    if (pull.draft) throw notMergeable("Pull Request is still a draft");
    if (!findBranch(repo, pull.base.ref) || !findBranch(repo, pull.head.ref)) throw notMergeable();
    if (hasConflicts(repo, pull)) throw notMergeable();
    const block = protectionBlock(repo, pull, ctx.actor);
    if (block) throw notMergeable(block.message, block.documentation_url);
    const sha = performMerge(ctx, repo, pull, issue, input);
    return { sha, merged: true, message: "Pull Request successfully merged" };
  },
});

export const checkPullRequestMerged = githubOperation({
  name: "check_pull_request_merged",
  description: "Check whether a pull request has been merged: 204 if merged, 404 if not (GET /repos/{owner}/{repo}/pulls/{pull_number}/merge).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/merge", status: 204 }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, pull_number: pullNumber }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull } = requirePull(repo, input.pull_number);
    if (!pull.merged) throw notFound();
    return reply(204, null);
  },
});

export const updatePullRequestBranch = githubOperation({
  name: "update_pull_request_branch",
  description:
    "Merge the base branch into a pull request's head branch (PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch); 202 when accepted.",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/pulls/{pull_number}/update-branch", status: 202 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, pull_number: pullNumber, expected_head_sha: z.string().optional() }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    requirePermission(ctx, repo, "push");
    if (pull.merged || issue.state === "closed") throw unprocessable("Pull request is closed.");
    if (input.expected_head_sha !== undefined && input.expected_head_sha.toLowerCase() !== pull.head.sha) {
      throw unprocessable("expected_head_sha must match the current head of the pull request branch.");
    }
    if (isAncestor(repo, pull.base.sha, pull.head.sha)) throw unprocessable("There are no new commits on the base branch.");
    const merged = mergeCommits(repo, pull.head.sha, pull.base.sha);
    if (merged.conflicts.length > 0) throw unprocessable("merge conflict between base and head");
    const now = ctx.clock.now();
    const commit = writeCommit(repo, {
      message: `Merge branch '${pull.base.ref}' into ${pull.head.ref}`,
      parents: [pull.head.sha, pull.base.sha],
      tree: merged.tree,
      author: gitIdentity(ctx.state, ctx.actor, now),
      committer: webFlowIdentity(now),
    });
    moveBranch(repo, pull.head.ref, commit.sha, ctx.clock);
    issue.updated_at = now;
    touchRepo(repo, ctx.clock, true);
    return { message: "Updating pull request branch.", url: `${WEB}/${repo.owner}/${repo.name}/pull/${pull.number}` };
  },
});

export const mergeOperations = [mergePullRequest, checkPullRequestMerged, updatePullRequestBranch];
