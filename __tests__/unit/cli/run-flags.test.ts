import { Command } from "commander";
import { describe, expect, test } from "vitest";
import { declareRunFlags, parseReporters, RUN_FLAGS, toRunOptions } from "../../../src/cli/run-flags.js";
import { runOptionsSchema } from "../../../src/run/index.js";

function parse(argv: string[]) {
  const command = new Command("run").argument("<path>").exitOverride().configureOutput({ writeErr: () => undefined });
  const attributes = declareRunFlags(command);
  command.parse(argv, { from: "user" });
  return toRunOptions(command.args[0], command.opts(), attributes);
}

describe("pome run flags", () => {
  test("every flag maps onto a RunOptions field", () => {
    const fields = Object.keys(runOptionsSchema.shape);
    expect(RUN_FLAGS.filter((f) => !fields.includes(f.option)).map((f) => f.flags)).toEqual([]);
  });

  test("values are typed and named as RunOptions expects", () => {
    expect(
      parse(["s.md", "--agent", "node a.mjs", "-n", "3", "--concurrency", "2", "--timeout", "1.5", "--tag", "a", "--tag", "b", "--judge", "off", "--no-fix-prompt", "--shard", "1/2"]),
    ).toMatchObject({ path: "s.md", agent: "node a.mjs", trials: 3, concurrency: 2, timeout: 1.5, tags: ["a", "b"], judge: "off", fixPrompt: false, shard: "1/2" });
  });

  test("unset flags stay unset, so the library's defaults apply", () => {
    const options = parse(["s.md"]);
    expect(options.trials).toBeUndefined();
    expect(options.agent).toBeUndefined();
    expect(options.tags).toBeUndefined();
  });

  test.each([
    ["-n", "0"],
    ["--concurrency", "two"],
    ["--timeout", "-1"],
    ["--judge", "maybe"],
  ])("%s %s is refused", (flag, value) => {
    expect(() => parse(["s.md", flag, value])).toThrow();
  });
});

describe("--reporter", () => {
  test("takes a comma list and repeated flags, without duplicates", () => {
    expect(parseReporters("json,junit", parseReporters("json", undefined))).toEqual(["json", "junit"]);
  });

  test("names reporters this build lacks", () => {
    expect(() => parseReporters("html", undefined)).toThrow(/html reporter is not available/);
    expect(() => parseReporters("xml", undefined)).toThrow(/unknown reporter "xml"/);
  });
});
