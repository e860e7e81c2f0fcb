/**
 * GitHub's limits, as its API reports them: blank titles, over-long bodies and label names
 * are 422 "Validation Failed" with GitHub's field errors; numbers in paths are plain
 * decimals (anything else is a 404); pagination numbers out of range are clamped, never
 * an error.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const failure = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error("expected the request to fail");
  },
  (error: any) => ({ status: error.status as number, data: error.response?.data }),
);

const validationFailed = (errors: unknown[]) => ({ message: "Validation Failed", errors, documentation_url: expect.any(String), status: "422" });

describe("issue and pull request text", () => {
  test.each([
    ["an empty title", ""],
    ["a blank title", "   "],
  ])("%s is missing_field", async (_name, title) => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const answer = await failure(octokit.rest.issues.create({ ...repo, title }));
    expect(answer).toEqual({ status: 422, data: validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]) });
    expect(snapshot().repositories[0].issues).toHaveLength(1);
  });

  test("a title over 256 characters is too long", async () => {
    const { octokit } = openWorld(gitSeed());
    await octokit.rest.issues.create({ ...repo, title: "t".repeat(256) });
    const answer = await failure(octokit.rest.issues.create({ ...repo, title: "t".repeat(257) }));
    expect(answer.data.errors).toEqual([{ resource: "Issue", code: "custom", field: "title", message: "title is too long (maximum is 256 characters)" }]);
  });

  test("a body over 65,536 characters is refused on create and on update, which then changes nothing", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const tooLong = [{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }];
    expect(await failure(octokit.rest.issues.create({ ...repo, title: "x", body: "b".repeat(70_000) }))).toEqual({ status: 422, data: validationFailed(tooLong) });
    const before = snapshot().repositories[0].issues[0];
    const update = await failure(octokit.rest.issues.update({ ...repo, issue_number: 1, title: "renamed", body: "b".repeat(65_537) }));
    expect(update.data.errors).toEqual(tooLong);
    expect(snapshot().repositories[0].issues[0]).toEqual(before);
    // Characters, not UTF-16 units: 65,536 emoji are within the limit.
    expect((await octokit.rest.issues.create({ ...repo, title: "x", body: "😀".repeat(65_536) })).status).toBe(201);
  });

  test("a pull request body over 65,536 characters is refused", async () => {
    const { octokit } = openWorld(gitSeed());
    const answer = await failure(octokit.rest.pulls.update({ ...repo, pull_number: 2, body: "b".repeat(70_000) }));
    expect(answer.data.errors).toEqual([{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }]);
  });

  test("an issue comment may hold 262,144 bytes; more is refused as GitHub words it", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "c".repeat(70_000) })).status).toBe(201);
    const answer = await failure(octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "é".repeat(131_073) }));
    expect(answer).toEqual({
      status: 422,
      data: validationFailed([{ resource: "IssueComment", code: "unprocessable", field: "data", message: "Body is too long (maximum is 65536 characters)" }]),
    });
  });

  test("a review comment over 65,536 characters is refused", async () => {
    const { octokit } = openWorld(gitSeed());
    const answer = await failure(octokit.rest.pulls.createReviewComment({ ...repo, pull_number: 2, body: "r".repeat(65_537), path: "src/retry.ts", line: 1, side: "RIGHT" } as any));
    expect(answer.data.errors).toEqual([{ resource: "PullRequestReviewComment", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }]);
  });

  test("a release body over 125,000 characters is refused", async () => {
    const { octokit } = openWorld(gitSeed());
    const answer = await failure(octokit.rest.repos.createRelease({ ...repo, tag_name: "v1", body: "n".repeat(125_001) }));
    expect(answer.data.errors).toEqual([{ resource: "Release", code: "custom", field: "body", message: "body is too long (maximum is 125000 characters)" }]);
  });
});

describe("label names", () => {
  const tooLong = [{ resource: "Label", code: "custom", field: "name", message: "name is too long (maximum is 50 characters)" }];

  test("a label name over 50 characters is refused; 50 is fine", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.issues.createLabel({ ...repo, name: "n".repeat(50) })).status).toBe(201);
    expect((await failure(octokit.rest.issues.createLabel({ ...repo, name: "n".repeat(51) }))).data.errors).toEqual(tooLong);
    expect((await failure(octokit.rest.issues.updateLabel({ ...repo, name: "bug", new_name: "n".repeat(300) }))).data.errors).toEqual(tooLong);
  });

  test("naming a 300-character label on an issue refuses the request and creates no label", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const labelsBefore = snapshot().repositories[0].labels;
    expect((await failure(octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["fine", "l".repeat(300)] }))).data.errors).toEqual(tooLong);
    expect((await failure(octokit.rest.issues.create({ ...repo, title: "x", labels: ["l".repeat(300)] }))).data.errors).toEqual(tooLong);
    expect(snapshot().repositories[0].labels).toEqual(labelsBefore);
    expect(snapshot().repositories[0].issues).toHaveLength(1);
  });
});

describe("numbers in paths", () => {
  test.each(["0x1", "abc", "1e0", "+1", "-1", "0", "1.0", "99999999999999999999"])("issues/%s is GitHub's 404, never issue #1", async (number) => {
    const { octokit } = openWorld(gitSeed());
    const answer = await failure(octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: number as unknown as number }));
    expect(answer).toEqual({ status: 404, data: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" } });
  });

  test("every kind of path id is checked the same way", async () => {
    const { octokit } = openWorld(gitSeed());
    for (const route of ["GET /repos/{owner}/{repo}/pulls/0x2", "GET /repos/{owner}/{repo}/issues/comments/0x1", "GET /repos/{owner}/{repo}/check-runs/0x1", "GET /repos/{owner}/{repo}/releases/0x1"]) {
      expect((await failure(octokit.request(route, repo))).status, route).toBe(404);
    }
    expect((await octokit.rest.issues.get({ ...repo, issue_number: 1 })).data.number).toBe(1);
  });

  test("over MCP a number that is not one is the same 404", async () => {
    const world = openWorld(gitSeed());
    const client = await world.mcp();
    const result = await client.callTool({ name: "get_issue", arguments: { ...repo, issue_number: "0x1" } });
    expect(result.isError).toBe(true);
    expect(toolJson(result)).toMatchObject({ message: "Not Found", status: "404" });
  });

  test("a number in a body that is not a plain decimal is a 422, not read as another number", async () => {
    const { octokit } = openWorld(gitSeed());
    const answer = await failure(octokit.request("POST /repos/{owner}/{repo}/pulls", { ...repo, head: "docs", base: "main", issue: "0x1" as unknown as number }));
    expect(answer.status).toBe(422);
  });
});

describe("pagination numbers out of range (what api.github.com does)", () => {
  const manyIssues = () => gitSeed({ issues: Array.from({ length: 120 }, (_, i) => ({ number: i + 3, title: `issue ${i + 3}` })) });
  const page = async (octokit: any, query: Record<string, string>) => {
    const res = await octokit.request("GET /repos/{owner}/{repo}/issues", { ...repo, state: "all", ...query });
    return { count: res.data.length as number, first: res.data[0]?.number as number };
  };

  test("page 0 and negative pages are the first page", async () => {
    const { octokit } = openWorld(manyIssues());
    const first = await page(octokit, {});
    expect(await page(octokit, { page: "0" })).toEqual(first);
    expect(await page(octokit, { page: "-1" })).toEqual(first);
  });

  test("per_page 0 or below is the default 30; above 100 is 100", async () => {
    const { octokit } = openWorld(manyIssues());
    expect((await page(octokit, { per_page: "0" })).count).toBe(30);
    expect((await page(octokit, { per_page: "-5" })).count).toBe(30);
    expect((await page(octokit, { per_page: "150" })).count).toBe(100);
  });
});
