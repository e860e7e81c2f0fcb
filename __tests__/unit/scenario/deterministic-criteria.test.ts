import { describe, expect, test } from "vitest";
import type { TwinCall } from "../../../src/trace/index.js";
import { suggestedPhrasings, type CheckInput } from "../../../src/criteria/index.js";
import { vocabularies } from "../../../src/scenario/index.js";
import { FILE, lineOf, parse, problemsOf, scenarioWith } from "./parse-fixture.js";
import { smallCatalog, smallGithub } from "./small-catalog.js";

type Repos = { repositories: Array<{ full_name: string; labels: Array<{ name: string }>; issues: Array<{ number: number; labels: Array<{ name: string }>; assignees: unknown[] }> }> };

const state = (labels: string[], issues = [1]): Repos => ({
  repositories: [{ full_name: "acme/api", labels: [{ name: "bug" }], issues: issues.map((number) => ({ number, labels: labels.map((name) => ({ name })), assignees: [] })) }],
});

const input = (final: Repos, calls: Array<Partial<TwinCall>> = []): CheckInput => ({
  initial: { github: state([]) },
  final: { github: final },
  calls: calls.map((c, i) => ({ event_id: `e${i}`, ...c }) as TwinCall & { event_id: string }),
  events: [],
});

const only = (criteria: string) => parse(scenarioWith({ criteria })).criteria;

describe("[D] phrases", () => {
  test("compile through the booted twin's phrase family", () => {
    const [c] = only("- [D] Issue #1 has the `bug` label");
    expect(c.family).toBe("issue-label");
    expect(c.check).toBeTypeOf("function");
  });

  test("the compiled predicate uses the text's arguments and negation", async () => {
    const [has, lacks] = only("- [D] Issue #1 has the `bug` label\n- [D] Issue #1 does not have the `bug` label");
    expect(await has.check!(input(state(["bug"])))).toMatchObject({ passed: true });
    expect(await lacks.check!(input(state(["bug"])))).toMatchObject({ passed: false });
  });

  test("[P] criteria are not compiled", () => {
    const [c] = only("- [P] The agent was polite");
    expect(c.check).toBeUndefined();
    expect(c.family).toBeUndefined();
  });

  test("a family that rejects the arguments is an error at the criterion's line with 3 closest phrasings", () => {
    const text = scenarioWith({ criteria: "- [P] ok\n- [D] Issue #1 in `acme/web` has the `bug` label" });
    expect(problemsOf(text)).toEqual([
      {
        file: FILE,
        line: lineOf(text, "acme/web"),
        message:
          '[D] repository `acme/web` is not in the seed (acme/api) (phrase family `issue-label`) — closest phrasings: "Issue #1 has the `bug` label"; ' +
          '"Issue #2 in `acme/api` does not have the `wontfix` label"; "Issue #1 is assigned to `alice`"',
      },
    ]);
  });

  test("text no family understands is an error listing the closest phrasings over every twin", () => {
    const text = scenarioWith({ criteria: "- [D] Issue #1 got the `bug` label" });
    const [problem] = problemsOf(text);
    expect(problem.line).toBe(lineOf(text, "got the"));
    expect(problem.message).toMatch(/^\[D\] no phrase family of github understands "Issue #1 got the `bug` label" — closest phrasings: "Issue #1 has the `bug` label"; /);
    expect(problem.message).toContain("or write it as an expression: <text> => `<JSONata>`");
  });

  test("closest phrasings favour shared words over short sentences", () => {
    const examples = ["Issue #1 is open", "Issue #1 has the `bug` label applied"];
    const catalog = { github: { ...smallGithub, phrases: [{ id: "x", summary: "", examples, compile: () => null }] } };
    expect(suggestedPhrasings("Issue #1 got labelled bug", vocabularies(catalog, ["github"], {}), 1)).toEqual(["Issue #1 has the `bug` label applied"]);
  });

  test("suggestions from twins that are not booted say so", () => {
    const [problem] = problemsOf(scenarioWith({ criteria: '- [D] No message was posted to the "general" channel' }));
    expect(problem.message).toContain('"No message was posted to the "general" channel (slack twin, not booted)"');
  });

  test("every booted twin's families are tried, in twin order", () => {
    const text = scenarioWith({ front: "---\ntwins: [github, slack]\n---", criteria: '- [D] No message was posted to the "general" channel' });
    expect(parse(text).criteria[0].family).toBe("no-message-posted");
  });

  test("the first family that claims the text wins", () => {
    const greedy = { ...smallGithub, phrases: [{ id: "greedy", summary: "", examples: [], compile: () => null }, ...smallGithub.phrases] };
    const claimAll = { id: "claim-all", summary: "", examples: [], compile: () => ({ ok: true as const, family: "claim-all", predicate: () => ({ passed: true, reason: "" }) }) };
    const catalog = { ...smallCatalog, github: { ...greedy, phrases: [...greedy.phrases.slice(0, 1), claimAll, ...greedy.phrases.slice(1)] } };
    expect(parse(scenarioWith(), { catalog }).criteria[0].family).toBe("claim-all");
  });

  test("families compile against the seeded snapshot of their twin", () => {
    const seen: unknown[] = [];
    const spy = { id: "spy", summary: "", examples: [], compile: (_text: string, ctx: { initial: unknown }) => (seen.push(ctx.initial), null) };
    const catalog = { ...smallCatalog, github: { ...smallGithub, phrases: [spy, ...smallGithub.phrases] } };
    parse(scenarioWith(), { catalog });
    expect(seen[0]).toEqual({
      repositories: [{ full_name: "acme/api", labels: ["bug", "feature", "question"].map((name) => ({ name })), issues: [{ number: 1, labels: [], assignees: [] }] }],
    });
  });

  test("every uncompilable criterion is reported, not just the first", () => {
    expect(problemsOf(scenarioWith({ criteria: "- [D] nonsense one\n- [D] nonsense two" }))).toHaveLength(2);
  });
});

