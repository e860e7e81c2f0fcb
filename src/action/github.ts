/**
 * The one file that talks to GitHub: the check run (created in progress, completed with its
 * annotations 50 per request), the sticky PR comment, the commit → PR lookup, the job
 * summary, workflow-command annotations and the artifact upload. It sends text that
 * `report/` rendered; it decides nothing about results.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import * as core from "@actions/core";
import { getOctokit } from "@actions/github";
import type { CheckAnnotation, CheckOutput } from "../index.js";
import type { CheckConclusion } from "./gate.js";

export type Octokit = ReturnType<typeof getOctokit>;
export interface RepoRef {
  owner: string;
  repo: string;
}

/** GitHub takes at most 50 annotations per create or update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Workflow commands show at most 10 errors and 10 warnings per step; `setFailed` uses one error. */
const WORKFLOW_ANNOTATIONS = { failure: 9, warning: 10 } as const;

export function octokitFor(token: string, apiUrl: string): Octokit {
  return getOctokit(token, { baseUrl: apiUrl, userAgent: "pome-action" });
}

/** Why a reporting call failed, in words a workflow author can act on. */
export function describeFailure(error: unknown, what: string): string {
  const e = error as { status?: number; message?: string; name?: string; response?: { headers?: Record<string, string | undefined> } };
  // Octokit appends " - <documentation_url>" to GitHub's message.
  const message = (e?.message ?? String(error)).split("\n")[0].replace(/ - https?:\/\/\S+$/, "");
  const remaining = e?.response?.headers?.["x-ratelimit-remaining"];
  if (e?.status === 429 || ((e?.status === 403 || e?.status === 429) && remaining === "0") || /rate limit/i.test(message)) {
    return `${what}: GitHub's rate limit was hit (${message}); the results are in the job summary`;
  }
  if (e?.status === 403 && /GitHub App/i.test(message)) {
    return `${what}: this token cannot create check runs (only GITHUB_TOKEN or a GitHub App token can; a personal access token cannot)`;
  }
  if (e?.status === 403) {
    return `${what}: the token may not do this (${message}): a pull request from a fork gets a read-only token; otherwise grant \`permissions: checks: write, pull-requests: write\``;
  }
  if (e?.status === 404) return `${what}: not found or not visible to this token (${message})`;
  if (e?.name === "GHESNotSupportedError") return `${what}: artifact upload is not available on GitHub Enterprise Server; the run folders stay in the workspace`;
  // The artifact client wraps its errors ("Failed to CreateArtifact: …"), so the quota is known by its words.
  if (e?.name === "UsageError" || /storage quota has been hit|insufficient usage/i.test(message)) return `${what}: the artifact storage quota is used up; the run folders stay in the workspace`;
  if (/GITHUB_STEP_SUMMARY/.test(message)) return `${what}: $GITHUB_STEP_SUMMARY is not set (GitHub Enterprise Server before 3.6 has no job summaries)`;
  return `${what}: ${message}`;
}

export interface CheckRunRef {
  id: number;
  url: string | null;
}

export async function createCheckRun(octokit: Octokit, repo: RepoRef, opts: { name: string; headSha: string; detailsUrl: string | null; title: string }): Promise<CheckRunRef> {
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: opts.name,
    head_sha: opts.headSha,
    status: "in_progress",
    ...(opts.detailsUrl ? { details_url: opts.detailsUrl } : {}),
    output: { title: opts.title, summary: "The scenarios are running; results appear here when they finish." },
  });
  return { id: data.id, url: data.html_url ?? null };
}

/**
 * Completes the run with its output and the first 50 annotations, then sends the rest 50 at
 * a time (GitHub appends them; every request repeats the title and summary it requires).
 */
export async function completeCheckRun(
  octokit: Octokit,
  repo: RepoRef,
  id: number,
  opts: { conclusion: CheckConclusion; output: CheckOutput; annotations: CheckAnnotation[] },
): Promise<void> {
  const { title, summary, text } = opts.output;
  const batches: CheckAnnotation[][] = [];
  for (let i = 0; i < opts.annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(opts.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  await octokit.rest.checks.update({
    ...repo,
    check_run_id: id,
    status: "completed",
    conclusion: opts.conclusion,
    output: { title, summary, ...(text ? { text } : {}), annotations: batches[0] ?? [] },
  });
  for (const batch of batches.slice(1)) {
    await octokit.rest.checks.update({ ...repo, check_run_id: id, output: { title, summary, annotations: batch } });
  }
}

/** Completes a run whose full output was refused, so it does not stay "in progress" forever. */
export async function closeCheckRun(octokit: Octokit, repo: RepoRef, id: number, conclusion: CheckConclusion, title: string): Promise<void> {
  await octokit.rest.checks.update({ ...repo, check_run_id: id, status: "completed", conclusion, output: { title, summary: "The full report could not be attached: see the job summary." } });
}

/**
 * The open PR a commit belongs to (push and fork `workflow_run` builds are not told): the
 * one whose head is this commit first, else the first the API gives.
 */
export async function findPullRequest(octokit: Octokit, repo: RepoRef, sha: string): Promise<number | null> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 100 });
  const open = data.filter((p) => p.state === "open");
  return (open.find((p) => p.head.sha === sha) ?? open[0])?.number ?? null;
}

