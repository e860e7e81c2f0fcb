/**
 * The surfaces that need GitHub beyond the check run: the artifact upload, the previous
 * results for `baseline: previous`, and the sticky PR comment. Each turns its own failure
 * into a warning (shown in the summary too) and returns what it achieved.
 */
import * as core from "@actions/core";
import {
  commentMarker,
  digestOfComment,
  isStickyComment,
  readBaselineDigest,
  renderComment,
  resultsDigest,
  type Baseline,
  type BatchResult,
  type MarkdownOptions,
} from "../index.js";
import { commentAction, type CommentMode } from "./comment-policy.js";
import type { RunContext } from "./event.js";
import {
  describeFailure,
  findComment,
  findPreviousCheck,
  findPullRequest,
  pullRequestHeadIs,
  uploadArtifact,
  writeComment,
  type CheckRunRef,
  type Octokit,
  type UploadedArtifact,
} from "./github.js";
import type { ContextFile } from "./results-files.js";

type Env = Record<string, string | undefined>;
type Warn = (message: string) => void;

/** The run folders as one artifact; null (with a warning) when there is no runtime or the upload fails. */
export async function upload(opts: { name: string; root: string; retentionDays?: number; ctx: RunContext; env: Env; warn: Warn }): Promise<UploadedArtifact | null> {
  const { name, root, ctx, env, warn } = opts;
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) {
    warn("artifact upload skipped: ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL are not set (the runner gives them to node actions only)");
    return null;
  }
  try {
    const artifact = await uploadArtifact({ name, root, retentionDays: opts.retentionDays, runUrl: ctx.runUrl });
    core.info(`uploaded artifact ${name} (id ${artifact.id ?? "?"}, ${artifact.size ?? "?"} bytes)`);
    return artifact;
  } catch (error) {
    warn(describeFailure(error, "artifact upload failed"));
    return null;
  }
}

/** `baseline: previous`: the outcomes the previous check run of this name recorded on the base branch. */
export async function previousResults(octokit: Octokit | null, ctx: RunContext, checkName: string, check: CheckRunRef | null, warn: Warn): Promise<Baseline | null> {
  if (!octokit || !ctx.baseBranch) {
    warn("baseline: previous needs a github-token and a branch to compare with; no comparison shown");
    return null;
  }
  try {
    const previous = await findPreviousCheck(octokit, { owner: ctx.owner, repo: ctx.repo }, {
      checkName,
      branch: ctx.baseBranch,
      excludeId: check?.id ?? null,
      hasDigest: (summary) => readBaselineDigest(summary) !== null,
    });
    if (!previous) {
      core.info(`baseline: no earlier "${checkName}" check run with results on ${ctx.baseBranch}`);
      return null;
    }
    return { entries: readBaselineDigest(previous.summary)!, url: previous.url };
  } catch (error) {
    warn(describeFailure(error, "baseline not loaded"));
    return null;
  }
}

/** The PR to comment on: the event's, else one another job recorded (if its head is this commit), else the commit's open PR. */
async function pullRequestFor(octokit: Octokit, ctx: RunContext, contexts: ContextFile[]): Promise<number | null> {
  if (ctx.pullRequest) return ctx.pullRequest.number;
  if (!ctx.headSha) return null;
  const repo = { owner: ctx.owner, repo: ctx.repo };
  for (const hint of contexts) {
    if (hint.pull_request === null || hint.head_sha !== ctx.headSha) continue;
    if (await pullRequestHeadIs(octokit, repo, hint.pull_request, ctx.headSha)) return hint.pull_request;
  }
  return findPullRequest(octokit, repo, ctx.headSha);
}

/** Creates or edits the sticky comment as `mode` says; the results are rendered with `opts`. */
export async function comment(
  octokit: Octokit,
  args: {
    mode: CommentMode;
    ctx: RunContext;
    contexts: ContextFile[];
    batch: BatchResult;
    opts: MarkdownOptions;
    checkName: string;
    workspace: string;
    warn: Warn;
    /** The output redaction every byte sent passes through. */
    redact: (text: string) => string;
  },
): Promise<void> {
  const { mode, ctx, batch, opts, checkName, workspace, warn } = args;
  const repo = { owner: ctx.owner, repo: ctx.repo };
  try {
    const pr = await pullRequestFor(octokit, ctx, args.contexts);
    if (pr === null) {
      core.info("PR comment skipped: no pull request for this commit");
      return;
    }
    const marker = commentMarker(ctx.workflow, checkName);
    const existing = await findComment(octokit, repo, pr, (body) => isStickyComment(body, marker));
    const action = commentAction(mode, {
      failing: batch.exit_code !== 0,
      existing: existing !== null,
      existingDigest: digestOfComment(existing?.body),
      digest: resultsDigest(batch, workspace),
    });
    if (action === "skip") {
      core.info(`PR comment not written (comment: ${mode})`);
      return;
    }
    const url = await writeComment(octokit, repo, pr, existing, args.redact(renderComment(batch, { ...opts, marker })));
    core.info(`PR comment ${action === "create" ? "created" : "updated"}${url ? `: ${url}` : ""}`);
  } catch (error) {
    warn(describeFailure(error, "PR comment skipped"));
  }
}
