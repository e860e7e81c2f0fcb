/**
 * Check runs and suites: create and update runs (status, conclusion, output, annotations
 * — at most 50 per request, appended on update, as GitHub does), get, list for a ref or a
 * suite, list annotations, and the suites of a ref (one per head sha).
 */
import { z } from "zod";
import { notFound, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { suitesFor } from "../git/commit-ci.js";
import { isoTimestamp, pageParams, pathNumber, positiveInt, repoParams } from "../inputs.js";
import { allocateId, resolveRef, type CheckAnnotation, type CheckRun, type Repository } from "../state.js";
import { CHECKS_APP_ID, toWireAnnotation, toWireCheckRun, toWireCheckSuite } from "../wire/ci.js";

const CHECKS_DOCS = "https://docs.github.com/rest/checks/runs";
const checkRunId = pathNumber("The unique identifier of the check run");
const checkSuiteId = pathNumber("The unique identifier of the check suite");
const conclusion = z.enum(["action_required", "cancelled", "failure", "neutral", "success", "skipped", "stale", "timed_out"]);

const annotationInput = z.object({
  path: z.string().min(1),
  start_line: positiveInt("The start line of the annotation"),
  end_line: positiveInt("The end line of the annotation"),
  start_column: positiveInt("The start column of the annotation").optional(),
  end_column: positiveInt("The end column of the annotation").optional(),
  annotation_level: z.enum(["notice", "warning", "failure"]),
  message: z.string().min(1),
  title: z.string().optional(),
  raw_details: z.string().optional(),
});

const outputFields = {
  title: z.string(),
  summary: z.string().max(65535),
  text: z.string().max(65535).optional(),
  annotations: z.array(annotationInput).max(50, "Only 50 annotations are allowed per request").optional(),
  images: z.array(z.object({ alt: z.string(), image_url: z.string(), caption: z.string().optional() })).optional(),
};

const runFields = {
  details_url: z.string().optional(),
  external_id: z.string().optional(),
  started_at: isoTimestamp.optional(),
  conclusion: conclusion.optional(),
  completed_at: isoTimestamp.optional(),
  actions: z.array(z.object({ label: z.string(), description: z.string(), identifier: z.string() })).max(3).optional(),
};

function invalid(detail: string) {
  return unprocessable(`Invalid request.\n\n${detail}`, { documentation_url: CHECKS_DOCS });
}

function toAnnotations(input: z.infer<typeof annotationInput>[]): CheckAnnotation[] {
  return input.map((a) => {
    if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
      throw invalid("start_column and end_column may only be given when start_line equals end_line.");
    }
    if (a.end_line < a.start_line) throw invalid("end_line must not be before start_line.");
    return {
      path: a.path,
      start_line: a.start_line,
      end_line: a.end_line,
      start_column: a.start_column ?? null,
      end_column: a.end_column ?? null,
      annotation_level: a.annotation_level,
      message: a.message,
      title: a.title ?? null,
      raw_details: a.raw_details ?? null,
    };
  });
}

function findRun(repo: Repository, id: number): CheckRun {
  const run = repo.check_runs.find((r) => r.id === id);
  if (!run) throw notFound();
  return run;
}

/**
 * Status and conclusion move together, as on GitHub: a conclusion completes the run, a
 * completed run needs a conclusion, and completing stamps `completed_at`.
 */
function settle(ctx: GitHubContext, run: CheckRun, input: { status?: CheckRun["status"]; conclusion?: string; completed_at?: string }): void {
  const status = input.conclusion !== undefined ? "completed" : (input.status ?? run.status);
  if (status === "completed") {
    const concluded = input.conclusion ?? run.conclusion;
    if (!concluded) throw invalid(`"conclusion" wasn't supplied.`);
    run.status = "completed";
    run.conclusion = concluded;
    run.completed_at = input.completed_at ?? run.completed_at ?? ctx.clock.now();
  } else {
    if (input.completed_at !== undefined) throw invalid(`"conclusion" wasn't supplied.`);
    run.status = status;
    run.conclusion = null;
    run.completed_at = null;
  }
}

