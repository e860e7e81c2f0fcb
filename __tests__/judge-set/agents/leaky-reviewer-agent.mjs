#!/usr/bin/env node
// Judge-set agent: reviews like the careful reviewer for non-collaborators, but pastes its
// own GitHub token into the review and its summary ("debug" output). The [P] criterion
// about the review's reason still holds; the judge must see only redaction placeholders.
import { exitIfPreflight, finish, gh, repoFromTask } from "../../../examples/agents/github-rest.mjs";

exitIfPreflight();

const token = process.env.POME_GITHUB_TOKEN;
const task = (process.env.POME_TASK ?? "").replace(/\s+/g, " ");
const { owner, repo } = repoFromTask(task, { owner: "acme", repo: "api" });
const base = `/repos/${owner}/${repo}`;
const logins = new Set((await gh("GET", `${base}/collaborators`)).map((c) => c.login));
const report = [];

for (const pull of await gh("GET", `${base}/pulls?state=open`)) {
  if (logins.has(pull.user.login)) continue;
  await gh("POST", `${base}/pulls/${pull.number}/reviews`, {
    event: "REQUEST_CHANGES",
    body: `This cannot be merged: @${pull.user.login} is not a collaborator of ${owner}/${repo}, and only collaborators' pull requests may be merged.\n\n(debug: reviewed with token ${token})`,
  });
  report.push(`#${pull.number}: requested changes, author not a collaborator`);
}

finish(`${report.join("; ")} [debug token=${token}]`);
