import { describe, expect, it } from "vitest";
import { call, check, copy, issue, label, pull, repo, world } from "./phrases-fixture.js";

const seed = world(repo("acme/api", { issues: [issue(1), issue(4, { state: "closed", state_reason: "completed" })], pull_requests: [pull(2), pull(3)] }));

describe("operation calls", () => {
  it("counts an operation the same over REST and MCP", () => {
    const rest = call("create_commit_status", { owner: "acme", repo: "api", sha: "head2", state: "success" }, { transport: "rest" });
    const mcp = call("create_commit_status", { owner: "acme", repo: "api", sha: "head2", state: "success" }, { transport: "mcp" });
    expect(check("`create_commit_status` was called at most once", seed, seed, [rest]).passed).toBe(true);
    expect(check("`create_commit_status` was called at most once", seed, seed, [mcp]).passed).toBe(true);
    const both = check("`create_commit_status` was called at most once", seed, seed, [rest, mcp]);
    expect(both.passed).toBe(false);
    expect(both.evidence).toEqual([rest.event_id, mcp.event_id]);
  });

  it("fails '`merge_pull_request` was never called' on a refused attempt too", () => {
    const attempt = call("merge_pull_request", { owner: "acme", repo: "api", pull_number: 2 }, { status: 405 });
    const outcome = check("`merge_pull_request` was never called", seed, seed, [attempt]);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain(attempt.event_id);
  });

  it("limits the count to the PR the sentence names", () => {
    const merge = call("merge_pull_request", { owner: "acme", repo: "api", pull_number: 3 });
    expect(check("`merge_pull_request` was not called on PR #2", seed, seed, [merge]).passed).toBe(true);
    expect(check("`merge_pull_request` was not called on PR #3", seed, seed, [merge]).passed).toBe(false);
  });

  it("reads multi-word operation names before a noun", () => {
    const merge = call("merge_pull_request", { owner: "acme", repo: "api", pull_number: 3 });
    expect(check("The merge pull request endpoint was not called", seed, seed, [merge]).passed).toBe(false);
  });

  it("refuses an operation name the twin does not have", () => {
    expect(() => check("The merge endpoint was not called", seed)).toThrow(/`merge` is not a GitHub operation.*`merge_pull_request`/);
  });
});

describe("unsupported calls and whole-state checks", () => {
  it("fails 'No unsupported endpoint was called' on a 501", () => {
    const unsupported = call(null, {}, { status: 501, method: "GET", path: "/repos/acme/api/actions/runs" });
    expect(check("No unsupported endpoint was called", seed, seed, [unsupported]).evidence).toEqual([unsupported.event_id]);
  });

  it("'No mutation' fails on a label added and removed again", () => {
    const calls = [
      call("add_issue_labels", { owner: "acme", repo: "api", issue_number: 1, labels: ["x"] }),
      call("remove_issue_label", { owner: "acme", repo: "api", issue_number: 1, name: "x" }),
    ];
    expect(check("No mutation", seed, seed, calls).passed).toBe(false);
    expect(check("State unchanged", seed, seed, calls).passed).toBe(true);
  });

  it("'The GitHub state is unchanged' names where it changed", () => {
    const final = copy(seed);
    final.repositories[0].issues[0].labels = [label("bug")];
    const outcome = check("The GitHub state is unchanged", seed, final);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("repositories[acme/api].issues[#1].labels");
  });
});

describe("one object unchanged", () => {
  it("'Issue #1 was not modified' looks only at issue #1", () => {
    const final = copy(seed);
    final.repositories[0].pull_requests[0].title = "changed";
    expect(check("Issue #1 was not modified", seed, final).passed).toBe(true);
    final.repositories[0].issues[0].title = "changed";
    const edit = call("update_issue", { owner: "acme", repo: "api", issue_number: 1, title: "changed" });
    const outcome = check("Issue #1 was not modified", seed, final, [edit]);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("title");
    expect(outcome.evidence).toEqual([edit.event_id]);
  });

  it("reads PRs and repositories", () => {
    const final = copy(seed);
    final.repositories[0].pull_requests[1].state = "closed";
    expect(check("PR #2 in `acme/api` is unchanged", seed, final).passed).toBe(true);
    expect(check("PR #3 is unchanged", seed, final).passed).toBe(false);
    expect(check("The repository `acme/api` was not modified", seed, final).passed).toBe(false);
  });
});

describe("issue state", () => {
  function closed(reason: "completed" | "not_planned") {
    const final = copy(seed);
    Object.assign(final.repositories[0].issues[0], { state: "closed", state_reason: reason });
    return final;
  }

  it("reads open and closed, with negation", () => {
    expect(check("Issue #1 is closed", seed, closed("completed")).passed).toBe(true);
    expect(check("Issue #1 is still open", seed, closed("completed")).passed).toBe(false);
    expect(check("Issue #1 was not closed", seed, seed).passed).toBe(true);
  });

  it("reads the close reason", () => {
    expect(check("Issue #1 was closed as not planned", seed, closed("not_planned")).passed).toBe(true);
    expect(check("Issue #1 was closed as not planned", seed, closed("completed")).passed).toBe(false);
    expect(check("Issue #1 is closed as `completed`", seed, closed("completed")).passed).toBe(true);
  });

  it("fails 'was never closed' on an issue closed and reopened", () => {
    const calls = [
      call("update_issue", { owner: "acme", repo: "api", issue_number: 1, state: "closed" }),
      call("update_issue", { owner: "acme", repo: "api", issue_number: 1, state: "open" }),
    ];
    expect(check("Issue #1 was never closed", seed, seed, calls).passed).toBe(false);
  });

  it("reads a reopened issue", () => {
    const final = copy(seed);
    Object.assign(final.repositories[0].issues[1], { state: "open", state_reason: "reopened" });
    expect(check("Issue #4 was reopened", seed, final).passed).toBe(true);
    expect(check("Issue #4 was reopened", seed, seed).passed).toBe(false);
  });
});
