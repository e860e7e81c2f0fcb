/**
 * Admin routes under `/s/<sid>/_pome/`: state, events, reset, seed. Only for loopback
 * peers (read from the socket, never from headers) that also present the server's admin
 * token; never recorded.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { sendReply } from "./http-reply.js";
import { readBody } from "./request-body.js";
import type { SessionRegistry } from "./session-registry.js";
import type { TwinName } from "./twin.js";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);
export const ADMIN_TOKEN_HEADER = "x-pome-admin-token";

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const seedBody = z.record(z.string(), z.unknown());

export async function serveAdmin(
  registry: SessionRegistry,
  adminToken: string,
  req: IncomingMessage,
  res: ServerResponse,
  sessionId: string,
  action: string,
): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "") || !sameSecret(req.headers[ADMIN_TOKEN_HEADER], adminToken)) {
    req.resume();
    return sendReply(res, 403, { message: "Forbidden" });
  }
  const live = registry.get(sessionId);
  if (!live) {
    req.resume();
    return sendReply(res, 404, { message: `no session ${sessionId}` });
  }
  const route = `${req.method} ${action}`;
  if (route === "GET state") return sendReply(res, 200, live.session.snapshot());
  if (route === "GET events") return sendReply(res, 200, live.calls);
  if (route === "POST reset") {
    req.resume();
    live.reseed();
    return sendReply(res, 200, { ok: true });
  }
  if (route === "POST seed") {
    const raw = await readBody(req);
    if (raw === null) return sendReply(res, 413, { message: "seed body too large" });
    let seeds: Record<string, unknown>;
    try {
      seeds = seedBody.parse(JSON.parse(raw.toString("utf8") || "{}"));
    } catch (error) {
      return sendReply(res, 400, { message: `the body must be a JSON object of seeds by twin: ${error instanceof Error ? error.message : String(error)}` });
    }
    try {
      live.replaceSeeds(seeds as Partial<Record<TwinName, unknown>>);
    } catch (error) {
      if (error instanceof z.ZodError) return sendReply(res, 400, { message: "invalid seed", issues: error.issues });
      return sendReply(res, 400, { message: error instanceof Error ? error.message : String(error) });
    }
    return sendReply(res, 200, { ok: true });
  }
  req.resume();
  return sendReply(res, 404, { message: `no admin route ${route}` });
}
