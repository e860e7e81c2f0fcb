/**
 * An opaque CONNECT tunnel: bytes piped both ways, counted, and one LlmCallEvent when it
 * closes (the proxy sees no HTTP inside, so url, method, status, model and tokens are null;
 * a tunnel that could not be opened records the 502/504 the client was given).
 */
import { connect, type Socket } from "node:net";
import type { Duplex } from "node:stream";
import { round1, type ProxyContext } from "./proxy-context.js";

export interface TunnelTarget {
  host: string;
  port: number;
  provider: string | null;
  /** False for traffic recorded elsewhere (the twins) or not worth an event. */
  record: boolean;
  /**
   * Called instead of piping when the client speaks plain HTTP inside the tunnel (undici's
   * ProxyAgent tunnels http:// URLs too): the proxy then reads and records each request.
   */
  onPlainHttp?: (client: Duplex) => void;
}

export function openTunnel(ctx: ProxyContext, client: Duplex, head: Buffer, target: TunnelTarget): void {
  const started = performance.now();
  let bytesOut = 0;
  let bytesIn = 0;
  let status: number | null = null;
  let finished = false;
  let handedOver = false;

  const dial = ctx.dial(target.host, target.port);
  const upstream: Socket = connect({ host: dial.host, port: dial.port, lookup: dial.lookup });
  ctx.track(upstream);
  client.pause();

  const finish = () => {
    if (finished) return;
    finished = true;
    release();
    clearTimeout(connectTimer);
    upstream.destroy();
    if (!client.destroyed) client.destroy();
    if (!target.record) return;
    ctx.record({
      kind: "LlmCallEvent",
      host: target.host,
      port: target.port,
      url: null,
      method: null,
      status,
      model: null,
      prompt_tokens: null,
      completion_tokens: null,
      latency_ms: round1(performance.now() - started),
      bytes_in: bytesIn,
      bytes_out: bytesOut,
      provider: target.provider,
    });
  };
  const release = ctx.open(finish);

  const fail = (code: 502 | 504, message: string) => {
    if (status !== null || finished) return;
    status = code;
    const body = `pome capture proxy: could not open a tunnel to ${target.host}:${target.port}: ${message}\n`;
    const reason = code === 502 ? "Bad Gateway" : "Gateway Timeout";
    writeRaw(client, `HTTP/1.1 ${code} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    upstream.destroy();
    closeAfterFlush(client, finish);
  };

  const connectTimer = setTimeout(() => fail(504, `no connection after ${ctx.timeouts.connectMs} ms`), ctx.timeouts.connectMs);

  let connected = false;
  upstream.once("connect", () => {
    clearTimeout(connectTimer);
    if (finished || status !== null) return;
    connected = true;
    upstream.setTimeout(ctx.timeouts.idleMs, () => finish());
    writeRaw(client, "HTTP/1.1 200 Connection Established\r\n\r\n");
    if (!target.onPlainHttp) return pipe(head);
    firstChunk(client, head, (first) => {
      if (finished) return;
      if (!looksLikeHttp(first)) return pipe(first);
      // Handed over: the proxy records each request inside, so this tunnel records nothing.
      finished = true;
      handedOver = true;
      release();
      upstream.destroy();
      client.unshift(first);
      target.onPlainHttp!(client);
    });
  });
  const pipe = (first: Buffer) => {
    if (first.length > 0) {
      bytesOut += first.length;
      upstream.write(first);
    }
    client.on("data", (chunk: Buffer) => (bytesOut += chunk.length));
    upstream.on("data", (chunk: Buffer) => (bytesIn += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    if (connected) finish();
    else fail(502, error.code ?? error.message);
  });
  // Whichever side goes away, the other is closed once what it was sent has been flushed.
  upstream.on("close", () => {
    if (connected && !handedOver) closeAfterFlush(client, finish);
  });
  client.on("error", () => finish());
  client.on("close", () => finish());
}

/** The client's first bytes after the 200 (already read ones in `head`), then the socket is paused again. */
export function firstChunk(socket: Duplex, head: Buffer, then: (first: Buffer) => void): void {
  if (head.length > 0) return then(head);
  socket.once("data", (chunk: Buffer) => {
    socket.pause();
    then(chunk);
  });
  socket.resume();
}

/** An HTTP/1 request line, not a TLS ClientHello (0x16). */
export function looksLikeHttp(first: Buffer): boolean {
  return /^[A-Z]{3,10} \S/.test(first.toString("latin1", 0, 16));
}

/** Ends `socket` once its pending writes are out, then destroys it; `then` runs when it is gone. */
export function closeAfterFlush(socket: Duplex, then: () => void): void {
  if (socket.destroyed) return then();
  socket.once("close", then);
  if (socket.writableFinished) socket.destroy();
  else {
    socket.once("finish", () => socket.destroy());
    if (!socket.writableEnded) socket.end();
  }
}

function writeRaw(socket: Duplex, text: string): void {
  if (socket.writable && !socket.destroyed) socket.write(text);
}
