/** Commit statuses: create on a sha, list for a ref (newest first), and the combined status. */
import { z } from "zod";
import { notFound, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { combinedState, latestStatuses } from "../git/commit-ci.js";
import { pageParams, pathNumber, repoParams } from "../inputs.js";
import { allocateId, fullName, requirePull, resolveRef, type CommitStatus, type Repository } from "../state.js";
import { toWireMinimalRepo, toWireSimpleStatus, toWireStatus } from "../wire/ci.js";
import { API } from "../wire/issues.js";

const refInput = z.string().min(1).describe("The commit reference: a SHA, branch name, or tag name");

/** A ref the status endpoints accept, or GitHub's 404. */
export function requireCommit(repo: Repository, ref: string): string {
  const sha = resolveRef(repo, ref);
  if (!sha) throw notFound(`No commit found for SHA: ${ref}`);
  return sha;
}

/** Contexts the branches at this sha require (flagged `required` in a combined status). */
function requiredContexts(repo: Repository, sha: string): Set<string> {
  const out = new Set<string>();
  for (const branch of repo.branches) {
    const pulls = repo.pull_requests.filter((p) => p.head.sha === sha && p.base.ref === branch.name);
    if (branch.sha !== sha && pulls.length === 0) continue;
    for (const context of branch.protection?.required_status_checks?.contexts ?? []) out.add(context);
  }
  return out;
}

export const createCommitStatus = githubOperation({
  name: "create_commit_status",
  description: "Set a commit status (error, failure, pending or success) for a context on a sha (POST /repos/{owner}/{repo}/statuses/{sha}).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/statuses/{sha}", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    sha: z.string().min(1),
    state: z.enum(["error", "failure", "pending", "success"]),
    target_url: z.string().nullish(),
    description: z.string().nullish(),
    context: z.string().min(1).default("default"),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const sha = resolveRef(repo, input.sha);
    if (!sha) throw unprocessable(`No commit found for SHA: ${input.sha}`);
    if ((input.description ?? "").length > 140) {
      throw unprocessable("Validation Failed", {
        errors: [{ resource: "Status", field: "description", code: "custom", message: "description is too long (maximum is 140 characters)" }],
      });
    }
    const now = ctx.clock.now();
    const status: CommitStatus = {
      id: allocateId(ctx.state, ctx.ids, "status"),
      sha,
      context: input.context,
      state: input.state,
      description: input.description ?? null,
      target_url: input.target_url ?? null,
      creator: ctx.actor,
      created_at: now,
      updated_at: now,
    };
    repo.statuses.push(status);
    return toWireStatus(ctx.state, repo, status);
  },
});

export const listCommitStatuses = githubOperation({
  name: "list_commit_statuses",
  description: "List every status set on a ref, newest first (GET /repos/{owner}/{repo}/commits/{ref}/statuses).",
  rest: [
    { method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/statuses" },
    { method: "GET", path: "/repos/{owner}/{repo}/statuses/{ref}" },
  ],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, ref: refInput, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = resolveRef(repo, input.ref);
    if (!sha) return [];
    return repo.statuses
      .filter((s) => s.sha === sha)
      .sort((a, b) => b.id - a.id)
      .map((s) => toWireStatus(ctx.state, repo, s));
  },
});

/** GitHub's combined-commit-status object for `sha` (`page`/`per_page` slice `statuses`). */
function combinedStatus(ctx: GitHubContext, repo: Repository, sha: string, page = 1, perPage = 100) {
  const statuses = latestStatuses(repo, sha);
  const required = requiredContexts(repo, sha);
  const api = `${API}/repos/${fullName(repo)}`;
  return {
    state: combinedState(statuses),
    statuses: statuses.slice((page - 1) * perPage, page * perPage).map((s) => toWireSimpleStatus(ctx.state, repo, s, required.has(s.context))),
    sha,
    total_count: statuses.length,
    repository: toWireMinimalRepo(ctx.state, repo),
    commit_url: `${api}/commits/${sha}`,
    url: `${api}/commits/${sha}/status`,
  };
}

export const getCombinedStatusForRef = githubOperation({
  name: "get_combined_status_for_ref",
  description:
    "The combined status of a ref: the newest status per context, and `state` failure (any error/failure), pending (none, or any pending) or success (GET /repos/{owner}/{repo}/commits/{ref}/status).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/status" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, ref: refInput, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return combinedStatus(ctx, repo, requireCommit(repo, input.ref), input.page, input.per_page);
  },
});

export const getPullRequestStatus = githubOperation({
  name: "get_pull_request_status",
  description:
    "The combined status of a pull request's head commit (GitHub MCP server tool; REST twin route GET /repos/{owner}/{repo}/pulls/{pull_number}/status, which api.github.com does not have).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/status" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, pull_number: pathNumber("The number that identifies the pull request") }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull } = requirePull(repo, input.pull_number);
    return combinedStatus(ctx, repo, pull.head.sha);
  },
});

export const statusOperations = [createCommitStatus, listCommitStatuses, getCombinedStatusForRef, getPullRequestStatus];
