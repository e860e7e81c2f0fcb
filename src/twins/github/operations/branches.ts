/**
 * Branches and branch protection. Protection (required status checks, required
 * approving reviews) is what `merge_pull_request` and direct writes are gated on.
 */
import { z } from "zod";
import { notFound, reply } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo } from "../access.js";
import { pageParams, queryBoolean, repoParams } from "../inputs.js";
import { findBranch, touchRepo, type Branch, type Repository } from "../state.js";
import { toWireBranch, toWireProtection, toWireShortBranch } from "../wire/git.js";

const BRANCH_DOCS = "https://docs.github.com/rest/branches/branches";
const PROTECTION_DOCS = "https://docs.github.com/rest/branches/branch-protection";
const branchInput = z.string().min(1).describe("The name of the branch");

function requireBranch(repo: Repository, name: string): Branch {
  const branch = findBranch(repo, name);
  if (!branch) throw notFound("Branch not found", { documentation_url: `${BRANCH_DOCS}#get-a-branch` });
  return branch;
}

export const listBranches = githubOperation({
  name: "list_branches",
  description: "List the branches of a repository (GET /repos/{owner}/{repo}/branches); `protected` filters by protection.",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/branches" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, protected: queryBoolean.optional(), ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return [...repo.branches]
      .filter((b) => input.protected === undefined || (b.protection !== null) === input.protected)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((b) => toWireShortBranch(repo, b));
  },
});

export const getBranch = githubOperation({
  name: "get_branch",
  description: "Get a branch with its head commit and protection summary (GET /repos/{owner}/{repo}/branches/{branch}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/branches/{branch+}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, branch: branchInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return toWireBranch(ctx.state, repo, requireBranch(repo, input.branch));
  },
});

export const getBranchProtection = githubOperation({
  name: "get_branch_protection",
  description: "Get a branch's protection (admin only); 404 \"Branch not protected\" when it has none (GET /repos/{owner}/{repo}/branches/{branch}/protection).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/branches/{branch}/protection" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, branch: branchInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "admin");
    const branch = requireBranch(repo, input.branch);
    if (!branch.protection) throw notFound("Branch not protected", { documentation_url: `${PROTECTION_DOCS}#get-branch-protection` });
    return toWireProtection(repo, branch);
  },
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

export const updateBranchProtection = githubOperation({
  name: "update_branch_protection",
  description:
    "Protect a branch: required status check contexts (optionally strict), required approving review count, admin enforcement (PUT /repos/{owner}/{repo}/branches/{branch}/protection).",
  rest: [{ method: "PUT", path: "/repos/{owner}/{repo}/branches/{branch}/protection" }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    branch: branchInput,
    required_status_checks: nullable(
      z.object({
        strict: z.boolean(),
        contexts: z.array(z.string()).optional(),
        checks: z.array(z.object({ context: z.string(), app_id: z.number().int().optional() })).optional(),
      }),
    ),
    enforce_admins: z.boolean().nullable(),
    required_pull_request_reviews: nullable(
      z.object({
        required_approving_review_count: z.number().int().min(0).max(6).default(1),
        dismiss_stale_reviews: z.boolean().optional(),
        require_code_owner_reviews: z.boolean().optional(),
        require_last_push_approval: z.boolean().optional(),
        dismissal_restrictions: z.unknown().optional(),
        bypass_pull_request_allowances: z.unknown().optional(),
      }),
    ),
    restrictions: z.unknown().nullable(),
    required_linear_history: z.boolean().optional(),
    allow_force_pushes: z.boolean().nullable().optional(),
    allow_deletions: z.boolean().optional(),
    block_creations: z.boolean().optional(),
    required_conversation_resolution: z.boolean().optional(),
    lock_branch: z.boolean().optional(),
    allow_fork_syncing: z.boolean().optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "admin");
    const branch = requireBranch(repo, input.branch);
    const checks = input.required_status_checks;
    const contexts = checks ? [...new Set([...(checks.contexts ?? []), ...(checks.checks ?? []).map((c) => c.context)])] : [];
    branch.protection = {
      required_status_checks: checks ? { strict: checks.strict, contexts } : null,
      required_pull_request_reviews: input.required_pull_request_reviews
        ? { required_approving_review_count: input.required_pull_request_reviews.required_approving_review_count }
        : null,
      enforce_admins: input.enforce_admins ?? false,
    };
    touchRepo(repo, ctx.clock);
    return toWireProtection(repo, branch);
  },
});

export const deleteBranchProtection = githubOperation({
  name: "delete_branch_protection",
  description: "Remove a branch's protection (DELETE /repos/{owner}/{repo}/branches/{branch}/protection).",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/branches/{branch}/protection", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, branch: branchInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "admin");
    const branch = requireBranch(repo, input.branch);
    if (!branch.protection) throw notFound("Branch not protected", { documentation_url: `${PROTECTION_DOCS}#delete-branch-protection` });
    branch.protection = null;
    touchRepo(repo, ctx.clock);
    return reply(204, null);
  },
});

export const branchOperations = [listBranches, getBranch, getBranchProtection, updateBranchProtection, deleteBranchProtection];
