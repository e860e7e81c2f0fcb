import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const pr = { ...repo, pull_number: 2 };

/** A PR the agent itself opened (#3), for the own-PR rules. */
async function ownPull(octokit: any): Promise<number> {
  const { data } = await octokit.rest.pulls.create({ ...repo, title: "Docs", head: "docs", base: "main" });
  return data.number;
}

describe("create_pull_request_review", () => {
  test("approves someone else's PR with 200 and GitHub's review shape", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const { status, data } = await octokit.rest.pulls.createReview({ ...pr, event: "APPROVE", body: "LGTM" });
    expect(status).toBe(200);
    expect(data).toMatchObject({ state: "APPROVED", body: "LGTM", user: { login: "pome-agent" } });
    expect(data.commit_id).toBe((await octokit.rest.pulls.get(pr)).data.head.sha);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", 200, data)).toEqual([]);
    expect(snapshot().repositories[0].pull_requests[0].reviews).toMatchObject([{ state: "APPROVED", user: { login: "pome-agent" }, body: "LGTM" }]);
  });

  test("refuses to approve your own pull request with 422", async () => {
    const { octokit } = openWorld(gitSeed());
    const number = await ownPull(octokit);
    const error = await octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: "APPROVE" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data).toMatchObject({ message: "Unprocessable Entity", errors: ["Can not approve your own pull request"] });
  });

  test("refuses to request changes on your own pull request with 422", async () => {
    const { octokit } = openWorld(gitSeed());
    const number = await ownPull(octokit);
    const error = await octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: "REQUEST_CHANGES", body: "no" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual(["Can not request changes on your own pull request"]);
  });

  test("allows commenting on your own pull request", async () => {
    const { octokit } = openWorld(gitSeed());
    const number = await ownPull(octokit);
    const { data } = await octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: "COMMENT", body: "note to self" });
    expect(data.state).toBe("COMMENTED");
  });

  test("requires a body to request changes", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.createReview({ ...pr, event: "REQUEST_CHANGES" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual(["You need to leave a comment indicating the requested changes."]);
  });

  test("requires a body or comments for a COMMENT review", async () => {
    const { octokit } = openWorld(gitSeed());
    expect((await octokit.rest.pulls.createReview({ ...pr, event: "COMMENT" }).catch((e: any) => e)).status).toBe(422);
  });

  test("creates inline comments with the review, on lines of the diff", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.createReview({
      ...pr,
      event: "COMMENT",
      comments: [{ path: "src/app.ts", line: 3, body: "Why three retries?" }],
    });
    const comments = await octokit.rest.pulls.listReviewComments(pr);
    expect(comments.data).toMatchObject([{ pull_request_review_id: data.id, path: "src/app.ts", line: 3, side: "RIGHT", body: "Why three retries?" }]);
    expect(comments.data[0].diff_hunk).toBe("@@ -1,5 +1,6 @@\n export function handler(req) {\n   const order = parse(req);\n-  save(order);\n+  retry(() => save(order), 3);");
  });

  test("a comment outside the diff fails the whole review", async () => {
    const { octokit, snapshot } = openWorld(gitSeed());
    const error = await octokit.rest.pulls
      .createReview({ ...pr, event: "COMMENT", body: "x", comments: [{ path: "README.md", line: 1, body: "not in the PR" }] })
      .catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(snapshot().repositories[0].pull_requests[0].reviews).toEqual([]);
  });
});

