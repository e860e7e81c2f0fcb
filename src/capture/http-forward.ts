/**
 * One HTTP exchange the proxy sees in clear (a plain `http://` proxy request, or a request
 * decrypted under `--capture-tls`): streamed to its upstream and back, bodies counted and
 * kept (capped) for reading the model and token usage, then one LlmCallEvent.
 */
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest, type Agent as HttpsAgent } from "node:https";
import { isIP } from "node:net";
import { BodyTap } from "./body-tap.js";
import { readLlmUsage } from "./llm-usage.js";
import { round1, type ProxyContext } from "./proxy-context.js";

export interface ForwardTarget {
  /** Where the request goes. */
  url: URL;
  /** The host and port the agent asked for (recorded). */
  host: string;
  port: number;
  /** The URL the agent asked for (recorded). */
  requestedUrl: string;
  provider: string | null;
  /** False when someone else records the exchange (a twin). */
  record: boolean;
}

export interface ForwardAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/**
 * Connection-level headers a proxy must not forward (RFC 9110 §7.6.1), plus the proxy's own,
 * plus `expect`: the proxy already answered the client's 100-continue itself.
 */
const HOP_BY_HOP = new Set(["connection", "proxy-connection", "keep-alive", "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "expect"]);

function hopByHop(headers: IncomingMessage["headers"]): Set<string> {
  const listed = String(headers.connection ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return new Set([...HOP_BY_HOP, ...listed]);
}

export function forwardRequest(ctx: ProxyContext, agents: ForwardAgents, req: IncomingMessage, res: ServerResponse, target: ForwardTarget): void {
  const started = performance.now();
  const sent = new BodyTap();
  const received = new BodyTap();
  let status: number | null = null;
  let responseType: string | undefined;
  let responseEncoding: string | undefined;
  let finished = false;

  const secure = target.url.protocol === "https:";
  const upstreamPort = Number(target.url.port) || (secure ? 443 : 80);
  const dial = ctx.dial(target.url.hostname.replace(/^\[|\]$/g, ""), upstreamPort);
  const skip = hopByHop(req.headers);
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!skip.has(name) && value !== undefined) headers[name] = value;
  headers.host = target.url.host;

  const finish = () => {
    if (finished) return;
    finished = true;
    release();
    if (!upstream.destroyed) upstream.destroy();
    if (!target.record) return;
    const usage = readLlmUsage({
      url: target.requestedUrl,
      requestBody: sent.body(),
      responseBody: received.body(),
      responseType,
      responseEncoding,
    });
    ctx.record({
      kind: "LlmCallEvent",
      host: target.host,
      port: target.port,
      url: target.requestedUrl,
      method: req.method ?? null,
      status,
      ...usage,
      latency_ms: round1(performance.now() - started),
      bytes_in: received.bytes,
      bytes_out: sent.bytes,
      provider: target.provider,
    });
  };
  const release = ctx.open(finish);

  const options = {
    host: dial.host,
    port: dial.port,
    lookup: dial.lookup,
    method: req.method,
    path: `${target.url.pathname}${target.url.search}`,
    headers,
    timeout: ctx.timeouts.idleMs,
  };
  const hostname = target.url.hostname;
  const upstream = secure
    ? httpsRequest({ ...options, agent: agents.https, servername: isIP(hostname) ? undefined : hostname, ca: ctx.upstreamCa })
    : httpRequest({ ...options, agent: agents.http });

  const answer = (code: number, message: string) => {
    if (!res.headersSent && !res.destroyed) {
      status = code;
      const body = `pome capture proxy: ${req.method} ${target.requestedUrl} failed: ${message}\n`;
      res.writeHead(code, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body), connection: "close" });
      res.end(body);
    } else res.destroy();
  };

  upstream.on("socket", (socket) => {
    ctx.track(socket);
    if (!socket.connecting) return;
    const timer = setTimeout(() => upstream.destroy(Object.assign(new Error(`no connection after ${ctx.timeouts.connectMs} ms`), { code: "CONNECT_TIMEOUT" })), ctx.timeouts.connectMs);
    socket.once("connect", () => clearTimeout(timer));
    socket.once("close", () => clearTimeout(timer));
  });
  upstream.on("timeout", () => upstream.destroy(Object.assign(new Error(`no answer for ${ctx.timeouts.idleMs} ms`), { code: "IDLE_TIMEOUT" })));
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    const timedOut = error.code === "CONNECT_TIMEOUT" || error.code === "IDLE_TIMEOUT";
    answer(timedOut ? 504 : 502, error.code && !timedOut ? `${error.code} (${error.message})` : error.message);
    finish();
  });
  upstream.on("response", (upstreamRes) => {
    status = upstreamRes.statusCode ?? null;
    responseType = header(upstreamRes.headers["content-type"]);
    responseEncoding = header(upstreamRes.headers["content-encoding"]);
    const drop = hopByHop(upstreamRes.headers);
    const raw: string[] = [];
    for (let i = 0; i < upstreamRes.rawHeaders.length; i += 2) {
      if (!drop.has(upstreamRes.rawHeaders[i].toLowerCase())) raw.push(upstreamRes.rawHeaders[i], upstreamRes.rawHeaders[i + 1]);
    }
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, raw);
    // Streamed responses (SSE) must reach the agent chunk by chunk, not when they end.
    res.flushHeaders();
    upstreamRes.on("data", (chunk: Buffer) => received.push(chunk));
    upstreamRes.pipe(res);
    upstreamRes.on("error", () => res.destroy());
    upstreamRes.on("aborted", () => res.destroy());
  });

  req.on("data", (chunk: Buffer) => sent.push(chunk));
  req.pipe(upstream);
  req.on("error", () => finish());
  res.on("close", () => finish());
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
