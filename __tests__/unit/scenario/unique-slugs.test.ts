import { describe, expect, test } from "vitest";
import { slugOf, uniqueSlugs } from "../../../src/scenario/index.js";

const slugs = (files: string[]) => Object.fromEntries(uniqueSlugs(files));

describe("slugs within a batch", () => {
  test("a file alone with its slug keeps it", () => {
    expect(slugs(["s/01-triage.md", "s/github/02-review.md"])).toEqual({ "s/01-triage.md": "01-triage", "s/github/02-review.md": "02-review" });
    expect(slugs(["scenarios/x.md"])).toEqual({ "scenarios/x.md": slugOf("scenarios/x.md") });
  });

  test("files sharing a name are named by their path from the batch's folder; a top-level one keeps its name", () => {
    expect(slugs(["/w/s/a/x.md", "/w/s/b/x.md", "/w/s/x.md", "/w/s/y.md"])).toEqual({
      "/w/s/a/x.md": "a-x",
      "/w/s/b/x.md": "b-x",
      "/w/s/x.md": "x",
      "/w/s/y.md": "y",
    });
  });

  test("the folder all files share is left out, however deep", () => {
    expect(slugs(["/w/s/github/a/x.md", "/w/s/github/b/x.md"])).toEqual({ "/w/s/github/a/x.md": "a-x", "/w/s/github/b/x.md": "b-x" });
  });

  test("a path slug never takes a slug another file already has, and same-name files in one folder are numbered", () => {
    expect(slugs(["/s/a-x.md", "/s/a/x.md", "/s/b/x.md"])).toEqual({ "/s/a-x.md": "a-x", "/s/a/x.md": "a-x-2", "/s/b/x.md": "b-x" });
    expect(slugs(["/s/Deploy.md", "/s/deploy.md", "/s/deploy-2.md"])).toEqual({ "/s/Deploy.md": "deploy", "/s/deploy.md": "deploy-3", "/s/deploy-2.md": "deploy-2" });
  });

  test("the same files give the same slugs, in any order", () => {
    const files = ["/s/b/x.md", "/s/x.md", "/s/a/x.md", "/s/a/y.md"];
    expect(uniqueSlugs(files)).toEqual(uniqueSlugs([...files].reverse()));
  });
});
