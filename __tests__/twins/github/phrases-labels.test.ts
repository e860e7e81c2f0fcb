import { describe, expect, it } from "vitest";
import { call, check, copy, issue, label, pull, repo, world } from "./phrases-fixture.js";

const seed = world(repo("acme/api", { issues: [issue(1), issue(2)], pull_requests: [pull(3)] }));

function withLabels(number: number, ...names: string[]) {
  const final = copy(seed);
  const target = [...final.repositories[0].issues, ...final.repositories[0].pull_requests].find((item) => item.number === number)!;
  target.labels = names.map(label);
  return final;
}

describe("labels on an issue or PR", () => {
  it("passes 'has the `bug` label applied' when the label is on the issue, citing the call", () => {
    const applied = call("add_issue_labels", { owner: "acme", repo: "api", issue_number: 1, labels: ["bug"] });
    const outcome = check("Issue #1 has the `bug` label applied", seed, withLabels(1, "bug"), [applied]);
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence).toEqual([applied.event_id]);
    expect(outcome.reason).toContain("issue #1 in acme/api");
  });

  it("fails when the label is missing and says what is there", () => {
    const outcome = check("Issue #1 has the `bug` label", seed, withLabels(1, "question"));
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("`question`");
  });

  it("checks the issue the sentence names: issue #2 is not issue #1 (upstream bug)", () => {
    expect(check("Issue #2 has the `bug` label applied", seed, withLabels(1, "bug")).passed).toBe(false);
    expect(check("Issue #2 has the `bug` label applied", seed, withLabels(2, "bug")).passed).toBe(true);
  });

  it("inverts 'does not have the `wontfix` label'", () => {
    expect(check("Issue #1 does not have the `wontfix` label", seed, withLabels(1, "wontfix")).passed).toBe(false);
    expect(check("Issue #1 does not have the `wontfix` label", seed, withLabels(1, "bug")).passed).toBe(true);
  });

  it("fails 'No `wontfix` label was applied' when wontfix was applied (upstream bug)", () => {
    const applied = call("add_issue_labels", { owner: "acme", repo: "api", issue_number: 1, labels: ["wontfix"] });
    const outcome = check("No `wontfix` label was applied", seed, withLabels(1, "wontfix"), [applied]);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([applied.event_id]);
  });

  it("fails 'No `wontfix` label was applied' (no issue named) when it was applied and removed again", () => {
    const applied = call("add_issue_labels", { owner: "acme", repo: "api", issue_number: 2, labels: ["wontfix"] });
    expect(check("No `wontfix` label was applied", seed, seed, [applied]).passed).toBe(false);
  });

  it("passes 'No `wontfix` label was applied' when no issue gained it", () => {
    expect(check("No `wontfix` label was applied", seed, withLabels(1, "bug")).passed).toBe(true);
  });

  it("reads 'No `wontfix` label was applied to issue #1' as the named issue at the end", () => {
    expect(check("No `wontfix` label was applied to issue #1", seed, withLabels(2, "wontfix")).passed).toBe(true);
    expect(check("No `wontfix` label was applied to issue #1", seed, withLabels(1, "wontfix")).passed).toBe(false);
  });

  it("fails 'was never applied to issue #1' on a label applied then removed", () => {
    const applied = call("add_issue_labels", { owner: "acme", repo: "api", issue_number: 1, labels: ["wontfix"] });
    expect(check("The `wontfix` label was never applied to issue #1", seed, seed, [applied]).passed).toBe(false);
    expect(check("The `wontfix` label was not applied to issue #1", seed, seed, [applied]).passed).toBe(true);
  });

  it("requires every label of a list", () => {
    expect(check("Issue #1 has the `bug` and `p1` labels", seed, withLabels(1, "bug")).passed).toBe(false);
    expect(check("Issue #1 has the `bug` and `p1` labels", seed, withLabels(1, "bug", "p1")).passed).toBe(true);
  });

  it("compares label names case-insensitively, as GitHub does", () => {
    expect(check("Issue #1 is labelled `Bug`", seed, withLabels(1, "bug")).passed).toBe(true);
  });

  it("finds labels on a PR by number", () => {
    expect(check("PR #3 has the `needs-review` label", seed, withLabels(3, "needs-review")).passed).toBe(true);
  });

  it("counts labels", () => {
    expect(check("Issue #1 has no labels", seed, seed).passed).toBe(true);
    expect(check("Issue #1 has exactly one label", seed, withLabels(1, "bug", "p1")).passed).toBe(false);
  });

  it("sees a label removed from an issue", () => {
    const initial = withLabels(1, "question");
    expect(check("The `question` label was removed from issue #1", initial, withLabels(1, "bug")).passed).toBe(true);
    expect(check("The `question` label was removed from issue #1", initial, initial).passed).toBe(false);
  });

  it("fails on an issue that does not exist at the end", () => {
    const outcome = check("Issue #9 has the `bug` label", seed);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("does not exist");
  });
});

