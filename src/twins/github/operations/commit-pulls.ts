/**
 * The pull requests associated with a commit (GET /repos/{owner}/{repo}/commits/{sha}/pulls),
 * as GitHub answers it: once the commit is on the default branch, the merged pull request
 * that brought it there; before that, the open pull requests that contain it. CI reporters
 * use it to find the PR of a push or `workflow_run` build.
 */
import { z } from "zod";
import { unprocessable } from "../../engine/operation.js";
import { githubOperation, visibleRepo } from "../access.js";
import { reachable } from "../git/history.js";
import { pageParams, repoParams } from "../inputs.js";
import { pullCommits } from "../git/mergeability.js";
import { findBranch, findIssue, resolveRef } from "../state.js";
import { toWirePullSimple } from "../wire/pulls.js";

export const listPullRequestsAssociatedWithCommit = githubOperation({
  name: "list_pull_requests_associated_with_commit",
  description:
    "List the pull requests associated with a commit: the merged PR that introduced it to the default branch, or the open PRs containing it (GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/commits/{commit_sha}/pulls" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, commit_sha: z.string().min(1).describe("The SHA of the commit"), ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = resolveRef(repo, input.commit_sha);
    if (!sha) throw unprocessable(`No commit found for SHA: ${input.commit_sha}`, { documentation_url: "https://docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit" });
    const main = findBranch(repo, repo.default_branch);
    const onDefault = main ? reachable(repo, main.sha).has(sha) : false;
    return repo.pull_requests
      .filter((pull) => {
        const issue = findIssue(repo, pull.number);
        if (!issue) return false;
        const contains = pull.head.sha === sha || pull.merge_commit_sha === sha || pullCommits(repo, pull).some((c) => c.sha === sha);
        if (!contains) return false;
        return onDefault ? pull.merged : issue.state === "open";
      })
      .sort((a, b) => b.number - a.number)
      .map((pull) => toWirePullSimple(ctx.state, repo, pull, findIssue(repo, pull.number)!));
  },
});

export const commitPullOperations = [listPullRequestsAssociatedWithCommit];
