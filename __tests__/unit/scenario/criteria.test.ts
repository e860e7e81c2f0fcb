import { describe, expect, test } from "vitest";
import { FILE, lineOf, parse, problemsOf, scenarioWith } from "./parse-fixture.js";

const criteriaOf = (criteria: string) => parse(scenarioWith({ criteria })).criteria;

describe("criterion markers", () => {
  test("[D], [P], [D!] and [P!] set kind and must-pass", () => {
    const criteria = criteriaOf(
      ["- [D] No new labels were created", "- [P] The agent explained itself", "- [D!] Issue #1 has the `bug` label", "- [P!] It was polite"].join("\n"),
    );
    expect(criteria.map((c) => [c.kind, c.mustPass])).toEqual([
      ["D", false],
      ["P", false],
      ["D", true],
      ["P", true],
    ]);
  });

  test("lowercase markers are accepted", () => {
    expect(criteriaOf("- [d!] No new labels were created\n- [p] Polite").map((c) => [c.kind, c.mustPass])).toEqual([
      ["D", true],
      ["P", false],
    ]);
  });

  test("`*`, `+` bullets and numbered items are accepted", () => {
    const criteria = criteriaOf("* [P] one\n+ [P] two\n1. [P] three\n2) [P] four");
    expect(criteria.map((c) => c.text)).toEqual(["one", "two", "three", "four"]);
  });

  test("each criterion keeps the line of its first line", () => {
    const criteria = "- [P] first\n  continued\n- [P] second";
    const text = scenarioWith({ criteria });
    expect(parse(text).criteria.map((c) => c.line)).toEqual([lineOf(text, "first"), lineOf(text, "second")]);
  });
});

describe("criterion text", () => {
  test("indented continuation lines join the text with single spaces", () => {
    const [c] = criteriaOf("- [P] The agent explained why it chose the label,\n  in one or two   sentences.");
    expect(c.text).toBe("The agent explained why it chose the label, in one or two sentences.");
  });

  test("an unindented line directly under an item continues it, as markdown renders it", () => {
    expect(criteriaOf("- [P] The agent explained,\nbriefly.")[0].text).toBe("The agent explained, briefly.");
  });

  test("a blank line ends an item; prose after it is not part of it", () => {
    expect(criteriaOf("- [P] One.\n\nSome closing prose.")[0].text).toBe("One.");
  });

  test("list items inside a code fence are not criteria", () => {
    expect(criteriaOf("- [P] Real\n\n```md\n- [P] Example only\n```").map((c) => c.text)).toEqual(["Real"]);
  });
});

describe("ids and weights", () => {
  test("ids are c1, c2, … in order", () => {
    expect(criteriaOf("- [P] a\n- [P] b\n- [P] c").map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
  });

  test("a trailing {#id} sets the id and is removed from the text", () => {
    const criteria = criteriaOf("- [P] a {#polite}\n- [P] b");
    expect(criteria.map((c) => [c.id, c.text])).toEqual([
      ["polite", "a"],
      ["c2", "b"],
    ]);
  });

  test("a trailing (weight: N) sets the weight; default 1", () => {
    expect(criteriaOf("- [P] a (weight: 3)\n- [P] b (Weight: 0.5)\n- [P] c").map((c) => [c.text, c.weight])).toEqual([
      ["a", 3],
      ["b", 0.5],
      ["c", 1],
    ]);
  });

  test("id and weight combine in either order, on a continuation line too", () => {
    const criteria = criteriaOf("- [P] a (weight: 2) {#x}\n- [P] b\n  {#y} (weight: 4)");
    expect(criteria.map((c) => [c.id, c.text, c.weight])).toEqual([
      ["x", "a", 2],
      ["y", "b", 4],
    ]);
  });

  test("a duplicate id is an error at the second criterion", () => {
    const text = scenarioWith({ criteria: "- [P] a {#same}\n- [P] b {#same}" });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "- [P] b"), message: "duplicate criterion id `same` (already used on line " + lineOf(text, "- [P] a") + ")" }]);
  });

  test("an explicit id clashing with an automatic one is a duplicate", () => {
    const text = scenarioWith({ criteria: "- [P] a {#c2}\n- [P] b" });
    expect(problemsOf(text)[0].message).toMatch(/duplicate criterion id `c2`/);
  });

  test("a weight that is not a positive number is an error at its line", () => {
    const text = scenarioWith({ criteria: "- [P] a\n- [P] b (weight: heavy)" });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "heavy"), message: "invalid criterion weight `heavy`: expected a positive number" }]);
  });

  test("a zero weight is an error", () => {
    expect(problemsOf(scenarioWith({ criteria: "- [P] a (weight: 0)" }))[0].message).toMatch(/invalid criterion weight `0`/);
  });

  test("an id with spaces is an error", () => {
    expect(problemsOf(scenarioWith({ criteria: "- [P] a {#my id}" }))[0].message).toMatch(/invalid criterion id/);
  });

  test("a criterion with no text is an error", () => {
    expect(problemsOf(scenarioWith({ criteria: "- [P] ok\n- [D] {#x}" }))[0].message).toBe("criterion [D] has no text");
  });
});

describe("non-criterion list items", () => {
  test("are warnings at their line, and not criteria", () => {
    const text = scenarioWith({ criteria: "- [D] No new labels were created\n- remember to be nice\n- [ ] a checkbox" });
    const scenario = parse(text);
    expect(scenario.criteria).toHaveLength(1);
    expect(scenario.warnings).toEqual([
      { line: lineOf(text, "remember"), message: expect.stringContaining("list item is not a criterion") },
      { line: lineOf(text, "checkbox"), message: expect.stringContaining("[ ] a checkbox") },
    ]);
  });

  test("prose paragraphs in the section are fine", () => {
    expect(parse(scenarioWith({ criteria: "All of these must hold:\n\n- [D] No new labels were created" })).warnings).toEqual([]);
  });
});
