/** Labels: repository label CRUD and the labels of an issue or pull request. */
import { z } from "zod";
import { notFound, reply, unprocessable, type IdSource } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { validationFailed } from "../errors.js";
import { issueNumber, labelList, pageParams, repoParams } from "../inputs.js";
import { checkLabel } from "../limits.js";
import { allocateId, findLabel, hasPermission, requireIssue, type GitHubState, type Issue, type Label, type Repository } from "../state.js";
import { issueLabels, toWireLabel } from "../wire/issues.js";

const DOCS_LABELS = "https://docs.github.com/rest/issues/labels";
const colorInput = z.string().describe("The hexadecimal color code for the label, without the leading #");
const labelName = z.string().min(1).describe("The name of the label");

function normaliseColor(color: string | undefined, field = "color"): string | undefined {
  if (color === undefined) return undefined;
  const hex = color.replace(/^#/, "").toLowerCase();
  if (!/^[0-9a-f]{6}$/.test(hex)) {
    throw unprocessable("Validation Failed", validationFailed([{ resource: "Label", field, code: "invalid" }], `${DOCS_LABELS}#create-a-label`));
  }
  return hex;
}

export function requireLabel(repo: Repository, name: string): Label {
  const label = findLabel(repo, name);
  if (!label) throw notFound();
  return label;
}

export function newLabel(state: GitHubState, ids: IdSource, repo: Repository, name: string, color = "ededed", description: string | null = null): Label {
  const label: Label = { id: allocateId(state, ids, "label"), name, color, description, default: false };
  repo.labels.push(label);
  return label;
}

/**
 * The label names to put on an issue. Existing labels match case-insensitively; a missing
 * one is created (color ededed, no description) for a caller with push access, and dropped
 * for anyone else, as GitHub does.
 */
export function resolveLabels(ctx: GitHubContext, repo: Repository, names: string[]): string[] {
  const out: string[] = [];
  const canCreate = hasPermission(repo, ctx.actor, "push");
  // A name GitHub would refuse fails the whole request before any label is made.
  if (canCreate) for (const raw of names) checkLabel({ name: raw.trim() }, `${DOCS_LABELS}#create-a-label`);
  for (const raw of names) {
    const name = raw.trim();
    if (name === "") continue;
    const label = findLabel(repo, name) ?? (canCreate ? newLabel(ctx.state, ctx.ids, repo, name) : undefined);
    if (label && !out.includes(label.name)) out.push(label.name);
  }
  return out;
}

function touch(ctx: GitHubContext, issue: Issue): void {
  issue.updated_at = ctx.clock.now();
}

export const listRepositoryLabels = githubOperation({
  name: "list_repository_labels",
  description: "List labels of a repository (GET /repos/{owner}/{repo}/labels).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/labels" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return [...repo.labels].sort((a, b) => a.id - b.id).map((l) => toWireLabel(repo, l));
  },
});

export const getLabel = githubOperation({
  name: "get_label",
  description: "Get a label by name (GET /repos/{owner}/{repo}/labels/{name}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/labels/{name}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, name: labelName }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return toWireLabel(repo, requireLabel(repo, input.name));
  },
});

export const createLabel = githubOperation({
  name: "create_label",
  description: "Create a repository label (POST /repos/{owner}/{repo}/labels).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/labels", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, name: labelName, color: colorInput.optional(), description: z.string().nullish() }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    checkLabel({ name: input.name, description: input.description }, `${DOCS_LABELS}#create-a-label`);
    const color = normaliseColor(input.color) ?? "ededed";
    if (findLabel(repo, input.name)) {
      throw unprocessable("Validation Failed", validationFailed([{ resource: "Label", code: "already_exists", field: "name" }], `${DOCS_LABELS}#create-a-label`));
    }
    return toWireLabel(repo, newLabel(ctx.state, ctx.ids, repo, input.name, color, input.description || null));
  },
});

