import { describe, expect, test } from "vitest";
import { stateDiff } from "../../../src/evaluate/index.js";

describe("state diff", () => {
  test("equal states have no changes", () => {
    expect(stateDiff({ a: [{ number: 1 }] }, { a: [{ number: 1 }] })).toEqual([]);
  });

  test("records are matched by identity, so one new comment is one added path", () => {
    const before = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, comments: [{ id: 1, body: "a" }] }] }] };
    const after = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, comments: [{ id: 1, body: "a" }, { id: 2, body: "b" }] }] }] };
    expect(stateDiff(before, after)).toEqual([{ path: "repositories[full_name=acme/api].issues[number=1].comments[id=2]", change: "added", after: { id: 2, body: "b" } }]);
  });

  test("a label added and a field changed", () => {
    const before = { issues: [{ number: 1, state: "open", labels: [{ name: "question" }] }] };
    const after = { issues: [{ number: 1, state: "closed", labels: [{ name: "bug" }] }] };
    expect(stateDiff(before, after)).toEqual([
      { path: "issues[number=1].state", change: "changed", before: "open", after: "closed" },
      { path: "issues[number=1].labels[name=question]", change: "removed", before: { name: "question" } },
      { path: "issues[number=1].labels[name=bug]", change: "added", after: { name: "bug" } },
    ]);
  });

  test("files on two branches are told apart by branch and path", () => {
    const file = (branch: string, content: string) => ({ branch, path: "src/auth.ts", content });
    const changes = stateDiff({ files: [file("main", "a"), file("dev", "b")] }, { files: [file("main", "x"), file("dev", "b")] });
    expect(changes).toEqual([{ path: "files[branch=main,path=src/auth.ts].content", change: "changed", before: "a", after: "x" }]);
  });

  test("arrays without an identity are compared whole", () => {
    expect(stateDiff({ tags: ["a"] }, { tags: ["a", "b"] })).toEqual([{ path: "tags", change: "changed", before: ["a"], after: ["a", "b"] }]);
  });
});
