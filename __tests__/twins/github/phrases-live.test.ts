/**
 * The catalog against the real GitHub twin: calls made with Octokit (REST) and the MCP
 * client are recorded by the engine, and criteria read the real snapshots and call log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckInput, CheckOutcome } from "../../../src/criteria/index.js";
import type { RecordedCall } from "../../../src/criteria/index.js";
import type { GitHubSnapshot } from "../../../src/twins/github/snapshot-types.js";
import { compile } from "./phrases-fixture.js";
import { openWorld, startGitHubServer, stopGitHubServer } from "./github-session.js";
import { bugHappyPath } from "./seed-fixtures.js";

const seed = {
  repositories: [{ ...bugHappyPath.repositories[0], issues: [...bugHappyPath.repositories[0].issues, { number: 2, title: "Flaky test", labels: [] }] }],
};
const repo = { owner: "acme", repo: "api" };

let initial: GitHubSnapshot;
let final: GitHubSnapshot;
let calls: RecordedCall[];

beforeAll(async () => {
  await startGitHubServer();
  const world = openWorld(seed);
  initial = world.snapshot();
  await world.octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug"] });
  await world.octokit.rest.issues.addAssignees({ ...repo, issue_number: 1, assignees: ["alice"] });
  const mcp = await world.mcp();
  await mcp.callTool({ name: "add_issue_labels", arguments: { ...repo, issue_number: 2, labels: ["wontfix"] } });
  await mcp.callTool({ name: "merge_pull_request", arguments: { ...repo, pull_number: 1 } });
  final = world.snapshot();
  calls = world.calls.map((call, index) => ({ ...call, event_id: `evt_${index + 1}` }));
});

afterAll(stopGitHubServer);

function verdict(text: string): CheckOutcome {
  const input: CheckInput = { initial: { github: initial }, final: { github: final }, calls, events: [] };
  return compile(text, initial).predicate(input) as CheckOutcome;
}

const eventOf = (operation: string, transport: "rest" | "mcp") =>
  calls.find((call) => call.operation === operation && call.transport === transport)?.event_id;

describe("criteria over the real twin", () => {
  it("sees a label applied over REST, citing the recorded call", () => {
    const outcome = verdict("Issue #1 has the `bug` label applied");
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence).toEqual([eventOf("add_issue_labels", "rest")]);
  });

  it("fails 'No `wontfix` label was applied' on a label applied over MCP", () => {
    const outcome = verdict("No `wontfix` label was applied");
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([eventOf("add_issue_labels", "mcp")]);
  });

  it("sees the label GitHub created when the agent applied an unknown name", () => {
    expect(verdict("No new labels were created").passed).toBe(false);
    expect(verdict("The `wontfix` label was created").passed).toBe(true);
  });

  it("counts the REST and the MCP call of one operation together", () => {
    expect(verdict("`add_issue_labels` was called exactly twice").passed).toBe(true);
  });

  it("reads assignees and the issue the sentence names", () => {
    expect(verdict("Issue #1 is assigned to `alice`").passed).toBe(true);
    expect(verdict("Issue #2 is not assigned to `alice`").passed).toBe(true);
    expect(verdict("Issue #2 has the `bug` label applied").passed).toBe(false);
  });

  it("counts a refused call as called", () => {
    const outcome = verdict("`merge_pull_request` was never called");
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([eventOf("merge_pull_request", "mcp")]);
  });
});
