/** Several trials of one scenario: pass rate and pass^k (spec/run.md `--trials`). */
import { PomeError } from "../errors.js";
import type { TrialsSummary } from "./score-schema.js";

/**
 * `pass_hat_k` is the unbiased estimator of "all of k fresh trials pass": C(c,k)/C(n,k)
 * over n trials run with c passes. With k = n (the default) it is 1 only when every trial passed.
 */
export function trialsSummary(passes: boolean[], k: number = passes.length): TrialsSummary {
  const n = passes.length;
  if (n === 0) throw new PomeError("INTERNAL", "trialsSummary needs at least one trial");
  if (!Number.isInteger(k) || k < 1 || k > n) throw new PomeError("INTERNAL", `pass^k needs 1 <= k <= ${n} trials, got k = ${k}`);
  const c = passes.filter(Boolean).length;
  // C(c,k)/C(n,k) = Π_{i<k} (c-i)/(n-i): a product of ratios, which never overflows.
  let passHatK = 1;
  for (let i = 0; i < k; i++) passHatK *= Math.max(0, c - i) / (n - i);
  return { k, passes: c, pass_rate: c / n, pass_hat_k: passHatK };
}
