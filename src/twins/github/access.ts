/**
 * Who may see and change what: GitHub hides private repositories (404) from users without
 * access and refuses writes (403) to users below the needed permission.
 */
import { forbidden, notFound, type Operation, type OperationContext } from "../engine/operation.js";
import { findRepo, hasPermission, permissionOf, type GitHubState, type Permission, type Repository } from "./state.js";

export type GitHubContext = OperationContext<GitHubState>;

/** A repository the actor can see, else GitHub's 404. */
export function visibleRepo(ctx: GitHubContext, owner: string, name: string): Repository {
  const repo = findRepo(ctx.state, owner, name);
  if (!repo || !canSee(repo, ctx.actor)) throw notFound();
  return repo;
}

export function canSee(repo: Repository, login: string): boolean {
  return !repo.private || permissionOf(repo, login) !== null;
}

const NEEDS: Record<Permission, string> = {
  pull: "Must have read access to repository.",
  triage: "Must have triage access to repository.",
  push: "Must have push access to repository.",
  maintain: "Must have maintain access to repository.",
  admin: "Must have admin rights to Repository.",
};

/** Throw GitHub's 403 unless the actor holds at least `permission` on the repository. */
export function requirePermission(ctx: GitHubContext, repo: Repository, permission: Permission): void {
  if (!hasPermission(repo, ctx.actor, permission)) throw forbidden(NEEDS[permission]);
}

/** `defineOperation` with the state type fixed, so handlers infer their input from the schema. */
export function githubOperation<I>(op: Operation<GitHubState, I>): Operation<GitHubState, I> {
  return op;
}
