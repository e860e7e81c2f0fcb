/**
 * One session: a world of twin states sharing a clock, its tokens, its fault counters and
 * its recorded calls. `LiveSession` is the engine's view; `session` is the public one.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { PomeError } from "../../errors.js";
import type { TwinCall } from "../../trace/index.js";
import { createClock } from "./clock.js";
import type { CompiledTwin } from "./compiled-twin.js";
import { signSessionJwt } from "./credentials.js";
import { createFaultBook, type FaultBook } from "./faults.js";
import { IdempotencyBook } from "./idempotency.js";
import { Outbox } from "./outbox.js";
import type { Clock, IdSource } from "./operation.js";
import { buildState, DEFAULT_SEED_KEY, parseSeed } from "./seeding.js";
import type { Session, SessionSpec, SessionUrls } from "./session-types.js";
import type { TwinName } from "./twin.js";

/** One twin inside one session. */
export interface TwinRuntime {
  name: TwinName;
  compiled: CompiledTwin;
  /** The parsed seed the state is (re)built from. */
  seed: unknown;
  state: unknown;
  ids: IdSource;
  faults: FaultBook;
  /** Replies kept by idempotency key. */
  idempotency: IdempotencyBook;
  urls: SessionUrls;
  token: string;
  /** The twin's extra tokens by role (`TwinAuth.extraTokens`). */
  extraTokens: Record<string, string>;
}

export interface LiveSession {
  id: string;
  clock: Clock;
  twins: ReadonlyMap<TwinName, TwinRuntime>;
  preflight: boolean;
  /** Recorded calls, oldest first (at most MAX_KEPT_CALLS; every call still reaches `onCall`). */
  calls: TwinCall[];
  record(call: TwinCall): void;
  /** Messages the twins send out (webhook deliveries), posted after each call is answered. */
  outbox: Outbox;
  reseed(): void;
  /** Replace some twins' seeds (admin `seed` route), then reseed. Throws a ZodError on a bad seed. */
  replaceSeeds(seeds: Partial<Record<TwinName, unknown>>): void;
  session: Session;
}

/** What a session needs from its server. */
export interface SessionHost {
  origin: string;
  secret: Uint8Array;
  twins: ReadonlyMap<TwinName, CompiledTwin>;
  registerToken(token: string, sessionId: string, twin: TwinName, role?: string | null): void;
  forget(session: LiveSession): void;
}

/** The admin `events` route keeps this many calls per session; `onCall` sees them all. */
export const MAX_KEPT_CALLS = 10_000;
const DEFAULT_TOKEN_TTL_SECONDS = 3600;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** 40 random alphanumeric characters for a vendor token body. */
function randomTokenBody(): string {
  const bytes = randomBytes(40);
  let out = "";
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

const envName = (twin: TwinName, what: string) => `POME_${twin.toUpperCase()}_${what}`;

function parsedSeedOrThrow(compiled: CompiledTwin, seed: unknown): unknown {
  try {
    return parseSeed(compiled.definition, seed);
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new PomeError("SCENARIO_INVALID", `invalid ${compiled.definition.name} seed:\n${z.prettifyError(error)}`, { cause: error });
    }
    throw error;
  }
}

