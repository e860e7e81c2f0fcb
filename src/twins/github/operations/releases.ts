/** Tags and releases: list tags; list, get (by id, by tag, latest) and create releases. */
import { z } from "zod";
import { notFound, unprocessable } from "../../engine/operation.js";
import { githubOperation, requirePermission, visibleRepo } from "../access.js";
import { pageParams, pathNumber, repoParams } from "../inputs.js";
import { checkReleaseBody } from "../limits.js";
import { allocateId, fullName, hasPermission, resolveRef, touchRepo, type GitHubState, type Release, type Repository } from "../state.js";
import { API, WEB, nodeId, reactionRollup, toWireUser } from "../wire/issues.js";

const RELEASES_DOCS = "https://docs.github.com/rest/releases/releases";

/** `release`. */
function toWireRelease(state: GitHubState, repo: Repository, release: Release) {
  const api = `${API}/repos/${fullName(repo)}`;
  const url = `${api}/releases/${release.id}`;
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `https://uploads.github.com/repos/${fullName(repo)}/releases/${release.id}/assets{?name,label}`,
    html_url: `${WEB}/${fullName(repo)}/releases/tag/${encodeURIComponent(release.tag_name)}`,
    id: release.id,
    author: toWireUser(state, release.author),
    node_id: nodeId("Release", release.id),
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.created_at,
    published_at: release.published_at,
    assets: [] as unknown[],
    tarball_url: `${api}/tarball/${release.tag_name}`,
    zipball_url: `${api}/zipball/${release.tag_name}`,
    body: release.body,
    reactions: reactionRollup(repo, "release", release.id, url),
  };
}

/** Newest first, as GitHub lists releases. */
function newestFirst(repo: Repository): Release[] {
  return [...repo.releases].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id));
}

/** Drafts are visible only to users with push access. */
function visibleReleases(repo: Repository, canPush: boolean): Release[] {
  return newestFirst(repo).filter((r) => canPush || !r.draft);
}

export const listTags = githubOperation({
  name: "list_tags",
  description: "List the repository's tags (GET /repos/{owner}/{repo}/tags).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/tags" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const api = `${API}/repos/${fullName(repo)}`;
    return [...repo.tags]
      .sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
      .map((tag) => ({
        name: tag.name,
        commit: { sha: tag.sha, url: `${api}/commits/${tag.sha}` },
        zipball_url: `${api}/zipball/refs/tags/${tag.name}`,
        tarball_url: `${api}/tarball/refs/tags/${tag.name}`,
        node_id: nodeId("Ref", `${repo.id}:refs/tags/${tag.name}`),
      }));
  },
});

export const listReleases = githubOperation({
  name: "list_releases",
  description: "List releases, newest first; drafts only for users with push access (GET /repos/{owner}/{repo}/releases).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/releases" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ ...repoParams, ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    return visibleReleases(repo, hasPermission(repo, ctx.actor, "push")).map((r) => toWireRelease(ctx.state, repo, r));
  },
});

export const getLatestRelease = githubOperation({
  name: "get_latest_release",
  description: "The most recent published release that is not a draft or prerelease (GET /repos/{owner}/{repo}/releases/latest).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/releases/latest" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const latest = newestFirst(repo).find((r) => !r.draft && !r.prerelease);
    if (!latest) throw notFound("Not Found", { documentation_url: RELEASES_DOCS });
    return toWireRelease(ctx.state, repo, latest);
  },
});

export const getReleaseByTag = githubOperation({
  name: "get_release_by_tag",
  description: "Get a published release by its tag name (GET /repos/{owner}/{repo}/releases/tags/{tag}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/releases/tags/{tag}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, tag: z.string().min(1) }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const release = repo.releases.find((r) => r.tag_name === input.tag && !r.draft);
    if (!release) throw notFound("Not Found", { documentation_url: RELEASES_DOCS });
    return toWireRelease(ctx.state, repo, release);
  },
});

export const getRelease = githubOperation({
  name: "get_release",
  description: "Get a release by id (GET /repos/{owner}/{repo}/releases/{release_id}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/releases/{release_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, release_id: pathNumber("The unique identifier of the release") }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const release = repo.releases.find((r) => r.id === input.release_id);
    if (!release) throw notFound("Not Found", { documentation_url: RELEASES_DOCS });
    return toWireRelease(ctx.state, repo, release);
  },
});

export const createRelease = githubOperation({
  name: "create_release",
  description:
    "Create a release for a tag; a published release creates the tag at `target_commitish` (default: the default branch) when it does not exist (POST /repos/{owner}/{repo}/releases).",
  rest: [{ method: "POST", path: "/repos/{owner}/{repo}/releases", status: 201 }],
  tier: "semantic",
  mutates: true,
  input: z.object({
    ...repoParams,
    tag_name: z.string().min(1),
    target_commitish: z.string().min(1).optional(),
    name: z.string().nullish(),
    body: z.string().nullish(),
    draft: z.boolean().default(false),
    prerelease: z.boolean().default(false),
    make_latest: z.enum(["true", "false", "legacy"]).optional(),
    generate_release_notes: z.boolean().optional(),
    discussion_category_name: z.string().optional(),
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    requirePermission(ctx, repo, "push");
    checkReleaseBody(input.body, RELEASES_DOCS);
    if (repo.releases.some((r) => r.tag_name === input.tag_name)) {
      throw unprocessable("Validation Failed", { errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }], documentation_url: RELEASES_DOCS });
    }
    const target = input.target_commitish ?? repo.default_branch;
    const existingTag = repo.tags.find((t) => t.name === input.tag_name);
    const sha = existingTag?.sha ?? resolveRef(repo, target);
    if (!sha) throw unprocessable("Validation Failed", { errors: [{ resource: "Release", code: "invalid", field: "target_commitish" }], documentation_url: RELEASES_DOCS });
    const now = ctx.clock.now();
    if (!existingTag && !input.draft) repo.tags.push({ name: input.tag_name, sha });
    const release: Release = {
      id: allocateId(ctx.state, ctx.ids, "release"),
      tag_name: input.tag_name,
      target_commitish: target,
      name: input.name ?? null,
      body: input.body ?? null,
      draft: input.draft,
      prerelease: input.prerelease,
      author: ctx.actor,
      created_at: now,
      published_at: input.draft ? null : now,
    };
    repo.releases.push(release);
    touchRepo(repo, ctx.clock, !existingTag && !input.draft);
    return toWireRelease(ctx.state, repo, release);
  },
});

export const releaseOperations = [listTags, listReleases, getLatestRelease, getReleaseByTag, getRelease, createRelease];
