/** Requested reviewers of a pull request: list, request (collaborators only, never the author), withdraw. */
import { z } from "zod";
import { unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo } from "../access.js";
import { repoParams } from "../inputs.js";
import { hasPermission, requirePull } from "../state.js";
import { toWirePullSimple } from "../wire/pulls.js";
import { toWireUser } from "../wire/issues.js";
import { PR_DOCS, pullNumber } from "./pulls.js";

const reviewerList = z.array(z.string().min(1));

export const listRequestedReviewers = githubOperation({
  name: "list_requested_reviewers",
  description: "List the users (and teams) whose review is requested on a pull request (GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, pull_number: pullNumber }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull } = requirePull(repo, input.pull_number);
    return { users: pull.requested_reviewers.map((login) => toWireUser(ctx.state, login)), teams: [] as unknown[] };
  },
});

export const requestReviewers = githubOperation({
  name: "request_reviewers",
  description: "Request reviews on a pull request from collaborators (POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    reviewers: reviewerList.default([]),
    team_reviewers: reviewerList.default([]),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    if (issue.user.toLowerCase() !== ctx.actor.toLowerCase()) requirePermission(ctx, repo, "triage");
    if (input.reviewers.some((login) => login.toLowerCase() === issue.user.toLowerCase())) {
      throw unprocessable("Review cannot be requested from pull request author.", { documentation_url: `${PR_DOCS}#request-reviewers-for-a-pull-request` });
    }
    // Teams are not modelled, so no team is a collaborator.
    if (input.team_reviewers.length > 0 || input.reviewers.some((login) => !hasPermission(repo, login, "pull"))) {
      throw unprocessable(
        `Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the ${repo.owner}/${repo.name} repository.`,
        { documentation_url: `${PR_DOCS}#request-reviewers-for-a-pull-request` },
      );
    }
    for (const login of input.reviewers) {
      const spelled = repo.collaborators.find((c) => c.login.toLowerCase() === login.toLowerCase())?.login ?? repo.owner;
      if (!pull.requested_reviewers.some((r) => r.toLowerCase() === spelled.toLowerCase())) pull.requested_reviewers.push(spelled);
    }
    issue.updated_at = ctx.clock.now();
    return toWirePullSimple(ctx.state, repo, pull, issue);
  },
});

export const removeRequestedReviewers = githubOperation({
  name: "remove_requested_reviewers",
  description: "Withdraw review requests from a pull request (DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    reviewers: reviewerList,
    team_reviewers: reviewerList.default([]),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    if (issue.user.toLowerCase() !== ctx.actor.toLowerCase()) requirePermission(ctx, repo, "triage");
    const removed = new Set(input.reviewers.map((l) => l.toLowerCase()));
    pull.requested_reviewers = pull.requested_reviewers.filter((login) => !removed.has(login.toLowerCase()));
    issue.updated_at = ctx.clock.now();
    return toWirePullSimple(ctx.state, repo, pull, issue);
  },
});

export const requestedReviewerOperations = [listRequestedReviewers, requestReviewers, removeRequestedReviewers];
