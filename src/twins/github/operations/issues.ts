/** Issues: create, get, update (state, reason, labels, assignees), list with filters, lock. */
import { z } from "zod";
import { forbidden, reply, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { validationFailed, type FieldError } from "../errors.js";
import { commaList, direction, isoTimestamp, issueNumber, labelList, loginList, pageParams, repoParams } from "../inputs.js";
import { newIssueRecord } from "../issue-record.js";
import { checkIssueText } from "../limits.js";
import {
  findPull,
  findUser,
  hasPermission,
  isAssignable,
  nextNumber,
  requireIssue,
  type Issue,
  type Repository,
} from "../state.js";
import { toWireIssue } from "../wire/issues.js";
import { resolveLabels } from "./labels.js";

const DOCS_ISSUES = "https://docs.github.com/rest/issues/issues";

/** `title` may be a string or a number, as in GitHub's schema. */
const titleInput = z.union([z.string(), z.number()]).transform(String);
const stateReason = z.enum(["completed", "not_planned", "reopened"]);

/** Resolve assignee logins; any that cannot be assigned fails the request with GitHub's 422. */
function validAssignees(ctx: GitHubContext, repo: Repository, logins: string[], docs: string): string[] {
  const errors: FieldError[] = [];
  const out: string[] = [];
  for (const login of logins) {
    if (!isAssignable(ctx.state, repo, login)) errors.push({ value: login, resource: "Issue", field: "assignees", code: "invalid" });
    else {
      const spelled = findUser(ctx.state, login)!.login;
      if (!out.includes(spelled)) out.push(spelled);
    }
  }
  if (errors.length > 0) throw unprocessable("Validation Failed", validationFailed(errors, docs));
  if (out.length > 10) throw unprocessable("Validation Failed", validationFailed([{ resource: "Issue", field: "assignees", code: "invalid", message: "You can assign at most 10 users." }], docs));
  return out;
}

/** Milestones are not modelled: any milestone other than null is one that does not exist. */
function rejectMilestone(milestone: unknown, docs: string): void {
  if (milestone !== undefined && milestone !== null) {
    throw unprocessable("Validation Failed", validationFailed([{ value: milestone, resource: "Issue", field: "milestone", code: "invalid" }], docs));
  }
}

const milestoneInput = z.union([z.string(), z.number(), z.null()]).optional();

export const createIssue = githubOperation({
  name: "create_issue",
  description: "Create an issue (POST /repos/{owner}/{repo}/issues).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/issues", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    title: titleInput,
    body: z.string().nullish(),
    assignee: z.string().nullish().describe("Deprecated: use assignees"),
    assignees: loginList.optional(),
    labels: labelList.optional(),
    milestone: milestoneInput,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const docs = `${DOCS_ISSUES}#create-an-issue`;
    checkIssueText({ title: input.title, body: input.body }, docs);
    // GitHub silently drops labels, assignees and milestone from callers without push access.
    const privileged = hasPermission(repo, ctx.actor, "push");
    const wanted = [...(input.assignee ? [input.assignee] : []), ...(input.assignees ?? [])];
    const assignees = privileged ? validAssignees(ctx, repo, wanted, docs) : [];
    if (privileged) rejectMilestone(input.milestone, docs);
    const now = ctx.clock.now();
    const issue = newIssueRecord(ctx.state, ctx.ids, {
      number: nextNumber(repo),
      title: input.title,
      body: input.body ?? null,
      user: ctx.actor,
      labels: privileged ? resolveLabels(ctx, repo, input.labels ?? []) : [],
      assignees,
      pull_request: false,
      created_at: now,
    });
    repo.issues.push(issue);
    return toWireIssue(ctx.state, repo, issue);
  },
});

export const getIssue = githubOperation({
  name: "get_issue",
  description: "Get an issue or the issue view of a pull request (GET /repos/{owner}/{repo}/issues/{issue_number}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/issues/{issue_number}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, issue_number: issueNumber }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return toWireIssue(ctx.state, repo, requireIssue(repo, input.issue_number));
  },
});