describe("classification labels", () => {
  const text = "Issue #1 has exactly one classification label, and it is still `feature`";

  it("passes when the only classification label is the expected one", () => {
    expect(check(text, withLabels(1, "feature"), withLabels(1, "feature", "p1")).passed).toBe(true);
  });

  it("fails when a second classification label was added", () => {
    expect(check(text, withLabels(1, "feature"), withLabels(1, "feature", "bug")).passed).toBe(false);
  });

  it("counts a default triage label the agent created (wontfix) as a classification", () => {
    const outcome = check("Issue #1 has exactly one classification label, and it is `bug`", seed, withLabels(1, "bug", "wontfix"));
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("`wontfix`");
  });

  it("fails when the one classification label is another", () => {
    expect(check("Issue #1 has exactly one classification label, and it is `bug`", seed, withLabels(1, "question")).passed).toBe(false);
  });

  it("reads 'is classified as' and its negation", () => {
    expect(check("Issue #1 is classified as `question`", seed, withLabels(1, "question")).passed).toBe(true);
    expect(check("Issue #1 is not classified as `question`", seed, withLabels(1, "question")).passed).toBe(false);
  });
});

describe("repository labels", () => {
  function withRepoLabels(...names: string[]) {
    const final = copy(seed);
    final.repositories[0].labels = names.map(label);
    return final;
  }

  it("fails 'No new labels were created' on a label created by labelling an issue, citing the call", () => {
    const applied = call("add_issue_labels", { owner: "acme", repo: "api", issue_number: 1, labels: ["urgent"] });
    const outcome = check("No new labels were created", seed, withRepoLabels("bug", "feature", "question", "urgent"), [applied]);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("`urgent`");
    expect(outcome.evidence).toEqual([applied.event_id]);
  });

  it("passes 'No new labels were created' when the set is unchanged", () => {
    expect(check("No new labels were created", seed, withRepoLabels("bug", "feature", "question")).passed).toBe(true);
  });

  it("reads a named label created or not", () => {
    const final = withRepoLabels("bug", "feature", "question", "wontfix");
    expect(check("The `wontfix` label was created", seed, final).passed).toBe(true);
    expect(check("The `wontfix` label was not created", seed, final).passed).toBe(false);
    expect(check("No `wontfix` label was created", seed, seed).passed).toBe(true);
  });

  it("sees deletions and existence", () => {
    const final = withRepoLabels("feature", "question");
    expect(check("The `bug` label was deleted", seed, final).passed).toBe(true);
    expect(check("No labels were deleted", seed, final).passed).toBe(false);
    expect(check("The `bug` label still exists", seed, final).passed).toBe(false);
  });

  it("looks at every repository when none is named and the seed has several", () => {
    const two = world(repo("acme/api"), repo("acme/web"));
    const final = copy(two);
    final.repositories[1].labels.push(label("urgent"));
    expect(check("No new labels were created", two, final).passed).toBe(false);
    expect(check("No new labels were created in acme/api", two, final).passed).toBe(true);
  });
});
