import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { completeCheckRun, createCheckRun, findPullRequest, octokitFor } from "../../../src/action/github.js";
import { githubTwin } from "../../../src/twins/github/index.js";
import type { TwinCall } from "../../../src/trace/index.js";
import { createTwinServer, type TwinServer } from "../../../src/twins/index.js";
import { OWNER, PR_NUMBER, REPO, repoSeed } from "../../e2e/action-harness.js";

const repo = { owner: OWNER, repo: REPO };
let server: TwinServer;
beforeAll(async () => {
  server = await createTwinServer([githubTwin]);
});
afterAll(() => server.close());

function world() {
  const calls: TwinCall[] = [];
  const session = server.openSession({ twins: ["github"], seeds: { github: repoSeed() }, onCall: (c) => calls.push(c) });
  return { calls, octokit: octokitFor(session.tokens.github!, session.urls.github!.rest) };
}

const annotation = (i: number) => ({ path: "scenarios/a.md", start_line: i, end_line: i, annotation_level: "failure" as const, title: `t${i}`, message: `m${i}` });

describe("the check run, through the action's own client", () => {
  test("120 annotations go out as 50 + 50 + 20, and all of them land", async () => {
    const { octokit, calls } = world();
    const sha = (await octokit.rest.repos.getBranch({ ...repo, branch: "feature/agent" })).data.commit.sha;
    const check = await createCheckRun(octokit, repo, { name: "pome", headSha: sha, detailsUrl: null, title: "Running scenarios" });
    const output = { title: "0/1 scenarios passed", summary: "summary", text: "fix prompts" };
    await completeCheckRun(octokit, repo, check.id, { conclusion: "failure", output, annotations: Array.from({ length: 120 }, (_, i) => annotation(i + 1)) });
    const updates = calls.filter((c) => c.operation === "update_check_run");
    expect(updates.map((c) => (c.args as { output?: { annotations?: unknown[] } }).output?.annotations?.length ?? 0)).toEqual([50, 50, 20]);
    const all = await octokit.paginate(octokit.rest.checks.listAnnotations, { ...repo, check_run_id: check.id, per_page: 100 });
    expect(all.map((a) => a.start_line)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    const { data } = await octokit.rest.checks.get({ ...repo, check_run_id: check.id });
    expect(data).toMatchObject({ status: "completed", conclusion: "failure", output: { title: "0/1 scenarios passed", text: "fix prompts" } });
  });

  test("a push build finds its pull request from the commit", async () => {
    const { octokit } = world();
    const sha = (await octokit.rest.repos.getBranch({ ...repo, branch: "feature/agent" })).data.commit.sha;
    expect(await findPullRequest(octokit, repo, sha)).toBe(PR_NUMBER);
  });
});
