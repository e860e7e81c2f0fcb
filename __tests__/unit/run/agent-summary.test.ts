import { describe, expect, test } from "vitest";
import { SummaryTracker } from "../../../src/run/agent-summary.js";

const track = (...chunks: string[]) => {
  const tracker = new SummaryTracker();
  for (const chunk of chunks) tracker.push(Buffer.from(chunk));
  return tracker.finish();
};

describe("the agent's summary on stdout", () => {
  test("is the last JSON line with a string summary", () => {
    expect(track('{"summary":"first"}\nlog line\n{"summary":"second","ok":true}\ntrailing log\n')).toBe("second");
  });

  test("survives a line split across chunks", () => {
    expect(track('{"summ', 'ary":"split"}\n')).toBe("split");
  });

  test("counts a final line without a newline", () => {
    expect(track('log\n{"summary":"no newline"}')).toBe("no newline");
  });

  test("ignores JSON without a string summary and non-JSON braces", () => {
    expect(track('{"summary": 3}\n{not json}\n{"result":"x"}\n')).toBeNull();
  });
});
