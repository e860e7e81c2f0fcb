import { describe, expect, test } from "vitest";
import { diffLines, mergeTexts, unifiedDiff } from "../../../src/twins/github/git/diff.js";

const lines = (n: number, f = (i: number) => `line ${i}`) => Array.from({ length: n }, (_, i) => f(i + 1)).join("\n") + "\n";

describe("diffLines", () => {
  test("counts added and deleted lines and renders one hunk with three lines of context", () => {
    const before = lines(10);
    const after = before.replace("line 5\n", "line five\nline 5b\n");
    expect(diffLines(before, after)).toEqual({
      additions: 2,
      deletions: 1,
      patch: "@@ -2,7 +2,8 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n+line 5b\n line 6\n line 7\n line 8",
    });
  });

  test("splits distant changes into separate hunks", () => {
    const before = lines(30);
    const after = before.replace("line 2\n", "two\n").replace("line 28\n", "twenty-eight\n");
    const { patch } = diffLines(before, after);
    expect(patch.match(/^@@/gm)).toHaveLength(2);
    expect(patch).toContain("@@ -1,5 +1,5 @@");
    expect(patch).toContain("@@ -25,6 +25,6 @@");
  });

  test("a new file is all additions from line 0", () => {
    expect(diffLines(null, "a\nb\n")).toEqual({ additions: 2, deletions: 0, patch: "@@ -0,0 +1,2 @@\n+a\n+b" });
  });

  test("a deleted single-line file omits the count of one", () => {
    expect(diffLines("only\n", null).patch).toBe("@@ -1 +0,0 @@\n-only");
  });

  test("marks a missing final newline as git does", () => {
    expect(diffLines("a\nb", "a\nb\n")).toEqual({
      additions: 1,
      deletions: 1,
      patch: "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b",
    });
  });

  test("identical texts have no patch", () => {
    expect(diffLines("same\n", "same\n")).toEqual({ additions: 0, deletions: 0, patch: "" });
  });
});

describe("mergeTexts", () => {
  const base = lines(12);

  test("combines edits to different parts of a file", () => {
    const ours = base.replace("line 1\n", "LINE 1\n");
    const theirs = base.replace("line 12\n", "LINE 12\n");
    expect(mergeTexts(base, ours, theirs)).toBe(base.replace("line 1\n", "LINE 1\n").replace("line 12\n", "LINE 12\n"));
  });

  test("conflicts when both sides change the same lines differently", () => {
    expect(mergeTexts(base, base.replace("line 6\n", "six\n"), base.replace("line 6\n", "SIX\n"))).toBeNull();
  });

  test("accepts the same change made on both sides", () => {
    const both = base.replace("line 6\n", "six\n");
    expect(mergeTexts(base, both, both)).toBe(both);
  });
});

describe("unifiedDiff", () => {
  test("writes git headers for added, modified and removed files", () => {
    const text = unifiedDiff([
      { path: "new.txt", status: "added", before: null, after: { content: "n\n", sha: "a".repeat(40) } },
      { path: "old.txt", status: "removed", before: { content: "o\n", sha: "b".repeat(40) }, after: null },
    ]);
    expect(text).toBe(
      "diff --git a/new.txt b/new.txt\nnew file mode 100644\nindex 0000000..aaaaaaa\n--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+n\n" +
        "diff --git a/old.txt b/old.txt\ndeleted file mode 100644\nindex bbbbbbb..0000000\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-o\n",
    );
  });
});
