/**
 * Git references: create a branch (or tag) at a commit — the new branch has that commit's
 * tree —, read, list by prefix, move, delete. Deleting a branch closes the open pull
 * requests built on it, as GitHub does.
 */
import { z } from "zod";
import { notFound, reply, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo, type GitHubContext } from "../access.js";
import { isAncestor, moveBranch, syncPullRefs } from "../git/history.js";
import { repoParams } from "../inputs.js";
import { findBranch, hasPermission, touchRepo, type Repository } from "../state.js";
import { toWireRef } from "../wire/git.js";

const REFS_DOCS = "https://docs.github.com/rest/git/refs";

function refError(message: string) {
  return unprocessable(message, { documentation_url: REFS_DOCS });
}

/** Git's ref-name rules, enough to refuse what git refuses. */
function validRefName(name: string): boolean {
  if (name === "" || name === "@" || name.endsWith("/") || name.endsWith(".") || name.endsWith(".lock")) return false;
  if (/\.\.|@\{|[\s~^:?*[\\\x00-\x1f\x7f]|\/\/|(^|\/)\./.test(name)) return false;
  return true;
}

/** Every ref of a repository as `[full name, sha]`, sorted like git (branches, then tags). */
function allRefs(repo: Repository): Array<[string, string]> {
  const heads = repo.branches.map((b) => [`refs/heads/${b.name}`, b.sha] as [string, string]);
  const tags = repo.tags.map((t) => [`refs/tags/${t.name}`, t.sha] as [string, string]);
  return [...heads, ...tags].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** `heads/x`, `refs/heads/x` → `refs/heads/x`. */
function fullRef(ref: string): string {
  return ref.startsWith("refs/") ? ref : `refs/${ref}`;
}

function lookupRef(repo: Repository, ref: string): string | undefined {
  const full = fullRef(ref);
  return allRefs(repo).find(([name]) => name === full)?.[1];
}

/** Closing PRs whose branch disappeared (GitHub closes them when the head or base branch is deleted). */
function closePullsOn(ctx: GitHubContext, repo: Repository, branch: string): void {
  const now = ctx.clock.now();
  for (const pull of repo.pull_requests) {
    const issue = repo.issues.find((i) => i.number === pull.number);
    if (!issue || issue.state !== "open" || pull.merged) continue;
    if (pull.head.ref !== branch && pull.base.ref !== branch) continue;
    Object.assign(issue, { state: "closed", closed_at: now, closed_by: ctx.actor, updated_at: now });
  }
}

/** A ref update or delete on a protected branch: GitHub's 422, unless an admin may bypass it. */
export function guardProtected(ctx: GitHubContext, repo: Repository, name: string, verb: "update" | "delete"): void {
  const protection = findBranch(repo, name)?.protection;
  if (!protection || (!protection.enforce_admins && hasPermission(repo, ctx.actor, "admin"))) return;
  throw refError(verb === "delete" ? "Cannot delete this protected branch" : `Protected branch update failed for refs/heads/${name}.`);
}

export const createBranch = githubOperation({
  name: "create_branch",
  description:
    "Create a git reference (POST /repos/{owner}/{repo}/git/refs): `ref` (refs/heads/<name> or refs/tags/<name>) at `sha`. MCP callers may instead give `branch` and optional `from_branch` (default: the default branch).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/git/refs", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    ref: z.string().optional().describe("The fully qualified reference name, e.g. refs/heads/feature"),
    sha: z.string().optional().describe("The SHA1 value the reference points at"),
    branch: z.string().optional().describe("Name of the branch to create (instead of `ref`)"),
    from_branch: z.string().optional().describe("Branch to create it from (with `branch`; default: the default branch)"),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const ref = input.ref ?? (input.branch !== undefined ? `refs/heads/${input.branch.replace(/^refs\/heads\//, "")}` : undefined);
    if (ref === undefined) throw unprocessable(`Invalid request.\n\n"ref" wasn't supplied.`, { documentation_url: REFS_DOCS });
    if (!ref.startsWith("refs/") || ref.split("/").length < 3) {
      throw refError("Reference name must start with 'refs/' and have at least two slashes.");
    }
    const kind = ref.startsWith("refs/heads/") ? "branch" : ref.startsWith("refs/tags/") ? "tag" : null;
    const name = ref.replace(/^refs\/(heads|tags)\//, "");
    if (kind === null || !validRefName(name)) throw refError(`${ref} is not a valid ref name.`);
    let sha: string | undefined;
    if (input.sha !== undefined) sha = repo.commits[input.sha.toLowerCase()] ? input.sha.toLowerCase() : undefined;
    else if (input.ref === undefined) {
      const from = input.from_branch ?? repo.default_branch;
      const source = findBranch(repo, from);
      if (!source) throw notFound(`Branch ${from} not found`, { documentation_url: REFS_DOCS });
      sha = source.sha;
    } else throw unprocessable(`Invalid request.\n\n"sha" wasn't supplied.`, { documentation_url: REFS_DOCS });
    if (!sha) throw refError("Object does not exist");
    if (lookupRef(repo, ref) !== undefined) throw refError("Reference already exists");
    if (kind === "branch") moveBranch(repo, name, sha, ctx.clock);
    else {
      repo.tags.push({ name, sha });
      touchRepo(repo, ctx.clock, true);
    }
    return toWireRef(repo, ref, sha);
  },
});

export const getRef = githubOperation({
  name: "get_ref",
  description: "Get a git reference such as heads/main or tags/v1.0 (GET /repos/{owner}/{repo}/git/ref/{ref}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/git/ref/{ref+}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, ref: z.string().min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = lookupRef(repo, input.ref);
    if (sha === undefined) throw notFound("Not Found", { documentation_url: REFS_DOCS });
    return toWireRef(repo, fullRef(input.ref), sha);
  },
});

export const listMatchingRefs = githubOperation({
  name: "list_matching_refs",
  description: "List the git references whose name starts with a prefix such as heads/ or tags/v1 (GET /repos/{owner}/{repo}/git/matching-refs/{ref}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/git/matching-refs/{ref+}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, ref: z.string().default("") }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const prefix = fullRef(input.ref);
    return allRefs(repo)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, sha]) => toWireRef(repo, name, sha));
  },
});

