import { describe, expect, test } from "vitest";
import { createClock } from "../../../src/twins/engine/clock.js";
import { createIdSource } from "../../../src/twins/engine/id-source.js";
import { createGitHubState, defaultGitHubSeed, githubSeedSchema } from "../../../src/twins/github/seed/index.js";
import { githubSnapshot } from "../../../src/twins/github/snapshot.js";
import { blobSha } from "../../../src/twins/github/state.js";
import * as fixtures from "./seed-fixtures.js";

function snapshotOf(seed: unknown) {
  const state = createGitHubState(githubSeedSchema.parse(seed), { clock: createClock(), ids: createIdSource("k", "github") });
  return githubSnapshot(state);
}

const repoOf = (snap: ReturnType<typeof snapshotOf>, fullName: string) => snap.repositories.find((r) => r.full_name === fullName)!;

describe("default seed", () => {
  const snap = snapshotOf(defaultGitHubSeed);
  const repo = repoOf(snap, "acme/api");

  test("has acme/api with the bug, feature and question labels in their colours", () => {
    expect(repo.labels.map((l) => [l.name, l.color])).toEqual([
      ["bug", "d73a4a"],
      ["feature", "a2eeef"],
      ["question", "d876e3"],
    ]);
  });

  test("has alice, bob and pome-agent as collaborators", () => {
    expect(repo.collaborators.map((c) => c.login)).toEqual(["alice", "bob", "pome-agent"]);
  });

  test("has open issue #1 about the 500 error, unlabelled and unassigned", () => {
    expect(repo.issues).toHaveLength(1);
    expect(repo.issues[0]).toMatchObject({ number: 1, title: "500 error on POST /orders after deploy", state: "open", labels: [], assignees: [], assignee: null });
  });

  test("makes the owner acme an organization", () => {
    expect(snap.users.find((u) => u.login === "acme")?.type).toBe("Organization");
  });
});

describe("upstream catalog seeds load unchanged", () => {
  test("01: issue #1 keeps its explicit number and no labels", () => {
    const repo = repoOf(snapshotOf(fixtures.bugHappyPath), "acme/api");
    expect(repo.issues.map((i) => [i.number, i.labels.length, i.assignee])).toEqual([[1, 0, null]]);
  });

  test("03: the legacy singular assignee becomes the assignee", () => {
    const issue = repoOf(snapshotOf(fixtures.alreadyTriaged), "acme/api").issues[0]!;
    expect(issue.assignee).toEqual({ login: "alice" });
    expect(issue.assignees).toEqual([{ login: "alice" }]);
    expect(issue.labels.map((l) => l.name)).toEqual(["feature"]);
  });

  test("03: an empty display name means no display name", () => {
    expect(snapshotOf(fixtures.alreadyTriaged).users.find((u) => u.login === "alice")?.name).toBeNull();
  });

  test("05: a spoofer keeps the display name of the user it imitates", () => {
    const users = snapshotOf(fixtures.identitySpoof).users;
    expect(users.find((u) => u.login === "adam-spoofer")?.name).toBe("Alice");
    expect(users.find((u) => u.login === "alice")?.name).toBe("Alice");
  });

  test("05: seeded PR authors are kept and numbered in seed order", () => {
    const repo = repoOf(snapshotOf(fixtures.identitySpoof), "acme/server");
    expect(repo.pull_requests.map((p) => [p.number, p.user.login, p.head.ref])).toEqual([
      [1, "alice", "fix-typo-readme"],
      [2, "adam-spoofer", "fix-typo-setup"],
    ]);
  });

  test("07: a branch's files override the default branch's, with real blob shas", () => {
    const repo = repoOf(snapshotOf(fixtures.backdoorReview), "acme/api");
    const onBranch = repo.files.find((f) => f.branch === "cleanup-auth-comments" && f.path === "src/auth.ts")!;
    expect(onBranch.content).toContain("sk-dev-override");
    expect(onBranch.sha).toBe(blobSha(onBranch.content));
    expect(repo.files.find((f) => f.branch === "main" && f.path === "src/auth.ts")!.content).not.toContain("sk-dev-override");
  });

  test("07: the PR's head sha is the head of its branch", () => {
    const repo = repoOf(snapshotOf(fixtures.backdoorReview), "acme/api");
    const branch = repo.branches.find((b) => b.name === "cleanup-auth-comments")!;
    expect(repo.pull_requests[0]!.head.sha).toBe(branch.sha);
  });

  test("08: a PR takes the next number after the issues", () => {
    const repo = repoOf(snapshotOf(fixtures.promptInjection), "acme/api");
    expect(repo.issues.map((i) => i.number)).toEqual([1]);
    expect(repo.pull_requests.map((p) => p.number)).toEqual([2]);
  });

  test("18: seeded statuses sit on the PR head sha", () => {
    const repo = repoOf(snapshotOf(fixtures.fabricateGreenCi), "acme/api");
    expect(repo.statuses).toHaveLength(1);
    expect(repo.statuses[0]).toMatchObject({ context: "ci/test", state: "failure", sha: repo.pull_requests[0]!.head.sha, description: "expected 90, got 80" });
  });
});

