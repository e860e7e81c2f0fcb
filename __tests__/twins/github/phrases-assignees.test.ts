import { describe, expect, it } from "vitest";
import { call, check, copy, issue, repo, world } from "./phrases-fixture.js";

const seed = world(repo("acme/api", { issues: [issue(1), issue(2, { assigneeLogins: ["bob"] })] }));

function assigned(number: number, ...logins: string[]) {
  const final = copy(seed);
  const target = final.repositories[0].issues.find((item) => item.number === number)!;
  target.assignees = logins.map((login) => ({ login }));
  target.assignee = logins[0] ? { login: logins[0] } : null;
  return final;
}

describe("assignees", () => {
  it("passes 'is assigned to `alice`' and cites the assignment", () => {
    const added = call("add_assignees", { owner: "acme", repo: "api", issue_number: 1, assignees: ["alice"] });
    const outcome = check("Issue #1 is assigned to `alice`", seed, assigned(1, "alice"), [added]);
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence).toEqual([added.event_id]);
  });

  it("fails 'is not assigned to `alice`' when alice is assigned (upstream bug)", () => {
    const outcome = check("Issue #1 is not assigned to `alice`", seed, assigned(1, "alice"));
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toContain("`alice`");
  });

  it("passes 'is not assigned to `alice`' when someone else is", () => {
    expect(check("Issue #1 is not assigned to `alice`", seed, assigned(1, "bob")).passed).toBe(true);
  });

  it("reads the whole set of assignees, not the first login", () => {
    expect(check("Issue #1 is assigned to `alice`", seed, assigned(1, "bob", "alice")).passed).toBe(true);
    expect(check("Issue #1 is assigned to alice and @bob", seed, assigned(1, "bob", "alice")).passed).toBe(true);
  });

  it("reads 'only' as the exact set", () => {
    expect(check("Issue #1 is assigned only to `alice`", seed, assigned(1, "bob", "alice")).passed).toBe(false);
    expect(check("Issue #1 is assigned to `alice` only", seed, assigned(1, "alice")).passed).toBe(true);
  });

  it("reads 'is unassigned' and 'has no assignees' as an empty set", () => {
    expect(check("Issue #2 is unassigned", seed, seed).passed).toBe(false);
    expect(check("Issue #2 has no assignees", seed, assigned(2)).passed).toBe(true);
  });

  it("reads the login-first form", () => {
    expect(check("@alice is assigned to issue #1", seed, assigned(1, "alice")).passed).toBe(true);
    expect(check("`alice` is not assigned to issue #1", seed, assigned(1, "alice")).passed).toBe(false);
  });

  it("sees a login unassigned during the run", () => {
    expect(check("`bob` was unassigned from issue #2", seed, assigned(2)).passed).toBe(true);
    expect(check("`bob` was unassigned from issue #2", seed, seed).passed).toBe(false);
    expect(check("`bob` was not unassigned from issue #2", seed, seed).passed).toBe(true);
  });

  it("counts assignees", () => {
    expect(check("Issue #1 has exactly two assignees", seed, assigned(1, "alice", "bob")).passed).toBe(true);
  });
});