export function openLiveSession(host: SessionHost, spec: SessionSpec): LiveSession {
  if (spec.twins.length === 0) throw new PomeError("TWIN_FAILURE", "a session needs at least one twin");
  const id = randomBytes(8).toString("hex");
  const seedKey = spec.seedKey ?? DEFAULT_SEED_KEY;
  const clock = createClock();
  const twins = new Map<TwinName, TwinRuntime>();

  for (const name of spec.twins) {
    const compiled = host.twins.get(name);
    if (!compiled) throw new PomeError("TWIN_FAILURE", `twin ${name} is not served by this server (serving: ${[...host.twins.keys()].join(", ") || "none"})`);
    if (twins.has(name)) continue;
    const seed = parsedSeedOrThrow(compiled, spec.seeds?.[name]);
    const rest = `${host.origin}/s/${id}/${name}`;
    const built = buildState(compiled.definition, seed, clock, seedKey);
    twins.set(name, {
      name,
      compiled,
      seed,
      state: built.state,
      ids: built.ids,
      faults: createFaultBook((spec.faults ?? []).filter((rule) => rule.twin === name)),
      idempotency: new IdempotencyBook(),
      urls: { rest, mcp: `${rest}/mcp` },
      token: compiled.definition.auth.mintToken(randomTokenBody),
      extraTokens: Object.fromEntries(Object.entries(compiled.definition.auth.extraTokens ?? {}).map(([role, mint]) => [role, mint(randomTokenBody)])),
    });
  }

  // Reseeding restarts the clock, the ids, the fault counters and the idempotency keys with the state.
  // Every state is built before any is replaced, so a seed createState rejects changes nothing.
  const rebuild = (seeds: ReadonlyMap<TwinRuntime, unknown> = new Map()) => {
    const fresh = createClock();
    const built = [...twins.values()].map((twin) => {
      const seed = seeds.has(twin) ? seeds.get(twin) : twin.seed;
      return { twin, seed, ...buildState(twin.compiled.definition, seed, fresh, seedKey) };
    });
    live.clock = fresh;
    for (const { twin, seed, state, ids } of built) {
      twin.seed = seed;
      twin.state = state;
      twin.ids = ids;
      twin.faults.reset();
      twin.idempotency.clear();
    }
  };

  const names = [...twins.keys()];
  const first = twins.get(names[0])!;
  const jwt = signSessionJwt(host.secret, {
    sid: id,
    login: first.compiled.definition.defaultActor,
    exp: Math.floor(Date.now() / 1000) + (spec.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS),
  });

  const env: Record<string, string> = { POME_TWIN_NAMES: names.join(","), POME_AUTH_TOKEN: jwt };
  const urls: Partial<Record<TwinName, SessionUrls>> = {};
  const tokens: Partial<Record<TwinName, string>> = {};
  for (const twin of twins.values()) {
    urls[twin.name] = twin.urls;
    tokens[twin.name] = twin.token;
    env[envName(twin.name, "REST_URL")] = twin.urls.rest;
    env[envName(twin.name, "MCP_URL")] = twin.urls.mcp;
    Object.assign(env, twin.compiled.definition.auth.env(twin.token, twin.urls.rest, twin.extraTokens));
  }

  const live: LiveSession = {
    id,
    clock,
    twins,
    preflight: false,
    calls: [],
    outbox: new Outbox({ onDelivery: spec.onDelivery }),
    record(call) {
      if (live.calls.length >= MAX_KEPT_CALLS) live.calls.shift();
      live.calls.push(call);
      if (!spec.onCall) return;
      try {
        spec.onCall(call);
      } catch (error) {
        // A failing observer must not turn into a twin error the agent sees.
        process.emitWarning(`pome: onCall threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    reseed: () => rebuild(),
    replaceSeeds(seeds) {
      const parsed = new Map<TwinRuntime, unknown>();
      for (const [name, seed] of Object.entries(seeds)) {
        const twin = twins.get(name);
        if (!twin) throw new PomeError("USAGE", `twin ${name} is not part of this session`);
        parsed.set(twin, parseSeed(twin.compiled.definition, seed));
      }
      rebuild(parsed);
    },
    session: {
      id,
      twins: names,
      urls,
      jwt,
      tokens,
      credentials: [jwt, ...[...twins.values()].flatMap((twin) => [twin.token, ...Object.values(twin.extraTokens)])],
      env,
      snapshot() {
        const out: Record<string, unknown> = {};
        for (const twin of twins.values()) out[twin.name] = twin.compiled.definition.snapshot(twin.state);
        return out;
      },
      reseed: () => rebuild(),
      setPreflight(on) {
        live.preflight = on;
      },
      deliveriesSettled: () => live.outbox.settled(),
      close: () => host.forget(live),
    },
  };

  for (const twin of twins.values()) {
    host.registerToken(twin.token, id, twin.name);
    for (const [role, token] of Object.entries(twin.extraTokens)) host.registerToken(token, id, twin.name, role);
  }
  return live;
}
