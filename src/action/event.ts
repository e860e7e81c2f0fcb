/**
 * Where the action runs, read from the runner's variables and the event payload: the
 * repository, the commit to report on (the PR head, not the merge commit), the pull request
 * and whether it comes from a fork, and the URLs the reports link to.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

type Env = Record<string, string | undefined>;

const repoRef = z.object({ full_name: z.string() }).nullish();

/** Only the fields pome reads; GitHub sends far more. */
const payloadSchema = z.object({
  pull_request: z
    .object({
      number: z.number().int(),
      head: z.object({ sha: z.string(), ref: z.string().optional(), repo: repoRef }),
      base: z.object({ ref: z.string().optional(), repo: repoRef }),
    })
    .nullish(),
  workflow_run: z
    .object({
      id: z.number().int().optional(),
      head_sha: z.string(),
      head_branch: z.string().nullish(),
      head_repository: repoRef,
      repository: repoRef,
      pull_requests: z.array(z.object({ number: z.number().int() })).default([]),
    })
    .nullish(),
  repository: z.object({ full_name: z.string(), default_branch: z.string().optional() }).nullish(),
});
export type EventPayload = z.infer<typeof payloadSchema>;

export interface PullRequestRef {
  number: number;
  /** The head commit: where check runs belong. */
  headSha: string;
  /** Head repository differs from the base: a fork, whose token is read-only and has no secrets. */
  fork: boolean;
}

export interface RunContext {
  owner: string;
  repo: string;
  eventName: string;
  /** The commit the check run is created on. */
  headSha: string;
  /** The PR the event names, when it names one (a push or a fork's `workflow_run` does not). */
  pullRequest: PullRequestRef | null;
  /** Whether the commit being tested comes from a fork (also true for a fork's `workflow_run`). */
  fork: boolean;
  /** Where `baseline: previous` looks: the PR's base branch, else the branch that was built. */
  baseBranch: string | null;
  workflow: string;
  runId: string;
  runAttempt: string;
  serverUrl: string;
  apiUrl: string;
  workspace: string;
  /** Link to the workflow run (where the job summary is). */
  runUrl: string | null;
  /** `https://github.com/o/r/blob/<sha>` for links to scenario lines. */
  blobUrl: string | null;
}

export function readPayload(env: Env): EventPayload {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return {};
  }
  const parsed = payloadSchema.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

export function runContext(env: Env, payload: EventPayload, cwd: string): RunContext {
  const [owner = "", repo = ""] = (env.GITHUB_REPOSITORY ?? payload.repository?.full_name ?? "").split("/");
  const serverUrl = (env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const apiUrl = (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  const pr = payload.pull_request;
  const run = payload.workflow_run;
  const baseName = `${owner}/${repo}`.toLowerCase();

  let pullRequest: PullRequestRef | null = null;
  let headSha = env.GITHUB_SHA ?? "";
  let fork = false;
  if (pr) {
    const head = pr.head.repo?.full_name?.toLowerCase();
    const base = pr.base.repo?.full_name?.toLowerCase() ?? baseName;
    fork = head !== undefined && head !== base;
    headSha = pr.head.sha;
    pullRequest = { number: pr.number, headSha, fork };
  } else if (run) {
    const head = run.head_repository?.full_name?.toLowerCase();
    fork = head !== undefined && head !== (run.repository?.full_name?.toLowerCase() ?? baseName);
    headSha = run.head_sha;
    // GitHub leaves `pull_requests` empty for forks; the caller looks the PR up by sha then.
    if (run.pull_requests.length > 0) pullRequest = { number: run.pull_requests[0].number, headSha, fork };
  }
  const runId = env.GITHUB_RUN_ID ?? "";
  const defaultBranch = payload.repository?.default_branch ?? null;
  const baseBranch = pr ? (pr.base.ref ?? defaultBranch) : run ? defaultBranch : (env.GITHUB_REF_NAME || defaultBranch);
  return {
    owner,
    repo,
    eventName,
    headSha,
    pullRequest,
    fork,
    baseBranch,
    workflow: env.GITHUB_WORKFLOW ?? "",
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? "1",
    serverUrl,
    apiUrl,
    workspace: env.GITHUB_WORKSPACE ?? cwd,
    runUrl: owner && runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== "1" ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ""}` : null,
    blobUrl: owner && headSha ? `${serverUrl}/${owner}/${repo}/blob/${headSha}` : null,
  };
}
