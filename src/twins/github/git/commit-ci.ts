/**
 * What CI says about a commit: the newest status per context, the combined state (GitHub's
 * rules), the newest check run per name, check suites, and whether a required context
 * has passed. The merge gate and the status/check endpoints share these rules.
 */
import type { CheckRun, CommitStatus, CommitStatusState, Repository } from "../state.js";

/** The newest status of each context on `sha`, newest first. */
export function latestStatuses(repo: Repository, sha: string): CommitStatus[] {
  const byContext = new Map<string, CommitStatus>();
  for (const status of repo.statuses) {
    if (status.sha !== sha) continue;
    const seen = byContext.get(status.context);
    if (!seen || status.id >= seen.id) byContext.set(status.context, status);
  }
  return [...byContext.values()].sort((a, b) => b.id - a.id);
}

/**
 * GitHub's combined state: `failure` if any context reports error or failure, `pending`
 * if there are no statuses or any is pending, otherwise `success`.
 */
export function combinedState(statuses: CommitStatus[]): CommitStatusState {
  if (statuses.some((s) => s.state === "error" || s.state === "failure")) return "failure";
  if (statuses.length === 0 || statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

/** The newest check run of each name on `sha`. */
export function latestCheckRuns(repo: Repository, sha: string): CheckRun[] {
  const byName = new Map<string, CheckRun>();
  for (const run of repo.check_runs) {
    if (run.head_sha !== sha) continue;
    const seen = byName.get(run.name);
    if (!seen || run.id >= seen.id) byName.set(run.name, run);
  }
  return [...byName.values()];
}

const PASSING_CONCLUSIONS = new Set(["success", "neutral", "skipped"]);

export type ContextVerdict = "passed" | "failing" | "expected";

/**
 * A required context is satisfied by a commit status of that context or a check run of
 * that name (the newest status wins when both exist, as the protection UI shows it).
 */
export function contextVerdict(repo: Repository, sha: string, context: string): ContextVerdict {
  const status = latestStatuses(repo, sha).find((s) => s.context === context);
  if (status) return status.state === "success" ? "passed" : status.state === "pending" ? "expected" : "failing";
  const run = latestCheckRuns(repo, sha).find((r) => r.name === context);
  if (!run) return "expected";
  if (run.status !== "completed") return "expected";
  return PASSING_CONCLUSIONS.has(run.conclusion ?? "") ? "passed" : "failing";
}

/** True when some status or completed check run on `sha` did not pass (GitHub's `unstable`). */
export function hasFailingChecks(repo: Repository, sha: string): boolean {
  const failingStatus = latestStatuses(repo, sha).some((s) => s.state === "error" || s.state === "failure");
  const failingRun = latestCheckRuns(repo, sha).some((r) => r.status === "completed" && !PASSING_CONCLUSIONS.has(r.conclusion ?? ""));
  return failingStatus || failingRun;
}

/** Worst-first order in which run conclusions roll up into a suite's (success outranks neutral/skipped). */
const CONCLUSION_RANK = ["action_required", "startup_failure", "timed_out", "cancelled", "failure", "stale", "success", "neutral", "skipped"];

export interface SuiteSummary {
  id: number;
  head_sha: string;
  runs: CheckRun[];
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  created_at: string | null;
  updated_at: string | null;
}

/** Check suites of `sha` (one per head sha: every run of the twin's single app shares it). */
export function suitesFor(repo: Repository, sha: string): SuiteSummary[] {
  const bySuite = new Map<number, CheckRun[]>();
  for (const run of repo.check_runs) {
    if (run.head_sha !== sha) continue;
    bySuite.set(run.check_suite_id, [...(bySuite.get(run.check_suite_id) ?? []), run]);
  }
  return [...bySuite.entries()].map(([id, runs]) => {
    const latest = [...new Map(runs.map((r) => [r.name, r])).values()];
    const completed = latest.every((r) => r.status === "completed");
    const started = latest.some((r) => r.status !== "queued");
    let conclusion: string | null = null;
    if (completed) {
      const conclusions = latest.map((r) => r.conclusion ?? "neutral");
      conclusion = CONCLUSION_RANK.find((c) => conclusions.includes(c)) ?? "neutral";
    }
    const times = runs.flatMap((r) => [r.started_at, r.completed_at]).filter((t): t is string => t !== null).sort();
    return {
      id,
      head_sha: sha,
      runs,
      status: completed ? "completed" : started ? "in_progress" : "queued",
      conclusion,
      created_at: times[0] ?? null,
      updated_at: times[times.length - 1] ?? null,
    };
  });
}
