import { describe, expect, test } from "vitest";
import { FILE, lineOf, parse, problemsOf, scenarioWith } from "./parse-fixture.js";
import { catalogOf } from "./small-catalog.js";

const repo = (extra = "") => `{ "owner": "acme", "name": "api", "issues": [{ "number": 1, "title": "Broken"${extra} }] }`;
const jsonSeed = `{\n  "repositories": [\n    ${repo()}\n  ]\n}`;
const seedSection = (body: string, tag = "json") => `## Seed State\n\nProse first.\n\n\`\`\`${tag}\n${body}\n\`\`\`\n`;
const SIDECAR = "scenarios/triage.seed.json";

describe("inline seed", () => {
  test("the first fenced JSON block of ## Seed State is the seed, defaults applied", () => {
    const scenario = parse(scenarioWith({ extra: seedSection(jsonSeed) }));
    expect(scenario.seedSource).toBe("inline");
    expect(scenario.seed.github).toEqual({
      users: [],
      repositories: [{ owner: "acme", name: "api", labels: [], collaborators: [], pull_requests: [], issues: [{ number: 1, title: "Broken", body: "", labels: [], assignees: [] }] }],
    });
  });

  test("a YAML seed works the same", () => {
    const yaml = "repositories:\n  - owner: acme\n    name: api\n    issues:\n      - number: 1\n        title: Broken";
    const scenario = parse(scenarioWith({ extra: seedSection(yaml, "yaml") }));
    expect((scenario.seed.github as { repositories: Array<{ issues: unknown[] }> }).repositories[0].issues).toHaveLength(1);
  });

  test("an untagged fence holding YAML is a seed", () => {
    const yaml = "repositories:\n  - owner: acme\n    name: web";
    expect((parse(scenarioWith({ extra: seedSection(yaml, "") })).seed.github as { repositories: Array<{ name: string }> }).repositories[0].name).toBe("web");
  });

  test("the seed's line is the line of its fence", () => {
    const text = scenarioWith({ extra: seedSection(jsonSeed) });
    expect(parse(text).lines.seed).toBe(lineOf(text, "```json"));
  });

  test("a JSON syntax error is reported at its line inside the fence", () => {
    const broken = `{\n  "repositories": [\n    ${repo()},\n  ]\n}`;
    const text = scenarioWith({ extra: seedSection(broken) });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "  ]"), message: "seed: invalid JSON: trailing comma before `]`" }]);
  });

  test("a YAML syntax error is reported at its line", () => {
    const text = scenarioWith({ extra: seedSection("repositories:\n  - owner: acme\n   name: [api", "yaml") });
    const [problem] = problemsOf(text);
    expect(problem.message).toMatch(/^seed: invalid YAML/);
    expect(problem.line).toBeGreaterThan(lineOf(text, "```yaml"));
  });

  test("a seed that breaks the twin's schema names the JSON path, at that line", () => {
    const bad = `{\n  "repositories": [\n    {\n      "owner": "acme", "name": "api",\n      "issues": [\n        { "number": 1, "title": "a" },\n        { "number": "2", "title": "b" }\n      ]\n    }\n  ]\n}`;
    const text = scenarioWith({ extra: seedSection(bad) });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: lineOf(text, '"number": "2"'), message: "invalid github seed: repositories[0].issues[1].number: expected number, received string" },
    ]);
  });

  test("a seed that is not an object is an error", () => {
    expect(problemsOf(scenarioWith({ extra: seedSection("[1, 2]") }))[0].message).toBe("the seed must be a JSON/YAML object, got a list");
  });

  test("a fence in another language leaves the section as prose (default seed, with a warning)", () => {
    const text = scenarioWith({ extra: "## Seed State\n\nThe repo has this file:\n\n```ts\nexport const x = 1;\n```\n" });
    const scenario = parse(text);
    expect(scenario.seedSource).toBe("default");
    expect(scenario.warnings).toEqual([{ line: lineOf(text, "## Seed State"), message: expect.stringContaining("the twins' default seed is used") }]);
  });

  test("a bare JSON object as the whole section is accepted (earlier format)", () => {
    expect(parse(scenarioWith({ extra: `## Seed State\n${jsonSeed}\n` })).seedSource).toBe("inline");
  });
});

