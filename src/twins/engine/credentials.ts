/**
 * Credentials as the vendors' SDKs send them, and the session JWT. The JWT is signed here
 * with node:crypto (sessions open synchronously) and verified with jose; both are plain
 * HS256 over a per-server random secret.
 */
import { createHmac } from "node:crypto";
import { jwtVerify } from "jose";

export interface SessionClaims {
  sid: string;
  login: string;
  /** Unix seconds (wall clock: token lifetime is real time, unlike the session clock). */
  exp: number;
}

/**
 * The tokens a request presents, in the order to try them; empty when it presents none.
 * Header schemes: `Bearer`, `token` (any case), `Basic` and a raw token; then, for a twin
 * whose vendor takes one (Slack's `token`), the query parameter or body field `parameter`.
 * Basic auth offers both halves: the user is the key for Stripe (`sk_test_…:`), the
 * password is the token for GitHub (`login:ghp_…`), and GitHub also takes `ghp_…:x-oauth-basic`.
 * An unreadable header is returned whole, so it is refused as invalid rather than treated
 * as missing.
 */
export function presentedTokens(authorization: string | undefined, query: Record<string, unknown>, body: unknown, parameter?: string): string[] {
  if (authorization !== undefined && authorization.trim() !== "") {
    const value = authorization.trim();
    const scheme = /^(bearer|token)\s+(\S+)$/i.exec(value);
    if (scheme) return [scheme[2]];
    const basic = /^basic\s+(\S+)$/i.exec(value);
    if (basic) {
      const decoded = Buffer.from(basic[1], "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      const user = colon === -1 ? decoded : decoded.slice(0, colon);
      const password = colon === -1 ? "" : decoded.slice(colon + 1);
      const halves = [user, password].filter((half, i, all) => half !== "" && all.indexOf(half) === i);
      return halves.length > 0 ? halves : [value];
    }
    return [value];
  }
  if (parameter === undefined) return [];
  const fromQuery = query[parameter];
  if (typeof fromQuery === "string" && fromQuery !== "") return [fromQuery];
  if (typeof body === "object" && body !== null && !Array.isArray(body)) {
    const fromBody = (body as Record<string, unknown>)[parameter];
    if (typeof fromBody === "string" && fromBody !== "") return [fromBody];
  }
  return [];
}

/** The first token a request presents (`presentedTokens`), or null when it presents none. */
export function presentedToken(authorization: string | undefined, query: Record<string, unknown>, body: unknown, parameter?: string): string | null {
  return presentedTokens(authorization, query, body, parameter)[0] ?? null;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

export function signSessionJwt(secret: Uint8Array, claims: SessionClaims): string {
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(JSON.stringify({ sid: claims.sid, login: claims.login, iat: Math.floor(Date.now() / 1000), exp: claims.exp }));
  const signature = createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${signature}`;
}

/** The claims of a valid, unexpired session JWT, else null. */
export async function verifySessionJwt(secret: Uint8Array, token: string): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
    if (typeof payload.sid !== "string" || typeof payload.exp !== "number") return null;
    return { sid: payload.sid, login: typeof payload.login === "string" ? payload.login : "", exp: payload.exp };
  } catch {
    return null;
  }
}

export const looksLikeJwt = (token: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);
