import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { registerScenariosCommands } from "../../../src/cli/commands/scenarios.js";
import { smallCatalog } from "./small-catalog.js";

const FIXTURES = join(__dirname, "../../fixtures/scenarios");
const LINT = join(FIXTURES, "lint");

async function pome(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const io = { out: "", err: "", code: 0 };
  const program = new Command("pome").exitOverride();
  registerScenariosCommands(program, {
    out: (t) => void (io.out += t),
    err: (t) => void (io.err += t),
    setExitCode: (c) => void (io.code = Math.max(io.code, c)),
    catalog: smallCatalog,
  });
  await program.parseAsync(["scenarios", ...args], { from: "user" });
  return io;
}

describe("pome scenarios list", () => {
  test("prints file, title, twins, criteria count and tags per scenario", async () => {
    const { out, code } = await pome("list", join(LINT, "clean.md"));
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toMatch(/^FILE\s+TITLE\s+TWINS\s+CRITERIA\s+TAGS$/);
    expect(out.split("\n")[1]).toMatch(/clean\.md\s+Clean scenario\s+github\s+2\s+triage$/);
    expect(out).toContain("1 scenario\n");
  });

  test("an invalid scenario is listed with its error, exit 2", async () => {
    const { out, code } = await pome("list", LINT);
    expect(code).toBe(2);
    expect(out).toContain(`${join(LINT, "broken.md")}:2: unknown config key \`timout\``);
    expect(out).toMatch(/3 scenarios, 1 invalid/);
  });

  test("a missing path is a usage error, exit 5", async () => {
    const { err, code } = await pome("list", join(LINT, "missing"));
    expect(code).toBe(5);
    expect(err).toMatch(/scenario path not found/);
  });
});

describe("pome scenarios lint", () => {
  test("a clean file exits 0", async () => {
    const { out, code } = await pome("lint", join(LINT, "clean.md"));
    expect(code).toBe(0);
    expect(out).toBe("1 scenario linted: 0 errors, 0 warnings\n");
  });

  test("warnings exit 0, or 1 with --strict", async () => {
    expect((await pome("lint", join(LINT, "warnings.md"))).code).toBe(0);
    const strict = await pome("lint", join(LINT, "warnings.md"), "--strict");
    expect(strict.code).toBe(1);
    expect(strict.out.split("\n")[0]).toBe(`${join(LINT, "warnings.md")}:7: warning: unknown section \`## Notes\` is ignored`);
  });

  test("errors exit 2 and print file:line: message lines", async () => {
    const { out, code } = await pome("lint", LINT);
    expect(code).toBe(2);
    expect(out).toContain(`${join(LINT, "broken.md")}:14: duplicate criterion id \`dup\` (already used on line 13)\n`);
    expect(out).toMatch(/3 scenarios linted: 2 errors, 3 warnings\n$/);
  });

  test("--recursive includes subdirectories", async () => {
    expect((await pome("lint", LINT, "--recursive")).out).toMatch(/4 scenarios linted/);
  });

  test("the earlier-format fixtures lint without errors", async () => {
    const { out, code } = await pome("lint", join(FIXTURES, "upstream"));
    expect(code).toBe(0);
    expect(out).toMatch(/5 scenarios linted: 0 errors/);
  });
});

describe("pome scenarios phrases", () => {
  test("prints each family with its summary and examples", async () => {
    const { out, code } = await pome("phrases", "slack");
    expect(code).toBe(0);
    expect(out).toContain('slack (1 phrase family)\n  no-message-posted: no-message-posted (test family)\n    - [D] No message was posted to the "general" channel\n');
  });

  test("without a twin, prints every twin", async () => {
    const { out } = await pome("phrases");
    expect(out).toMatch(/^github \(/);
    expect(out).toContain("\nstripe (");
    expect(out).toContain("\nslack (");
  });

  test("an unknown twin is a usage error", async () => {
    const { err, code } = await pome("phrases", "gitlab");
    expect(code).toBe(5);
    expect(err).toMatch(/unknown twin `gitlab`/);
  });
});
