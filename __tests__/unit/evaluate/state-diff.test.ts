import { describe, expect, test } from "vitest";
import { stateDiff, worldDiff } from "../../../src/evaluate/index.js";

const KEYS = [["full_name"], ["number"], ["id"], ["login"], ["branch", "path"], ["name"], ["path"], ["context"], ["sha"]];

describe("state diff", () => {
  test("equal states have no changes", () => {
    expect(stateDiff({ a: [{ number: 1 }] }, { a: [{ number: 1 }] }, KEYS)).toEqual([]);
  });

  test("records are matched by identity, so one new comment is one added path", () => {
    const before = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, comments: [{ id: 1, body: "a" }] }] }] };
    const after = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, comments: [{ id: 1, body: "a" }, { id: 2, body: "b" }] }] }] };
    expect(stateDiff(before, after, KEYS)).toEqual([{ path: "repositories[full_name=acme/api].issues[number=1].comments[id=2]", change: "added", after: { id: 2, body: "b" } }]);
  });

  test("a label added and a field changed", () => {
    const before = { issues: [{ number: 1, state: "open", labels: [{ name: "question" }] }] };
    const after = { issues: [{ number: 1, state: "closed", labels: [{ name: "bug" }] }] };
    expect(stateDiff(before, after, KEYS)).toEqual([
      { path: "issues[number=1].state", change: "changed", before: "open", after: "closed" },
      { path: "issues[number=1].labels[name=question]", change: "removed", before: { name: "question" } },
      { path: "issues[number=1].labels[name=bug]", change: "added", after: { name: "bug" } },
    ]);
  });

  test("files on two branches are told apart by branch and path", () => {
    const file = (branch: string, content: string) => ({ branch, path: "src/auth.ts", content });
    const changes = stateDiff({ files: [file("main", "a"), file("dev", "b")] }, { files: [file("main", "x"), file("dev", "b")] }, KEYS);
    expect(changes).toEqual([{ path: "files[branch=main,path=src/auth.ts].content", change: "changed", before: "a", after: "x" }]);
  });

  test("arrays without an identity are compared whole", () => {
    expect(stateDiff({ tags: ["a"] }, { tags: ["a", "b"] }, KEYS)).toEqual([{ path: "tags", change: "changed", before: ["a"], after: ["a", "b"] }]);
  });

  test("a world is diffed twin by twin, each with the identity keys its twin declares", () => {
    const before = { github: { repositories: [{ full_name: "acme/api", topics: ["a"] }] }, jira: { tickets: [{ key: "J-1" }] } };
    const after = { github: { repositories: [{ full_name: "acme/api", topics: ["b"] }] }, jira: { tickets: [{ key: "J-1" }, { key: "J-2" }] } };
    expect(worldDiff(before, after).map((c) => c.path)).toEqual(["github.repositories[full_name=acme/api].topics", "jira.tickets"]);
  });
});
