/**
 * The twins a scenario can name, and the seeded state a phrase family compiles against.
 * Parsing takes the catalog as a value so tests can hand in small twins of their own.
 */
import { createHash } from "node:crypto";
import { seedSnapshot, TWINS, type Clock, type IdSource, type TwinDefinition, type TwinName } from "../twins/index.js";

export type TwinCatalog = Partial<Record<TwinName, TwinDefinition>>;

/** This twin's state snapshot for a (validated) seed: what `initial[twin]` will be before the agent runs. */
export type SeedSnapshot = (twin: TwinName, seed: unknown) => unknown;

/** Fixed epoch (the engine's session epoch), so compile-time snapshots never depend on the date. */
const EPOCH_SECONDS = Date.parse("2026-01-01T09:00:00Z") / 1000;

function fixedClock(): Clock {
  let seconds = EPOCH_SECONDS;
  return {
    now: () => new Date(seconds * 1000).toISOString().replace(".000Z", "Z"),
    unix: () => seconds,
    advance(by: number) {
      seconds += Math.floor(by);
    },
  };
}

function fixedIds(scope: string): IdSource {
  const counters = new Map<string, number>();
  const bump = (kind: string) => {
    const n = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, n);
    return n;
  };
  return {
    next: (kind) => bump(kind),
    hex(kind, length) {
      const n = bump(`hex:${kind}`);
      let out = "";
      for (let block = 0; out.length < length; block++) {
        out += createHash("sha256").update(`scenario\0${scope}\0${kind}\0${n}\0${block}`).digest("hex");
      }
      return out.slice(0, length);
    },
  };
}

/**
 * For catalogs other than the shipped one (tests, embedders): snapshots built the way a
 * session builds a twin's state, with a fixed clock and ids.
 */
export function catalogSnapshot(catalog: TwinCatalog): SeedSnapshot {
  return (twin, seed) => {
    const definition = catalog[twin];
    if (!definition) throw new Error(`twin ${twin} is not in the catalog`);
    const state = definition.createState(seed, { clock: fixedClock(), ids: fixedIds(twin) });
    return definition.snapshot(state);
  };
}

/** Every twin of this build. */
export function defaultCatalog(): TwinCatalog {
  return TWINS;
}

/** The shipped catalog's snapshots come from the engine, identical to a session's initial state. */
export function defaultSnapshot(catalog: TwinCatalog): SeedSnapshot {
  return catalog === TWINS ? (twin, seed) => seedSnapshot(twin, seed) : catalogSnapshot(catalog);
}
