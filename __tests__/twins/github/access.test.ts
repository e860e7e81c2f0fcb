/** Visibility and permission rules, called in memory with an actor other than pome-agent. */
import { describe, expect, test } from "vitest";
import { createClock } from "../../../src/twins/engine/clock.js";
import { createIdSource } from "../../../src/twins/engine/id-source.js";
import { TwinError, type OperationContext } from "../../../src/twins/engine/operation.js";
import { getRepository } from "../../../src/twins/github/operations/repos.js";
import { addIssueLabels } from "../../../src/twins/github/operations/labels.js";
import { searchIssues } from "../../../src/twins/github/operations/search.js";
import { createGitHubState, githubSeedSchema } from "../../../src/twins/github/seed/index.js";
import type { GitHubState } from "../../../src/twins/github/state.js";

function contextAs(actor: string): OperationContext<GitHubState> {
  const clock = createClock();
  const ids = createIdSource("k", "github");
  const seed = githubSeedSchema.parse({
    repositories: [
      { owner: "acme", name: "private", private: true, issues: [{ number: 1, title: "secret bug" }] },
      { owner: "acme", name: "public", collaborators: [{ login: "tess", permission: "triage" }], issues: [{ number: 1, title: "public bug" }] },
    ],
  });
  return { state: createGitHubState(seed, { clock, ids }), clock, ids, actor, credential: null, urls: { rest: "http://127.0.0.1/s/x/github", mcp: "http://127.0.0.1/s/x/github/mcp" }, twin: "github", transport: "rest", headers: {}, stateChanged: () => undefined, deliver: () => undefined };
}

function thrown(fn: () => unknown): TwinError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TwinError) return error;
    throw error;
  }
  throw new Error("expected a TwinError");
}

describe("access rules", () => {
  test("a private repository is a 404 for someone without access", () => {
    expect(thrown(() => getRepository.handle(contextAs("mallory"), { owner: "acme", repo: "private" })).status).toBe(404);
  });

  test("search never finds issues of repositories the caller cannot see", () => {
    const result = searchIssues.handle(contextAs("mallory"), { q: "bug", order: "desc" }) as { items: Array<{ title: string }> };
    expect(result.items.map((i) => i.title)).toEqual(["public bug"]);
  });

  test("a triager can apply existing labels but a missing one is not created", () => {
    const ctx = contextAs("tess");
    const result = addIssueLabels.handle(ctx, { owner: "acme", repo: "public", issue_number: 1, labels: ["new-label"] });
    expect(result).toEqual([]);
    expect(ctx.state.repositories[1]!.labels).toEqual([]);
  });
});
