/**
 * Scenarios that span twins (spec/scenario.md): a seed keyed by twin, snapshots keyed by
 * twin, and `[D]` criteria that belong to exactly one twin or carry a twin tag.
 */
import { describe, expect, test } from "vitest";
import type { CheckInput, PhraseFamily } from "../../../src/criteria/index.js";
import { parseScenarioText, type TwinCatalog } from "../../../src/scenario/index.js";
import { FILE, lineOf, parse, problemsOf, scenarioWith } from "./parse-fixture.js";
import { catalogOf, smallCatalog, smallStripe } from "./small-catalog.js";

const githubSeed = `{ "repositories": [{ "owner": "acme", "name": "api", "issues": [{ "number": 1, "title": "Refund ch_1" }] }] }`;
const stripeSeed = `{ "charges": [{ "id": "ch_1", "amount": 5000 }] }`;
const keyed = `{\n  "github": ${githubSeed},\n  "stripe": ${stripeSeed}\n}`;
const seedSection = (body: string) => `## Seed State\n\n\`\`\`json\n${body}\n\`\`\`\n`;
const TWO = "---\ntwins: [github, stripe]\n---";

/** Both small twins also understand "No unsupported endpoint was called". */
const shared = smallCatalog.github!.phrases.find((family) => family.id === "no-unsupported")!;
const stripeShared: PhraseFamily = {
  ...shared,
  id: "stripe-no-unsupported",
  compile: (text, ctx) => {
    const result = shared.compile(text, ctx);
    return result && { ...result, family: "stripe-no-unsupported" };
  },
};
const overlapping: TwinCatalog = { ...catalogOf("github", "stripe"), stripe: { ...smallStripe, phrases: [...smallStripe.phrases, stripeShared] } };

const multi = (criteria: string, opts: { front?: string; seed?: string; catalog?: TwinCatalog } = {}) =>
  scenarioWith({ front: opts.front ?? TWO, extra: seedSection(opts.seed ?? keyed), criteria });

describe("seeds of several twins", () => {
  test("a seed keyed by twin seeds each twin from its part", () => {
    const scenario = parse(multi("- [P] ok"), { catalog: catalogOf("github", "stripe") });
    expect(scenario.config.twins).toEqual(["github", "stripe"]);
    expect((scenario.seed.stripe as { charges: unknown[] }).charges).toEqual([{ id: "ch_1", amount: 5000 }]);
    expect((scenario.seed.github as { repositories: Array<{ name: string }> }).repositories[0].name).toBe("api");
  });

  test("the same keyed seed works from the sidecar", () => {
    const text = scenarioWith({ front: TWO, criteria: "- [P] ok" });
    const scenario = parse(text, { catalog: catalogOf("github", "stripe"), sidecar: { file: "scenarios/triage.seed.json", text: keyed } });
    expect(scenario.seedSource).toBe("sidecar");
    expect(Object.keys(scenario.seed)).toEqual(["github", "stripe"]);
  });

  test("a part for a twin of pome that is not in the scenario is an error at its key", () => {
    const seed = `{\n  "github": ${githubSeed},\n  "slack": { "channels": [] }\n}`;
    const text = multi("- [P] ok", { front: "---\ntwins: [github]\n---", seed });
    expect(problemsOf(text, { catalog: catalogOf("github", "stripe") })).toEqual([
      { file: FILE, line: lineOf(text, '"slack"'), message: "the seed has a `slack` part but this build of pome has no slack twin (this scenario's twins: github)" },
    ]);
  });

  test("a single-twin scenario whose seed is another twin's part is an error, not an ignored key", () => {
    const text = multi("- [P] ok", { front: "---\ntwins: [github]\n---", seed: `{\n  "slack": { "channels": [] }\n}` });
    expect(problemsOf(text, { catalog: catalogOf("github") })).toEqual([
      { file: FILE, line: lineOf(text, '"slack"'), message: "the seed has a `slack` part but this build of pome has no slack twin (this scenario's twins: github)" },
    ]);
  });

  test("a key next to twin parts that names no twin is an error at its line, with the nearest twin", () => {
    const seed = `{\n  "github": ${githubSeed},\n  "stripee": ${stripeSeed}\n}`;
    const text = multi("- [P] ok", { seed });
    expect(problemsOf(text, { catalog: catalogOf("github", "stripe") })).toEqual([
      {
        file: FILE,
        line: lineOf(text, '"stripee"'),
        message: "the seed is keyed by twin, but `stripee` names no twin of this scenario (its twins: github, stripe); did you mean `stripe`?",
      },
    ]);
  });

  test("a stray key in a sidecar is reported in the sidecar, at its line", () => {
    const sidecar = { file: "scenarios/triage.seed.json", text: `{\n  "github": ${githubSeed},\n  "slack": {}\n}` };
    expect(problemsOf(scenarioWith({ front: TWO, criteria: "- [P] ok" }), { catalog: catalogOf("github", "stripe"), sidecar })).toEqual([
      { file: "scenarios/triage.seed.json", line: 3, message: "the seed has a `slack` part but this build of pome has no slack twin (this scenario's twins: github, stripe)" },
    ]);
  });

  test("a schema error in one twin's part points into that part", () => {
    const seed = `{\n  "github": ${githubSeed},\n  "stripe": {\n    "refundz": []\n  }\n}`;
    const text = multi("- [P] ok", { seed });
    expect(problemsOf(text, { catalog: catalogOf("github", "stripe") })).toEqual([
      // zod reports an unknown key at its object, so the line is the stripe part's.
      { file: FILE, line: lineOf(text, '"stripe": {'), message: expect.stringMatching(/^invalid stripe seed: stripe: Unrecognized key: "refundz"/) },
    ]);
  });
});

