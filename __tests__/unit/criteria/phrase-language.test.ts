import { describe, expect, it } from "vitest";
import {
  bareIdentifier,
  closestPhrasings,
  compilePattern,
  definePhraseFamily,
  matchPattern,
  negateQuantity,
  parseQuantity,
  PhraseError,
  phraseSkeleton,
  tokenize,
} from "../../../src/criteria/index.js";
import type { CheckInput, CompileContext } from "../../../src/criteria/index.js";

const ctx: CompileContext = { twin: "github", operations: [], initial: {}, identityKeys: [] };
const input: CheckInput = { initial: {}, final: {}, calls: [], events: [] };

describe("tokenize", () => {
  it("turns backticked, quoted and curly-quoted values into placeholders", () => {
    const { normalized, values } = tokenize("Has `bug` and \"p 1\" and “x” and 'y' labels");
    expect(normalized).toBe(" Has «q0» and «q1» and «q2» and «q3» labels");
    expect(values.map((v) => v.value)).toEqual(["bug", "p 1", "x", "y"]);
  });

  it("reads #N, owner/repo, owner/repo#N, @login and :emoji:", () => {
    const { values } = tokenize("#12 acme/api acme/web#3 @alice :tada:");
    expect(values.map((v) => [v.kind, v.value, v.repo])).toEqual([
      ["number", "12", undefined],
      ["slashed", "acme/api", undefined],
      ["number", "3", "acme/web"],
      ["login", "alice", undefined],
      ["emoji", "tada", undefined],
    ]);
  });

  it("reads #name as a value without its decoration, and #N as a number", () => {
    const { normalized, values } = tokenize("post to #general about #12");
    expect(normalized).toBe(" post to «h0» about «n1»");
    expect(values.map((v) => [v.kind, v.value])).toEqual([
      ["hashtag", "general"],
      ["number", "12"],
    ]);
  });

  it("expands contractions but keeps apostrophes inside words", () => {
    expect(tokenize("It doesn't have it's label").normalized).toBe(" It does not have it's label");
  });

  it("drops clause punctuation and keeps other symbols as words", () => {
    expect(tokenize("One label, and it is `bug`.").normalized).toBe(" One label and it is «q0»");
    expect(tokenize("merged (by alice)").normalized).toBe(" merged ( by alice )");
  });

  it("does not end a path at a sentence-final period", () => {
    expect(tokenize("File src/app.ts exists.").values[0].value).toBe("src/app.ts");
  });
});

describe("bareIdentifier", () => {
  it("strips login, channel and emoji decoration", () => {
    expect([bareIdentifier("@alice"), bareIdentifier("#general"), bareIdentifier(":tada:"), bareIdentifier("bug")]).toEqual([
      "alice",
      "general",
      "tada",
      "bug",
    ]);
  });
});

describe("phraseSkeleton", () => {
  it("blanks values so sentences compare by shape", () => {
    expect(phraseSkeleton("Issue #1 in acme/api has the `bug` label")).toBe(phraseSkeleton("issue #7 in foo/bar has the 'x' label"));
  });
});

describe("compilePattern", () => {
  const run = (pattern: string, text: string) => matchPattern(compilePattern(pattern), tokenize(text));

  it("matches optional words and alternatives case-insensitively", () => {
    const regex = compilePattern("[the] (issue | pr) {n:number} is open");
    expect(matchPattern(regex, tokenize("The PR #3 is open"))?.number("n")).toBe(3);
    expect(matchPattern(regex, tokenize("issue #3 is open"))?.number("n")).toBe(3);
  });

  it("matches the whole sentence only", () => {
    expect(run("{n:number} is open", "#1 is open and closed")).toBeNull();
  });

  it("captures which alternative a named group took", () => {
    const m = run("it is [(neg= not | never)] merged", "it is never merged");
    expect(m?.has("neg")).toBe(true);
    expect(m?.word("neg")).toBe("never");
    expect(run("it is [(neg= not | never)] merged", "it is merged")?.has("neg")).toBe(false);
  });

  it("keeps stop words out of bare slots", () => {
    expect(run("has [the] {label:name} label", "has no label")).toBeNull();
    expect(run("has [the] {label:name} label", "has the bug label")?.value("label")).toBe("bug");
  });

  it("resolves a names slot into each value", () => {
    expect(run("to {who:names}", "to `alice` and @bob and carol")?.values("who")).toEqual(["alice", "bob", "carol"]);
  });

  it("rejects an unknown slot type and a slot used twice", () => {
    expect(() => compilePattern("{x:colour}")).toThrow(/unknown slot type/);
    expect(() => compilePattern("{x:name} {x:name}")).toThrow(/used twice/);
  });

  it("reads a quantity slot, negated on request", () => {
    const m = run("called {n:times}", "called at most twice");
    expect(m?.quantity("n", parseQuantity("a")).test(2)).toBe(true);
    expect(m?.quantity("n", parseQuantity("a"), true).test(2)).toBe(false);
  });
});

