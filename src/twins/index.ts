/**
 * twins/: stateful in-process emulations of vendor APIs.
 * Takes seeds (per twin) and gives a World: a loopback server with session-scoped REST
 * and MCP endpoints, whose every call is recorded as a normalised TwinCall.
 */
export * from "./engine/operation.js";
export * from "./engine/twin.js";
export * from "./engine/session-types.js";