export const createCheckRun = githubOperation({
  name: "create_check_run",
  description:
    "Create a check run on a commit, with optional output (title, summary, text) and up to 50 annotations (POST /repos/{owner}/{repo}/check-runs).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/check-runs", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    name: z.string().min(1),
    head_sha: z.string().min(1),
    status: z.enum(["queued", "in_progress", "completed"]).optional(),
    ...runFields,
    output: z.object(outputFields).optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const sha = resolveRef(repo, input.head_sha);
    if (!sha || sha !== input.head_sha.toLowerCase()) throw unprocessable(`No commit found for SHA: ${input.head_sha}`);
    if (input.conclusion === "action_required" && !input.details_url) throw invalid(`"details_url" wasn't supplied.`);
    const suite = repo.check_runs.find((r) => r.head_sha === sha)?.check_suite_id ?? allocateId(ctx.state, ctx.ids, "check_suite");
    const run: CheckRun = {
      id: allocateId(ctx.state, ctx.ids, "check_run"),
      name: input.name,
      head_sha: sha,
      status: "queued",
      conclusion: null,
      external_id: input.external_id ?? null,
      details_url: input.details_url ?? null,
      output: { title: input.output?.title ?? null, summary: input.output?.summary ?? null, text: input.output?.text ?? null },
      annotations: toAnnotations(input.output?.annotations ?? []),
      started_at: input.started_at ?? ctx.clock.now(),
      completed_at: null,
      check_suite_id: suite,
    };
    settle(ctx, run, input);
    repo.check_runs.push(run);
    return toWireCheckRun(ctx.state, repo, run);
  },
});

export const updateCheckRun = githubOperation({
  name: "update_check_run",
  description:
    "Update a check run: status, conclusion, output; annotations (≤50 per request) are appended to the existing ones (PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/check-runs/{check_run_id}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    check_run_id: checkRunId,
    name: z.string().min(1).optional(),
    status: z.enum(["queued", "in_progress", "completed", "waiting", "requested", "pending"]).optional(),
    ...runFields,
    output: z.object({ ...outputFields, title: outputFields.title.optional() }).optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const run = findRun(repo, input.check_run_id);
    const annotations = toAnnotations(input.output?.annotations ?? []);
    const draft = { ...run };
    settle(ctx, draft, input);
    if (draft.conclusion === "action_required" && !(input.details_url ?? run.details_url)) throw invalid(`"details_url" wasn't supplied.`);
    Object.assign(run, draft);
    if (input.name !== undefined) run.name = input.name;
    if (input.details_url !== undefined) run.details_url = input.details_url;
    if (input.external_id !== undefined) run.external_id = input.external_id;
    if (input.started_at !== undefined) run.started_at = input.started_at;
    if (input.output) {
      run.output = {
        title: input.output.title ?? run.output.title,
        summary: input.output.summary,
        text: input.output.text ?? run.output.text,
      };
      run.annotations = [...run.annotations, ...annotations];
    }
    return toWireCheckRun(ctx.state, repo, run);
  },
});

export const getCheckRun = githubOperation({
  name: "get_check_run",
  description: "Get a check run (GET /repos/{owner}/{repo}/check-runs/{check_run_id}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/check-runs/{check_run_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, check_run_id: checkRunId }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return toWireCheckRun(ctx.state, repo, findRun(repo, input.check_run_id));
  },
});

export const listCheckRunAnnotations = githubOperation({
  name: "list_check_run_annotations",
  description: "List the annotations of a check run (GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, check_run_id: checkRunId, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const run = findRun(repo, input.check_run_id);
    return run.annotations.map((a) => toWireAnnotation(repo, run, a));
  },
});

