/**
 * The capture proxy of one run: an HTTP proxy on 127.0.0.1. CONNECT tunnels are piped
 * (or, under `--capture-tls`, decrypted for LLM providers and vendor hosts); plain
 * `http://` proxy requests are forwarded and recorded; anything the egress floor does not
 * allow gets a 403 that says how to allow it. Nothing a client sends can take the run
 * down: every socket error ends that exchange, recorded, and nothing else.
 */
import { Agent as HttpAgent, createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { TLSSocket } from "node:tls";
import type { CertificateAuthority } from "./certificate-authority.js";
import type { EgressDecision, EgressFloor } from "./egress-floor.js";
import { hostPort, isLoopback, isLoopbackName, isValidHost, loopbackLookup, normalizeHost, parseAuthority } from "./host-names.js";
import { forwardRequest, type ForwardAgents } from "./http-forward.js";
import { DEFAULT_TIMEOUTS, type CaptureEvent, type ProxyContext, type ProxyTimeouts, type UpstreamOptions } from "./proxy-context.js";
import { malformedTarget, refusalFor, type Refusal } from "./refusal.js";
import { closeAfterFlush, firstChunk, looksLikeHttp, openTunnel } from "./tunnel.js";
import { routeFor, twinUrl, type VendorRoute } from "./vendor-routes.js";

export interface CaptureTlsOptions {
  authority: CertificateAuthority;
  /** Vendor hosts answered by this run's twins. */
  routes: VendorRoute[];
}

export interface CaptureProxyOptions {
  floor: EgressFloor;
  /** Receives every LlmCallEvent and EgressRefusedEvent body; the proxy survives it throwing. */
  record: (event: CaptureEvent) => void;
  /** The run's twins (refusals of their vendor hosts say how to reach them). */
  twins?: readonly string[];
  /** `--capture-tls`. */
  tls?: CaptureTlsOptions | null;
  /** Loopback ports whose traffic is recorded elsewhere (the twin server): forwarded, not recorded. */
  unrecordedLoopbackPorts?: number[];
  timeouts?: Partial<ProxyTimeouts>;
  /** Test seam: see UpstreamOptions. */
  upstream?: UpstreamOptions;
}

export interface CaptureProxy {
  /** `http://127.0.0.1:<port>`: the agent's HTTP_PROXY/HTTPS_PROXY. */
  url: string;
  port: number;
  /** Refused egress so far: `host:port` → count. */
  refused(): Record<string, number>;
  /** Things the run should be told about (unreadable allow entries, clients refusing the run's CA, …). */
  warnings(): string[];
  /** Stops accepting, ends every open exchange and records it. Safe to call twice. */
  close(): Promise<void>;
}

interface Intercepted {
  host: string;
  port: number;
  provider: string | null;
  route: VendorRoute | null;
  /** What the client speaks inside the tunnel: TLS (decrypted) or plain HTTP. */
  scheme?: "https" | "http";
}

const MALFORMED_KEY = "(malformed CONNECT target)";

type Gate =
  | { kind: "self" }
  | { kind: "route"; route: VendorRoute }
  | { kind: "refused"; refusal: Refusal }
  | { kind: "allowed"; decision: EgressDecision };

export async function startCaptureProxy(opts: CaptureProxyOptions): Promise<CaptureProxy> {
  const timeouts: ProxyTimeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const clientSockets = new Set<Socket>();
  const upstreamSockets = new Set<Socket>();
  const live = new Set<() => void>();
  const refused: Record<string, number> = {};
  const warnings = new Set<string>(opts.floor.problems);
  const intercepted = new WeakMap<object, Intercepted>();
  const agents: ForwardAgents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true, ca: opts.upstream?.ca }) };
  const unrecordedPorts = new Set(opts.unrecordedLoopbackPorts ?? []);
  const tls = opts.tls ?? null;
  let stopped = false;
  let closing: Promise<void> | null = null;
  let port = 0;

  const ctx: ProxyContext = {
    timeouts,
    record(event) {
      if (stopped) return;
      try {
        opts.record(event);
      } catch (error) {
        warnings.add(`the capture proxy could not record an event: ${(error as Error).message}`);
      }
    },
    dial(host, dialPort) {
      const mapped = opts.upstream?.resolve?.(host, dialPort);
      if (mapped) return mapped;
      // localhost and *.localhost are loopback by name: no resolver is asked, so no answer can send them elsewhere.
      return isLoopbackName(host) ? { host, port: dialPort, lookup: loopbackLookup } : { host, port: dialPort };
    },
    upstreamCa: opts.upstream?.ca,
    open(finish) {
      live.add(finish);
      return () => live.delete(finish);
    },
    track(socket) {
      if (upstreamSockets.has(socket)) return;
      upstreamSockets.add(socket);
      socket.once("close", () => upstreamSockets.delete(socket));
    },
    warn(message) {
      // Sockets torn down by close() are not the agent's doing.
      if (closing === null) warnings.add(message);
    },
  };

  const refuse = (host: string, targetPort: number, refusal: Refusal, key = hostPort(host, targetPort)) => {
    refused[key] = (refused[key] ?? 0) + 1;
    ctx.record({ kind: "EgressRefusedEvent", host, port: targetPort, reason: refusal.reason });
  };
  const refusalOf = (host: string, targetPort: number) => refusalFor(host, targetPort, { twins: opts.twins ?? [], tls: tls !== null });
  const recorded = (host: string, targetPort: number, decision: EgressDecision) =>
    !(decision.by === "loopback" && unrecordedPorts.has(targetPort)) && !(isLoopback(host) && targetPort === port);

  /**
   * The one egress decision, for plain `http://` proxy requests and CONNECT alike, over a
   * host already read by normalizeHost/parseAuthority: the proxy itself, a vendor host a
   * twin answers (--capture-tls), refused (recorded here), or allowed.
   */
  const gate = (host: string, targetPort: number): Gate => {
    if (isLoopback(host) && targetPort === port) return { kind: "self" };
    const route = tls ? routeFor(tls.routes, host) : null;
    if (route) return { kind: "route", route };
    const decision = opts.floor.decide(host);
    if (decision.allowed) return { kind: "allowed", decision };
    const refusal = refusalOf(host, targetPort);
    refuse(host, targetPort, refusal);
    return { kind: "refused", refusal };
  };

  const connectionTimeouts = {
    headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(timeouts.headersMs / 2))),
  };
  const server: Server = createServer(connectionTimeouts, (req, res) => onProxyRequest(req, res));
  // Requests read inside tunnels arrive here; this server never listens, it is handed sockets.
  const inner: Server = createServer(connectionTimeouts, (req, res) => onTunnelledRequest(req, res));

  server.on("connection", (socket: Socket) => {
    clientSockets.add(socket);
    socket.once("close", () => clientSockets.delete(socket));
  });
  server.on("connect", (req: IncomingMessage, socket: Duplex, head: Buffer) => onConnect(req, socket, head));
  server.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
    socket.on("error", () => socket.destroy());
    rawAnswer(socket, 501, "Not Implemented", `pome capture proxy: protocol upgrades (${String(req.headers.upgrade)}) are not forwarded over plain http; use https (CONNECT).\n`);
  });
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => answerClientError(error, socket));
  inner.on("clientError", (_error: Error, socket: Duplex) => socket.destroy());

  function onConnect(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    const target = parseAuthority(req.url ?? "");
    if (!target) {
      const refusal = malformedTarget(req.url ?? "");
      refuse(String(req.url ?? "").slice(0, 200) || "(empty)", 0, refusal, MALFORMED_KEY);
      return rawAnswer(socket, 400, "Bad Request", refusal.body);
    }
    const { host, port: targetPort } = target;
    const verdict = gate(host, targetPort);
    if (verdict.kind === "self") return rawAnswer(socket, 400, "Bad Request", "pome capture proxy: refusing to tunnel to itself.\n");
    if (verdict.kind === "route") return intercept(socket, head, { host, port: targetPort, provider: null, route: verdict.route });
    if (verdict.kind === "refused") return rawAnswer(socket, 403, "Forbidden", verdict.refusal.body);
    const { decision } = verdict;
    if (tls && (decision.by === "provider" || decision.by === "base-url") && !isLoopback(host)) {
      return intercept(socket, head, { host, port: targetPort, provider: decision.provider, route: null });
    }
    const record = recorded(host, targetPort, decision);
    openTunnel(ctx, socket, head, {
      host,
      port: targetPort,
      provider: decision.provider,
      record,
      onPlainHttp: record ? (client) => servePlain(client, { host, port: targetPort, provider: decision.provider, route: null }) : undefined,
    });
  }

  /** Plain HTTP inside a CONNECT tunnel: read and recorded request by request, like absolute-form requests. */
  function servePlain(socket: Duplex, target: Intercepted): void {
    intercepted.set(socket, { ...target, scheme: "http" });
    inner.emit("connection", socket);
    // The inner server never listens, so its own timeouts never run: a stalled client is dropped here.
    (socket as Socket).setTimeout(timeouts.idleMs, () => socket.destroy());
    // It was paused to look at its first bytes; a new 'data' listener does not undo an explicit pause.
    socket.resume();
  }

  function intercept(socket: Duplex, head: Buffer, target: Intercepted): void {
    const raw = socket as Socket;
    raw.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    raw.setTimeout(timeouts.headersMs, () => raw.destroy());
    firstChunk(socket, head, (first) => {
      raw.setTimeout(0);
      socket.unshift(first);
      if (looksLikeHttp(first)) servePlain(socket, target);
      else decrypt(socket, target);
    });
  }

  function decrypt(socket: Duplex, target: Intercepted): void {
    let secure: TLSSocket;
    try {
      const secureContext = tls!.authority.contextFor(target.host);
      secure = new TLSSocket(socket as Socket, { isServer: true, secureContext, ALPNProtocols: ["http/1.1"] });
    } catch (error) {
      ctx.warn(`the capture proxy could not intercept ${target.host}: ${(error as Error).message}`);
      socket.destroy();
      return;
    }
    let handshaken = false;
    let told = false;
    // Clients that reject a certificate mostly just hang up, some send an alert first.
    const handshakeFailed = (detail: string) => {
      if (handshaken || told) return;
      told = true;
      ctx.warn(
        `an HTTPS client of the agent gave up on pome's certificate for ${target.host} (${detail}): it pins certificates or does not read ` +
          "NODE_EXTRA_CA_CERTS / SSL_CERT_FILE / REQUESTS_CA_BUNDLE, so that call was not made",
      );
    };
    secure.once("secure", () => (handshaken = true));
    secure.on("error", (error: NodeJS.ErrnoException) => {
      handshakeFailed(error.code ?? error.message);
      secure.destroy();
    });
    secure.once("close", () => handshakeFailed("closed during the TLS handshake"));
    secure.setTimeout(timeouts.idleMs, () => secure.destroy());
    intercepted.set(secure, { ...target, scheme: "https" });
    inner.emit("connection", secure);
  }

  function onProxyRequest(req: IncomingMessage, res: ServerResponse): void {
    const raw = req.url ?? "";
    let url: URL | null = null;
    try {
      url = /^https?:\/\//i.test(raw) ? new URL(raw) : null;
    } catch {
      url = null;
    }
    if (!url) {
      return textAnswer(res, 400, "pome capture proxy: this is an HTTP proxy: send absolute-form requests (GET http://host/path) or CONNECT host:port.\n");
    }
    const host = normalizeHost(url.hostname);
    const targetPort = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
    if (!isValidHost(host)) return textAnswer(res, 400, `pome capture proxy: ${JSON.stringify(url.hostname)} is not a host name.\n`);
    const verdict = gate(host, targetPort);
    if (verdict.kind === "self") return textAnswer(res, 400, "pome capture proxy: refusing to forward a request to itself.\n");
    if (verdict.kind === "route") return toTwin(req, res, verdict.route, host, targetPort, `${url.pathname}${url.search}`);
    if (verdict.kind === "refused") return textAnswer(res, 403, verdict.refusal.body);
    const { decision } = verdict;
    forwardRequest(ctx, agents, req, res, { url, host, port: targetPort, requestedUrl: url.href, provider: decision.provider, record: recorded(host, targetPort, decision) });
  }

  /** A request read inside a CONNECT tunnel: decrypted under --capture-tls, or plain HTTP. */
  function onTunnelledRequest(req: IncomingMessage, res: ServerResponse): void {
    const target = intercepted.get(req.socket);
    if (!target) return textAnswer(res, 500, "pome capture proxy: lost track of this connection.\n");
    const path = (req.url ?? "/").startsWith("/") ? (req.url ?? "/") : `/${req.url}`;
    if (target.route) return toTwin(req, res, target.route, target.host, target.port, path);
    const scheme = target.scheme ?? "https";
    const origin = `${scheme}://${hostPort(target.host, target.port).replace(scheme === "https" ? /:443$/ : /:80$/, "")}`;
    const url = new URL(`${origin}${path}`);
    forwardRequest(ctx, agents, req, res, { url, host: target.host, port: target.port, requestedUrl: url.href, provider: target.provider, record: true });
  }

  /** A vendor request answered by the twin, which records it as a TwinHttpEvent itself. */
  function toTwin(req: IncomingMessage, res: ServerResponse, route: VendorRoute, host: string, targetPort: number, path: string): void {
    const target = twinUrl(route, path);
    if (target === null) {
      const refusal = refusalOf(host, targetPort);
      refuse(host, targetPort, refusal);
      return textAnswer(res, 403, refusal.body);
    }
    forwardRequest(ctx, agents, req, res, { url: new URL(target), host, port: targetPort, requestedUrl: target, provider: null, record: false });
  }

  function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return rawAnswer(socket, 408, "Request Timeout", "pome capture proxy: the request was not completed in time.\n");
    if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
    rawAnswer(socket, 400, "Bad Request", "pome capture proxy: malformed HTTP request.\n");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    refused: () => ({ ...refused }),
    warnings: () => [...warnings],
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of [...clientSockets, ...upstreamSockets]) socket.destroy();
        // Exchanges still open are recorded now, as they stand, before the trace is final.
        for (const finish of [...live]) finish();
        stopped = true;
        agents.http.destroy();
        agents.https.destroy();
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      })();
      return closing;
    },
  };
}

function rawAnswer(socket: Duplex, status: number, reason: string, body: string): void {
  if (!socket.writable || socket.destroyed) return void socket.destroy();
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
  closeAfterFlush(socket, () => undefined);
}

function textAnswer(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close" });
  res.end(body);
}
