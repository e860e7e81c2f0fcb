/** Assignees: add (non-assignable logins are silently ignored), remove, check, list. */
import { z } from "zod";
import { notFound, reply } from "../../engine/operation.js";
import { githubOperation, visibleRepo } from "../access.js";
import { issueNumber, loginList, pageParams, repoParams } from "../inputs.js";
import { findUser, hasPermission, isAssignable, requireIssue } from "../state.js";
import { toWireIssue, toWireUser } from "../wire/issues.js";

/** GitHub caps an issue at ten assignees; extra ones are dropped. */
const MAX_ASSIGNEES = 10;

const assigneesBody = loginList.describe("Usernames of people to assign (at most 10)");

export const addAssignees = githubOperation({
  name: "add_assignees",
  description:
    "Assign users to an issue or pull request; users who cannot be assigned are ignored (POST /repos/{owner}/{repo}/issues/{issue_number}/assignees).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/assignees", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber, assignees: assigneesBody.default([]) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    // Without triage access GitHub ignores the request and still answers 201 with the issue.
    if (hasPermission(repo, ctx.actor, "triage")) {
      let changed = false;
      for (const login of input.assignees) {
        if (!isAssignable(ctx.state, repo, login) || issue.assignees.length >= MAX_ASSIGNEES) continue;
        const spelled = findUser(ctx.state, login)!.login;
        if (issue.assignees.includes(spelled)) continue;
        issue.assignees.push(spelled);
        changed = true;
      }
      if (changed) issue.updated_at = ctx.clock.now();
    }
    return toWireIssue(ctx.state, repo, issue);
  },
});

export const removeAssignees = githubOperation({
  name: "remove_assignees",
  description: "Unassign users from an issue or pull request (DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/issues/{issue_number}/assignees" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber, assignees: assigneesBody.default([]) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    if (hasPermission(repo, ctx.actor, "triage")) {
      const drop = new Set(input.assignees.map((l) => l.toLowerCase()));
      const kept = issue.assignees.filter((a) => !drop.has(a.toLowerCase()));
      if (kept.length !== issue.assignees.length) {
        issue.assignees = kept;
        issue.updated_at = ctx.clock.now();
      }
    }
    return toWireIssue(ctx.state, repo, issue);
  },
});

export const checkUserCanBeAssigned = githubOperation({
  name: "check_user_can_be_assigned",
  description: "Check whether a user can be assigned to issues: 204 if so, 404 if not (GET /repos/{owner}/{repo}/assignees/{assignee}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/assignees/{assignee}", status: 204 }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, assignee: z.string().min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    if (!isAssignable(ctx.state, repo, input.assignee)) throw notFound();
    return reply(204, null);
  },
});

export const listAssignees = githubOperation({
  name: "list_assignees",
  description: "List the users who can be assigned to issues (GET /repos/{owner}/{repo}/assignees).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/assignees" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const logins = [repo.owner, ...repo.collaborators.map((c) => c.login)].filter(
      (login, i, all) => all.findIndex((l) => l.toLowerCase() === login.toLowerCase()) === i && isAssignable(ctx.state, repo, login),
    );
    return logins.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())).map((l) => toWireUser(ctx.state, l));
  },
});

export const assigneeOperations = [addAssignees, removeAssignees, checkUserCanBeAssigned, listAssignees];
