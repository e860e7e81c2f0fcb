/**
 * The GitHub twin: REST (Octokit routes) and MCP (GitHub MCP server tool names) over one
 * operation table, seeded from the scenario, snapshotted in GitHub's field names.
 */
import type { Clock, IdSource, Operation } from "../engine/operation.js";
import { readJsonBody } from "../engine/request-body.js";
import type { TwinDefinition } from "../engine/twin.js";
import { POME_VERSION } from "../../version.js";
import { githubAuth } from "./auth.js";
import { githubPhrases } from "./phrases/index.js";
import { githubErrors } from "./errors.js";
import { assigneeOperations } from "./operations/assignees.js";
import { collaboratorOperations } from "./operations/collaborators.js";
import { commentOperations } from "./operations/comments.js";
import { issueOperations } from "./operations/issues.js";
import { labelOperations } from "./operations/labels.js";
import { repositoryOperations } from "./operations/repos.js";
import { searchOperations } from "./operations/search.js";
import { userOperations } from "./operations/users.js";
import { pullOperations } from "./operations/pulls.js";
import { requestedReviewerOperations } from "./operations/requested-reviewers.js";
import { mergeOperations } from "./operations/merge.js";
import { reviewOperations } from "./operations/reviews.js";
import { reviewCommentOperations } from "./operations/review-comments.js";
import { statusOperations } from "./operations/statuses.js";
import { checkRunOperations } from "./operations/check-runs.js";
import { contentOperations } from "./operations/contents.js";
import { branchOperations } from "./operations/branches.js";
import { refOperations } from "./operations/refs.js";
import { commitOperations } from "./operations/commits.js";
import { commitPullOperations } from "./operations/commit-pulls.js";
import { gitDataOperations } from "./operations/git-data.js";
import { releaseOperations } from "./operations/releases.js";
import { reactionOperations } from "./operations/reactions.js";
import { createGitHubState, defaultGitHubSeed, githubSeedSchema, type GitHubSeed } from "./seed/index.js";
import { githubSnapshot } from "./snapshot.js";
import { AGENT_LOGIN, type GitHubState } from "./state.js";
import { githubPagination } from "./wire/pagination.js";

export const githubOperations: Operation<GitHubState, any>[] = [
  ...userOperations,
  ...repositoryOperations,
  ...collaboratorOperations,
  ...labelOperations,
  ...issueOperations,
  ...commentOperations,
  ...assigneeOperations,
  ...searchOperations,
  ...pullOperations,
  ...requestedReviewerOperations,
  ...mergeOperations,
  ...reviewOperations,
  ...reviewCommentOperations,
  ...statusOperations,
  ...checkRunOperations,
  ...contentOperations,
  ...branchOperations,
  ...refOperations,
  ...commitOperations,
  ...commitPullOperations,
  ...gitDataOperations,
  ...releaseOperations,
  ...reactionOperations,
];

/**
 * Headers api.github.com sends on every reply: a request id (Octokit logs it on errors)
 * and the rate-limit budget, which agents that throttle themselves read.
 */
function githubResponseHeaders(ctx: { clock: Clock; ids: IdSource }): Record<string, string> {
  const hex = ctx.ids.hex("request", 24).toUpperCase();
  return {
    "x-github-request-id": `${hex.slice(0, 4)}:${hex.slice(4, 9)}:${hex.slice(9, 15)}:${hex.slice(15, 21)}:${hex.slice(21, 24)}`,
    "x-github-api-version-selected": "2022-11-28",
    "x-ratelimit-limit": "5000",
    "x-ratelimit-remaining": "4999",
    "x-ratelimit-used": "1",
    "x-ratelimit-reset": String(ctx.clock.unix() + 3600),
    "x-ratelimit-resource": "core",
  };
}

export const githubTwin: TwinDefinition<GitHubState, GitHubSeed> = {
  name: "github",
  version: POME_VERSION,
  operations: githubOperations,
  seed: { schema: githubSeedSchema, default: defaultGitHubSeed },
  createState: createGitHubState,
  snapshot: githubSnapshot,
  defaultActor: AGENT_LOGIN,
  errors: githubErrors,
  auth: githubAuth,
  phrases: githubPhrases,
  responseHeaders: githubResponseHeaders,
  bodyReader: readJsonBody,
  pagination: githubPagination,
  // Repositories by full name, issues and PRs by number, users by login, files by path…
  identityKeys: [["full_name"], ["number"], ["login"], ["id"], ["branch", "path"], ["name"], ["path"], ["context"], ["sha"]],
};

export type { GitHubState } from "./state.js";
export type { GitHubSeed, GitHubSeedInput } from "./seed/index.js";
export type { GitHubSnapshot } from "./snapshot-types.js";
