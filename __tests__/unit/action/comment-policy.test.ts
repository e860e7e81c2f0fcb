import { describe, expect, test } from "vitest";
import { commentAction } from "../../../src/action/comment-policy.js";

const state = (failing: boolean, existing: string | null, digest = "d1") => ({ failing, existing: existing !== null, existingDigest: existing, digest });

describe("comment modes", () => {
  test("off never writes", () => {
    expect(commentAction("off", state(true, "d0"))).toBe("skip");
  });

  test("always creates, then updates", () => {
    expect(commentAction("always", state(false, null))).toBe("create");
    expect(commentAction("always", state(false, "d1"))).toBe("update");
  });

  test("on-failure starts a comment only for a failure but keeps an existing one current", () => {
    expect(commentAction("on-failure", state(false, null))).toBe("skip");
    expect(commentAction("on-failure", state(true, null))).toBe("create");
    expect(commentAction("on-failure", state(false, "d0"))).toBe("update");
  });

  test("on-change writes only when the outcomes differ from the comment's", () => {
    expect(commentAction("on-change", state(true, "d1"))).toBe("skip");
    expect(commentAction("on-change", state(true, "d0"))).toBe("update");
    expect(commentAction("on-change", state(false, null))).toBe("skip");
    expect(commentAction("on-change", state(true, null))).toBe("create");
  });
});