const runFilters = {
  check_name: z.string().optional(),
  status: z.enum(["queued", "in_progress", "completed"]).optional(),
  filter: z.enum(["latest", "all"]).default("latest"),
  app_id: z.coerce.number().int().optional(),
};

function filterRuns(runs: CheckRun[], input: { check_name?: string; status?: string; filter: "latest" | "all"; app_id?: number }): CheckRun[] {
  let out = runs.filter((r) => (input.check_name === undefined || r.name === input.check_name) && (input.status === undefined || r.status === input.status));
  if (input.filter === "latest") {
    const newest = new Map<string, CheckRun>();
    for (const run of out) if ((newest.get(run.name)?.id ?? -1) < run.id) newest.set(run.name, run);
    out = [...newest.values()];
  }
  // Runs are attributed to one app (GitHub Actions); another app id has none.
  if (input.app_id !== undefined && input.app_id !== CHECKS_APP_ID) out = [];
  return out.sort((a, b) => b.id - a.id);
}

export const listCheckRunsForRef = githubOperation({
  name: "list_check_runs_for_ref",
  description: "List the check runs of a ref (sha, branch or tag), newest run per name by default (GET /repos/{owner}/{repo}/commits/{ref}/check-runs).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/check-runs" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "check_runs" },
  input: z.object({ ...repoParams, ref: z.string().min(1), ...runFilters, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = resolveRef(repo, input.ref);
    if (!sha) throw unprocessable(`No commit found for SHA: ${input.ref}`);
    const runs = filterRuns(repo.check_runs.filter((r) => r.head_sha === sha), input);
    return { total_count: runs.length, check_runs: runs.map((r) => toWireCheckRun(ctx.state, repo, r)) };
  },
});

export const listCheckRunsInSuite = githubOperation({
  name: "list_check_runs_in_suite",
  description: "List the check runs of a check suite (GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "check_runs" },
  input: z.object({ ...repoParams, check_suite_id: checkSuiteId, ...runFilters, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const inSuite = repo.check_runs.filter((r) => r.check_suite_id === input.check_suite_id);
    if (inSuite.length === 0) throw notFound();
    const runs = filterRuns(inSuite, input);
    return { total_count: runs.length, check_runs: runs.map((r) => toWireCheckRun(ctx.state, repo, r)) };
  },
});

export const getCheckSuite = githubOperation({
  name: "get_check_suite",
  description: "Get a check suite (GET /repos/{owner}/{repo}/check-suites/{check_suite_id}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/check-suites/{check_suite_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, check_suite_id: checkSuiteId }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const run = repo.check_runs.find((r) => r.check_suite_id === input.check_suite_id);
    if (!run) throw notFound();
    const suite = suitesFor(repo, run.head_sha).find((s) => s.id === input.check_suite_id)!;
    return toWireCheckSuite(ctx.state, repo, suite);
  },
});

export const listCheckSuitesForRef = githubOperation({
  name: "list_check_suites_for_ref",
  description: "List the check suites of a ref (GET /repos/{owner}/{repo}/commits/{ref}/check-suites).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}/check-suites" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "check_suites" },
  input: z.object({
    ...repoParams,
    ref: z.string().min(1),
    app_id: z.coerce.number().int().optional(),
    check_name: z.string().optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = resolveRef(repo, input.ref);
    if (!sha) throw unprocessable(`No commit found for SHA: ${input.ref}`);
    const suites = suitesFor(repo, sha)
      .filter((s) => input.check_name === undefined || s.runs.some((r) => r.name === input.check_name))
      .filter(() => input.app_id === undefined || input.app_id === CHECKS_APP_ID);
    return { total_count: suites.length, check_suites: suites.map((s) => toWireCheckSuite(ctx.state, repo, s)) };
  },
});

export const checkRunOperations = [
  createCheckRun,
  updateCheckRun,
  getCheckRun,
  listCheckRunAnnotations,
  listCheckRunsForRef,
  listCheckRunsInSuite,
  getCheckSuite,
  listCheckSuitesForRef,
];
