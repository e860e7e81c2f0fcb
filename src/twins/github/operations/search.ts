/**
 * Search: issues and pull requests (with GitHub's common qualifiers), repositories and
 * users. Results are `{total_count, incomplete_results, items}`; the engine pages `items`.
 */
import { z } from "zod";
import { unprocessable } from "../../engine/operation.js";
import { canSee, githubOperation } from "../access.js";
import { validationFailed } from "../errors.js";
import { pageParams } from "../inputs.js";
import { matchesText, parseSearchQuery, qualifierValues, type SearchQualifier, type SearchQuery } from "./search-query.js";
import { findPull, fullName, type Issue, type Repository, type User } from "../state.js";
import { toWireIssue, toWireRepo, toWireUser } from "../wire/issues.js";

const DOCS_SEARCH = "https://docs.github.com/rest/search/search";

function requireQuery(q: string | undefined, docs: string): SearchQuery {
  if (q === undefined || q.trim() === "") {
    throw unprocessable("Validation Failed", validationFailed([{ resource: "Search", field: "q", code: "missing" }], docs));
  }
  return parseSearchQuery(q);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Each qualifier must hold (AND); a negated one must not. */
function allHold(qualifiers: SearchQualifier[], test: (value: string) => boolean): boolean {
  return qualifiers.every((q) => test(q.value) !== q.negated);
}

function repoScope(query: SearchQuery, repo: Repository): boolean {
  return (
    allHold(qualifierValues(query, "repo"), (v) => same(v, fullName(repo))) &&
    allHold(qualifierValues(query, "org", "user", "owner"), (v) => same(v, repo.owner))
  );
}

function issueMatches(query: SearchQuery, repo: Repository, issue: Issue): boolean {
  const pull = issue.pull_request ? findPull(repo, issue.number) : undefined;
  const is = (v: string): boolean => {
    switch (v.toLowerCase()) {
      case "issue":
        return !issue.pull_request;
      case "pr":
      case "pull-request":
        return issue.pull_request;
      case "open":
        return issue.state === "open";
      case "closed":
        return issue.state === "closed";
      case "merged":
        return pull?.merged === true;
      case "unmerged":
        return issue.pull_request && pull?.merged !== true && issue.state === "closed";
      case "locked":
        return issue.locked;
      case "unlocked":
        return !issue.locked;
      case "draft":
        return pull?.draft === true;
      case "public":
        return !repo.private;
      case "private":
        return repo.private;
      default:
        return false;
    }
  };
  const labelGroup = (v: string) => v.split(",").some((name) => issue.labels.some((l) => same(l, name.trim())));
  const no = (v: string) => (v === "label" ? issue.labels.length === 0 : v === "assignee" ? issue.assignees.length === 0 : v === "milestone");
  const commenter = (v: string) => issue.comments.some((c) => same(c.user, v));
  const mentions = (v: string) => [issue.body ?? "", ...issue.comments.map((c) => c.body)].some((t) => t.toLowerCase().includes(`@${v.toLowerCase()}`));
  if (
    !allHold(qualifierValues(query, "is"), is) ||
    !allHold(qualifierValues(query, "type"), (v) => is(v === "pr" ? "pr" : v)) ||
    !allHold(qualifierValues(query, "state"), (v) => same(v, issue.state)) ||
    !allHold(qualifierValues(query, "label"), labelGroup) ||
    !allHold(qualifierValues(query, "no"), (v) => no(v.toLowerCase())) ||
    !allHold(qualifierValues(query, "author"), (v) => same(v, issue.user)) ||
    !allHold(qualifierValues(query, "assignee"), (v) => issue.assignees.some((a) => same(a, v))) ||
    !allHold(qualifierValues(query, "commenter"), commenter) ||
    !allHold(qualifierValues(query, "mentions"), mentions) ||
    !allHold(qualifierValues(query, "involves"), (v) => same(v, issue.user) || issue.assignees.some((a) => same(a, v)) || commenter(v) || mentions(v)) ||
    !allHold(qualifierValues(query, "head"), (v) => pull !== undefined && same(v, pull.head.ref)) ||
    !allHold(qualifierValues(query, "base"), (v) => pull !== undefined && same(v, pull.base.ref))
  ) {
    return false;
  }
  const where = qualifierValues(query, "in").flatMap((q) => q.value.toLowerCase().split(","));
  const fields = where.length === 0 ? ["title", "body", "comments"] : where;
  return matchesText(query, [
    fields.includes("title") ? issue.title : null,
    fields.includes("body") ? issue.body : null,
    ...(fields.includes("comments") ? issue.comments.map((c) => c.body) : []),
  ]);
}

function ordered<T>(items: T[], key: (t: T) => string | number, order: "asc" | "desc", tie: (t: T) => number): T[] {
  const sign = order === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -sign : sign;
    return (tie(a) - tie(b)) * sign;
  });
}

const order = z.enum(["asc", "desc"]).default("desc");

