import { describe, expect, test } from "vitest";
import { z } from "zod";
import { compileRouter, MESSAGE_DUPLICATE_ROUTE, MESSAGE_GREEDY_NOT_LAST } from "../../../src/twins/engine/router.js";
import { defineOperation, type HttpMethod } from "../../../src/twins/index.js";

const op = (name: string, ...routes: Array<[HttpMethod, string]>) =>
  defineOperation({
    name,
    description: name,
    rest: routes.map(([method, path]) => ({ method, path })),
    tier: "semantic",
    mutates: false,
    input: z.object({}),
    handle: () => null,
  });

const router = compileRouter([
  op("get_issue", ["GET", "/repos/{owner}/{repo}/issues/{issue_number}"]),
  op("get_issue_comment", ["GET", "/repos/{owner}/{repo}/issues/comments/{comment_id}"]),
  op("list_issue_comments", ["GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments"]),
  op("get_content", ["GET", "/repos/{owner}/{repo}/contents/{path+}"]),
  op("get_user", ["GET", "/user"]),
  op("get_user_by_name", ["GET", "/users/{username}"]),
  op("update_issue", ["PATCH", "/repos/{owner}/{repo}/issues/{issue_number}"], ["POST", "/repos/{owner}/{repo}/issues/{issue_number}/edit"]),
  op("get_ref", ["GET", "/repos/{owner}/{repo}/git/ref/{ref+}"]),
  op("get_readme", ["GET", "/repos/{owner}/{repo}/git/ref/README"]),
  op("lock_issue", ["PUT", "/repos/{owner}/{repo}/issues/{issue_number}/lock"]),
]);

const matched = (method: string, path: string) => {
  const m = router.match(method, path);
  return m && { operation: m.operation.name, params: m.params };
};

describe("router", () => {
  test("a static segment wins over a parameter at the same depth", () => {
    expect(matched("GET", "/repos/acme/api/issues/comments/7")).toEqual({
      operation: "get_issue_comment",
      params: { owner: "acme", repo: "api", comment_id: "7" },
    });
  });

  test("a parameter still matches where the static branch has no route", () => {
    expect(matched("GET", "/repos/acme/api/issues/12")).toEqual({ operation: "get_issue", params: { owner: "acme", repo: "api", issue_number: "12" } });
  });

  test("matching backtracks from a static segment that leads nowhere", () => {
    expect(matched("PUT", "/repos/acme/api/issues/comments/lock")).toEqual({
      operation: "lock_issue",
      params: { owner: "acme", repo: "api", issue_number: "comments" },
    });
  });

  test("{path+} takes the rest of the path with its slashes", () => {
    expect(matched("GET", "/repos/acme/api/contents/src/lib/index.ts")?.params.path).toBe("src/lib/index.ts");
  });

  test("{path+} matches an empty rest (a directory root)", () => {
    expect(matched("GET", "/repos/acme/api/contents/")?.params.path).toBe("");
    expect(matched("GET", "/repos/acme/api/contents")?.params.path).toBe("");
  });

  test("a static route beats a greedy one ending at the same place", () => {
    expect(matched("GET", "/repos/acme/api/git/ref/README")?.operation).toBe("get_readme");
    expect(matched("GET", "/repos/acme/api/git/ref/heads/feature/x")).toEqual({
      operation: "get_ref",
      params: { owner: "acme", repo: "api", ref: "heads/feature/x" },
    });
  });

  test("parameters are URL-decoded, encoded slashes included", () => {
    expect(matched("GET", "/repos/acme/api/contents/docs%2Fa%20b.md")?.params.path).toBe("docs/a b.md");
    expect(matched("GET", "/users/j%C3%B6rg")?.params.username).toBe("jörg");
  });

  test("a badly encoded parameter is kept raw rather than failing", () => {
    expect(matched("GET", "/users/%E0%A4%A")?.params.username).toBe("%E0%A4%A");
  });

  test("the method is part of the route; HEAD uses the GET route", () => {
    expect(matched("PATCH", "/repos/a/b/issues/1")?.operation).toBe("update_issue");
    expect(matched("POST", "/repos/a/b/issues/1/edit")?.operation).toBe("update_issue");
    expect(matched("DELETE", "/repos/a/b/issues/1")).toBeNull();
    expect(matched("HEAD", "/user")?.operation).toBe("get_user");
  });

  test("a trailing slash is ignored", () => {
    expect(matched("GET", "/user/")?.operation).toBe("get_user");
  });

  test("an empty segment never fills a parameter", () => {
    expect(matched("GET", "/repos//api/issues/1")).toBeNull();
  });

  test("unknown paths match nothing", () => {
    expect(matched("GET", "/orgs/acme")).toBeNull();
    expect(matched("GET", "/")).toBeNull();
  });

  test("two operations on the same route are refused when the router is built", () => {
    expect(() => compileRouter([op("a", ["GET", "/x/{id}"]), op("b", ["GET", "/x/{other}"])])).toThrow(MESSAGE_DUPLICATE_ROUTE);
    expect(() => compileRouter([op("a", ["GET", "/x"]), op("b", ["GET", "/x"])])).toThrow(MESSAGE_DUPLICATE_ROUTE);
  });

  test("a greedy parameter before the last segment is refused", () => {
    expect(() => compileRouter([op("a", ["GET", "/x/{path+}/y"])])).toThrow(MESSAGE_GREEDY_NOT_LAST);
  });
});