describe("[D] expressions", () => {
  test("`text => \\`jsonata\\`` compiles as an expression", () => {
    const [c] = only("- [D] Bug label present => `'bug' in final.github.repositories[0].issues[0].labels.name`");
    expect(c.family).toBe("expression");
  });

  test("the expression sees initial, final, calls and events, and yields the verdict", async () => {
    const [c] = only("- [D] Labelled and merged once => `'bug' in final.github.repositories[0].issues[0].labels.name and $count(calls[operation='merge_pull_request']) = 1`");
    expect(await c.check!(input(state(["bug"]), [{ operation: "merge_pull_request" }]))).toMatchObject({ passed: true });
    expect(await c.check!(input(state(["bug"]), []))).toMatchObject({ passed: false });
  });

  test("an expression over the initial state", async () => {
    const [c] = only("- [D] Unlabelled at first => `$count(initial.github.repositories[0].issues[0].labels) = 0`");
    expect(await c.check!(input(state(["bug"])))).toMatchObject({ passed: true });
  });

  test("a non-boolean result fails with a reason saying what it yielded", async () => {
    const [c] = only("- [D] Count => `$count(final.github.repositories[0].issues)`");
    expect(await c.check!(input(state([], [1, 2])))).toEqual({
      passed: false,
      reason: "`$count(final.github.repositories[0].issues)` must yield a boolean but yielded number 2",
    });
  });

  test("a path that matches nothing fails and says so", async () => {
    const [c] = only("- [D] Missing => `final.gitlab.projects`");
    expect((await c.check!(input(state([])))).reason).toBe("`final.gitlab.projects` must yield a boolean but yielded nothing (no data matched the path)");
  });

  test("an evaluation error fails the criterion with the error", async () => {
    const [c] = only("- [D] Bad => `$number('abc') = 1`");
    const outcome = await c.check!(input(state([])));
    expect(outcome.passed).toBe(false);
    expect(outcome.reason).toMatch(/could not be evaluated/);
  });

  test("a syntax error is a scenario error at the criterion's line", () => {
    const text = scenarioWith({ criteria: "- [P] fine\n- [D] Broken => `final.github.repositories[`" });
    expect(problemsOf(text)).toEqual([{ file: FILE, line: lineOf(text, "Broken"), message: expect.stringMatching(/^\[D\] expression does not compile: JSONata syntax error/) }]);
  });

  test("a multi-line expression joins its continuation lines", async () => {
    const [c] = only("- [D] Labelled =>\n  `'bug' in\n  final.github.repositories[0].issues[0].labels.name`");
    expect(c.family).toBe("expression");
    expect(await c.check!(input(state(["bug"])))).toMatchObject({ passed: true });
  });

  test("double backticks allow backticks inside the expression", async () => {
    const [c] = only("- [D] Quoted field => ``final.github.`repositories`[0].full_name = 'acme/api'``");
    expect(await c.check!(input(state([])))).toMatchObject({ passed: true });
  });
});
