import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { describeFailure, uploadArtifact } from "../../../src/action/github.js";
import { startFakeArtifactService, type FakeArtifactService } from "../../fixtures/fake-artifact-service/server.js";

describe("reporting failures read as what to do", () => {
  const httpError = (status: number, message: string, headers: Record<string, string> = {}) => Object.assign(new Error(message), { status, response: { headers } });

  test("a fork's read-only token", () => {
    expect(describeFailure(httpError(403, "Resource not accessible by integration - https://docs.github.com/rest"), "check run skipped")).toBe(
      "check run skipped: the token may not do this (Resource not accessible by integration): a pull request from a fork gets a read-only token; otherwise grant `permissions: checks: write, pull-requests: write`",
    );
  });

  test("a personal access token cannot create check runs", () => {
    expect(describeFailure(httpError(403, "You must authenticate via a GitHub App."), "check run skipped")).toMatch(/a personal access token cannot/);
  });

  test("rate limits, primary and secondary", () => {
    expect(describeFailure(httpError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" }), "PR comment skipped")).toMatch(/rate limit was hit/);
    expect(describeFailure(httpError(429, "slow down"), "PR comment skipped")).toMatch(/rate limit was hit/);
  });
});

describe("artifact upload through the real client", () => {
  const saved = { ...process.env };
  let root: string;
  let service: FakeArtifactService;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "pome-upload-"));
    mkdirSync(join(root, "triage", "run_1"), { recursive: true });
    writeFileSync(join(root, "results.json"), "{}\n");
    writeFileSync(join(root, "triage", "run_1", "score.json"), '{"status":"pass"}\n');
  });
  afterEach(async () => {
    process.env = { ...saved };
    await service?.close();
  });
  afterAll(() => {
    process.env = saved;
  });

  function useService(s: FakeArtifactService, serverUrl = "https://github.com") {
    service = s;
    Object.assign(process.env, { ACTIONS_RUNTIME_TOKEN: s.token, ACTIONS_RESULTS_URL: s.url, GITHUB_SERVER_URL: serverUrl, GITHUB_WORKSPACE: root });
  }

  test("uploads every file under the root, paths relative to it, and links the artifact", async () => {
    useService(await startFakeArtifactService());
    const result = await uploadArtifact({ name: "pome-runs", root, retentionDays: 3, runUrl: "https://github.com/o/r/actions/runs/9/attempts/2" });
    expect(result).toMatchObject({ id: 1001, url: "https://github.com/o/r/actions/runs/9/artifacts/1001" });
    expect([...service.files("pome-runs").keys()].sort()).toEqual(["results.json", "triage/run_1/score.json"]);
  });

  test("a full storage quota is a warning about the quota", async () => {
    useService(await startFakeArtifactService({ quotaExhausted: true }));
    const error = await uploadArtifact({ name: "pome-runs", root, runUrl: null }).catch((e: unknown) => e);
    expect(describeFailure(error, "artifact upload failed")).toBe("artifact upload failed: the artifact storage quota is used up; the run folders stay in the workspace");
  });

  test("GitHub Enterprise Server has no artifact service for this client", async () => {
    useService(await startFakeArtifactService(), "https://ghe.example.com");
    const error = await uploadArtifact({ name: "pome-runs", root, runUrl: null }).catch((e: unknown) => e);
    expect(describeFailure(error, "artifact upload failed")).toMatch(/not available on GitHub Enterprise Server/);
    expect(service.artifacts).toEqual([]);
  });
});
