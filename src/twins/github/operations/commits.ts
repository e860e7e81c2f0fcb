/** Commits: history of a branch or sha (optionally touching a path), one commit with its files, and compare. */
import { z } from "zod";
import { conflict, notFound, unprocessable } from "../../engine/operation.js";
import { githubOperation, visibleRepo } from "../access.js";
import { unifiedDiff } from "../git/diff.js";
import { commitChanges, commitsBetween, mergeBase, reachable, treeChanges } from "../git/history.js";
import { isoTimestamp, pageParams, repoParams } from "../inputs.js";
import { fullName, resolveRef, type Commit, type Repository } from "../state.js";
import { toWireCommit, toWireDiffEntry } from "../wire/git.js";
import { API, WEB } from "../wire/issues.js";
import { formatPatch, textFormat, textReply } from "../wire/text-formats.js";

const COMMITS_DOCS = "https://docs.github.com/rest/commits/commits";

/** Whether a commit changed `path` (a file, or anything under a directory) against its first parent. */
function touches(repo: Repository, commit: Commit, path: string): boolean {
  const prefix = `${path.replace(/\/+$/, "")}/`;
  return commitChanges(repo, commit).some((c) => c.path === path || c.path.startsWith(prefix));
}

function authoredBy(commit: Commit, who: string): boolean {
  const lower = who.toLowerCase();
  return [commit.author.login, commit.author.email].some((v) => v?.toLowerCase() === lower);
}

export const listCommits = githubOperation({
  name: "list_commits",
  description:
    "List commits reachable from a branch or sha (default: the default branch), newest first; `path`, `author`, `since`, `until` filter (GET /repos/{owner}/{repo}/commits).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/commits" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({
    ...repoParams,
    sha: z.string().min(1).optional().describe("SHA or branch to start listing commits from"),
    path: z.string().min(1).optional().describe("Only commits containing this file path"),
    author: z.string().min(1).optional().describe("GitHub login or email address of the commit author"),
    committer: z.string().min(1).optional(),
    since: isoTimestamp.optional(),
    until: isoTimestamp.optional(),
    ...pageParams,
  }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    if (repo.branches.length === 0) throw conflict("Git Repository is empty.", { documentation_url: COMMITS_DOCS });
    const ref = input.sha ?? repo.default_branch;
    const head = resolveRef(repo, ref);
    if (!head) throw notFound(`No commit found for SHA: ${ref}`, { documentation_url: COMMITS_DOCS });
    const since = input.since === undefined ? undefined : Date.parse(input.since);
    const until = input.until === undefined ? undefined : Date.parse(input.until);
    return commitsBetween(repo, null, head)
      .reverse()
      .filter((c) => input.path === undefined || touches(repo, c, input.path.replace(/^\/+/, "")))
      .filter((c) => input.author === undefined || authoredBy(c, input.author))
      .filter((c) => input.committer === undefined || [c.committer.login, c.committer.email].some((v) => v?.toLowerCase() === input.committer!.toLowerCase()))
      .filter((c) => since === undefined || Date.parse(c.committer.date) >= since)
      .filter((c) => until === undefined || Date.parse(c.committer.date) <= until)
      .map((c) => toWireCommit(ctx.state, repo, c));
  },
});

export const getCommit = githubOperation({
  name: "get_commit",
  description: "Get a commit (sha, branch or tag) with its changed files, patches and stats (GET /repos/{owner}/{repo}/commits/{ref}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/commits/{ref}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, ref: z.string().min(1), ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const sha = resolveRef(repo, input.ref);
    if (!sha) throw unprocessable(`No commit found for SHA: ${input.ref}`, { documentation_url: COMMITS_DOCS });
    const commit = repo.commits[sha];
    const changes = commitChanges(repo, commit);
    const format = textFormat(ctx);
    if (format === "diff") return textReply("diff", unifiedDiff(changes));
    if (format === "patch") return textReply("patch", formatPatch(repo, [commit]));
    return toWireCommit(ctx.state, repo, commit, changes.map((c) => toWireDiffEntry(repo, c, sha)));
  },
});

/** `base...head` (or `base..head`); an `owner:` prefix naming this repository's owner is allowed. */
function parseBasehead(repo: Repository, basehead: string): { base: string; head: string } | null {
  const match = /^(.+?)\.{2,3}(.+)$/.exec(basehead);
  if (!match) return null;
  const strip = (ref: string) => {
    const colon = ref.indexOf(":");
    return colon !== -1 && ref.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? ref.slice(colon + 1) : ref;
  };
  return { base: strip(match[1]), head: strip(match[2]) };
}

export const compareCommits = githubOperation({
  name: "compare_commits",
  description:
    "Compare two refs as `base...head`: status (ahead, behind, identical, diverged), ahead_by/behind_by, the commits and the files changed since the merge base (GET /repos/{owner}/{repo}/compare/{basehead}).",
  rest: [{ method: "GET", path: "/repos/{owner}/{repo}/compare/{basehead}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ ...repoParams, basehead: z.string().min(1).describe("The refs to compare, as BASE...HEAD"), ...pageParams }),
  handle(ctx, input) {
    const repo = visibleRepo(ctx, input.owner, input.repo);
    const refs = parseBasehead(repo, input.basehead);
    if (!refs) throw notFound("Not Found", { documentation_url: COMMITS_DOCS });
    const base = resolveRef(repo, refs.base);
    const head = resolveRef(repo, refs.head);
    if (!base || !head) throw notFound("Not Found", { documentation_url: COMMITS_DOCS });
    const mb = mergeBase(repo, base, head);
    if (!mb) throw notFound(`No common ancestor between ${refs.base} and ${refs.head}.`, { documentation_url: COMMITS_DOCS });
    const ahead = commitsBetween(repo, base, head);
    const fromHead = reachable(repo, head);
    const behindBy = [...reachable(repo, base)].filter((sha) => !fromHead.has(sha)).length;
    const status = ahead.length === 0 && behindBy === 0 ? "identical" : behindBy === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    const changes = treeChanges(repo, repo.commits[mb].tree, repo.commits[head].tree);
    const format = textFormat(ctx);
    if (format === "diff") return textReply("diff", unifiedDiff(changes));
    if (format === "patch") return textReply("patch", formatPatch(repo, ahead));
    const name = fullName(repo);
    const perPage = input.per_page ?? 250;
    const page = input.page ?? 1;
    return {
      url: `${API}/repos/${name}/compare/${input.basehead}`,
      html_url: `${WEB}/${name}/compare/${input.basehead}`,
      permalink_url: `${WEB}/${name}/compare/${repo.owner}:${base}...${repo.owner}:${head}`,
      diff_url: `${WEB}/${name}/compare/${input.basehead}.diff`,
      patch_url: `${WEB}/${name}/compare/${input.basehead}.patch`,
      base_commit: toWireCommit(ctx.state, repo, repo.commits[base]),
      merge_base_commit: toWireCommit(ctx.state, repo, repo.commits[mb]),
      status,
      ahead_by: ahead.length,
      behind_by: behindBy,
      total_commits: ahead.length,
      commits: ahead.slice((page - 1) * perPage, page * perPage).map((c) => toWireCommit(ctx.state, repo, c)),
      files: changes.map((c) => toWireDiffEntry(repo, c, head)),
    };
  },
});

export const commitOperations = [listCommits, getCommit, compareCommits];