describe("[D] criteria with several twins", () => {
  const opts = { catalog: catalogOf("github", "stripe") };

  test("each sentence compiles against the one twin that understands it, and names it", () => {
    const scenario = parse(multi('- [D] Issue #1 has the `bug` label\n- [D] No refund was attempted on charge "ch_1"'), opts);
    expect(scenario.criteria.map((c) => [c.family, c.twin])).toEqual([
      ["issue-label", "github"],
      ["no-refund-attempted", "stripe"],
    ]);
  });

  test("a sentence two twins understand is an error at its line naming both and asking for a tag", () => {
    const text = multi("- [D] Issue #1 has the `bug` label\n- [D!] No unsupported endpoint was called");
    expect(problemsOf(text, { catalog: overlapping })).toEqual([
      {
        file: FILE,
        line: lineOf(text, "No unsupported"),
        message:
          '[D] more than one twin of this scenario understands "No unsupported endpoint was called": github (`no-unsupported`) and stripe (`stripe-no-unsupported`); ' +
          "say which twin it is about with a tag: [D!:github] or [D!:stripe]",
      },
    ]);
  });

  test.each([
    ["[D:stripe]", "stripe", false],
    ["[D!:github]", "github", true],
    ["[d:Stripe]", "stripe", false],
    ["[code:stripe]", "stripe", false],
    ["[code!:github]", "github", true],
    ["[D:github!]", "github", true],
  ])("the tag %s picks the twin", (marker, twin, mustPass) => {
    const [criterion] = parse(multi(`- ${marker} No unsupported endpoint was called`), { catalog: overlapping }).criteria;
    expect(criterion).toMatchObject({ kind: "D", twin, mustPass });
    expect(criterion.family).toBe(twin === "github" ? "no-unsupported" : "stripe-no-unsupported");
  });

  test("[code] and [model] are [D] and [P]", () => {
    const criteria = parse(multi('- [code] No refund was attempted on charge "ch_1"\n- [model!] The agent explained itself'), opts).criteria;
    expect(criteria.map((c) => [c.kind, c.mustPass, c.twin])).toEqual([
      ["D", false, "stripe"],
      ["P", true, undefined],
    ]);
  });

  test("a tag naming a twin the scenario does not boot is an error at its line", () => {
    const text = multi("- [D] Issue #1 has the `bug` label\n- [D:slack] No unsupported endpoint was called");
    expect(problemsOf(text, { catalog: overlapping })).toEqual([
      { file: FILE, line: lineOf(text, "[D:slack]"), message: "[D] the twin tag `slack` names no twin of this scenario (its twins: github, stripe)" },
    ]);
  });

  test("a tag on a [P] criterion, or an empty tag, is an error at its line", () => {
    const text = multi("- [D] Issue #1 has the `bug` label\n- [P:github] The agent was polite\n- [D:] Issue #1 has the `bug` label");
    expect(problemsOf(text, opts)).toEqual([
      { file: FILE, line: lineOf(text, "[P:github]"), message: "[P:github]: a twin tag belongs on a [D] criterion; a [P] criterion is judged over the whole run" },
      { file: FILE, line: lineOf(text, "[D:]"), message: "[D:]: the twin tag must be a twin name, e.g. [D:github] or [D!:stripe]" },
    ]);
  });

  test("a tag on a sentence only another twin understands is an error from the tagged twin", () => {
    const text = multi("- [D:stripe] Issue #1 has the `bug` label");
    expect(problemsOf(text, opts)[0]).toMatchObject({ line: lineOf(text, "[D:stripe]"), message: expect.stringMatching(/^\[D\] no phrase family of stripe understands/) });
  });

  test("text no twin understands keeps the closest-phrasings error, drawn from every twin", () => {
    const text = multi("- [D] No refund was tried on charge ch_1");
    const [problem] = problemsOf(text, opts);
    expect(problem.line).toBe(lineOf(text, "refund was tried"));
    expect(problem.message).toMatch(/^\[D\] no phrase family of github, stripe understands "No refund was tried on charge ch_1" — closest phrasings: "No refund was attempted on charge "ch_test_200" \(stripe\)"/);
  });

  test("a single-twin scenario names no twin in its suggestions, as before", () => {
    const [problem] = problemsOf(scenarioWith({ criteria: "- [D] Issue #1 got the `bug` label" }));
    expect(problem.message).not.toMatch(/\(github\)/);
  });

  test("JSONata expressions see the snapshots keyed by twin", async () => {
    const scenario = parse(
      multi("- [D] Refund and label => `$count(final.stripe.refunds) = 1 and 'refunded' in final.github.repositories[0].issues[0].labels.name`"),
      opts,
    );
    const [criterion] = scenario.criteria;
    expect(criterion.family).toBe("expression");
    expect(criterion.twin).toBeUndefined();
    const before = { github: { repositories: [{ full_name: "acme/api", labels: [], issues: [{ number: 1, labels: [], assignees: [] }] }] }, stripe: { refunds: [] } };
    const after = { github: { repositories: [{ full_name: "acme/api", labels: [], issues: [{ number: 1, labels: [{ name: "refunded" }], assignees: [] }] }] }, stripe: { refunds: [{ id: "re_1" }] } };
    const input = (final: unknown): CheckInput => ({ initial: before, final: final as Record<string, unknown>, calls: [], events: [] });
    expect(await criterion.check!(input(after))).toMatchObject({ passed: true });
    expect(await criterion.check!(input(before))).toMatchObject({ passed: false });
  });
});

