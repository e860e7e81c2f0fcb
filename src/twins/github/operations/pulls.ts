/**
 * Pull requests: list, create, get (JSON, or a unified diff / patch by `Accept`), update,
 * files, commits. A PR is also an issue (same number, shared counter); its git side is
 * computed from the branches it joins.
 */
import { z } from "zod";
import { unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo } from "../access.js";
import { unifiedDiff } from "../git/diff.js";
import { commitsBetween, syncPullRefs } from "../git/history.js";
import { pullChanges, pullCommits } from "../git/mergeability.js";
import { direction, pageParams, pathNumber, positiveInt, repoParams } from "../inputs.js";
import { checkIssueText } from "../limits.js";
import { newIssueRecord } from "../issue-record.js";
import { formatPatch, textFormat, textReply } from "../wire/text-formats.js";
import {
  allocateId,
  findBranch,
  findIssue,
  nextNumber,
  requirePull,
  touchRepo,
  type Issue,
  type PullRequest,
  type Repository,
} from "../state.js";
import { toWireCommit, toWireDiffEntry } from "../wire/git.js";
import { toWirePull, toWirePullSimple } from "../wire/pulls.js";

export const pullNumber = pathNumber("The number that identifies the pull request");

export const PR_DOCS = "https://docs.github.com/rest/pulls/pulls";

/** GitHub's 422 for pull requests; `custom` errors about the PR as a whole carry no `field`. */
function prError(field: string | null, code: "invalid" | "custom" | "missing_field", message?: string) {
  const error = { resource: "PullRequest", ...(field === null ? {} : { field }), code, ...(message ? { message } : {}) };
  return unprocessable("Validation Failed", { errors: [error], documentation_url: PR_DOCS });
}

/** `head` is `branch` or `owner:branch`; cross-repository heads (forks) are not modelled. */
function headRef(repo: Repository, head: string): string | null {
  const colon = head.indexOf(":");
  if (colon === -1) return head;
  return head.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? head.slice(colon + 1) : null;
}

export function openPullFor(repo: Repository, head: string, base: string, except?: number): PullRequest | undefined {
  return repo.pull_requests.find(
    (p) =>
      p.number !== except &&
      p.head.ref === head &&
      p.base.ref === base &&
      !p.merged &&
      repo.issues.find((i) => i.number === p.number)?.state === "open",
  );
}

export const listPullRequests = githubOperation({
  name: "list_pull_requests",
  description: "List pull requests in a repository (GET /repos/{owner}/{repo}/pulls). `state` defaults to open.",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    ...repoParams,
    state: z.enum(["open", "closed", "all"]).default("open"),
    head: z.string().optional().describe("Filter by head user or organization and branch name: `user:ref-name`"),
    base: z.string().optional().describe("Filter by base branch name"),
    sort: z.enum(["created", "updated", "popularity", "long-running"]).default("created"),
    direction: direction.optional().describe("Default: desc when sort is created or not given, otherwise asc"),
    ...pageParams,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const head = input.head === undefined ? undefined : headRef(repo, input.head);
    const dir = input.direction ?? (input.sort === "created" ? "desc" : "asc");
    const key = (issue: Issue): number | string => {
      if (input.sort === "updated") return issue.updated_at;
      if (input.sort === "popularity") return issue.comments.length;
      if (input.sort === "long-running") return -Date.parse(issue.created_at);
      return issue.created_at;
    };
    const rows = repo.pull_requests
      .map((pull) => ({ pull, issue: findIssue(repo, pull.number)! }))
      .filter(({ pull, issue }) => {
        if (input.state !== "all" && issue.state !== input.state) return false;
        if (input.head !== undefined && pull.head.ref !== head) return false;
        if (input.base !== undefined && pull.base.ref !== input.base) return false;
        return true;
      });
    rows.sort((a, b) => {
      const ka = key(a.issue);
      const kb = key(b.issue);
      const order = ka < kb ? -1 : ka > kb ? 1 : a.pull.number - b.pull.number;
      return dir === "asc" ? order : -order;
    });
    return rows.map(({ pull, issue }) => toWirePullSimple(ctx.state, repo, pull, issue));
  },
});

