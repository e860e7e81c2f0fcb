/**
 * What the agent changed: the difference between two twin-state snapshots, as a list of
 * paths. Arrays of records are matched by their identity — each twin's `identityKeys`
 * (GitHub: `full_name`, `number`, `login`, …) — rather than by position, so a new comment
 * reads as one added comment and not as every later element changing.
 */
import { twinIdentityKeys } from "../twins/index.js";

export interface StateChange {
  /** `github.repositories[full_name=acme/api].issues[number=1].labels[name=bug]` */
  path: string;
  change: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

type IdentityKeys = readonly string[][];

/** The changes of every twin of two snapshots keyed by twin, each diffed with its own identity keys. */
export function worldDiff(before: Record<string, unknown>, after: Record<string, unknown>): StateChange[] {
  const twins = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return twins.flatMap((twin) => stateDiff({ [twin]: before[twin] }, { [twin]: after[twin] }, twinIdentityKeys(twin)));
}

/** Identity keys are tried in order; the first that is present and unique on both sides wins. */
export function stateDiff(before: unknown, after: unknown, identities: IdentityKeys, path = ""): StateChange[] {
  if (equal(before, after)) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in after)) return [{ path: at, change: "removed" as const, before: before[key] }];
      if (!(key in before)) return [{ path: at, change: "added" as const, after: after[key] }];
      return stateDiff(before[key], after[key], identities, at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const identity = identityOf(before, after, identities);
    if (identity) return diffByIdentity(before as Record<string, unknown>[], after as Record<string, unknown>[], identity, identities, path);
  }
  return [{ path: path || "(root)", change: "changed", before, after }];
}

function diffByIdentity(before: Record<string, unknown>[], after: Record<string, unknown>[], identity: readonly string[], identities: IdentityKeys, path: string): StateChange[] {
  const keyOf = (item: Record<string, unknown>) => identity.map((k) => `${k}=${String(item[k])}`).join(",");
  const old = new Map(before.map((item) => [keyOf(item), item]));
  const now = new Map(after.map((item) => [keyOf(item), item]));
  const changes: StateChange[] = [];
  for (const [key, item] of old) {
    if (!now.has(key)) changes.push({ path: `${path}[${key}]`, change: "removed", before: item });
  }
  for (const [key, item] of now) {
    const was = old.get(key);
    if (was === undefined) changes.push({ path: `${path}[${key}]`, change: "added", after: item });
    else changes.push(...stateDiff(was, item, identities, `${path}[${key}]`));
  }
  return changes;
}

function identityOf(a: unknown[], b: unknown[], identities: IdentityKeys): readonly string[] | null {
  const items = [...a, ...b];
  if (items.length === 0 || !items.every(isRecord)) return null;
  for (const keys of identities) {
    const usable = (list: unknown[]) => {
      const seen = new Set<string>();
      for (const item of list as Record<string, unknown>[]) {
        if (!keys.every((k) => typeof item[k] === "string" || typeof item[k] === "number")) return false;
        const id = keys.map((k) => String(item[k])).join("\u0000");
        if (seen.has(id)) return false;
        seen.add(id);
      }
      return true;
    };
    if (usable(a) && usable(b)) return keys;
  }
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
