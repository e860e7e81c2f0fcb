import { describe, expect, test } from "vitest";
import { artifactNameOf, checkNameOf, parseInputs } from "../../../src/action/inputs.js";
import { PomeError } from "../../../src/errors.js";

const read = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("action inputs", () => {
  test("unset inputs take the spec's defaults", () => {
    expect(parseInputs(read({}))).toMatchObject({
      path: "scenarios",
      "artifacts-dir": "runs",
      "agent-model": "unknown",
      "fix-prompt": true,
      capture: true,
      concurrency: 1,
      "fail-on": "failure",
      check: true,
      comment: "on-failure",
      summary: true,
      annotations: 50,
      "upload-artifacts": true,
      mode: "run",
      baseline: "",
    });
  });

  test("strings become typed values", () => {
    const inputs = parseInputs(read({ trials: "5", "fix-prompt": "False", "pass-threshold": "80", shard: "2/3", "retention-days": "7", annotations: "120" }));
    expect(inputs).toMatchObject({ trials: 5, "fix-prompt": false, "pass-threshold": 80, shard: "2/3", "retention-days": 7, annotations: 120 });
  });

  test.each([
    ["fail-on", "sometimes", /invalid input "fail-on": expected one of failure, error, never/],
    ["trials", "0", /invalid input "trials": must be at least 1/],
    ["shard", "4/3", /invalid input "shard": i must be between 1 and n/],
    ["check", "yes", /invalid input "check": expected true or false/],
    ["retention-days", "91", /invalid input "retention-days": must be at most 90/],
    ["artifact-name", "runs/1", /invalid input "artifact-name"/],
  ])("a bad %s is a usage error naming the input", (name, value, message) => {
    const error = (() => {
      try {
        parseInputs(read({ [name]: value }));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PomeError);
    expect((error as PomeError).code).toBe("USAGE");
    expect((error as PomeError).message).toMatch(message);
  });

  test("a sharded leg gets its own check and artifact names; a re-run attempt its own artifact", () => {
    const leg = parseInputs(read({ shard: "2/3" }));
    expect(checkNameOf(leg)).toBe("pome (2/3)");
    expect(artifactNameOf(leg, "1")).toBe("pome-runs-2-of-3");
    expect(artifactNameOf(leg, "2")).toBe("pome-runs-2-of-3-attempt-2");
    expect(checkNameOf(parseInputs(read({ shard: "2/3", mode: "report" })))).toBe("pome");
    expect(checkNameOf(parseInputs(read({ "check-name": "agents" })))).toBe("agents");
  });
});