export const updateIssue = githubOperation({
  name: "update_issue",
  description: "Update an issue: title, body, state, state_reason, labels, assignees (PATCH /repos/{owner}/{repo}/issues/{issue_number}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/issues/{issue_number}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    issue_number: issueNumber,
    title: titleInput.nullish(),
    body: z.string().nullish(),
    assignee: z.string().nullish().describe("Deprecated: use assignees"),
    assignees: loginList.optional(),
    state: z.enum(["open", "closed"]).optional(),
    state_reason: stateReason.nullish(),
    labels: labelList.optional(),
    milestone: milestoneInput,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    const docs = `${DOCS_ISSUES}#update-an-issue`;
    const isAuthor = issue.user.toLowerCase() === ctx.actor.toLowerCase();
    const triage = hasPermission(repo, ctx.actor, "triage");
    if (!isAuthor && !triage) throw forbidden("Must have triage access to repository.", { documentation_url: docs });
    const editsText = (input.title !== undefined && input.title !== null) || input.body !== undefined;
    if (editsText && !isAuthor && !hasPermission(repo, ctx.actor, "push")) {
      throw forbidden("Must have push access to repository.", { documentation_url: docs });
    }
    // Validate everything before changing anything: a failed PATCH leaves the issue as it was.
    checkIssueText({ title: input.title ?? undefined, body: input.body }, docs);
    const assigneeInput = input.assignees ?? (input.assignee !== undefined ? (input.assignee ? [input.assignee] : []) : undefined);
    const assignees = triage && assigneeInput !== undefined ? validAssignees(ctx, repo, assigneeInput, docs) : undefined;
    if (triage) rejectMilestone(input.milestone, docs);
    const pull = issue.pull_request ? findPull(repo, issue.number) : undefined;
    if (input.state === "open" && issue.state === "closed" && pull?.merged) {
      throw unprocessable("Validation Failed", validationFailed([{ resource: "Issue", field: "state", code: "invalid", message: "state cannot be changed. The pull request has already been merged." }], docs));
    }

    const now = ctx.clock.now();
    if (input.title !== undefined && input.title !== null) issue.title = input.title;
    if (input.body !== undefined) issue.body = input.body;
    if (assignees !== undefined) issue.assignees = assignees;
    if (triage && input.labels !== undefined) issue.labels = resolveLabels(ctx, repo, input.labels);
    if (input.state === "closed" && issue.state === "open") {
      issue.state = "closed";
      issue.closed_at = now;
      issue.closed_by = findUser(ctx.state, ctx.actor)?.login ?? ctx.actor;
      issue.state_reason = input.state_reason === "reopened" || !input.state_reason ? "completed" : input.state_reason;
    } else if (input.state === "open" && issue.state === "closed") {
      issue.state = "open";
      issue.closed_at = null;
      issue.closed_by = null;
      issue.state_reason = "reopened";
    } else if (input.state_reason && issue.state === "closed" && input.state_reason !== "reopened") {
      issue.state_reason = input.state_reason;
    }
    issue.updated_at = now;
    return toWireIssue(ctx.state, repo, issue);
  },
});

function matchesAssignee(issue: Issue, assignee: string | undefined): boolean {
  if (assignee === undefined) return true;
  if (assignee === "none") return issue.assignees.length === 0;
  if (assignee === "*") return issue.assignees.length > 0;
  const lower = assignee.toLowerCase();
  return issue.assignees.some((a) => a.toLowerCase() === lower);
}

function mentions(issue: Issue, login: string): boolean {
  const re = new RegExp(`(^|[^\\w-])@${login.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "i");
  return re.test(issue.body ?? "") || issue.comments.some((c) => re.test(c.body));
}

export const listIssues = githubOperation({
  name: "list_issues",
  description:
    "List issues and pull requests of a repository, open by default, filtered by state, labels (all must match), assignee, creator, mentioned and since (GET /repos/{owner}/{repo}/issues).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/issues" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    ...repoParams,
    milestone: z.string().optional(),
    state: z.enum(["open", "closed", "all"]).default("open"),
    assignee: z.string().min(1).optional().describe("A login, `none` for unassigned, or `*` for assigned to anyone"),
    creator: z.string().min(1).optional(),
    mentioned: z.string().min(1).optional(),
    labels: commaList.optional().describe("Comma-separated label names; an issue must have all of them"),
    sort: z.enum(["created", "updated", "comments"]).default("created"),
    direction: direction.default("desc"),
    since: isoTimestamp.optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const wantedLabels = (input.labels ?? []).map((l) => l.toLowerCase());
    const since = input.since ? Date.parse(input.since) : undefined;
    const list = repo.issues.filter((issue) => {
      if (input.state !== "all" && issue.state !== input.state) return false;
      if (!matchesAssignee(issue, input.assignee)) return false;
      if (input.creator && issue.user.toLowerCase() !== input.creator.toLowerCase()) return false;
      if (input.mentioned && !mentions(issue, input.mentioned)) return false;
      // No milestones exist: `none` keeps everything, anything else matches nothing.
      if (input.milestone !== undefined && input.milestone !== "none") return false;
      const have = issue.labels.map((l) => l.toLowerCase());
      if (!wantedLabels.every((l) => have.includes(l))) return false;
      if (since !== undefined && Date.parse(issue.updated_at) < since) return false;
      return true;
    });
    const sign = input.direction === "asc" ? 1 : -1;
    const key = (i: Issue): string | number => (input.sort === "comments" ? i.comments.length : input.sort === "updated" ? i.updated_at : i.created_at);
    list.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka !== kb) return ka < kb ? -sign : sign;
      return (a.number - b.number) * sign;
    });
    return list.map((i) => toWireIssue(ctx.state, repo, i));
  },
});

export const lockIssue = githubOperation({
  name: "lock_issue",
  description: "Lock an issue's conversation (PUT /repos/{owner}/{repo}/issues/{issue_number}/lock).",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/issues/{issue_number}/lock", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    issue_number: issueNumber,
    lock_reason: z.enum(["off-topic", "too heated", "resolved", "spam"]).optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    requirePermission(ctx, repo, "push");
    issue.locked = true;
    issue.active_lock_reason = input.lock_reason ?? null;
    issue.updated_at = ctx.clock.now();
    return reply(204, null);
  },
});

export const unlockIssue = githubOperation({
  name: "unlock_issue",
  description: "Unlock an issue's conversation (DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/issues/{issue_number}/lock", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    requirePermission(ctx, repo, "push");
    issue.locked = false;
    issue.active_lock_reason = null;
    issue.updated_at = ctx.clock.now();
    return reply(204, null);
  },
});

export const issueOperations = [createIssue, getIssue, updateIssue, listIssues, lockIssue, unlockIssue];
