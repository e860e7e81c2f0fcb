import { describe, expect, test } from "vitest";
import { renderJunit } from "../../../src/report/index.js";
import { escapeXml } from "../../../src/report/junit.js";
import { batch } from "../../golden/results.js";

describe("XML escaping", () => {
  test("escapes the five XML entities", () => {
    expect(escapeXml(`a & b < c > d "e" 'f'`)).toBe("a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
  });

  test("drops characters XML 1.0 forbids and colour codes, keeps newlines and emoji", () => {
    expect(escapeXml("ok\u0000\u0007\u001b[31mred\u001b[39m\nnext ✓ 🎉 \uD800")).toBe("okred\nnext ✓ 🎉 ");
  });
});

describe("JUnit report", () => {
  test("has one testsuite per scenario and one testcase per criterion (per trial), plus one per run error", async () => {
    const xml = renderJunit(await batch());
    expect(xml.match(/<testsuite /g)).toHaveLength(6);
    // 4 + 4 + 2 + (1 parse error) + (1 agent error + 2) + 3 trials × 2
    expect(xml.match(/<testcase /g)).toHaveLength(20);
    expect(xml).toContain('<testsuites name="pome" tests="20" failures="4" errors="2" skipped="2"');
  });

  test("keeps newlines inside attribute values as character references", async () => {
    const b = await batch();
    b.scenarios[3].runs[0].error = "line one\nline two";
    expect(renderJunit(b)).toContain('message="line one line two"');
    expect(renderJunit(b)).toContain(">line one\nline two</error>");
  });

  test("every opened element is closed", async () => {
    const xml = renderJunit(await batch());
    for (const tag of ["testsuites", "testsuite", "properties", "testcase"]) {
      const opened = (xml.match(new RegExp(`<${tag}[ >]`, "g")) ?? []).length;
      const selfClosed = (xml.match(new RegExp(`<${tag} [^>]*/>`, "g")) ?? []).length;
      const closed = (xml.match(new RegExp(`</${tag}>`, "g")) ?? []).length;
      expect(opened - selfClosed, tag).toBe(closed);
    }
  });
});
