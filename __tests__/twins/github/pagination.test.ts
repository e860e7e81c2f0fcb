import { describe, expect, test } from "vitest";
import { githubPagination, linkHeader, pageRequest, slicePage } from "../../../src/twins/github/wire/pagination.js";

const items = Array.from({ length: 7 }, (_, i) => i + 1);

describe("GitHub's pagination", () => {
  test("defaults to page 1 of 30 and caps per_page at 100", () => {
    expect(pageRequest({})).toEqual({ page: 1, perPage: 30 });
    expect(pageRequest({ page: "3", per_page: "500" })).toEqual({ page: 3, perPage: 100 });
  });

  test("MCP's perPage is read too; nonsense falls back to the defaults", () => {
    expect(pageRequest({ page: 2, perPage: 5 })).toEqual({ page: 2, perPage: 5 });
    expect(pageRequest({ page: "x", per_page: -4 })).toEqual({ page: 1, perPage: 30 });
    expect(pageRequest({ page: 1.5, per_page: { a: 1 } })).toEqual({ page: 1, perPage: 30 });
  });

  test("slices a list and reports the last page", () => {
    expect(slicePage(items, { page: 2, perPage: 3 })).toEqual({ items: [4, 5, 6], lastPage: 3 });
    expect(slicePage(items, { page: 9, perPage: 3 })).toEqual({ items: [], lastPage: 3 });
    expect(slicePage([], { page: 1, perPage: 3 })).toEqual({ items: [], lastPage: 1 });
  });

  test("the strategy gives the page and its Link header from the request's query", () => {
    const page = githubPagination.page(items, { input: { page: "2", per_page: "3" }, query: { page: "2", per_page: "3" }, pageUrl: "http://h/x" });
    expect(page.items).toEqual([4, 5, 6]);
    expect(page.headers?.link).toContain('<http://h/x?page=3&per_page=3>; rel="next"');
    expect(githubPagination.page(items, { input: {}, query: {} })).toEqual({ items, headers: undefined });
  });

  test("Link header on a middle page has prev, next, last and first, keeping other params", () => {
    const link = linkHeader("http://h/s/x/github/repos/o/r/issues", { state: "open", per_page: "2", page: "2", labels: ["a", "b"] }, { page: 2, perPage: 2 }, 4);
    expect(link).toBe(
      [
        '<http://h/s/x/github/repos/o/r/issues?state=open&per_page=2&page=1&labels=a&labels=b>; rel="prev"',
        '<http://h/s/x/github/repos/o/r/issues?state=open&per_page=2&page=3&labels=a&labels=b>; rel="next"',
        '<http://h/s/x/github/repos/o/r/issues?state=open&per_page=2&page=4&labels=a&labels=b>; rel="last"',
        '<http://h/s/x/github/repos/o/r/issues?state=open&per_page=2&page=1&labels=a&labels=b>; rel="first"',
      ].join(", "),
    );
  });

  test("the first page has only next and last; a single page has no header", () => {
    expect(linkHeader("http://h/x", {}, { page: 1, perPage: 30 }, 2)).toBe('<http://h/x?page=2>; rel="next", <http://h/x?page=2>; rel="last"');
    expect(linkHeader("http://h/x", {}, { page: 1, perPage: 30 }, 1)).toBeUndefined();
  });
});
