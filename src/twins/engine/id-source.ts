/**
 * Deterministic ids. Integer ids count per kind; hex ids come from a hash of the seed key,
 * the scope (twin) and a per-kind counter, so they differ between trials but repeat
 * exactly for the same seed key and the same sequence of calls.
 */
import { createHash } from "node:crypto";
import type { IdSource } from "./operation.js";

export function createIdSource(seedKey: string, scope: string): IdSource {
  const counters = new Map<string, number>();
  const hexCounters = new Map<string, number>();
  return {
    next(kind) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return n;
    },
    hex(kind, length) {
      const n = (hexCounters.get(kind) ?? 0) + 1;
      hexCounters.set(kind, n);
      let out = "";
      for (let block = 0; out.length < length; block++) {
        out += createHash("sha256").update(`${seedKey}\0${scope}\0${kind}\0${n}\0${block}`).digest("hex");
      }
      return out.slice(0, length);
    },
  };
}
