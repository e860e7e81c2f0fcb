/** Seeds become states: validated with the twin's schema, built with a fresh clock and ids. */
import { createIdSource } from "./id-source.js";
import type { Clock, IdSource } from "./operation.js";
import type { TwinDefinition } from "./twin.js";

/** The seed key used when a session names none. */
export const DEFAULT_SEED_KEY = "pome";

/** The seed with the schema's defaults applied; a missing seed is the twin's default. Throws a ZodError. */
export function parseSeed(definition: TwinDefinition, seed: unknown): unknown {
  return definition.seed.schema.parse(seed === undefined ? definition.seed.default : seed);
}

export interface BuiltState {
  state: unknown;
  ids: IdSource;
}

/** A twin's state from an already parsed seed. Ids are scoped by twin, so one twin's calls never shift another's ids. */
export function buildState(definition: TwinDefinition, parsedSeed: unknown, clock: Clock, seedKey: string): BuiltState {
  const ids = createIdSource(seedKey, definition.name);
  return { state: definition.createState(parsedSeed, { clock, ids }), ids };
}
