/**
 * Local stand-ins for the outside world (no test reaches the internet): an LLM provider
 * over HTTP or HTTPS, a TCP echo server, and a proxy whose provider hostnames resolve to them.
 */
import { createServer as createHttpServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from "node:net";
import {
  CertificateAuthority,
  EgressFloor,
  startCaptureProxy,
  type CaptureEvent,
  type CaptureProxy,
  type CaptureProxyOptions,
} from "../../../src/capture/index.js";

export interface Listening {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<Listening> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            (server as Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

export const CHAT_RESPONSE = JSON.stringify({
  id: "chatcmpl-1",
  object: "chat.completion",
  model: "gpt-4o-2024-08-06",
  choices: [{ index: 0, message: { role: "assistant", content: "Hello" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 21, completion_tokens: 3, total_tokens: 24 },
});

/** Anthropic-shaped SSE, in two parts so a test can check the first arrives before the second is sent. */
export const SSE_FIRST = `event: message_start\ndata: ${JSON.stringify({ type: "message_start", message: { model: "claude-sonnet-4-5", usage: { input_tokens: 30, output_tokens: 1 } } })}\n\n`;
export const SSE_REST =
  `event: message_delta\ndata: ${JSON.stringify({ type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 12 } })}\n\n` +
  `event: message_stop\ndata: {"type":"message_stop"}\n\n`;

export interface Provider extends Listening {
  /** Paths of requests received, with the Host header. */
  seen: Array<{ method: string; path: string; host: string | undefined; body: string }>;
  /** Resolves the streamed response's second half. */
  releaseStream(): void;
}

function providerHandler(seen: Provider["seen"], stream: { release: () => void }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", path: req.url ?? "", host: req.headers.host, body: Buffer.concat(chunks).toString() });
      if (req.url === "/v1/chat/completions") {
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(CHAT_RESPONSE) });
        res.end(CHAT_RESPONSE);
      } else if (req.url === "/v1/messages") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(SSE_FIRST);
        stream.release = () => res.end(SSE_REST);
      } else if (req.url === "/hang") {
        // never answers
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("not found");
      }
    });
  };
}

export async function httpProvider(): Promise<Provider> {
  const seen: Provider["seen"] = [];
  const stream = { release: () => undefined as void };
  const server = createHttpServer(providerHandler(seen, stream));
  const l = await listen(server);
  return { ...l, seen, releaseStream: () => stream.release() };
}

/** An HTTPS provider whose certificate is signed by `authority` (trusted by the proxy through `upstream.ca`). */
export async function httpsProvider(authority: CertificateAuthority): Promise<Provider> {
  const seen: Provider["seen"] = [];
  const stream = { release: () => undefined as void };
  const server = createHttpsServer({ SNICallback: (name, cb) => cb(null, authority.contextFor(name)) }, providerHandler(seen, stream));
  const l = await listen(server as unknown as Server);
  return { ...l, seen, releaseStream: () => stream.release() };
}

/** A TCP server that echoes; on the client's end it answers `bye <n>` with the bytes it got, then closes. */
export async function echoServer(): Promise<Listening> {
  const server = createTcpServer({ allowHalfOpen: true }, (socket) => {
    let n = 0;
    socket.on("data", (chunk) => {
      n += chunk.length;
      socket.write(chunk);
    });
    socket.on("end", () => socket.end(`bye ${n}`));
    socket.on("error", () => socket.destroy());
  });
  return listen(server);
}

/** A TCP server that accepts and never says anything. */
export async function silentServer(): Promise<Listening> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  const l = await listen(server);
  return {
    port: l.port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await l.close();
    },
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const l = await listen(createTcpServer());
  await l.close();
  return l.port;
}

export interface TestProxy {
  proxy: CaptureProxy;
  events: CaptureEvent[];
  close(): Promise<void>;
}

/** A proxy whose named hosts dial local ports. */
export async function testProxy(hosts: Record<string, number>, over: Partial<CaptureProxyOptions> = {}): Promise<TestProxy> {
  const events: CaptureEvent[] = [];
  const proxy = await startCaptureProxy({
    floor: EgressFloor.create({ allow: "echo.example,silent.example,down.example" }),
    record: (e) => events.push(e),
    upstream: { resolve: (host) => (hosts[host] ? { host: "127.0.0.1", port: hosts[host] } : null) },
    ...over,
  });
  return { proxy, events, close: () => proxy.close() };
}

export interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A plain-http request through the proxy, in absolute form, as curl and Python send it. */
export function viaProxy(proxyPort: number, url: string, opts: { method?: string; body?: string; onFirstChunk?: (chunk: string) => void } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request({ host: "127.0.0.1", port: proxyPort, method: opts.method ?? "GET", path: url, headers: { host: target.host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => {
        if (chunks.length === 0) opts.onFirstChunk?.(c.toString());
        chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** Sends raw bytes to the proxy and collects everything until it closes. */
export function rawExchange(proxyPort: number, text: string, opts: { end?: boolean } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(proxyPort, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("connect", () => (opts.end === false ? socket.write(text) : socket.end(text)));
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(Buffer.concat(chunks).toString()));
  });
}

/** Opens a CONNECT tunnel; resolves with the proxy's status line and the socket (or the full answer when refused). */
export function openConnect(proxyPort: number, target: string): Promise<{ status: number; socket: Socket; answer: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port: proxyPort, host: "127.0.0.1", allowHalfOpen: true });
    let text = "";
    const onData = (c: Buffer) => {
      text += c.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end === -1) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      if (status === 200) {
        socket.off("data", onData);
        resolve({ status, socket, answer: text });
      } else {
        socket.on("end", () => resolve({ status, socket, answer: text }));
      }
    };
    socket.on("data", onData);
    socket.on("error", reject);
    socket.on("connect", () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`));
  });
}

export const until = async (check: () => boolean, ms = 3000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
};

export const llmCalls = (events: CaptureEvent[]) => events.filter((e) => e.kind === "LlmCallEvent");
export const refusals = (events: CaptureEvent[]) => events.filter((e) => e.kind === "EgressRefusedEvent");
