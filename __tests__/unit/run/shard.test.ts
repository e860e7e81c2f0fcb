import { describe, expect, test } from "vitest";
import { parseShard, shardSlice } from "../../../src/run/selection.js";

const items = ["a", "b", "c", "d", "e", "f", "g"];

describe("--shard i/n", () => {
  test("the shards cover the sorted list exactly once, in order", () => {
    const shards = [1, 2, 3].map((index) => shardSlice(items, { index, count: 3 }));
    expect(shards.flat()).toEqual(items);
  });

  test("shard sizes differ by at most one", () => {
    const sizes = [1, 2, 3].map((index) => shardSlice(items, { index, count: 3 }).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  test("the same shard of the same list is always the same slice", () => {
    expect(shardSlice(items, { index: 2, count: 3 })).toEqual(shardSlice([...items], { index: 2, count: 3 }));
  });

  test("1/1 is the whole list", () => {
    expect(shardSlice(items, { index: 1, count: 1 })).toEqual(items);
  });

  test("more shards than items leaves some shards empty", () => {
    const shards = [1, 2, 3].map((index) => shardSlice(["a", "b"], { index, count: 3 }));
    expect(shards.flat()).toEqual(["a", "b"]);
    expect(shards.filter((s) => s.length === 0)).toHaveLength(1);
  });

  test("parses i/n", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
  });

  test.each(["0/3", "4/3", "1/0", "a/b", "1", "1/2/3"])("refuses %s", (text) => {
    expect(() => parseShard(text)).toThrow(/invalid --shard/);
  });
});