export const searchIssues = githubOperation({
  name: "search_issues",
  description:
    "Search issues and pull requests (GET /search/issues). Supports repo:, org:, user:, is:issue|pr|open|closed|merged, state:, label:, no:, author:, assignee:, mentions:, commenter:, involves:, in:title|body|comments and free-text terms.",
  rest: [{ method: "GET", path: "/search/issues" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "items" },
  input: z.object({
    q: z.string().optional().describe('The search query, e.g. `repo:acme/api is:issue is:open label:bug "500 error"`'),
    sort: z
      .enum(["comments", "reactions", "reactions-+1", "reactions--1", "reactions-smile", "reactions-thinking_face", "reactions-heart", "reactions-tada", "interactions", "created", "updated"])
      .optional(),
    order,
    advanced_search: z.string().optional(),
    search_type: z.string().optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const query = requireQuery(input.q, `${DOCS_SEARCH}#search-issues-and-pull-requests`);
    const hits: Array<{ repo: Repository; issue: Issue }> = [];
    for (const repo of ctx.state.repositories) {
      if (!canSee(repo, ctx.actor) || !repoScope(query, repo)) continue;
      for (const issue of repo.issues) if (issueMatches(query, repo, issue)) hits.push({ repo, issue });
    }
    // `reactions-smile` etc. count one reaction content; plain `reactions` counts them all.
    const contentOf: Record<string, string> = { "reactions-+1": "+1", "reactions--1": "-1", "reactions-smile": "laugh", "reactions-thinking_face": "confused", "reactions-heart": "heart", "reactions-tada": "hooray" };
    const reactions = (h: { repo: Repository; issue: Issue }, content?: string) =>
      h.repo.reactions.filter((r) => r.subject.kind === "issue" && r.subject.id === h.issue.id && (content === undefined || r.content === content)).length;
    const key = (h: { repo: Repository; issue: Issue }): string | number => {
      if (input.sort?.startsWith("reactions-")) return reactions(h, contentOf[input.sort]);
      switch (input.sort) {
        case "comments":
          return h.issue.comments.length;
        case "reactions":
          return reactions(h);
        case "interactions":
          return h.issue.comments.length + reactions(h);
        case "created":
          return h.issue.created_at;
        default:
          // Best match has no score model here: most recently updated first.
          return h.issue.updated_at;
      }
    };
    const items = ordered(hits, key, input.sort ? input.order : "desc", (h) => h.issue.id).map((h) => ({
      ...toWireIssue(ctx.state, h.repo, h.issue),
      score: 1,
    }));
    return { total_count: items.length, incomplete_results: false, items, search_type: "lexical" };
  },
});

export const searchRepositories = githubOperation({
  name: "search_repositories",
  description: "Search repositories by name and description, with repo:, org:, user:, is:public|private and in:name|description (GET /search/repositories).",
  rest: [{ method: "GET", path: "/search/repositories" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "items" },
  input: z.object({
    q: z.string().optional().describe("The search query, e.g. `api org:acme`"),
    sort: z.enum(["stars", "forks", "help-wanted-issues", "updated"]).optional(),
    order,
    ...pageParams,
  }),
  handle(ctx, input) {
    const query = requireQuery(input.q, `${DOCS_SEARCH}#search-repositories`);
    const where = qualifierValues(query, "in").flatMap((q) => q.value.toLowerCase().split(","));
    const fields = where.length === 0 ? ["name", "description"] : where;
    const hits = ctx.state.repositories.filter(
      (repo) =>
        canSee(repo, ctx.actor) &&
        repoScope(query, repo) &&
        allHold(qualifierValues(query, "is"), (v) => (v === "private" ? repo.private : v === "public" ? !repo.private : false)) &&
        matchesText(query, [fields.includes("name") ? fullName(repo) : null, fields.includes("description") ? repo.description : null]),
    );
    const key = (r: Repository): string | number => (input.sort === "updated" ? r.updated_at : fullName(r).toLowerCase());
    const sorted = input.sort === "updated" ? ordered(hits, key, input.order, (r) => r.id) : ordered(hits, key, "asc", (r) => r.id);
    const items = sorted.map((r) => ({ ...toWireRepo(ctx.state, r, ctx.actor), score: 1 }));
    return { total_count: items.length, incomplete_results: false, items };
  },
});

export const searchUsers = githubOperation({
  name: "search_users",
  description: "Search users and organizations by login, name or email, with type:user|org and in:login|name|email (GET /search/users).",
  rest: [{ method: "GET", path: "/search/users" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "items" },
  input: z.object({
    q: z.string().optional().describe("The search query, e.g. `ali type:user`"),
    sort: z.enum(["followers", "repositories", "joined"]).optional(),
    order,
    ...pageParams,
  }),
  handle(ctx, input) {
    const query = requireQuery(input.q, `${DOCS_SEARCH}#search-users`);
    const where = qualifierValues(query, "in").flatMap((q) => q.value.toLowerCase().split(","));
    const fields = where.length === 0 ? ["login", "name", "email"] : where;
    const typeOf = (u: User) => (u.type === "Organization" ? "org" : "user");
    const hits = ctx.state.users.filter(
      (u) =>
        allHold(qualifierValues(query, "type"), (v) => v.toLowerCase() === typeOf(u)) &&
        allHold(qualifierValues(query, "user", "org"), (v) => same(v, u.login)) &&
        matchesText(query, [fields.includes("login") ? u.login : null, fields.includes("name") ? u.name : null, fields.includes("email") ? u.email : null]),
    );
    const repoCount = (u: User) => ctx.state.repositories.filter((r) => same(r.owner, u.login)).length;
    const key = (u: User): string | number => (input.sort === "repositories" ? repoCount(u) : input.sort === "joined" ? u.created_at : u.login.toLowerCase());
    const sorted = input.sort && input.sort !== "followers" ? ordered(hits, key, input.order, (u) => u.id) : ordered(hits, (u) => u.login.toLowerCase(), "asc", (u) => u.id);
    const items = sorted.map((u) => ({ ...toWireUser(ctx.state, u.login), score: 1 }));
    return { total_count: items.length, incomplete_results: false, items };
  },
});

export const searchOperations = [searchIssues, searchRepositories, searchUsers];
