import { describe, expect, test } from "vitest";
import { codeBlock, markdownInline } from "../../../src/report/index.js";
import { commentMarker, isStickyComment } from "../../../src/report/index.js";

describe("LLM text in markdown", () => {
  test("HTML is shown, not rendered", () => {
    expect(markdownInline("<img src=x onerror=alert(1)>")).toBe("&lt;img src=x onerror=alert(1)&gt;");
  });

  test("mentions and issue references do not ping or cross-link", () => {
    expect(markdownInline("ask @octocat about #12 and GH-3")).toBe("ask @&#8203;octocat about #&#8203;12 and GH-&#8203;3");
  });

  test("links, images and table pipes are neutralised; code spans stay", () => {
    expect(markdownInline("![x](https://t.example/p.gif) [a](b) | `a|b`")).toBe("!\\[x\\](https://t.example/p.gif) \\[a\\](b) \\| `a\\|b`");
  });

  test("a fenced block cannot be closed from inside", () => {
    expect(codeBlock("```\nout\n```")).toBe("````text\n```\nout\n```\n````");
  });

  test("a spoofed marker in the body does not make a comment sticky", () => {
    const marker = commentMarker("CI", "pome");
    expect(isStickyComment(`${marker}\nbody`, marker)).toBe(true);
    expect(isStickyComment(`Some review\n${marker}`, marker)).toBe(false);
    expect(commentMarker("CI --> <b>", "x")).toBe("<!-- pome:comment CI - b / x -->");
  });
});
