/**
 * A pull request's git view (its files and commits) and whether it can be merged:
 * conflicts, draft state, and the base branch's protection (required status checks and
 * approving reviews). `merge_pull_request` and the PR's `mergeable_state` read the same
 * rules, so what an agent sees on `get_pull_request` predicts what a merge does.
 */
import type { FileChange } from "./diff.js";
import { contextVerdict, hasFailingChecks } from "./commit-ci.js";
import { commitsBetween, isAncestor, mergeBase, mergeCommits, treeChanges } from "./history.js";
import { findBranch, hasPermission, type Commit, type Issue, type PullRequest, type Repository } from "../state.js";

/** The files a PR changes: its head against the merge base (GitHub's three-dot diff). */
export function pullChanges(repo: Repository, pull: PullRequest): FileChange[] {
  const base = mergeBase(repo, pull.base.sha, pull.head.sha);
  return treeChanges(repo, base ? repo.commits[base].tree : {}, repo.commits[pull.head.sha]?.tree ?? {});
}

/** The commits a PR brings, oldest first (kept after a merge: `base.sha` freezes then). */
export function pullCommits(repo: Repository, pull: PullRequest): Commit[] {
  return commitsBetween(repo, pull.base.sha, pull.head.sha);
}

const PROTECTION_DOCS = "https://docs.github.com/articles/about-protected-branches";

export interface MergeBlock {
  message: string;
  documentation_url?: string;
}

/** Approvals that count: each reviewer's latest approve/request-changes, from users with write access. */
function reviewTally(repo: Repository, pull: PullRequest): { approvals: number; changesRequested: number } {
  const latest = new Map<string, string>();
  for (const review of pull.reviews) {
    if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED" || review.state === "DISMISSED") {
      latest.set(review.user.toLowerCase(), review.state);
    }
  }
  let approvals = 0;
  let changesRequested = 0;
  for (const [login, state] of latest) {
    if (!hasPermission(repo, login, "push")) continue;
    if (state === "APPROVED") approvals += 1;
    if (state === "CHANGES_REQUESTED") changesRequested += 1;
  }
  return { approvals, changesRequested };
}

/** What the base branch's protection says about merging this PR now (null = nothing blocks). */
export function protectionBlock(repo: Repository, pull: PullRequest, actor: string): MergeBlock | null {
  const protection = findBranch(repo, pull.base.ref)?.protection;
  if (!protection) return null;
  // Admins bypass protection unless it is enforced for them too.
  if (!protection.enforce_admins && hasPermission(repo, actor, "admin")) return null;
  const reviews = protection.required_pull_request_reviews;
  if (reviews && reviews.required_approving_review_count > 0) {
    const { approvals, changesRequested } = reviewTally(repo, pull);
    const needed = reviews.required_approving_review_count;
    if (changesRequested > 0) return { message: "Pull Request is not mergeable", documentation_url: PROTECTION_DOCS };
    if (approvals < needed) {
      const noun = needed === 1 ? "approving review is" : "approving reviews are";
      return { message: `At least ${needed} ${noun} required by reviewers with write access.`, documentation_url: PROTECTION_DOCS };
    }
  }
  const checks = protection.required_status_checks;
  if (checks) {
    const verdicts = checks.contexts.map((context) => ({ context, verdict: contextVerdict(repo, pull.head.sha, context) }));
    const failing = verdicts.filter((v) => v.verdict === "failing");
    const expected = verdicts.filter((v) => v.verdict === "expected");
    if (failing.length > 0) return { message: `Required status check "${failing[0].context}" is failing.`, documentation_url: PROTECTION_DOCS };
    if (expected.length === 1) return { message: `Required status check "${expected[0].context}" is expected.`, documentation_url: PROTECTION_DOCS };
    if (expected.length > 1) {
      return { message: `${expected.length} of ${verdicts.length} required status checks are expected.`, documentation_url: PROTECTION_DOCS };
    }
    if (checks.strict && !isAncestor(repo, pull.base.sha, pull.head.sha)) {
      return { message: "Head branch is out of date. Review and try the merge again.", documentation_url: PROTECTION_DOCS };
    }
  }
  return null;
}

export function hasConflicts(repo: Repository, pull: PullRequest): boolean {
  return mergeCommits(repo, pull.base.sha, pull.head.sha, false).conflicts.length > 0;
}

export interface Mergeability {
  mergeable: boolean | null;
  rebaseable: boolean | null;
  mergeable_state: "clean" | "dirty" | "blocked" | "behind" | "unstable" | "draft" | "unknown";
}

/** The PR's `mergeable` / `mergeable_state` as the viewer would see them on GitHub. */
export function mergeability(repo: Repository, pull: PullRequest, issue: Issue, viewer: string): Mergeability {
  if (pull.merged || issue.state === "closed") return { mergeable: null, rebaseable: null, mergeable_state: "unknown" };
  if (hasConflicts(repo, pull)) return { mergeable: false, rebaseable: false, mergeable_state: "dirty" };
  if (pull.draft) return { mergeable: true, rebaseable: true, mergeable_state: "draft" };
  const block = protectionBlock(repo, pull, viewer);
  if (block) return { mergeable: true, rebaseable: true, mergeable_state: block.message.startsWith("Head branch") ? "behind" : "blocked" };
  if (hasFailingChecks(repo, pull.head.sha)) return { mergeable: true, rebaseable: true, mergeable_state: "unstable" };
  return { mergeable: true, rebaseable: true, mergeable_state: "clean" };
}
