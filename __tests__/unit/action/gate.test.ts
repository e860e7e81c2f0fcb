import { describe, expect, test } from "vitest";
import { gate } from "../../../src/action/gate.js";

describe("fail-on decides the job from the worst exit code", () => {
  test.each([
    ["failure", 0, false, "success"],
    ["failure", 1, true, "failure"],
    ["error", 1, false, "neutral"],
    ["error", 2, true, "failure"],
    ["error", 3, true, "failure"],
    ["never", 1, false, "neutral"],
    ["never", 5, false, "neutral"],
    ["never", 0, false, "success"],
  ] as const)("fail-on %s, exit %i: fails=%s, check %s", (failOn, exitCode, fails, conclusion) => {
    expect(gate({ exitCode, failOn, ran: 1 })).toMatchObject({ fails, conclusion });
  });

  test("the reason names the code and its meaning", () => {
    expect(gate({ exitCode: 3, failOn: "failure", ran: 2 }).reason).toBe("pome: exit 3: the agent failed (preflight, crash, timeout) or hosted auth failed (fail-on: failure)");
    expect(gate({ exitCode: 1, failOn: "never", ran: 2 }).reason).toMatch(/the job passes because fail-on is never$/);
  });

  test("nothing ran is neutral, a cancelled run is cancelled", () => {
    expect(gate({ exitCode: 0, failOn: "failure", ran: 0 }).conclusion).toBe("neutral");
    expect(gate({ exitCode: 1, failOn: "failure", ran: 1, cancelled: true }).conclusion).toBe("cancelled");
  });
});
