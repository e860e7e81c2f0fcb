/**
 * twins/: stateful in-process emulations of vendor APIs.
 * Takes seeds (per twin) and gives a World: a loopback server with session-scoped REST
 * and MCP endpoints, whose every call is recorded as a normalised TwinCall. `engine/` is
 * vendor-neutral; each vendor folder (`github/`, …) hands it a TwinDefinition with its
 * operations, its wire habits and its `[D]` phrase families (written in criteria/);
 * `catalog.ts` lists the twins pome ships, and so the twin names there are.
 */
import { PomeError } from "../errors.js";
import { SHIPPED_TWINS, TWINS } from "./catalog.js";
import { createClock } from "./engine/clock.js";
import { buildState, DEFAULT_SEED_KEY, parseSeed } from "./engine/seeding.js";
import { createTwinServer } from "./engine/server.js";
import type { TwinServer, TwinServerOptions } from "./engine/session-types.js";
import type { TwinDefinition, TwinName } from "./engine/twin.js";

export * from "./engine/operation.js";
export * from "./engine/twin.js";
export * from "./engine/session-types.js";
export { createTwinServer } from "./engine/server.js";
export { paginate, type Page, type PageRequest, type PaginationStrategy } from "./engine/pagination.js";
export { readBodyByContentType, readJsonBody, type BodyReader, type ParsedBody } from "./engine/request-body.js";
export type { IdempotencyRules } from "./engine/idempotency.js";
export type { DeliveryReport, OutboundMessage } from "./engine/outbox.js";
export { toolAlias, type ToolRoute } from "./engine/tool-routes.js";
export { SESSION_EPOCH } from "./engine/clock.js";
export { fidelityRows, renderFidelityTable, type FidelityRow } from "./engine/fidelity.js";
export { SHIPPED_TWINS, TWINS, TWIN_NAMES } from "./catalog.js";

/** A server hosting every twin pome ships. */
export function startTwinServer(opts?: TwinServerOptions): Promise<TwinServer> {
  return createTwinServer(SHIPPED_TWINS, opts);
}

/** The shipped twin of that name; a PomeError when pome has none. */
export function twinDefinition(twin: TwinName): TwinDefinition {
  const definition = TWINS[twin];
  if (!definition) {
    const available = Object.keys(TWINS).join(", ") || "none";
    throw new PomeError("SCENARIO_INVALID", `unknown twin "${twin}" (available: ${available})`);
  }
  return definition;
}

/** The seed with the twin's defaults applied (a missing seed is the twin's default). Throws a ZodError on a bad seed. */
export function validateSeed(twin: TwinName, seed: unknown): unknown {
  return parseSeed(twinDefinition(twin), seed);
}

/**
 * The state snapshot a seed gives, without a server (state_initial.json[twin]; `[D]`
 * phrases compile against it); the same as a session's initial snapshot for the same
 * `seedKey`. Throws a ZodError on a bad seed.
 */
export function seedSnapshot(twin: TwinName, seed: unknown, seedKey: string = DEFAULT_SEED_KEY): unknown {
  return definitionSnapshot(twinDefinition(twin), seed, seedKey);
}

/** `seedSnapshot` for any twin definition (tests and embedders bring their own twins). */
export function definitionSnapshot(definition: TwinDefinition, seed: unknown, seedKey: string = DEFAULT_SEED_KEY): unknown {
  const { state } = buildState(definition, parseSeed(definition, seed), createClock(), seedKey);
  return definition.snapshot(state);
}

/** How the named shipped twin identifies snapshot objects (none for a twin pome does not ship: lists then compare whole). */
export function twinIdentityKeys(twin: TwinName): readonly string[][] {
  return TWINS[twin]?.identityKeys ?? [];
}
