import { describe, expect, it } from "vitest";
import { call, check, copy, issue, pull, repo, review, world } from "./phrases-fixture.js";

const seed = world(repo("acme/api", { issues: [issue(1)], pull_requests: [pull(2), pull(3, { reviews: [review(1, "APPROVED", "alice")] })] }));

function mergedWorld(number: number) {
  const final = copy(seed);
  const target = final.repositories[0].pull_requests.find((item) => item.number === number)!;
  Object.assign(target, { merged: true, state: "closed", merged_by: { login: "pome-agent" } });
  return final;
}

describe("pull request outcomes", () => {
  it("explains a merge: who merged it, by which call", () => {
    const merge = call("merge_pull_request", { owner: "acme", repo: "api", pull_number: 2 }, { transport: "mcp" });
    const outcome = check("Pull request #2 in `acme/api` is merged", seed, mergedWorld(2), [merge]);
    expect(outcome.passed).toBe(true);
    expect(outcome.reason).toContain("PR #2 in acme/api was merged by pome-agent");
    expect(outcome.reason).toContain(`merge_pull_request ${merge.event_id}`);
    expect(outcome.evidence).toEqual([merge.event_id]);
  });

  it("fails 'is not merged' on a merged PR, citing the merge", () => {
    const merge = call("merge_pull_request", { owner: "acme", repo: "api", pull_number: 2 });
    const outcome = check("PR #2 is not merged", seed, mergedWorld(2), [merge]);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([merge.event_id]);
  });

  it("passes 'is not merged' and lists refused merge attempts", () => {
    const refused = call("merge_pull_request", { owner: "acme", repo: "api", pull_number: 2 }, { status: 405 });
    const outcome = check("Pull request #2 in acme/api is not merged", seed, seed, [refused]);
    expect(outcome.passed).toBe(true);
    expect(outcome.reason).toContain(`${refused.event_id} (405)`);
  });

  it("checks the PR the sentence names", () => {
    expect(check("PR #3 is not merged", seed, mergedWorld(2)).passed).toBe(true);
  });

  it("fails 'is not merged' for a PR that does not exist", () => {
    const outcome = check("PR #7 is not merged", seed);
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("does not exist");
  });

  it("reads 'the agent did not merge' and 'has not been merged'", () => {
    expect(check("The agent did not merge PR #2", seed, mergedWorld(2)).passed).toBe(false);
    expect(check("PR #2 has not been merged", seed, seed).passed).toBe(true);
  });

  it("reads open / closed / closed without merging", () => {
    const closed = copy(seed);
    closed.repositories[0].pull_requests[0].state = "closed";
    expect(check("PR #2 is still open", seed, closed).passed).toBe(false);
    expect(check("PR #2 was closed without merging", seed, closed).passed).toBe(true);
    expect(check("PR #2 was closed without merging", seed, mergedWorld(2)).passed).toBe(false);
    expect(check("PR #2 is closed", seed, mergedWorld(2)).passed).toBe(true);
  });
});

describe("reviews", () => {
  function reviewed(number: number, ...reviews: ReturnType<typeof review>[]) {
    const final = copy(seed);
    final.repositories[0].pull_requests.find((item) => item.number === number)!.reviews.push(...reviews);
    return final;
  }

  it("reads request-changes in its spellings", () => {
    const final = reviewed(2, review(9, "CHANGES_REQUESTED", "pome-agent"));
    for (const text of [
      "Pull request #2 in `acme/api` has a request-changes review",
      "PR #2 has a `CHANGES_REQUESTED` review",
      "PR #2 has a refusal review",
      "PR #2 has a changes requested review",
    ]) {
      expect(check(text, seed, final).passed, text).toBe(true);
      expect(check(text, seed, seed).passed, text).toBe(false);
    }
  });

  it("filters by reviewer, and negation inverts", () => {
    const final = reviewed(2, review(9, "APPROVED", "dave"));
    expect(check("PR #2 was approved by `alice`", seed, final).passed).toBe(false);
    expect(check("PR #2 was approved by `dave`", seed, final).passed).toBe(true);
    expect(check("PR #2 has no approving review by `dave`", seed, final).passed).toBe(false);
    expect(check("`dave` approved PR #2", seed, final).passed).toBe(true);
  });

  it("counts seeded reviews for 'has' but only new ones for 'submitted' and 'the agent'", () => {
    expect(check("PR #3 has an approved review", seed, seed).passed).toBe(true);
    expect(check("No review was submitted on PR #3", seed, seed).passed).toBe(true);
    expect(check("The agent approved PR #3", seed, seed).passed).toBe(false);
    const final = reviewed(3, review(9, "APPROVED", "pome-agent"));
    expect(check("No review was submitted on PR #3", seed, final).passed).toBe(false);
    expect(check("The agent approved PR #3", seed, final).passed).toBe(true);
  });

  it("counts reviews by state", () => {
    const final = reviewed(2, review(8, "COMMENTED", "a"), review(9, "COMMENTED", "b"));
    expect(check("PR #2 has exactly two commented reviews", seed, final).passed).toBe(true);
  });
});
