import { describe, expect, test } from "vitest";
import { FILE, lineOf, parse, problemsOf, scenarioWith } from "./parse-fixture.js";
import { smallCatalog } from "./small-catalog.js";

const configSection = (yaml: string, tag = "yaml") => `## Config\n\n\`\`\`${tag}\n${yaml}\n\`\`\`\n`;

describe("config", () => {
  test("defaults when nothing is set", () => {
    expect(parse(scenarioWith()).config).toEqual({ twins: ["github"], timeout: 60, runs: 1, passThreshold: 100, judge: null, tags: [], faults: [] });
  });

  test("frontmatter sets keys", () => {
    const scenario = parse(scenarioWith({ front: "---\ntimeout: 120\nruns: 3\npassThreshold: 80\njudge: gpt-4.1-mini\ntags: [triage, smoke]\n---" }));
    expect(scenario.config).toMatchObject({ timeout: 120, runs: 3, passThreshold: 80, judge: "gpt-4.1-mini", tags: ["triage", "smoke"] });
  });

  test("lines are counted from the top of the file, frontmatter included", () => {
    const text = scenarioWith({ front: "---\ntimeout: 5\n---" });
    expect(parse(text).lines.title).toBe(lineOf(text, "# Triage"));
    expect(lineOf(text, "# Triage")).toBe(4);
  });

  test("## Config with fenced YAML sets keys", () => {
    expect(parse(scenarioWith({ extra: configSection("timeout: 120\npassThreshold: 90") })).config).toMatchObject({ timeout: 120, passThreshold: 90 });
  });

  test("## Config with fenced JSON sets keys", () => {
    expect(parse(scenarioWith({ extra: configSection('{ "timeout": 30, "tags": ["x"] }', "json") })).config).toMatchObject({ timeout: 30, tags: ["x"] });
  });

  test("## Config without a fence is read as YAML", () => {
    expect(parse(scenarioWith({ extra: "## Config\ntimeout: 45\n" })).config.timeout).toBe(45);
  });

  test("frontmatter and ## Config combine when they set different keys", () => {
    const scenario = parse(scenarioWith({ front: "---\ntimeout: 10\n---", extra: configSection("runs: 2") }));
    expect(scenario.config).toMatchObject({ timeout: 10, runs: 2 });
  });

  test("the same key in frontmatter and ## Config is an error at the ## Config key's line", () => {
    const text = scenarioWith({ front: "---\ntimeout: 10\n---", extra: configSection("runs: 2\ntimeout: 20") });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: lineOf(text, "timeout: 20"), message: "config key `timeout` is set both in the frontmatter (line 2) and in `## Config`: keep one" },
    ]);
  });

  test("an unknown key is an error at its line naming the nearest known key", () => {
    const text = scenarioWith({ extra: configSection("runs: 2\ntimout: 20") });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "timout"), message: "unknown config key `timout` — did you mean `timeout`?" }]);
  });

  test("an unknown key in frontmatter is an error at its frontmatter line", () => {
    const text = scenarioWith({ front: "---\ntwins: github\npass_threshold: 50\n---" });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: 3, message: "unknown config key `pass_threshold` — did you mean `passThreshold`?" }]);
  });

  test("an unknown key unlike any known one lists the known keys", () => {
    expect(problemsOf(scenarioWith({ front: "---\nflavour: mint\n---" }))[0].message).toBe(
      "unknown config key `flavour` (known: `twins`, `timeout`, `runs`, `passThreshold`, `judge`, `tags`, `faults`)",
    );
  });

  test("a value of the wrong type is an error at its line", () => {
    const text = scenarioWith({ extra: configSection("timeout: soon") });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "timeout: soon"), message: "invalid config `timeout`: expected number, received string" }]);
  });

  test.each([
    ["timeout: 0", "timeout"],
    ["runs: 1.5", "runs"],
    ["passThreshold: 101", "passThreshold"],
    ["tags: smoke", "tags"],
  ])("`%s` is out of range", (yaml, key) => {
    expect(problemsOf(scenarioWith({ extra: configSection(yaml) }))[0].message).toMatch(new RegExp(`^invalid config \`${key}\``));
  });

  test("twins may be a string or a list", () => {
    expect(parse(scenarioWith({ front: "---\ntwins: github\n---" })).config.twins).toEqual(["github"]);
    expect(parse(scenarioWith({ front: "---\ntwins: [github, slack]\n---" })).config.twins).toEqual(["github", "slack"]);
  });

  test("an unknown twin is an error with a suggestion", () => {
    const text = scenarioWith({ front: "---\ntwins: [gihub]\n---" });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: 2, message: 'invalid config `twins[0]`: `gihub` is not one of `github`, `stripe`, `slack` — did you mean `github`?' },
    ]);
  });

  test("a YAML syntax error in ## Config is reported at its line", () => {
    const text = scenarioWith({ extra: configSection("timeout: 5\ntags: [a, b") });
    const [problem] = problemsOf(text);
    expect(problem.message).toMatch(/^`## Config`: invalid YAML/);
    expect(problem.line).toBeGreaterThanOrEqual(lineOf(text, "tags: [a"));
  });

  test("a ## Config fence in another language is an error", () => {
    const text = scenarioWith({ extra: "## Config\n```toml\ntimeout = 5\n```\n" });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "```toml"), message: "`## Config` must hold YAML or JSON, not `toml`" }]);
  });

  test("frontmatter that is never closed is an error", () => {
    expect(problemsOf("---\ntimeout: 5\n# T\n## Prompt\nGo.\n## Criteria\n- [P] x\n")[0]).toEqual({
      file: FILE,
      line: 1,
      message: "frontmatter opened with `---` on line 1 is never closed with a `---` line",
    });
  });
});

