import { describe, expect, test } from "vitest";
import { stripControls, stripControlsDeep } from "../../../src/trace/index.js";

describe("stripControls", () => {
  const cases: Array<[string, string, string]> = [
    ["a colour", "\u001b[31mred\u001b[0m text", "red text"],
    ["a screen clear and cursor home", "\u001b[2J\u001b[Hhello", "hello"],
    ["a window title (OSC, BEL)", "\u001b]0;pwned\u0007done", "done"],
    ["a window title (OSC, ST)", "\u001b]2;pwned\u001b\\done", "done"],
    ["a hyperlink, keeping its text", "\u001b]8;;https://evil.example/\u0007click\u001b]8;;\u0007 here", "click here"],
    ["a clipboard write (OSC 52)", "\u001b]52;c;ZWNobyBwd25lZA==\u0007ok", "ok"],
    ["a DCS string", "\u001bPq#0;2;0;0;0\u001b\\after", "after"],
    ["an unterminated OSC, up to the line's end", "\u001b]0;title\nnext line", "\nnext line"],
    ["a terminal reset (ESC c) and a screen fill (ESC #8)", "\u001bc\u001b#8text", "text"],
    ["the 8-bit CSI", "\u009b31mred", "red"],
    ["a carriage return that would overwrite the line", "FAIL\rPASS", "FAIL\nPASS"],
    ["backspaces and BEL", "PA\bSS\u0007", "PASS"],
    ["bidi overrides", "good \u202eevil\u202c text \u2066x\u2069", "good evil text x"],
  ];
  for (const [name, input, output] of cases) {
    test(`removes ${name}`, () => expect(stripControls(input)).toBe(output));
  }

  test("keeps tabs, newlines and every printable character", () => {
    const text = "Tab\there\nnew line · ✓ 日本語 emoji 🎉 [REDACTED:0123abcd] `code` <b>";
    expect(stripControls(text)).toBe(text);
  });

  test("cleans every string and key of a value, leaving numbers and nulls", () => {
    expect(stripControlsDeep({ "k\u001b[1m": ["\u001b]0;t\u0007a", 1, null, { b: "\u009bJb" }] })).toEqual({ k: ["a", 1, null, { b: "b" }] });
  });
});
