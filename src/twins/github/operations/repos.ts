/** Repositories: get one, list an organization's, a user's, and the authenticated user's. */
import { z } from "zod";
import { notFound } from "../../engine/operation.js";
import { canSee, githubOperation, visibleRepo, type GitHubContext } from "../access.js";
import { direction, pageParams, repoParams } from "../inputs.js";
import { findUser, fullName, permissionOf, type Repository } from "../state.js";
import { toWireRepo } from "../wire/issues.js";

type RepoSort = "created" | "updated" | "pushed" | "full_name";

/** GitHub's default direction: ascending for full_name, descending otherwise. */
function sortRepos(repos: Repository[], sort: RepoSort, dir: "asc" | "desc" | undefined): Repository[] {
  const key = (r: Repository) => (sort === "full_name" ? fullName(r).toLowerCase() : sort === "created" ? r.created_at : sort === "updated" ? r.updated_at : r.pushed_at);
  const order = dir ?? (sort === "full_name" ? "asc" : "desc");
  const sign = order === "asc" ? 1 : -1;
  return [...repos].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -sign : sign;
    return (a.id - b.id) * sign;
  });
}

const sortInput = z.enum(["created", "updated", "pushed", "full_name"]).optional();

function wireList(ctx: GitHubContext, repos: Repository[]) {
  return repos.map((r) => toWireRepo(ctx.state, r, ctx.actor));
}

export const getRepository = githubOperation({
  name: "get_repository",
  description: "Get a repository (GET /repos/{owner}/{repo}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}" }],
  tier: "semantic",
  mutates: false,
  input: z.object(repoParams),
  handle(ctx, input) {
    return toWireRepo(ctx.state, visibleRepo(ctx, input.owner, input.repo), ctx.actor);
  },
});

export const listOrgRepositories = githubOperation({
  name: "list_org_repositories",
  description: "List an organization's repositories (GET /orgs/{org}/repos).",
  rest: [{ method: "GET", path: "/orgs/{org}/repos" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    org: z.string().min(1).describe("The organization name (case-insensitive)"),
    type: z.enum(["all", "public", "private", "forks", "sources", "member"]).default("all"),
    sort: sortInput,
    direction: direction.optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const org = findUser(ctx.state, input.org);
    if (!org || org.type !== "Organization") throw notFound();
    const repos = ctx.state.repositories.filter((r) => {
      if (r.owner.toLowerCase() !== org.login.toLowerCase() || !canSee(r, ctx.actor)) return false;
      if (input.type === "public") return !r.private;
      if (input.type === "private") return r.private;
      if (input.type === "forks") return false;
      if (input.type === "member") return permissionOf(r, ctx.actor) !== null;
      return true;
    });
    return wireList(ctx, sortRepos(repos, input.sort ?? "created", input.direction));
  },
});

export const listUserRepositories = githubOperation({
  name: "list_user_repositories",
  description: "List public repositories of a user (GET /users/{username}/repos).",
  rest: [{ method: "GET", path: "/users/{username}/repos" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    username: z.string().min(1).describe("The handle for the GitHub user account"),
    type: z.enum(["all", "owner", "member"]).default("owner"),
    sort: sortInput,
    direction: direction.optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const user = findUser(ctx.state, input.username);
    if (!user) throw notFound();
    const login = user.login.toLowerCase();
    // This endpoint lists public repositories only, whoever asks.
    const repos = ctx.state.repositories.filter((r) => {
      if (r.private) return false;
      const owns = r.owner.toLowerCase() === login;
      const member = !owns && permissionOf(r, user.login) !== null;
      return input.type === "owner" ? owns : input.type === "member" ? member : owns || member;
    });
    return wireList(ctx, sortRepos(repos, input.sort ?? "full_name", input.direction));
  },
});

export const listMyRepositories = githubOperation({
  name: "list_my_repositories",
  description: "List repositories the authenticated user can access (GET /user/repos).",
  rest: [{ method: "GET", path: "/user/repos" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    visibility: z.enum(["all", "public", "private"]).default("all"),
    affiliation: z.string().default("owner,collaborator,organization_member"),
    sort: sortInput,
    direction: direction.optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const me = ctx.actor.toLowerCase();
    const affiliations = new Set(input.affiliation.split(",").map((a) => a.trim()));
    const repos = ctx.state.repositories.filter((r) => {
      if (input.visibility === "public" && r.private) return false;
      if (input.visibility === "private" && !r.private) return false;
      const owns = r.owner.toLowerCase() === me;
      const collaborates = !owns && permissionOf(r, ctx.actor) !== null;
      return (owns && affiliations.has("owner")) || (collaborates && affiliations.has("collaborator"));
    });
    return wireList(ctx, sortRepos(repos, input.sort ?? "full_name", input.direction));
  },
});

export const repositoryOperations = [getRepository, listOrgRepositories, listUserRepositories, listMyRepositories];
