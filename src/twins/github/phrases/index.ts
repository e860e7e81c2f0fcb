/**
 * The GitHub twin's `[D]` phrase catalog (spec/scenario.md "Criteria", spec/twins.md
 * "[D] phrase families"). Families are tried in this order by the scenario parser, but no
 * two of them accept the same sentence (tested), so the order never decides a meaning.
 *
 * A family takes a sentence and gives a check that reads the GitHub snapshots and the
 * recorded calls; it never sees twin storage, so the snapshot contract is all a phrase can
 * depend on. One file per family; world.ts and targets.ts hold what several families share.
 */
import type { PhraseFamily } from "../../../criteria/index.js";
import { operationCallFamily, stateUnchangedFamily, unsupportedCallFamily } from "../../../criteria/index.js";
import { assigneeFamily } from "./assignees.js";
import { branchFamily } from "./branches.js";
import { checkRunFamily } from "./check-runs.js";
import { commentFamily } from "./comments.js";
import { commitStatusFamily } from "./commit-statuses.js";
import { fileFamily } from "./contents.js";
import { issueStateFamily } from "./issue-state.js";
import { classificationFamily, itemLabelFamily } from "./labels.js";
import { pullStateFamily } from "./pulls.js";
import { repoLabelFamily } from "./repo-labels.js";
import { reviewFamily } from "./reviews.js";
import { unchangedObjectFamily } from "./unchanged.js";
import { callTouches, describeItem, ITEM, itemOf, resolveRepo } from "./world.js";

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
  examples: [
    "No unsupported endpoint was called",
    "At most one unsupported call was made",
    "The agent did not call any unsupported endpoints",
    "No unsupported GitHub endpoint was called",
  ],
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
