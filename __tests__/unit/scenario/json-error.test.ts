import { describe, expect, test } from "vitest";
import { parseDataBlock } from "../../../src/scenario/data-block.js";

/** The file line and message a JSON block starting on file line 10 reports. */
function failure(json: string): { line: number; message: string } {
  try {
    parseDataBlock(json, "json", 10);
  } catch (error) {
    return { line: (error as { line: number }).line, message: (error as Error).message };
  }
  throw new Error("expected invalid JSON");
}

describe("invalid JSON is located", () => {
  test.each([
    ['{\n  "a": 1,\n}', 12, "invalid JSON: trailing comma before `}`"],
    ['[\n  1,\n  2,\n]', 13, "invalid JSON: trailing comma before `]`"],
    ['{\n  "a": 1\n  "b": 2\n}', 12, "invalid JSON: unexpected `\"`: expected `,` or `}`"],
    ["{\n  a: 1\n}", 11, 'invalid JSON: unexpected `a`: expected a "quoted" property name'],
    ['{\n  "a": "open\n}', 11, "invalid JSON: line break inside a string"],
    ['{\n  "a": tru\n}', 11, "invalid JSON: unexpected `t`: expected a value"],
    ['{ "a": 1 }\n{ "b": 2 }', 11, "invalid JSON: unexpected `{` after the end of the JSON value"],
    ['{\n  "a": [1, 2\n', 12, "invalid JSON: unexpected end of input: expected `,` or `]`"],
  ])("%j → line %i", (json, line, message) => {
    expect(failure(json)).toEqual({ line, message });
  });

  test("valid JSON parses to its value, and keys know their lines", () => {
    const block = parseDataBlock('{\n  "a": {\n    "b": [1, {"c": 2}]\n  }\n}', "json", 10);
    expect(block.value).toEqual({ a: { b: [1, { c: 2 }] } });
    expect(block.lineOf(["a", "b", 1, "c"])).toBe(12);
    expect(block.lineOf(["a", "missing"])).toBe(11);
  });
});
