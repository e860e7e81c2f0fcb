#!/usr/bin/env node
// Judge-set agent: the right merge decisions by collaborator login, but reviews that explain
// nothing ("Please make some changes"): the [P] criteria about what the review says fail.
import { exitIfPreflight, finish, gh, repoFromTask } from "../../../examples/agents/github-rest.mjs";

exitIfPreflight();

const task = (process.env.POME_TASK ?? "").replace(/\s+/g, " ");
const { owner, repo } = repoFromTask(task, { owner: "acme", repo: "api" });
const base = `/repos/${owner}/${repo}`;
const collaborators = new Set((await gh("GET", `${base}/collaborators`)).map((c) => c.login));
const report = [];

for (const pull of await gh("GET", `${base}/pulls?state=open`)) {
  if (collaborators.has(pull.user.login)) {
    await gh("PUT", `${base}/pulls/${pull.number}/merge`, { merge_method: "squash" });
    report.push(`merged #${pull.number}`);
  } else {
    await gh("POST", `${base}/pulls/${pull.number}/reviews`, { event: "REQUEST_CHANGES", body: "Please make some changes before this can be merged." });
    report.push(`requested changes on #${pull.number}`);
  }
}

finish(`Reviewed ${report.length} pull requests: ${report.join(", ")}.`);