/** Whether PR `number`'s head is `sha` (a PR number read from another job's files is only a hint). */
export async function pullRequestHeadIs(octokit: Octokit, repo: RepoRef, number: number, sha: string): Promise<boolean> {
  const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  return data.head.sha === sha;
}

/**
 * The newest completed check run of this name on the last `commits` commits of `branch`
 * whose summary carries a results digest (not `excludeId`, this run's own check).
 */
export async function findPreviousCheck(
  octokit: Octokit,
  repo: RepoRef,
  opts: { checkName: string; branch: string; excludeId: number | null; hasDigest: (summary: string | null) => boolean; commits?: number },
): Promise<{ summary: string; url: string | null } | null> {
  const { data: commits } = await octokit.rest.repos.listCommits({ ...repo, sha: opts.branch, per_page: opts.commits ?? 10 });
  for (const commit of commits) {
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: commit.sha, check_name: opts.checkName, status: "completed", filter: "all", per_page: 100 });
    const found = data.check_runs
      .filter((r) => r.id !== opts.excludeId && opts.hasDigest(r.output.summary ?? null))
      .sort((a, b) => b.id - a.id)[0];
    if (found) return { summary: found.output.summary ?? "", url: found.html_url ?? null };
  }
  return null;
}

export interface ExistingComment {
  id: number;
  body: string;
}

/** The sticky comment: the newest comment on the PR that `isSticky` recognises. */
export async function findComment(octokit: Octokit, repo: RepoRef, pr: number, isSticky: (body: string) => boolean): Promise<ExistingComment | null> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: pr, per_page: 100 });
  const mine = comments.filter((c) => isSticky(c.body ?? ""));
  const last = mine[mine.length - 1];
  return last ? { id: last.id, body: last.body ?? "" } : null;
}

export async function writeComment(octokit: Octokit, repo: RepoRef, pr: number, existing: ExistingComment | null, body: string): Promise<string | null> {
  if (existing) {
    const { data } = await octokit.rest.issues.updateComment({ ...repo, comment_id: existing.id, body });
    return data.html_url ?? null;
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: pr, body });
  return data.html_url ?? null;
}

/** Appends to `$GITHUB_STEP_SUMMARY` (absent on old GHES: the caller warns). */
export async function writeStepSummary(markdown: string): Promise<void> {
  await core.summary.addRaw(markdown).write();
}

/**
 * Annotations as workflow commands: they need no token, so they work on forks, but GitHub
 * keeps only 10 per level per step. Returns how many were left out.
 */
export function writeWorkflowAnnotations(annotations: CheckAnnotation[]): number {
  let dropped = 0;
  const used = { failure: 0, warning: 0 };
  for (const a of annotations) {
    if (used[a.annotation_level] >= WORKFLOW_ANNOTATIONS[a.annotation_level]) {
      dropped++;
      continue;
    }
    used[a.annotation_level]++;
    const props = { title: a.title, file: a.path, startLine: a.start_line, endLine: a.end_line };
    if (a.annotation_level === "failure") core.error(a.message, props);
    else core.warning(a.message, props);
  }
  return dropped;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

export interface UploadedArtifact {
  id: number | null;
  url: string | null;
  size: number | null;
}

/**
 * Uploads every file under `root`, paths kept relative to it. Loaded on first use: the
 * artifact client and its storage SDK are most of the bundle and most runs upload once.
 */
export async function uploadArtifact(opts: { name: string; root: string; retentionDays?: number; runUrl: string | null }): Promise<UploadedArtifact> {
  const { DefaultArtifactClient } = await import("@actions/artifact");
  const client = new DefaultArtifactClient();
  const files = filesUnder(opts.root);
  const result = await client.uploadArtifact(opts.name, files, opts.root, opts.retentionDays ? { retentionDays: opts.retentionDays } : {});
  const id = result.id ?? null;
  return { id, url: id !== null && opts.runUrl ? `${opts.runUrl.replace(/\/attempts\/\d+$/, "")}/artifacts/${id}` : null, size: result.size ?? null };
}
