import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { PomeError } from "../../../src/errors.js";
import type { Scenario } from "../../../src/scenario/index.js";
import { filterByTags, scenarioFiles, type Selected } from "../../../src/run/selection.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pome-selection-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const touch = (...parts: string[]) => {
  mkdirSync(join(dir, ...parts.slice(0, -1)), { recursive: true });
  writeFileSync(join(dir, ...parts), "# x\n");
};

async function usageErrorOf(promise: Promise<unknown>): Promise<PomeError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PomeError);
  expect((error as PomeError).code).toBe("USAGE");
  return error as PomeError;
}

describe("scenario selection", () => {
  test("a directory gives its .md files in sorted order, without README.md or sidecars", async () => {
    touch("b.md");
    touch("a.md");
    touch("README.md");
    touch("a.seed.json");
    touch("notes.txt");
    expect(await scenarioFiles(dir, { cwd: process.cwd(), recursive: false })).toEqual([join(dir, "a.md"), join(dir, "b.md")]);
  });

  test("subdirectories are searched only with --recursive", async () => {
    touch("a.md");
    touch("nested", "c.md");
    expect(await scenarioFiles(dir, { cwd: process.cwd(), recursive: false })).toEqual([join(dir, "a.md")]);
    expect(await scenarioFiles(dir, { cwd: process.cwd(), recursive: true })).toEqual([join(dir, "a.md"), join(dir, "nested", "c.md")]);
  });

  test("a file is taken as given", async () => {
    touch("one.md");
    expect(await scenarioFiles(join(dir, "one.md"), { cwd: process.cwd(), recursive: false })).toEqual([join(dir, "one.md")]);
  });

  test("a relative path is resolved against the given cwd", async () => {
    touch("sub", "one.md");
    expect(await scenarioFiles("sub", { cwd: dir, recursive: false })).toEqual([join(dir, "sub", "one.md")]);
  });

  test("a missing path is a usage error naming it", async () => {
    const error = await usageErrorOf(scenarioFiles(join(dir, "nope"), { cwd: process.cwd(), recursive: false }));
    expect(error.message).toContain("scenario path not found");
  });

  test("a directory without scenarios is a usage error that mentions --recursive", async () => {
    touch("nested", "c.md");
    const error = await usageErrorOf(scenarioFiles(dir, { cwd: process.cwd(), recursive: false }));
    expect(error.message).toMatch(/no scenarios in .*--recursive/);
  });
});

describe("--tag", () => {
  const scenario = (file: string, tags: string[]) => ({ file, scenario: { file, config: { tags } } as unknown as Scenario });
  const selected: Selected[] = [scenario("a.md", ["smoke"]), scenario("b.md", ["slow"]), scenario("c.md", ["smoke", "slow"]), { file: "broken.md", error: new Error("bad") }];

  test("keeps scenarios having any of the tags", () => {
    expect(filterByTags(selected, ["smoke"]).map((s) => s.file)).toEqual(["a.md", "c.md", "broken.md"]);
  });

  test("keeps files that did not parse, so a broken scenario is never silently skipped", () => {
    expect(filterByTags(selected, ["nothing-has-this"]).map((s) => s.file)).toEqual(["broken.md"]);
  });

  test("no tags keeps everything", () => {
    expect(filterByTags(selected, [])).toHaveLength(4);
  });
});