export const createPullRequest = githubOperation({
  name: "create_pull_request",
  description: "Open a pull request from `head` (branch or owner:branch) into `base` (POST /repos/{owner}/{repo}/pulls).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/pulls", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    title: z.string().optional().describe("The title of the new pull request (required unless `issue` is given)"),
    head: z.string().min(1).describe("The branch where your changes are implemented: `branch` or `owner:branch`"),
    base: z.string().min(1).describe("The branch you want the changes pulled into"),
    body: z.string().nullish(),
    draft: z.boolean().default(false),
    maintainer_can_modify: z.boolean().default(true),
    issue: positiveInt("An issue to convert into this pull request").optional(),
    head_repo: z.string().optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const converted = input.issue === undefined ? undefined : findIssue(repo, input.issue);
    if (input.issue !== undefined && (!converted || converted.pull_request)) {
      throw prError("issue", "invalid");
    }
    const title = converted?.title ?? input.title;
    if (title === undefined || title.trim() === "") throw prError("title", "missing_field");
    checkIssueText({ title, body: input.body }, PR_DOCS);
    const headName = headRef(repo, input.head);
    const head = headName === null ? undefined : findBranch(repo, headName);
    if (!head) throw prError("head", "invalid");
    const base = findBranch(repo, input.base);
    if (!base) throw prError("base", "invalid");
    if (commitsBetween(repo, base.sha, head.sha).length === 0) {
      throw prError(null, "custom", `No commits between ${base.name} and ${head.name}`);
    }
    if (openPullFor(repo, head.name, base.name)) {
      throw prError(null, "custom", `A pull request already exists for ${repo.owner}:${head.name}.`);
    }
    const now = ctx.clock.now();
    const number = converted?.number ?? nextNumber(repo);
    const issue = converted ?? newIssueRecord(ctx.state, ctx.ids, { number, title, body: input.body ?? null, user: ctx.actor, pull_request: true, created_at: now });
    issue.pull_request = true;
    issue.updated_at = now;
    if (!converted) repo.issues.push(issue);
    const pull: PullRequest = {
      id: allocateId(ctx.state, ctx.ids, "pull_request"),
      number,
      head: { ref: head.name, sha: head.sha },
      base: { ref: base.name, sha: base.sha },
      draft: input.draft,
      merged: false,
      merged_at: null,
      merged_by: null,
      merge_commit_sha: null,
      maintainer_can_modify: input.maintainer_can_modify,
      requested_reviewers: [],
      reviews: [],
      review_comments: [],
    };
    repo.pull_requests.push(pull);
    repo.issues.sort((a, b) => a.number - b.number);
    repo.pull_requests.sort((a, b) => a.number - b.number);
    touchRepo(repo, ctx.clock);
    return toWirePull(ctx.state, repo, pull, issue, ctx.actor);
  },
});

export const getPullRequest = githubOperation({
  name: "get_pull_request",
  description:
    "Get a pull request with mergeability and diff counts (GET /repos/{owner}/{repo}/pulls/{pull_number}); `Accept: application/vnd.github.diff` (or `.patch`) returns the diff as text.",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, pull_number: pullNumber }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    const format = textFormat(ctx);
    if (format === "diff") return textReply("diff", unifiedDiff(pullChanges(repo, pull)));
    if (format === "patch") return textReply("patch", formatPatch(repo, pullCommits(repo, pull)));
    return toWirePull(ctx.state, repo, pull, issue, ctx.actor);
  },
});

export const updatePullRequest = githubOperation({
  name: "update_pull_request",
  description: "Update a pull request's title, body, state (open/closed) or base branch (PATCH /repos/{owner}/{repo}/pulls/{pull_number}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/pulls/{pull_number}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    pull_number: pullNumber,
    title: z.string().optional(),
    body: z.string().nullish(),
    state: z.enum(["open", "closed"]).optional(),
    base: z.string().min(1).optional(),
    maintainer_can_modify: z.boolean().optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull, issue } = requirePull(repo, input.pull_number);
    // The author may edit their own PR; anyone else needs write access.
    if (issue.user.toLowerCase() !== ctx.actor.toLowerCase()) requirePermission(ctx, repo, "push");
    if (pull.merged && (input.state === "open" || input.base !== undefined)) {
      throw prError(input.state === "open" ? "state" : "base", "custom", "Cannot change the state or base of a merged pull request.");
    }
    if (input.base !== undefined && !findBranch(repo, input.base)) throw prError("base", "invalid");
    checkIssueText({ title: input.title, body: input.body }, PR_DOCS);
    if (input.state === "open" && issue.state === "closed") {
      if (!findBranch(repo, pull.head.ref)) throw prError("state", "custom", "The head branch of this pull request no longer exists.");
      if (openPullFor(repo, pull.head.ref, input.base ?? pull.base.ref, pull.number)) {
        throw prError(null, "custom", `A pull request already exists for ${repo.owner}:${pull.head.ref}.`);
      }
    }
    const now = ctx.clock.now();
    if (input.title !== undefined) issue.title = input.title;
    if (input.body !== undefined) issue.body = input.body;
    if (input.maintainer_can_modify !== undefined) pull.maintainer_can_modify = input.maintainer_can_modify;
    if (input.base !== undefined) pull.base.ref = input.base;
    if (input.state !== undefined && input.state !== issue.state) {
      issue.state = input.state;
      issue.closed_at = input.state === "closed" ? now : null;
      issue.closed_by = input.state === "closed" ? ctx.actor : null;
    }
    issue.updated_at = now;
    syncPullRefs(repo);
    touchRepo(repo, ctx.clock);
    return toWirePull(ctx.state, repo, pull, issue, ctx.actor);
  },
});

export const getPullRequestFiles = githubOperation({
  name: "get_pull_request_files",
  description: "List the files a pull request changes, with line counts and unified-diff patches (GET /repos/{owner}/{repo}/pulls/{pull_number}/files).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/files" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, pull_number: pullNumber, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull } = requirePull(repo, input.pull_number);
    return pullChanges(repo, pull).map((change) => toWireDiffEntry(repo, change, pull.head.sha));
  },
});

export const getPullRequestCommits = githubOperation({
  name: "get_pull_request_commits",
  description: "List the commits of a pull request, oldest first (GET /repos/{owner}/{repo}/pulls/{pull_number}/commits).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/pulls/{pull_number}/commits" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, pull_number: pullNumber, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const { pull } = requirePull(repo, input.pull_number);
    return pullCommits(repo, pull).map((commit) => toWireCommit(ctx.state, repo, commit));
  },
});

export const pullOperations = [
  listPullRequests,
  createPullRequest,
  getPullRequest,
  updatePullRequest,
  getPullRequestFiles,
  getPullRequestCommits,
];
