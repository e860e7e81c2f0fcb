import { describe, expect, test } from "vitest";
import { createClock, SESSION_EPOCH } from "../../../src/twins/engine/clock.js";
import { createIdSource } from "../../../src/twins/engine/id-source.js";

describe("session clock", () => {
  test("starts at the fixed epoch, without milliseconds", () => {
    const clock = createClock();
    expect(clock.now()).toBe(SESSION_EPOCH);
    expect(clock.unix()).toBe(Date.parse(SESSION_EPOCH) / 1000);
  });

  test("moves only when advanced", () => {
    const clock = createClock();
    clock.advance(61);
    expect(clock.now()).toBe("2026-01-01T09:01:01Z");
  });
});

describe("id source", () => {
  test("integer ids count per kind from 1", () => {
    const ids = createIdSource("key", "github");
    expect([ids.next("issue"), ids.next("issue"), ids.next("comment"), ids.next("issue")]).toEqual([1, 2, 1, 3]);
  });

  test("hex ids repeat for the same seed key and sequence", () => {
    const a = createIdSource("scenario-sha:1", "github");
    const b = createIdSource("scenario-sha:1", "github");
    const seqA = [a.hex("sha", 40), a.hex("sha", 40), a.hex("req", 8)];
    expect([b.hex("sha", 40), b.hex("sha", 40), b.hex("req", 8)]).toEqual(seqA);
    expect(seqA[0]).toMatch(/^[0-9a-f]{40}$/);
    expect(seqA[0]).not.toBe(seqA[1]);
  });

  test("hex ids differ between seed keys and twins", () => {
    const base = createIdSource("k1", "github").hex("sha", 40);
    expect(createIdSource("k2", "github").hex("sha", 40)).not.toBe(base);
    expect(createIdSource("k1", "slack").hex("sha", 40)).not.toBe(base);
  });

  test("hex ids longer than one hash are still hex of that length", () => {
    expect(createIdSource("k", "s").hex("long", 150)).toMatch(/^[0-9a-f]{150}$/);
  });
});