export const updateRef = githubOperation({
  name: "update_ref",
  description: "Point a branch at another commit; refused unless a fast-forward or `force` (PATCH /repos/{owner}/{repo}/git/refs/{ref}).",
  rest: [{ method: "PATCH", path: "/repos/{owner}/{repo}/git/refs/{ref+}" }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, ref: z.string().min(1), sha: z.string().min(1), force: z.boolean().default(false) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const full = fullRef(input.ref);
    const current = lookupRef(repo, full);
    if (current === undefined) throw refError("Reference does not exist");
    const sha = input.sha.toLowerCase();
    if (!repo.commits[sha]) throw refError("Object does not exist");
    if (!input.force && !isAncestor(repo, current, sha)) throw refError("Update is not a fast forward");
    if (full.startsWith("refs/heads/")) {
      const name = full.slice("refs/heads/".length);
      guardProtected(ctx, repo, name, "update");
      moveBranch(repo, name, sha, ctx.clock);
    } else {
      repo.tags.find((t) => `refs/tags/${t.name}` === full)!.sha = sha;
      touchRepo(repo, ctx.clock, true);
    }
    return toWireRef(repo, full, sha);
  },
});

export const deleteBranch = githubOperation({
  name: "delete_branch",
  description: "Delete a git reference such as heads/feature or tags/v1 (DELETE /repos/{owner}/{repo}/git/refs/{ref}); open PRs on a deleted branch are closed.",
  rest: [{ method: "DELETE", path: "/repos/{owner}/{repo}/git/refs/{ref+}", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ ...repoParams, ref: z.string().min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    const full = fullRef(input.ref);
    if (lookupRef(repo, full) === undefined) throw refError("Reference does not exist");
    if (full.startsWith("refs/heads/")) {
      const name = full.slice("refs/heads/".length);
      if (name === repo.default_branch) throw refError("Cannot delete the default branch");
      guardProtected(ctx, repo, name, "delete");
      closePullsOn(ctx, repo, name);
      repo.branches = repo.branches.filter((b) => b.name !== name);
      syncPullRefs(repo);
    } else {
      repo.tags = repo.tags.filter((t) => `refs/tags/${t.name}` !== full);
    }
    touchRepo(repo, ctx.clock, true);
    return reply(204, null);
  },
});

export const refOperations = [createBranch, getRef, listMatchingRefs, updateRef, deleteBranch];
