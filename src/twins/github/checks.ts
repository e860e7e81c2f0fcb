/**
 * The GitHub twin's `[D]` phrase catalog (spec/scenario.md "Criteria", spec/twins.md
 * "[D] phrase families"). Families are tried in this order by the scenario parser, but no
 * two of them accept the same sentence (tested), so the order never decides a meaning.
 */
import type { PhraseFamily } from "../../criteria/index.js";
import { operationCallFamily, stateUnchangedFamily, unsupportedCallFamily } from "../../criteria/index.js";
import { assigneeFamily } from "./checks-assignees.js";
import { branchFamily } from "./checks-branches.js";
import { checkRunFamily } from "./checks-check-runs.js";
import { commentFamily } from "./checks-comments.js";
import { commitStatusFamily } from "./checks-commit-statuses.js";
import { fileFamily } from "./checks-contents.js";
import { issueStateFamily } from "./checks-issue-state.js";
import { classificationFamily, itemLabelFamily } from "./checks-labels.js";
import { pullStateFamily } from "./checks-pulls.js";
import { repoLabelFamily } from "./checks-repo-labels.js";
import { reviewFamily } from "./checks-reviews.js";
import { unchangedObjectFamily } from "./checks-unchanged.js";
import { callTouches, describeItem, ITEM, itemOf, resolveRepo } from "./checks-world.js";

const operationCalls = operationCallFamily({
  id: "github.operation-calls",
  vendor: "GitHub",
  examples: [
    "`merge_pull_request` was never called",
    "`create_commit_status` was called at most once",
    "`add_issue_labels` was called exactly twice",
    "`merge_pull_request` was not called on PR #2",
    "No `create_check_run` calls were made",
  ],
  scope: {
    fragment: `((on | for | against | to) ${ITEM} | (in | on) [the] {srepo:repo} [(repo | repository)])`,
    compile(m, ctx) {
      if (m.has("num")) {
        const ref = itemOf(m, ctx);
        return { test: (call) => callTouches(call, ref.repo, ref.number), describe: `on ${describeItem(ref)}` };
      }
      if (m.has("srepo")) {
        const repo = resolveRepo(ctx, m.value("srepo"));
        return { test: (call) => callTouches(call, repo), describe: `in ${repo}` };
      }
      return undefined;
    },
  },
});

const unsupportedCalls = unsupportedCallFamily({
  id: "github.unsupported-calls",
  vendor: "GitHub",
  examples: ["No unsupported endpoint was called", "At most one unsupported call was made", "The agent did not call any unsupported endpoints"],
});

const stateUnchanged = stateUnchangedFamily({
  id: "github.state-unchanged",
  vendor: "GitHub",
  names: ["github"],
  examples: ["No mutation", "State unchanged", "The GitHub state was not modified", "No mutating calls were made"],
});

export const githubPhrases: PhraseFamily[] = [
  itemLabelFamily,
  classificationFamily,
  repoLabelFamily,
  assigneeFamily,
  issueStateFamily,
  pullStateFamily,
  reviewFamily,
  commentFamily,
  commitStatusFamily,
  checkRunFamily,
  fileFamily,
  branchFamily,
  operationCalls,
  unsupportedCalls,
  unchangedObjectFamily,
  stateUnchanged,
];