describe("pending reviews", () => {
  test("a review without an event stays pending until submitted", async () => {
    const { octokit } = openWorld(gitSeed());
    const pending = await octokit.rest.pulls.createReview({ ...pr, body: "draft" });
    expect(pending.data.state).toBe("PENDING");
    expect(pending.data.submitted_at).toBeUndefined();
    const { data } = await octokit.rest.pulls.submitReview({ ...pr, review_id: pending.data.id, event: "REQUEST_CHANGES", body: "Please add tests" });
    expect(data).toMatchObject({ state: "CHANGES_REQUESTED", body: "Please add tests" });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events", 200, data)).toEqual([]);
  });

  test("allows one pending review per user", async () => {
    const { octokit } = openWorld(gitSeed());
    await octokit.rest.pulls.createReview({ ...pr, body: "draft" });
    const error = await octokit.rest.pulls.createReview({ ...pr, body: "second" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors).toEqual(["User can only have one pending review per pull request"]);
  });

  test("deletes a pending review", async () => {
    const { octokit } = openWorld(gitSeed());
    const pending = await octokit.rest.pulls.createReview({ ...pr, body: "draft" });
    await octokit.rest.pulls.deletePendingReview({ ...pr, review_id: pending.data.id });
    expect((await octokit.rest.pulls.listReviews(pr)).data).toEqual([]);
  });
});

describe("listing, reading and dismissing reviews", () => {
  test("lists reviews in order and gets one by id", async () => {
    const { octokit } = openWorld(gitSeed({ pull_requests: [{ number: 2, title: "Retry", head: "feature/retry", author: "alice", reviews: [{ author: "bob", state: "CHANGES_REQUESTED", body: "tests?" }] }] }));
    await octokit.rest.pulls.createReview({ ...pr, event: "APPROVE" });
    const { data } = await octokit.rest.pulls.listReviews(pr);
    expect(data.map((r: any) => [r.user.login, r.state])).toEqual([
      ["bob", "CHANGES_REQUESTED"],
      ["pome-agent", "APPROVED"],
    ]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", 200, data)).toEqual([]);
    const one = await octokit.rest.pulls.getReview({ ...pr, review_id: data[0].id });
    expect(one.data.body).toBe("tests?");
  });

  test("dismisses a changes-requested review", async () => {
    const { octokit, snapshot } = openWorld(gitSeed({ pull_requests: [{ number: 2, title: "Retry", head: "feature/retry", author: "alice", reviews: [{ author: "bob", state: "CHANGES_REQUESTED", body: "tests?" }] }] }));
    const [review] = (await octokit.rest.pulls.listReviews(pr)).data;
    const { data } = await octokit.rest.pulls.dismissReview({ ...pr, review_id: review.id, message: "Addressed" });
    expect(data.state).toBe("DISMISSED");
    expect(snapshot().repositories[0].pull_requests[0].reviews[0].state).toBe("DISMISSED");
  });
});

describe("review comments", () => {
  test("comments on a line of a changed file and replies in the thread", async () => {
    const { octokit } = openWorld(gitSeed());
    const head = (await octokit.rest.pulls.get(pr)).data.head.sha;
    const { status, data } = await octokit.rest.pulls.createReviewComment({ ...pr, commit_id: head, path: "src/retry.ts", line: 3, body: "Swallowing errors?" });
    expect(status).toBe(201);
    expect(data).toMatchObject({ path: "src/retry.ts", line: 3, side: "RIGHT", commit_id: head, user: { login: "pome-agent" } });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", 201, data)).toEqual([]);
    const reply = await octokit.rest.pulls.createReplyForReviewComment({ ...pr, comment_id: data.id, body: "Yes, on purpose" });
    expect(reply.status).toBe(201);
    expect(reply.data).toMatchObject({ in_reply_to_id: data.id, path: "src/retry.ts", line: 3 });
    const pull = await octokit.rest.pulls.get(pr);
    expect(pull.data.review_comments).toBe(2);
  });

  test("comments on a whole file with subject_type file", async () => {
    const { octokit } = openWorld(gitSeed());
    const head = (await octokit.rest.pulls.get(pr)).data.head.sha;
    const { data } = await octokit.rest.pulls.createReviewComment({ ...pr, commit_id: head, path: "src/retry.ts", subject_type: "file", body: "Needs tests" });
    expect(data).toMatchObject({ path: "src/retry.ts", subject_type: "file" });
    expect(data.line).toBeUndefined();
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments", 201, data)).toEqual([]);
  });

  test("refuses a line that is not part of the diff", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.createReviewComment({ ...pr, commit_id: (await octokit.rest.pulls.get(pr)).data.head.sha, path: "src/app.ts", line: 40, body: "?" }).catch((e: any) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.errors[0].message).toBe("pull_request_review_thread.line must be part of the diff");
  });

  test("refuses a file the PR does not change", async () => {
    const { octokit } = openWorld(gitSeed());
    const error = await octokit.rest.pulls.createReviewComment({ ...pr, commit_id: (await octokit.rest.pulls.get(pr)).data.head.sha, path: "README.md", line: 1, body: "?" }).catch((e: any) => e);
    expect(error.status).toBe(422);
  });

  test("edits and deletes a review comment", async () => {
    const { octokit } = openWorld(gitSeed());
    const { data } = await octokit.rest.pulls.createReviewComment({ ...pr, commit_id: (await octokit.rest.pulls.get(pr)).data.head.sha, path: "src/app.ts", line: 4, body: "log?" });
    const edited = await octokit.rest.pulls.updateReviewComment({ ...repo, comment_id: data.id, body: "log the id?" });
    expect(edited.data.body).toBe("log the id?");
    expect((await octokit.rest.pulls.getReviewComment({ ...repo, comment_id: data.id })).data.body).toBe("log the id?");
    expect((await octokit.rest.pulls.deleteReviewComment({ ...repo, comment_id: data.id })).status).toBe(204);
    expect((await octokit.rest.pulls.listReviewComments(pr)).data).toEqual([]);
  });
});

describe("review tools over MCP", () => {
  test("each review and review-comment operation answers through MCP", async () => {
    const world = openWorld(gitSeed({ pull_requests: [{ number: 2, title: "Retry", head: "feature/retry", author: "alice", reviews: [{ author: "bob", state: "APPROVED", body: "ok" }] }] }));
    const mcp = await world.mcp();
    const call = async (name: string, args: Record<string, unknown>) => {
      const result: any = await mcp.callTool({ name, arguments: { ...pr, ...args } });
      expect(result.isError ?? false, name).toBe(false);
      return toolJson(result);
    };
    const pending = await call("create_pull_request_review", { body: "draft" });
    expect((await call("submit_pull_request_review", { review_id: pending.id, event: "COMMENT" })).state).toBe("COMMENTED");
    const reviews = await call("get_pull_request_reviews", {});
    expect(reviews).toHaveLength(2);
    expect((await call("get_pull_request_review", { review_id: reviews[0].id })).state).toBe("APPROVED");
    expect((await call("dismiss_pull_request_review", { review_id: reviews[0].id, message: "stale" })).state).toBe("DISMISSED");
    const second = await call("create_pull_request_review", {});
    await call("delete_pending_pull_request_review", { review_id: second.id });
    const comment = await call("create_pull_request_review_comment", { path: "src/app.ts", line: 3, body: "?" });
    await call("add_reply_to_pull_request_comment", { comment_id: comment.id, body: "!" });
    expect(await call("get_pull_request_comments", {})).toHaveLength(2);
    expect((await call("get_pull_request_review_comment", { comment_id: comment.id })).body).toBe("?");
    expect((await call("update_pull_request_review_comment", { comment_id: comment.id, body: "??" })).body).toBe("??");
    await call("delete_pull_request_review_comment", { comment_id: comment.id });
  });
});