describe("faults", () => {
  test("a rule for the only twin gets that twin", () => {
    const scenario = parse(scenarioWith({ extra: configSection("faults:\n  - operation: add_issue_labels\n    attempts: [1]\n    status: 502") }));
    expect(scenario.config.faults).toEqual([{ twin: "github", operation: "add_issue_labels", attempts: [1], status: 502 }]);
  });

  test("an unknown operation is an error at its line with a suggestion", () => {
    const text = scenarioWith({ extra: configSection("faults:\n  - operation: add_issue_label\n    status: 502") });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: lineOf(text, "operation: add_issue_label"), message: "faults[0].operation: `add_issue_label` is not a github operation — did you mean `add_issue_labels`?" },
    ]);
  });

  test("an unknown key in a rule names the nearest known one", () => {
    const text = scenarioWith({ extra: configSection("faults:\n  - operation: create_label\n    attempt: 1\n    status: 500") });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "attempt: 1"), message: "unknown key in `faults[0]` `attempt` — did you mean `attempts`?" }]);
  });

  test("with several twins a rule without `twin` applies to the one twin that has its operation", () => {
    const text = scenarioWith({ front: "---\ntwins: [github, slack]\n---", extra: configSection("faults:\n  - operation: create_label\n    status: 500") });
    expect(parse(text).config.faults).toEqual([{ twin: "github", operation: "create_label", status: 500 }]);
  });

  test("with several twins a rule whose operation no twin has is an error at the operation", () => {
    const text = scenarioWith({ front: "---\ntwins: [github, slack]\n---", extra: configSection("faults:\n  - operation: create_lable\n    status: 500") });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: lineOf(text, "operation: create_lable"), message: "faults[0].operation: `create_lable` is not an operation of github or slack — did you mean `create_label`?" },
    ]);
  });

  test("with several twins that share the operation, a rule must name its twin", () => {
    const shared = { ...smallCatalog, slack: { ...smallCatalog.slack!, operations: [...smallCatalog.slack!.operations, ...smallCatalog.github!.operations.filter((op) => op.name === "create_label")] } };
    const text = scenarioWith({ front: "---\ntwins: [github, slack]\n---", extra: configSection("faults:\n  - operation: create_label\n    status: 500") });
    expect(problemsOf(text, { catalog: shared })[0].message).toBe(
      "faults[0]: say which twin it applies to (`twin:` one of github, slack): `create_label` is an operation of github and slack",
    );
  });

  test("a rule that does nothing is an error", () => {
    expect(problemsOf(scenarioWith({ extra: configSection("faults:\n  - operation: create_label") }))[0].message).toMatch(/does nothing/);
  });
});
