import { describe, expect, test } from "vitest";
import { condenseCalls, condenseCallsWithin } from "../../../src/evaluate/index.js";
import { mergeCall, twinCall } from "./trace-builder.js";

describe("call condensation", () => {
  const reads = (from: number, n: number) => Array.from({ length: n }, (_, i) => twinCall(from + i));

  test("keeps the first call, the last call and every mutating call, and says what each gap hides", () => {
    const calls = [...reads(1, 10), mergeCall(11), ...reads(12, 10)];
    const lines = condenseCalls(calls, { maxCalls: 3, argsChars: 500, bodyChars: 500 });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('"event_id":"evt_000001"');
    expect(lines[1]).toBe("… 9 read-only calls omitted (evt_000002 … evt_000010) …");
    expect(lines[2]).toContain('"operation":"github.merge_pull_request"');
    expect(lines[2]).toContain('"changed_state":true');
    expect(lines[3]).toBe("… 9 read-only calls omitted (evt_000012 … evt_000020) …");
    expect(lines[4]).toContain('"event_id":"evt_000021"');
  });

  test("the remaining budget goes to the latest reads", () => {
    const lines = condenseCalls(reads(1, 10), { maxCalls: 4, argsChars: 500, bodyChars: 500 });
    expect(lines.map((l) => /evt_0000(\d\d)"/.exec(l)?.[1] ?? l)).toEqual(["01", "… 6 read-only calls omitted (evt_000002 … evt_000007) …", "08", "09", "10"]);
  });

  test("a failed call is always kept", () => {
    const failed = twinCall(5, { status: 404, error: { code: "not_found", message: "Not Found" } });
    const lines = condenseCalls([...reads(1, 4), failed, ...reads(6, 4)], { maxCalls: 2, argsChars: 500, bodyChars: 500 });
    expect(lines.some((l) => l.includes('"event_id":"evt_000005"') && l.includes('"error"'))).toBe(true);
  });

  test("a long body is elided with a marker that says how much is missing", () => {
    const big = twinCall(1, { response_body: { content: "x".repeat(5000) } });
    const [line] = condenseCalls([big], { maxCalls: 10, argsChars: 500, bodyChars: 300 });
    expect(line.length).toBeLessThan(1200);
    expect(line).toMatch(/…\[\d+ chars elided\]/);
  });

  test("every line of a kept call is one JSON object", () => {
    for (const line of condenseCalls([mergeCall(1)])) expect(() => JSON.parse(line)).not.toThrow();
  });

  test("hundreds of large writes still fit the budget: head and tail kept, the middle marked", () => {
    const writes = Array.from({ length: 400 }, (_, i) => ({ ...mergeCall(i + 1), args: { body: "y".repeat(3000) } }));
    const lines = condenseCallsWithin(writes, 20_000);
    expect(lines.join("\n").length).toBeLessThanOrEqual(20_100);
    expect(lines[0]).toContain('"event_id":"evt_000001"');
    expect(lines.at(-1)).toContain('"event_id":"evt_000400"');
    expect(lines.some((l) => /^… \d+ more lines omitted to fit the judge's input …$/.test(l))).toBe(true);
  });

  test("a short run is not cut by the budget", () => {
    expect(condenseCallsWithin([twinCall(1), mergeCall(2)], 20_000)).toEqual(condenseCalls([twinCall(1), mergeCall(2)]));
  });
});