export const updateLabel = githubOperation({
  name: "update_label",
  description: "Rename or recolour a label (PATCH /repos/{owner}/{repo}/labels/{name}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/labels/{name}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, name: labelName, new_name: z.string().min(1).optional(), color: colorInput.optional(), description: z.string().nullish() }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const label = requireLabel(repo, input.name);
    checkLabel({ name: input.new_name, description: input.description }, `${DOCS_LABELS}#update-a-label`);
    const color = normaliseColor(input.color);
    if (input.new_name !== undefined && input.new_name !== label.name) {
      const clash = findLabel(repo, input.new_name);
      if (clash && clash !== label) {
        throw unprocessable("Validation Failed", validationFailed([{ resource: "Label", code: "already_exists", field: "name" }], `${DOCS_LABELS}#update-a-label`));
      }
      // Issues store label names, so a rename follows the label onto every issue.
      for (const issue of repo.issues) issue.labels = issue.labels.map((n) => (n === label.name ? input.new_name! : n));
      label.name = input.new_name;
    }
    if (color !== undefined) label.color = color;
    if (input.description !== undefined) label.description = input.description || null;
    return toWireLabel(repo, label);
  },
});

export const deleteLabel = githubOperation({
  name: "delete_label",
  description: "Delete a label; it is removed from every issue (DELETE /repos/{owner}/{repo}/labels/{name}).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/labels/{name}", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, name: labelName }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const label = requireLabel(repo, input.name);
    repo.labels = repo.labels.filter((l) => l !== label);
    for (const issue of repo.issues) issue.labels = issue.labels.filter((n) => n !== label.name);
    return reply(204, null);
  },
});

export const listIssueLabels = githubOperation({
  name: "list_issue_labels",
  description: "List labels on an issue or pull request (GET /repos/{owner}/{repo}/issues/{issue_number}/labels).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, issue_number: issueNumber, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return issueLabels(repo, requireIssue(repo, input.issue_number));
  },
});

/** Body of add/set: `{labels: [...]}`; names or `{name}` objects. */
const labelsBody = { labels: labelList.describe("Names of labels; labels that do not exist are created") };

export const addIssueLabels = githubOperation({
  name: "add_issue_labels",
  description:
    "Add labels to an issue or pull request; a label that does not exist is created (POST /repos/{owner}/{repo}/issues/{issue_number}/labels).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber, labels: labelsBody.labels.min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    if (hasPermission(repo, ctx.actor, "triage")) {
      const added = resolveLabels(ctx, repo, input.labels).filter((n) => !issue.labels.includes(n));
      if (added.length > 0) {
        issue.labels.push(...added);
        touch(ctx, issue);
      }
    }
    return issueLabels(repo, issue);
  },
});

export const setIssueLabels = githubOperation({
  name: "set_issue_labels",
  description: "Replace all labels of an issue or pull request (PUT /repos/{owner}/{repo}/issues/{issue_number}/labels).",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber, labels: labelList.default([]) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    if (hasPermission(repo, ctx.actor, "triage")) {
      issue.labels = resolveLabels(ctx, repo, input.labels);
      touch(ctx, issue);
    }
    return issueLabels(repo, issue);
  },
});

export const removeIssueLabel = githubOperation({
  name: "remove_issue_label",
  description: "Remove one label from an issue or pull request (DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber, name: labelName }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    requirePermission(ctx, repo, "triage");
    const label = findLabel(repo, input.name);
    if (!label || !issue.labels.includes(label.name)) {
      throw notFound("Label does not exist", { documentation_url: `${DOCS_LABELS}#remove-a-label-from-an-issue` });
    }
    issue.labels = issue.labels.filter((n) => n !== label.name);
    touch(ctx, issue);
    return issueLabels(repo, issue);
  },
});

export const removeAllIssueLabels = githubOperation({
  name: "remove_all_issue_labels",
  description: "Remove every label from an issue or pull request (DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/issues/{issue_number}/labels", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, issue_number: issueNumber }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const issue = requireIssue(repo, input.issue_number);
    requirePermission(ctx, repo, "triage");
    if (issue.labels.length > 0) {
      issue.labels = [];
      touch(ctx, issue);
    }
    return reply(204, null);
  },
});

export const labelOperations = [
  listRepositoryLabels,
  getLabel,
  createLabel,
  updateLabel,
  deleteLabel,
  listIssueLabels,
  addIssueLabels,
  setIssueLabels,
  removeIssueLabel,
  removeAllIssueLabels,
];