describe("sidecar seed", () => {
  const sidecar = (text: string) => ({ sidecar: { file: SIDECAR, text } });

  test("is used when there is no inline seed, `_meta` stripped", () => {
    const text = `{\n  "_meta": { "version": 1, "source_hash": "sha256:hand-authored", "model": "hand-authored" },\n  "repositories": [${repo()}]\n}`;
    const scenario = parse(scenarioWith(), sidecar(text));
    expect(scenario.seedSource).toBe("sidecar");
    expect(scenario.seed.github).not.toHaveProperty("_meta");
    expect((scenario.seed.github as { repositories: unknown[] }).repositories).toHaveLength(1);
  });

  test("an inline seed equal to the sidecar is fine (key order and _meta aside)", () => {
    const side = `{ "_meta": { "version": 1 }, "repositories": [{ "name": "api", "owner": "acme", "issues": [{ "title": "Broken", "number": 1 }] }] }`;
    expect(parse(scenarioWith({ extra: seedSection(jsonSeed) }), sidecar(side)).seedSource).toBe("inline");
  });

  test("an inline seed different from the sidecar is an error at the fence", () => {
    const text = scenarioWith({ extra: seedSection(jsonSeed) });
    const side = `{ "repositories": [${repo(', "body": "other"')}] }`;
    expect(problemsOf(text, sidecar(side))).toEqual([
      { file: FILE, line: lineOf(text, "```json"), message: `the inline seed in \`## Seed State\` and the sidecar ${SIDECAR} differ: keep one of them (or make them equal)` },
    ]);
  });

  test("invalid JSON in the sidecar is reported at the sidecar's file and line", () => {
    expect(problemsOf(scenarioWith(), sidecar('{\n  "repositories": [\n    {"owner": "acme",}\n  ]\n}'))).toEqual([
      { file: SIDECAR, line: 3, message: expect.stringMatching(/^sidecar seed: invalid JSON: /) },
    ]);
  });

  test("a schema error in the sidecar points into the sidecar", () => {
    expect(problemsOf(scenarioWith(), sidecar('{\n  "repositories": []\n}'))).toEqual([
      { file: SIDECAR, line: 2, message: expect.stringMatching(/^invalid github seed: repositories: Too small/) },
    ]);
  });

  test("a prose ## Seed State with a sidecar uses the sidecar without a warning", () => {
    const scenario = parse(scenarioWith({ extra: "## Seed State\n\nacme/api with one issue.\n" }), sidecar(`{ "repositories": [${repo()}] }`));
    expect(scenario.seedSource).toBe("sidecar");
    expect(scenario.warnings).toEqual([]);
  });
});

describe("default seed", () => {
  test("with neither inline nor sidecar seed, each twin gets its default", () => {
    const scenario = parse(scenarioWith({ front: "---\ntwins: [github, slack]\n---" }));
    expect(scenario.seedSource).toBe("default");
    expect(Object.keys(scenario.seed)).toEqual(["github", "slack"]);
    expect(scenario.seed.slack).toEqual({ users: [], channels: [{ id: "C1", name: "general", is_private: false, messages: [] }] });
  });
});

describe("twins", () => {
  test("are inferred from a seed keyed by twin", () => {
    const keyed = `{ "github": { "repositories": [${repo()}] }, "slack": { "channels": [{ "id": "C1", "name": "ops" }] } }`;
    const scenario = parse(scenarioWith({ extra: seedSection(keyed) }));
    expect(scenario.config.twins).toEqual(["github", "slack"]);
    expect(Object.keys(scenario.seed)).toEqual(["github", "slack"]);
  });

  test("are inferred from an unwrapped single-twin seed", () => {
    const slack = `{ "team": { "id": "T1", "name": "Acme" }, "channels": [{ "id": "C1", "name": "ops" }] }`;
    expect(parse(scenarioWith({ criteria: "- [P] ok", extra: seedSection(slack) })).config.twins).toEqual(["slack"]);
  });

  test("`users` alone fits GitHub and Slack; the schema that accepts it decides", () => {
    const slackUsers = `{ "users": [{ "id": "U1", "name": "dana" }] }`;
    expect(parse(scenarioWith({ criteria: "- [P] ok", extra: seedSection(slackUsers) }), { catalog: catalogOf("slack", "github") }).config.twins).toEqual([
      "slack",
    ]);
  });

  test("default to github without a seed", () => {
    expect(parse(scenarioWith()).config.twins).toEqual(["github"]);
  });

  test("a seed that fits no twin is taken as GitHub's, and the error says so", () => {
    const text = scenarioWith({ extra: seedSection(`{ "repos": [] }`) });
    expect(problemsOf(text)[0].message).toBe(
      "invalid github seed: repositories: expected array, received undefined (the seed fits no twin, so github was assumed; set `twins:` if you meant another)",
    );
  });

  test("a keyed seed with a part for a twin that is not booted is an error at that key", () => {
    const keyed = `{\n  "github": { "repositories": [${repo()}] },\n  "slack": {}\n}`;
    const text = scenarioWith({ front: "---\ntwins: github\n---", extra: seedSection(keyed) });
    expect(problemsOf(text)).toEqual([
      { file: FILE, line: lineOf(text, '"slack": {}'), message: "the seed has a `slack` part but `slack` is not booted: add it to `twins` (now github)" },
    ]);
  });

  test("an unwrapped seed with several twins is an error", () => {
    const text = scenarioWith({ front: "---\ntwins: [github, slack]\n---", extra: seedSection(`{ "repositories": [${repo()}] }`) });
    expect(problemsOf(text)[0]).toMatchObject({ line: lineOf(text, "```json"), message: expect.stringMatching(/must be keyed by twin/) });
  });

  test("a twin missing from this build is an error at the twins line, naming the twins it has", () => {
    const text = scenarioWith({ front: "---\ntimeout: 5\ntwins: [stripe]\n---", criteria: "- [P] ok" });
    expect(problemsOf(text, { catalog: catalogOf("github") })).toEqual([{ file: FILE, line: 3, message: "invalid config `twins[0]`: `stripe` is not one of `github` (known: `github`)" }]);
  });

  test("a seed the twin cannot load is an error at the seed", () => {
    const text = scenarioWith({ extra: seedSection(jsonSeed) });
    const problems = problemsOf(text, {
      snapshot: () => {
        throw new Error("pull request #2 has no head branch");
      },
    });
    expect(problems).toEqual([{ file: FILE, line: lineOf(text, "```json"), message: "the github twin cannot load this seed: pull request #2 has no head branch" }]);
  });
});
