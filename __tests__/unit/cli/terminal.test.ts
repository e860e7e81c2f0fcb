import { describe, expect, test } from "vitest";
import { Terminal } from "../../../src/cli/terminal.js";

function capture(isTTY: boolean, env: Record<string, string> = {}, opts: { plain?: boolean } = {}) {
  let text = "";
  const terminal = new Terminal({ isTTY, write: (s: string) => (text += s) }, env, opts);
  return { terminal, text: () => text };
}

describe("terminal output", () => {
  test("a TTY gets a live progress line cleared before the next print", () => {
    const { terminal, text } = capture(true);
    terminal.progress("running a");
    terminal.print("PASS a");
    expect(text()).toBe("\r\x1b[2Krunning a\r\x1b[2KPASS a\n");
  });

  test("without a TTY there is no progress line and no colour", () => {
    const { terminal, text } = capture(false);
    terminal.progress("running a");
    terminal.print("PASS a");
    expect(text()).toBe("PASS a\n");
    expect(terminal.color).toBe(false);
  });

  test("NO_COLOR and --reporter plain turn colour off on a TTY", () => {
    expect(capture(true, { NO_COLOR: "" }).terminal.color).toBe(false);
    expect(capture(true, {}, { plain: true }).terminal.color).toBe(false);
    expect(capture(true).terminal.color).toBe(true);
  });

  test("in GitHub Actions a block is a group titled by its first line", () => {
    const { terminal, text } = capture(false, { GITHUB_ACTIONS: "true" });
    terminal.block("FAIL Triage\n  score: 50/100\n");
    expect(text()).toBe("::group::FAIL Triage\n  score: 50/100\n::endgroup::\n");
  });
});
