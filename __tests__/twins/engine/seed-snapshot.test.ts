import { describe, expect, test } from "vitest";
import { z } from "zod";
import { PomeError } from "../../../src/errors.js";
import { seedSnapshot, startTwinServer, TWINS, validateSeed } from "../../../src/twins/index.js";

const shipped = Object.keys(TWINS);

describe("seed helpers for the scenario parser", () => {
  test.each(shipped)("%s: the snapshot of a seed equals a session's initial state for the same seed key", async (twin) => {
    const server = await startTwinServer();
    try {
      const session = server.openSession({ twins: [twin], seedKey: "k" });
      expect(JSON.stringify(seedSnapshot(twin, undefined, "k"))).toBe(JSON.stringify(session.snapshot()[twin]));
    } finally {
      await server.close();
    }
  });

  test.each(shipped)("%s: a missing seed validates to the default seed", (twin) => {
    expect(validateSeed(twin, undefined)).toEqual(TWINS[twin]!.seed.schema.parse(TWINS[twin]!.seed.default));
  });

  test.each(shipped)("%s: a seed of the wrong type is a ZodError", (twin) => {
    expect(() => seedSnapshot(twin, 42)).toThrow(z.ZodError);
  });

  test("a twin pome does not ship is a scenario error", () => {
    expect(() => seedSnapshot("jira", {})).toThrow(PomeError);
  });
});
