/**
 * The text media types GitHub serves next to JSON: `application/vnd.github.diff` (a
 * `git diff`) and `application/vnd.github.patch` (`git format-patch`), on pull requests,
 * commits and comparisons.
 */
import { reply, type Reply } from "../../engine/operation.js";
import type { GitHubContext } from "../access.js";
import { unifiedDiff } from "../git/diff.js";
import { commitChanges } from "../git/history.js";
import type { Commit, Repository } from "../state.js";

/** A media type the PR/compare endpoints can answer as text instead of JSON. */
export function textFormat(ctx: GitHubContext): "diff" | "patch" | null {
  const accept = ctx.headers.accept ?? "";
  if (/application\/vnd\.github(\.v3)?\.diff/.test(accept)) return "diff";
  if (/application\/vnd\.github(\.v3)?\.patch/.test(accept)) return "patch";
  return null;
}

/** `git format-patch` text for a series of commits, as GitHub's `.patch` media type gives. */
export function formatPatch(repo: Repository, commits: Commit[]): string {
  return commits
    .map((commit, i) => {
      const [subject, ...rest] = commit.message.split("\n");
      const body = rest.join("\n").trim();
      const counter = commits.length > 1 ? `[PATCH ${i + 1}/${commits.length}]` : "[PATCH]";
      return [
        `From ${commit.sha} Mon Sep 17 00:00:00 2001`,
        `From: ${commit.author.name} <${commit.author.email}>`,
        `Date: ${new Date(commit.author.date).toUTCString().replace("GMT", "+0000")}`,
        `Subject: ${counter} ${subject}`,
        "",
        ...(body ? [body, ""] : []),
        "---",
        unifiedDiff(commitChanges(repo, commit)),
      ].join("\n");
    })
    .join("\n");
}

export function textReply(format: "diff" | "patch", text: string): Reply {
  return reply(200, text, { "content-type": `application/vnd.github.${format}; charset=utf-8` });
}