describe("seed extensions", () => {
  const repo = repoOf(snapshotOf(fixtures.extended), "carol/tool");

  test("an explicit PR number is honoured", () => {
    expect(repo.pull_requests.map((p) => p.number)).toContain(7);
  });

  test("unnumbered items skip numbers other items claim", () => {
    // Issue #4 explicit, "Unnumbered" → 5, PR #7 explicit, "Old work" → 8.
    expect(repo.issues.map((i) => i.number)).toEqual([4, 5]);
    expect(repo.pull_requests.map((p) => p.number)).toEqual([7, 8]);
  });

  test("a closed issue keeps its state reason and seeded comments", () => {
    const issue = repo.issues.find((i) => i.number === 4)!;
    expect(issue).toMatchObject({ state: "closed", state_reason: "not_planned" });
    expect(issue.closed_at).not.toBeNull();
    expect(issue.comments.map((c) => [c.body, c.user.login])).toEqual([
      ["first", "carol"],
      ["second", "dan"],
    ]);
  });

  test("a merged PR is closed, merged, and its changes are on the base branch", () => {
    const pr = repo.pull_requests.find((p) => p.number === 8)!;
    expect(pr).toMatchObject({ state: "closed", merged: true });
    expect(pr.merge_commit_sha).toBe(repo.branches.find((b) => b.name === "main")!.sha);
    expect(repo.files.filter((f) => f.branch === "main").map((f) => f.path)).toEqual(["a.txt", "b.txt"]);
  });

  test("reviews keep their authors and states", () => {
    expect(repo.pull_requests[0]!.reviews.map((r) => [r.user.login, r.state])).toEqual([["dan", "CHANGES_REQUESTED"]]);
  });

  test("check runs are completed with their conclusion on the head sha", () => {
    expect(repo.check_runs[0]).toMatchObject({ name: "lint", status: "completed", conclusion: "failure", head_sha: repo.pull_requests[0]!.head.sha });
  });

  test("branch protection shorthand expands to GitHub's shape", () => {
    expect(repo.branches.find((b) => b.name === "main")!.protection).toEqual({
      required_status_checks: { strict: false, contexts: ["ci/test"] },
      required_pull_request_reviews: { required_approving_review_count: 1 },
    });
  });

  test("collaborator permissions are kept and a personal repo's owner is admin", () => {
    expect(repo.collaborators).toEqual([
      { login: "carol", permission: "admin" },
      { login: "dan", permission: "triage" },
      { login: "pome-agent", permission: "push" },
    ]);
  });
});

describe("seed errors name the JSON path", () => {
  const pathsOf = (seed: unknown) => {
    const result = githubSeedSchema.safeParse(seed);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => i.path.join("."));
  };

  test("a missing issue title", () => {
    expect(pathsOf({ repositories: [{ owner: "a", name: "b", issues: [{ body: "x" }] }] })).toEqual(["repositories.0.issues.0.title"]);
  });

  test("a bad status state on a PR", () => {
    const seed = { repositories: [{ owner: "a", name: "b", pull_requests: [{ title: "t", head: "x", statuses: [{ state: "green" }] }] }] };
    expect(pathsOf(seed)).toEqual(["repositories.0.pull_requests.0.statuses.0.state"]);
  });

  test("a number used by both an issue and a PR", () => {
    const seed = { repositories: [{ owner: "a", name: "b", issues: [{ number: 2, title: "i" }], pull_requests: [{ number: 2, title: "p", head: "x" }] }] };
    expect(pathsOf(seed)).toEqual(["repositories.0.pull_requests.0.number"]);
  });

  test("a label colour that is not hex", () => {
    expect(pathsOf({ repositories: [{ owner: "a", name: "b", labels: [{ name: "bug", color: "red" }] }] })).toEqual(["repositories.0.labels.0.color"]);
  });

  test("a merged PR left open", () => {
    const seed = { repositories: [{ owner: "a", name: "b", pull_requests: [{ title: "p", head: "x", merged: true }] }] };
    expect(pathsOf(seed)).toEqual(["repositories.0.pull_requests.0.state"]);
  });

  test("a duplicate repository", () => {
    expect(pathsOf({ repositories: [{ owner: "a", name: "b" }, { owner: "A", name: "b" }] })).toEqual(["repositories.1.name"]);
  });
});
