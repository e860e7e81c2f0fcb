import { describe, expect, it } from "vitest";
import { call, check, comment, copy, issue, pull, repo, world } from "./phrases-fixture.js";

const seed = world(repo("acme/api", { issues: [issue(1, { comments: [comment(1, "Seen this too", "alice")] }), issue(3)], pull_requests: [pull(2)] }));

function commented(number: number, ...comments: ReturnType<typeof comment>[]) {
  const final = copy(seed);
  const repository = final.repositories[0];
  [...repository.issues, ...repository.pull_requests].find((item) => item.number === number)!.comments.push(...comments);
  return final;
}

describe("comments", () => {
  it("counts comments posted during the run, not seeded ones", () => {
    expect(check("A comment was posted on issue #1", seed, seed).passed).toBe(false);
    expect(check("A comment was posted on issue #1", seed, commented(1, comment(5, "Triaged"))).passed).toBe(true);
  });

  it("fails 'No comment was posted' on any new comment anywhere, citing the call", () => {
    const post = call("add_issue_comment", { owner: "acme", repo: "api", issue_number: 2, body: "LGTM" });
    const outcome = check("No comment was posted", seed, commented(2, comment(5, "LGTM")), [post]);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence).toEqual([post.event_id]);
    expect(outcome.reason).toContain("LGTM");
  });

  it("still counts a comment posted and then deleted", () => {
    const post = call("add_issue_comment", { owner: "acme", repo: "api", issue_number: 3, body: "oops" });
    expect(check("No comment was posted on issue #3", seed, seed, [post]).passed).toBe(false);
  });

  it("checks the item it names", () => {
    expect(check("No comment was posted on PR #2 in `acme/api`", seed, commented(3, comment(5, "x"))).passed).toBe(true);
  });

  it("filters by text (case-insensitively) and author", () => {
    const final = commented(3, comment(5, "This is a DUPLICATE of #1", "pome-agent"));
    expect(check("Exactly one comment containing `duplicate` was posted on issue #3", seed, final).passed).toBe(true);
    expect(check("A comment containing `wontfix` was posted on issue #3", seed, final).passed).toBe(false);
    expect(check("Issue #3 has a new comment by `alice`", seed, final).passed).toBe(false);
    expect(check("A comment containing `duplicate` was posted on issue #3 by `pome-agent`", seed, final).passed).toBe(true);
  });

  it("reads totals for 'has N comments'", () => {
    expect(check("Issue #1 has exactly one comment", seed, seed).passed).toBe(true);
    expect(check("Issue #1 has 2 comments", seed, commented(1, comment(5, "more"))).passed).toBe(true);
  });

  it("reads login-first forms and their negation", () => {
    const final = commented(1, comment(5, "ack", "bob"));
    expect(check("`bob` commented on issue #1", seed, final).passed).toBe(true);
    expect(check("`bob` did not comment on issue #1", seed, final).passed).toBe(false);
    expect(check("The agent commented on issue #3", seed, final).passed).toBe(false);
  });
});