describe("parseQuantity", () => {
  const admits = (text: string) => [0, 1, 2, 3].filter((n) => parseQuantity(text).test(n));

  it.each([
    ["exactly one", [1]],
    ["at most 2", [0, 1, 2]],
    ["at least two", [2, 3]],
    ["once", [1]],
    ["twice", [2]],
    ["3 times", [3]],
    ["never", [0]],
    ["no", [0]],
    ["a", [1, 2, 3]],
    ["an", [1, 2, 3]],
    ["one", [1, 2, 3]],
    ["two", [2]],
    ["more than once", [2, 3]],
    ["fewer than 2", [0, 1]],
  ])("%s admits %j", (text, counts) => {
    expect(admits(text)).toEqual(counts);
  });

  it("marks the zero quantities", () => {
    expect(parseQuantity("no").none).toBe(true);
    expect(parseQuantity("at most 1").none).toBe(false);
  });

  it("negates a range into its complement", () => {
    expect(negateQuantity(parseQuantity("more than once")).describe).toBe("at most 1");
    expect(negateQuantity(parseQuantity("a")).none).toBe(true);
    expect([0, 1, 2, 3].filter(negateQuantity(parseQuantity("twice")).test)).toEqual([0, 1, 3]);
  });

  it("refuses text that is not a quantity", () => {
    expect(() => parseQuantity("several")).toThrow(/not a quantity/);
  });
});

describe("definePhraseFamily", () => {
  const family = definePhraseFamily({
    id: "test.doors",
    summary: "doors",
    examples: ["The `front` door is open", "The `back` door is locked"],
    forms: [
      {
        patterns: ["the {door:value} door is [(neg= not)] open"],
        compile: (m) => () => ({ passed: !m.has("neg"), reason: `door ${m.value("door")}` }),
      },
      {
        patterns: ["the {door:value} door is locked"],
        compile: (m) => {
          if (m.value("door") === "cellar") throw new PhraseError("there is no cellar");
          if (m.value("door") === "skip") return null;
          return () => {
            throw new Error("lock jammed");
          };
        },
      },
    ],
  });

  it("compiles a matching sentence into a predicate", () => {
    const result = family.compile("The `front` door is not open", ctx);
    expect(result?.ok && result.predicate(input)).toEqual({ passed: false, reason: "door front" });
  });

  it("returns null for a sentence of another family", () => {
    expect(family.compile("The window is open", ctx)).toBeNull();
  });

  it("turns argument problems into a compile error of the family", () => {
    expect(family.compile("The `cellar` door is locked", ctx)).toEqual({ ok: false, family: "test.doors", error: "there is no cellar" });
  });

  it("lets a form decline a match", () => {
    expect(family.compile("The `skip` door is locked", ctx)).toBeNull();
  });

  it("reports a predicate that throws as a failed verdict", () => {
    const result = family.compile("The `back` door is locked", ctx);
    const outcome = result?.ok ? result.predicate(input) : undefined;
    expect(outcome).toMatchObject({ passed: false });
    expect((outcome as { reason: string }).reason).toContain("lock jammed");
  });
});

describe("closestPhrasings", () => {
  const families = [
    { id: "a", summary: "", examples: ["Issue #1 has the `bug` label", "Issue #1 is closed"], compile: () => null },
    { id: "b", summary: "", examples: ["`merge_pull_request` was never called"], compile: () => null },
  ];

  it("ranks examples by sentence shape, whatever the values", () => {
    const [best] = closestPhrasings("Issue #9 has the label `wontfix`", families);
    expect(best).toMatchObject({ family: "a", example: "Issue #1 has the `bug` label" });
  });

  it("returns at most `limit` phrasings, best first", () => {
    const ranked = closestPhrasings("`create_label` was never called", families, 2);
    expect(ranked).toHaveLength(2);
    expect(ranked[0].family).toBe("b");
    expect(ranked[0].distance).toBeLessThanOrEqual(ranked[1].distance);
  });
});
