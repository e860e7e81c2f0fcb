/**
 * The twins a scenario can name, and the seeded state a phrase family compiles against.
 * Parsing takes the catalog as a value so tests can hand in small twins of their own.
 */
import type { Vocabulary } from "../criteria/index.js";
import { definitionSnapshot, seedSnapshot, TWINS, type TwinDefinition, type TwinName } from "../twins/index.js";

export type TwinCatalog = Partial<Record<TwinName, TwinDefinition>>;

/**
 * This twin's state snapshot for a (validated) seed. `seedKey` (the scenario's sha256)
 * derives ids and shas exactly as the run's session does, so compile-time and run-time
 * initial states are identical.
 */
export type SeedSnapshot = (twin: TwinName, seed: unknown, seedKey?: string) => unknown;

/**
 * For catalogs other than the shipped one (tests, embedders): snapshots built the way a
 * session builds a twin's state.
 */
export function catalogSnapshot(catalog: TwinCatalog): SeedSnapshot {
  return (twin, seed, seedKey) => {
    const definition = catalog[twin];
    if (!definition) throw new Error(`twin ${twin} is not in the catalog`);
    return definitionSnapshot(definition, seed, seedKey);
  };
}

/** Every twin of this build. */
export function defaultCatalog(): TwinCatalog {
  return TWINS;
}

/** The shipped catalog's snapshots come from the engine, identical to a session's initial state. */
export function defaultSnapshot(catalog: TwinCatalog): SeedSnapshot {
  return catalog === TWINS ? seedSnapshot : catalogSnapshot(catalog);
}

/**
 * What the `[D]` language compiles against: every twin of the catalog, booted ones with
 * their seeded snapshot, in boot order first (their families are tried in that order).
 */
export function vocabularies(catalog: TwinCatalog, booted: readonly TwinName[], initial: Partial<Record<TwinName, unknown>>): Vocabulary[] {
  const names = [...booted, ...Object.keys(catalog).filter((name) => !booted.includes(name))];
  return names.flatMap((twin) => {
    const definition = catalog[twin];
    if (!definition) return [];
    return [{
      twin,
      booted: booted.includes(twin),
      operations: definition.operations.map((operation) => operation.name),
      families: definition.phrases,
      initial: initial[twin],
      identityKeys: definition.identityKeys,
    }];
  });
}
