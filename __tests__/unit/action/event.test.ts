import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readPayload, runContext } from "../../../src/action/event.js";

const HEAD = "a".repeat(40);
const MERGE = "b".repeat(40);
const base = { GITHUB_REPOSITORY: "acme/api", GITHUB_SHA: MERGE, GITHUB_RUN_ID: "42", GITHUB_SERVER_URL: "https://github.com", GITHUB_WORKSPACE: "/w" };

function envWith(eventName: string, payload: unknown) {
  const path = join(mkdtempSync(join(tmpdir(), "pome-event-")), "event.json");
  writeFileSync(path, JSON.stringify(payload));
  return { ...base, GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: path };
}

const pr = (headRepo: string) => ({ pull_request: { number: 7, head: { sha: HEAD, repo: { full_name: headRepo } }, base: { repo: { full_name: "acme/api" } } } });

describe("run context", () => {
  test("a pull_request reports on the PR head, not the merge commit", () => {
    const env = envWith("pull_request", pr("acme/api"));
    const ctx = runContext(env, readPayload(env), "/cwd");
    expect(ctx).toMatchObject({ owner: "acme", repo: "api", headSha: HEAD, pullRequest: { number: 7, fork: false }, fork: false, workspace: "/w" });
    expect(ctx.runUrl).toBe("https://github.com/acme/api/actions/runs/42");
    expect(ctx.blobUrl).toBe(`https://github.com/acme/api/blob/${HEAD}`);
  });

  test("a head repository other than the base is a fork", () => {
    const env = envWith("pull_request", pr("contributor/api"));
    expect(runContext(env, readPayload(env), "/cwd")).toMatchObject({ fork: true, pullRequest: { fork: true } });
  });

  test("a fork's workflow_run has no pull_requests: the head sha is known, the PR is not", () => {
    const env = envWith("workflow_run", { workflow_run: { head_sha: HEAD, head_repository: { full_name: "contributor/api" }, repository: { full_name: "acme/api" }, pull_requests: [] } });
    expect(runContext(env, readPayload(env), "/cwd")).toMatchObject({ headSha: HEAD, pullRequest: null, fork: true });
  });

  test("a push reports on GITHUB_SHA; a missing or broken payload is an empty one", () => {
    expect(runContext({ ...base, GITHUB_EVENT_NAME: "push" }, {}, "/cwd")).toMatchObject({ headSha: MERGE, pullRequest: null });
    expect(readPayload({ GITHUB_EVENT_PATH: "/nonexistent/event.json" })).toEqual({});
  });
});