describe("the shipped GitHub and Stripe twins together", () => {
  const seed = `{
  "github": { "repositories": [{ "owner": "acme", "name": "shop", "issues": [{ "number": 7, "title": "Refund ch_1" }] }] },
  "stripe": {
    "payment_intents": [{ "id": "pi_1", "amount": 5000, "currency": "usd", "status": "succeeded", "latest_charge": "ch_1" }],
    "charges": [{ "id": "ch_1", "payment_intent": "pi_1", "amount": 5000, "amount_captured": 5000 }]
  }
}`;
  const shipped = (criteria: string) => parseScenarioText(scenarioWith({ front: TWO, extra: seedSection(seed), criteria }), FILE);

  test("each phrase finds its twin, operation calls included", () => {
    const scenario = shipped(
      [
        "- [D] Issue #7 has the `refunded` label",
        "- [D] `create_refund` was called exactly once",
        "- [D] `add_issue_comment` was called once",
        "- [D] Exactly one refund was created on charge ch_1",
        "- [D] The GitHub state was modified",
        "- [D] No unsupported Stripe endpoint was called",
        "- [D:github] No mutation",
        "- [D] `stripe.create_refund` was never called",
      ].join("\n"),
    );
    expect(scenario.criteria.map((c) => c.twin)).toEqual(["github", "stripe", "github", "stripe", "github", "stripe", "github", "stripe"]);
  });

  test("the twin-neutral sentences ask for a tag", () => {
    const text = scenarioWith({ front: TWO, extra: seedSection(seed), criteria: "- [D] Issue #7 has the `refunded` label\n- [D] No unsupported endpoint was called\n- [D] State unchanged" });
    let messages: string[] = [];
    try {
      parseScenarioText(text, FILE);
    } catch (error) {
      messages = (error as { problems: Array<{ message: string }> }).problems.map((p) => p.message);
    }
    expect(messages).toEqual([
      expect.stringMatching(/github \(`github.unsupported-calls`\) and stripe \(`stripe.unsupported-calls`\).*\[D:github\] or \[D:stripe\]$/),
      expect.stringMatching(/github \(`github.state-unchanged`\) and stripe \(`stripe.state-unchanged`\)/),
    ]);
  });

  test("a GitHub-only scenario keeps today's error for a Stripe operation", () => {
    const text = scenarioWith({ criteria: "- [D] `create_refund` was called once" });
    expect(() => parseScenarioText(text, FILE)).toThrow(/`create_refund` is not a GitHub operation/);
  });
});
