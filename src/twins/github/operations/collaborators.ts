/** Collaborators: list, check membership (204/404), and one user's permission. */
import { z } from "zod";
import { notFound, reply } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo } from "../access.js";
import { pageParams, repoParams } from "../inputs.js";
import { findUser, permissionOf, type GitHubState, type Permission } from "../state.js";
import { permissionFlags, toWireUser } from "../wire/issues.js";

/** GitHub's role names: `push` is "write", `pull` is "read". */
const ROLE: Record<Permission, string> = { admin: "admin", maintain: "maintain", push: "write", triage: "triage", pull: "read" };
/** The legacy `permission` field of the permission endpoint knows only admin/write/read/none. */
const LEGACY: Record<Permission, string> = { admin: "admin", maintain: "write", push: "write", triage: "read", pull: "read" };

function toWireCollaborator(state: GitHubState, login: string, permission: Permission | null) {
  return {
    ...toWireUser(state, login),
    permissions: permissionFlags(permission),
    role_name: permission ? ROLE[permission] : "none",
  };
}

const usernameInput = z.string().min(1).describe("The handle for the GitHub user account");

export const listCollaborators = githubOperation({
  name: "list_collaborators",
  description: "List repository collaborators with their permissions (GET /repos/{owner}/{repo}/collaborators).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/collaborators" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    ...repoParams,
    affiliation: z.enum(["outside", "direct", "all"]).default("all"),
    permission: z.enum(["pull", "triage", "push", "maintain", "admin"]).optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    // GitHub: "the authenticated user must have write, maintain, or admin privileges".
    requirePermission(ctx, repo, "push");
    const wanted = input.permission;
    return [...repo.collaborators]
      .sort((a, b) => a.login.toLowerCase().localeCompare(b.login.toLowerCase()))
      .filter((c) => wanted === undefined || c.permission === wanted)
      .map((c) => toWireCollaborator(ctx.state, c.login, c.permission));
  },
});

export const checkCollaborator = githubOperation({
  name: "check_collaborator",
  description: "Check whether a user is a repository collaborator: 204 if so, 404 if not (GET /repos/{owner}/{repo}/collaborators/{username}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/collaborators/{username}", status: 204 }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, username: usernameInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    if (!repo.collaborators.some((c) => c.login.toLowerCase() === input.username.toLowerCase())) throw notFound();
    return reply(204, null);
  },
});

export const getCollaboratorPermission = githubOperation({
  name: "get_collaborator_permission",
  description: "Get a user's permission on a repository (GET /repos/{owner}/{repo}/collaborators/{username}/permission).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/collaborators/{username}/permission" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, username: usernameInput }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const user = findUser(ctx.state, input.username);
    if (!user) throw notFound();
    // Anyone can read a public repository; nobody outside can read a private one.
    const granted = permissionOf(repo, user.login);
    const effective: Permission | null = granted ?? (repo.private ? null : "pull");
    return {
      permission: effective ? LEGACY[effective] : "none",
      role_name: effective ? ROLE[effective] : "none",
      user: toWireCollaborator(ctx.state, user.login, effective),
    };
  },
});

export const collaboratorOperations = [listCollaborators, checkCollaborator, getCollaboratorPermission];
