import { describe, expect, test } from "vitest";
import { paginate, type PaginationStrategy, Reply } from "../../../src/twins/index.js";

const items = Array.from({ length: 7 }, (_, i) => i + 1);

describe("the engine's pagination: the twin's strategy over the list an operation declares", () => {
  const firstTwo: PaginationStrategy = { page: (list) => ({ items: list.slice(0, 2), headers: { "x-page": "1" }, fields: { has_more: list.length > 2 } }) };
  const request = { input: {}, query: {} };

  test("an array result becomes the page, with the strategy's headers", () => {
    expect(paginate(new Reply(200, items, { a: "b" }), "array", firstTwo, request)).toEqual(new Reply(200, [1, 2], { a: "b", "x-page": "1" }));
  });

  test("the named list of an object is paged, its other fields kept and the strategy's fields set", () => {
    expect(paginate(new Reply(200, { object: "list", data: items }), { items: "data" }, firstTwo, request).body).toEqual({ object: "list", data: [1, 2], has_more: true });
  });

  test("a result that is not a list of the declared shape is left alone", () => {
    const odd = new Reply(200, { a: 1 });
    expect(paginate(odd, "array", firstTwo, request)).toBe(odd);
    expect(paginate(new Reply(200, [1]), { items: "items" }, firstTwo, request).body).toEqual([1]);
  });
});
