/**
 * The server's live sessions and the tokens that open them: each twin's vendor token and
 * the session JWT. Verified JWTs are remembered so a request costs one map lookup.
 */
import { randomBytes } from "node:crypto";
import type { CompiledTwin } from "./compiled-twin.js";
import { looksLikeJwt, type SessionClaims, verifySessionJwt } from "./credentials.js";
import { type LiveSession, openLiveSession } from "./session.js";
import type { SessionSpec } from "./session-types.js";
import type { TwinName } from "./twin.js";

export type AuthResult =
  | {
      ok: true;
      live: LiveSession;
      /** The twin a vendor token belongs to; null for the session JWT. */
      twin: TwinName | null;
      /** The role of an extra vendor token (`TwinAuth.extraTokens`); null for the main token and the JWT. */
      role: string | null;
    }
  | { ok: false; reason: "missing" | "invalid" | "forbidden" };

export interface SessionRegistry {
  secret: Uint8Array;
  open(spec: SessionSpec): LiveSession;
  get(sessionId: string): LiveSession | undefined;
  /**
   * Who `token` is. With `sessionId` (a session URL) a valid token of another session is
   * `forbidden`; with `twin`, a vendor token of another twin is `invalid`. Given several
   * candidates (both halves of Basic auth), the first that opens the session wins; else the
   * most telling refusal (`forbidden` before `invalid`).
   */
  authenticate(token: string | null | readonly string[], where: { sessionId?: string; twin?: TwinName }): Promise<AuthResult>;
  closeAll(): void;
}

export function createSessionRegistry(origin: string, twins: ReadonlyMap<TwinName, CompiledTwin>): SessionRegistry {
  const secret = new Uint8Array(randomBytes(32));
  const sessions = new Map<string, LiveSession>();
  const vendorTokens = new Map<string, { sessionId: string; twin: TwinName; role: string | null }>();
  const verifiedJwts = new Map<string, SessionClaims>();

  const forget = (live: LiveSession) => {
    sessions.delete(live.id);
    live.outbox.close();
    for (const twin of live.twins.values()) {
      vendorTokens.delete(twin.token);
      for (const token of Object.values(twin.extraTokens)) vendorTokens.delete(token);
    }
    verifiedJwts.delete(live.session.jwt);
  };

  const host = {
    origin,
    secret,
    twins,
    registerToken: (token: string, sessionId: string, twin: TwinName, role: string | null = null) => vendorTokens.set(token, { sessionId, twin, role }),
    forget,
  };

  async function claimsOf(token: string): Promise<SessionClaims | null> {
    const known = verifiedJwts.get(token);
    if (known) return known;
    if (!looksLikeJwt(token)) return null;
    const claims = await verifySessionJwt(secret, token);
    if (claims && sessions.has(claims.sid)) verifiedJwts.set(token, claims);
    return claims;
  }

  return {
    secret,
    open(spec) {
      const live = openLiveSession(host, spec);
      sessions.set(live.id, live);
      return live;
    },
    get: (sessionId) => sessions.get(sessionId),
    async authenticate(tokens, where) {
      if (tokens === null || typeof tokens === "string") return authenticateOne(tokens, where);
      if (tokens.length === 0) return { ok: false, reason: "missing" };
      let refusal: AuthResult = { ok: false, reason: "invalid" };
      for (const token of tokens) {
        const result = await authenticateOne(token, where);
        if (result.ok) return result;
        if (result.reason === "forbidden") refusal = result;
      }
      return refusal;
    },
    closeAll() {
      for (const live of [...sessions.values()]) forget(live);
    },
  };

  async function authenticateOne(token: string | null, where: { sessionId?: string; twin?: TwinName }): Promise<AuthResult> {
    if (token === null) return { ok: false, reason: "missing" };
    const vendor = vendorTokens.get(token);
    let sessionId: string;
    let twin: TwinName | null = null;
    let role: string | null = null;
    if (vendor) {
      if (where.twin !== undefined && vendor.twin !== where.twin) return { ok: false, reason: "invalid" };
      sessionId = vendor.sessionId;
      twin = vendor.twin;
      role = vendor.role;
    } else {
      const claims = await claimsOf(token);
      if (!claims || claims.exp * 1000 <= Date.now()) return { ok: false, reason: "invalid" };
      sessionId = claims.sid;
    }
    const live = sessions.get(sessionId);
    if (!live) return { ok: false, reason: "invalid" };
    if (where.sessionId !== undefined && where.sessionId !== sessionId) return { ok: false, reason: "forbidden" };
    return { ok: true, live, twin, role };
  }
}
