import { describe, expect, test } from "vitest";
import { trialsSummary } from "../../../src/evaluate/index.js";

describe("trialsSummary", () => {
  test("pass rate is passes over trials run", () => {
    expect(trialsSummary([true, false, true, true]).pass_rate).toBe(0.75);
  });

  test("with k = n, pass^k is 1 only when every trial passed", () => {
    expect(trialsSummary([true, true, true]).pass_hat_k).toBe(1);
    expect(trialsSummary([true, true, false])).toEqual({ k: 3, passes: 2, pass_rate: 2 / 3, pass_hat_k: 0 });
  });

  test("pass^k is the unbiased estimator C(c,k)/C(n,k)", () => {
    // n = 5, c = 4, k = 2: C(4,2)/C(5,2) = 6/10.
    expect(trialsSummary([true, true, false, true, true], 2).pass_hat_k).toBeCloseTo(0.6, 12);
    // n = 10, c = 7, k = 3: C(7,3)/C(10,3) = 35/120.
    const ten = [...Array(7).fill(true), ...Array(3).fill(false)];
    expect(trialsSummary(ten, 3).pass_hat_k).toBeCloseTo(35 / 120, 12);
  });

  test("k = 1 equals the pass rate", () => {
    const s = trialsSummary([true, false, false, true, true], 1);
    expect(s.pass_hat_k).toBeCloseTo(s.pass_rate, 12);
  });

  test("fewer passes than k gives 0", () => {
    expect(trialsSummary([true, false, false], 2).pass_hat_k).toBe(0);
  });

  test("refuses no trials and a k larger than the trials run", () => {
    expect(() => trialsSummary([])).toThrow(/at least one trial/);
    expect(() => trialsSummary([true, true], 3)).toThrow(/1 <= k <= 2/);
  });
});
