/**
 * The twin server: one `node:http` listener on 127.0.0.1 hosting every session.
 *
 *   GET  /healthz                     server health
 *   *    /s/<sid>/_pome/<action>      admin (loopback + admin token)
 *   POST /s/<sid>/<twin>/mcp          MCP (Streamable HTTP, stateless)
 *   *    /s/<sid>/<twin>/<rest…>      the twin's REST routes
 *   *    /<rest…>                     root-mounted twins (session from the token)
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PomeError } from "../../errors.js";
import { POME_VERSION } from "../../version.js";
import { serveAdmin } from "./admin-routes.js";
import { type CompiledTwin, compileTwin } from "./compiled-twin.js";
import { sendReply } from "./http-reply.js";
import { serveMcp } from "./mcp-endpoint.js";
import { serveRest } from "./rest-endpoint.js";
import { createSessionRegistry, type SessionRegistry } from "./session-registry.js";
import type { TwinServer, TwinServerOptions } from "./session-types.js";
import type { TwinDefinition, TwinName } from "./twin.js";

function healthBody(twins: readonly CompiledTwin[]) {
  const body: Record<string, unknown> = { ok: true, version: POME_VERSION, twins: twins.map((twin) => twin.definition.name) };
  if (twins.length === 1) {
    body.twin = twins[0].definition.name;
    body.operations = twins[0].definition.operations.length;
  }
  return body;
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => reject(portError(error, port) ?? error);
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * A port the caller chose that cannot be had is the caller's to fix (a usage error naming
 * the port), not pome's failure; any free port (0) failing stays an internal error.
 */
function portError(error: NodeJS.ErrnoException, port: number): PomeError | null {
  if (port === 0) return null;
  const where = `port ${port} on 127.0.0.1`;
  const fix = "choose another port, or 0 for any free one";
  switch (error.code) {
    case "EADDRINUSE":
      return new PomeError("USAGE", `${where} is already in use (another process is listening there): ${fix}`, { cause: error });
    case "EACCES":
      return new PomeError("USAGE", `${where} needs privileges this process does not have (ports below 1024 usually do): ${fix}`, { cause: error });
    case "EADDRNOTAVAIL":
      return new PomeError("USAGE", `${where} cannot be bound on this machine: ${fix}`, { cause: error });
    default:
      return null;
  }
}

export async function createTwinServer(definitions: readonly TwinDefinition[], opts: TwinServerOptions = {}): Promise<TwinServer> {
  const twins = new Map<TwinName, CompiledTwin>();
  for (const definition of definitions) {
    if (twins.has(definition.name)) throw new PomeError("TWIN_FAILURE", `twin ${definition.name} is given twice`);
    twins.set(definition.name, compileTwin(definition));
  }
  const compiled = [...twins.values()];
  const rootTwins = compiled.filter((twin) => twin.definition.rootMount);
  const health = JSON.stringify(healthBody(compiled));
  const adminToken = randomBytes(24).toString("hex");
  const onInternalError = opts.onInternalError;

  // Known once listening; no request can arrive before they are set.
  let origin: string;
  let registry: SessionRegistry;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const search = q === -1 ? "" : url.slice(q + 1);

    if (pathname === "/healthz") {
      req.resume();
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(health);
      return;
    }
    if (pathname.startsWith("/s/")) {
      const sidEnd = pathname.indexOf("/", 3);
      const sessionId = pathname.slice(3, sidEnd === -1 ? undefined : sidEnd);
      const afterSid = sidEnd === -1 ? "" : pathname.slice(sidEnd + 1);
      const twinEnd = afterSid.indexOf("/");
      const segment = twinEnd === -1 ? afterSid : afterSid.slice(0, twinEnd);
      if (segment === "_pome") return serveAdmin(registry, adminToken, req, res, sessionId, twinEnd === -1 ? "" : afterSid.slice(twinEnd + 1));
      const live = registry.get(sessionId);
      const twin = live?.twins.get(segment);
      if (!live || !twin) {
        req.resume();
        return sendReply(res, 404, { message: live ? `twin ${segment} is not part of this session` : `no session ${sessionId}` });
      }
      const basePath = `/s/${sessionId}/${segment}`;
      if (pathname === `${basePath}/mcp`) return serveMcp({ registry, origin, onInternalError }, req, res, live, twin, search);
      return serveRest({ registry, rootTwins, onInternalError }, req, res, { kind: "session", live, twin, basePath }, pathname, search);
    }
    if (rootTwins.length > 0) return serveRest({ registry, rootTwins, onInternalError }, req, res, { kind: "root" }, pathname, search);
    req.resume();
    return sendReply(res, 404, { message: "Not Found" });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      // A client that hung up is not a twin failure; there is nobody left to answer.
      if (res.destroyed || req.destroyed) return;
      onInternalError?.(error, { twin: "", operation: null });
      if (!res.headersSent) sendReply(res, 500, { message: "Internal Server Error" });
      else res.end();
    });
  });
  // A garbled request line must not take the server down: answer 400 and drop the socket.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
    else socket.destroy();
  });

  const port = await listen(server, opts.port ?? 0);
  origin = `http://127.0.0.1:${port}`;
  registry = createSessionRegistry(origin, twins);

  return {
    origin,
    adminToken,
    openSession: (spec) => registry.open(spec).session,
    close() {
      registry.closeAll();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
