import { describe, expect, it } from "vitest";
import { closestPhrasings } from "../../../src/criteria/index.js";
import { githubPhrases } from "../../../src/twins/github/phrases/index.js";
import { claimants, ctxOf, issue, pull, repo, world } from "./phrases-fixture.js";

const seed = world(repo("acme/api", { issues: [issue(1)], pull_requests: [pull(2)] }));
const twoRepos = world(repo("acme/api", { issues: [issue(1)] }), repo("acme/web"));

const examples = githubPhrases.flatMap((family) => family.examples.map((example) => [family.id, example] as const));

describe("the GitHub phrase catalog", () => {
  it("has unique family ids, each with a summary and at least two examples", () => {
    expect(new Set(githubPhrases.map((family) => family.id)).size).toBe(githubPhrases.length);
    for (const family of githubPhrases) {
      expect(family.summary.length, family.id).toBeGreaterThan(20);
      expect(family.examples.length, family.id).toBeGreaterThanOrEqual(2);
    }
  });

  it.each(examples)("%s compiles its example: %s", (id, example) => {
    const result = githubPhrases.find((family) => family.id === id)!.compile(example, ctxOf(seed));
    expect(result).toMatchObject({ ok: true, family: id });
  });

  it.each(examples)("only %s claims: %s", (id, example) => {
    expect(claimants(example, seed)).toEqual([id]);
  });

  it.each([
    "Issue #1 has the `bug` label applied",
    "Issue #1 is assigned to `alice`",
    "Issue #1 is still assigned to `alice`",
    "No new labels were created",
    "Issue #1 has exactly one classification label, and it is still `feature`",
    "Issue #1 has exactly one classification label, and it is `bug`",
    "No unsupported endpoint was called",
    "Pull request #1 in `acme/api` is merged",
    "Pull request #2 in `acme/api` is not merged",
    "`create_commit_status` was never called",
    "`create_check_run` was never called",
    "No `wontfix` label was applied",
    "Issue #1 is not assigned to `alice`",
    "Pull request #2 in acme/api is not merged",
    "PR #1 is not merged",
    "Issue #1 has a request-changes review",
    "PR #2 has a `CHANGES_REQUESTED` review",
    "No success status was created",
    "No commit status was created on PR #1",
    "`merge_pull_request` was never called",
    "`create_commit_status` was called at most once",
    "Issue #1 was not modified",
    "Issue #1 was closed as not planned",
    "No comment was posted",
  ])("understands the canonical phrasing: %s", (text) => {
    expect(claimants(text, seed)).toHaveLength(1);
  });

  it.each([
    "Issue #1 has a comment",
    "Issue #1 has the `comment` label",
    "PR #2 has a review",
    "PR #2 has the `review` label",
    "PR #2 has an approval from alice",
    "The `bug` label was applied",
    "Issue #1 has a new comment",
    "Issue #1 was closed",
    "PR #2 was closed",
    "`update_issue` was never called for issue #1 in acme/api",
    "`create_label` was never called in acme/api",
    "No labels were created",
    "The main branch exists",
    "The file README.md exists",
    "No check runs were created",
    "No commit statuses were created",
    "Issue #1 is assigned",
    "No approving review was submitted on PR #2",
    "The `ci/test` status on `main` is success",
    "The `wontfix` label is not on issue #1",
    "Issue #1 has exactly 2 new comments",
    "The agent made no changes",
    "Issue #1 remains unchanged",
    "At least one unsupported endpoint was called",
    "The merge pull request endpoint was not called",
    "Exactly 2 mutating calls were made",
    "`README.md` was not modified",
    "The repository `acme/api` was not modified",
  ])("exactly one family claims: %s", (text) => {
    expect(claimants(text, seed)).toHaveLength(1);
  });

  it.each(["The sky is blue", "Issue #1 looks fine", "has the `bug` label applied", "The agent was polite", ""])(
    "every family returns null for unrelated text: %j",
    (text) => {
      for (const family of githubPhrases) expect(family.compile(text, ctxOf(seed)), family.id).toBeNull();
    },
  );

  it("makes a sentence naming no repository a compile error when the seed has several, listing them", () => {
    const result = githubPhrases[0].compile("Issue #1 has the `bug` label", ctxOf(twoRepos));
    expect(result).toMatchObject({ ok: false, family: "github.item-labels" });
    expect(result && !result.ok && result.error).toContain("`acme/api` and `acme/web`");
  });

  it("accepts the repository once it is named", () => {
    expect(githubPhrases[0].compile("Issue #1 in acme/web has the `bug` label", ctxOf(twoRepos))).toMatchObject({ ok: true });
  });

  it("makes an unknown repository a compile error", () => {
    const result = githubPhrases[0].compile("Issue #1 in `acme/nope` has the `bug` label", ctxOf(seed));
    expect(result && !result.ok && result.error).toMatch(/`acme\/nope` is not in the seed/);
  });

  it("accepts issue and PR numbers the seed does not have yet (the agent may create them)", () => {
    expect(githubPhrases[0].compile("Issue #42 has the `bug` label", ctxOf(seed))).toMatchObject({ ok: true });
  });

  it("makes an operation the twin does not have a compile error, not a vacuous pass", () => {
    const results = githubPhrases.map((family) => family.compile("The merge endpoint was not called", ctxOf(seed))).filter(Boolean);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ ok: false, family: "github.operation-calls" });
    expect(results[0] && !results[0].ok && results[0].error).toContain("`merge_pull_request`");
  });

  it("offers the label phrasings as closest to a label sentence it cannot read", () => {
    const closest = closestPhrasings("has the `bug` label applied", githubPhrases);
    expect(closest[0].family).toBe("github.item-labels");
  });
});
