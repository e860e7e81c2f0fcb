/**
 * Capture proxy latency: the same OpenAI-shaped request sent directly to a local "provider"
 * and through the capture proxy (recording into a real events.jsonl), alternately, in one
 * process run. Plain http (keep-alive: forwarded, parsed, recorded) is the goal's figure
 * (p99 added ≤ 2 ms); HTTPS on a fresh connection each time shows what a CONNECT tunnel
 * adds when a client does not reuse connections (one more TCP connect and round trip).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { connect as tlsConnect } from "node:tls";
import { join } from "node:path";
import { CertificateAuthority, EgressFloor, startCaptureProxy } from "../src/capture/index.js";
import { createRedactor, TraceWriter } from "../src/trace/index.js";
import { percentile, round } from "./stats.js";

const BODY = JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "Triage issue #1." }] });
const ANSWER = JSON.stringify({
  id: "chatcmpl-1",
  model: "gpt-4o-2024-08-06",
  choices: [{ index: 0, message: { role: "assistant", content: "Label it bug." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 12, completion_tokens: 4, total_tokens: 16 },
});

function post(agent: Agent, port: number, path: string, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: "127.0.0.1", port, method: "POST", path, headers: { host, "content-type": "application/json" } }, (res) => drain(res, resolve));
    req.on("error", reject);
    req.end(BODY);
  });
}

function drain(res: IncomingMessage, done: () => void): void {
  res.on("data", () => undefined);
  res.on("end", done);
}

/**
 * One HTTPS request on a fresh connection, as a client without keep-alive makes it. Through
 * the proxy: CONNECT first, then TLS inside the (opaque) tunnel.
 */
function freshHttps(port: number, ca: string, tunnel: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = `POST /v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\nContent-Type: application/json\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`;
    const speak = (socket?: Socket) => {
      const secure = tlsConnect({ socket, host: socket ? undefined : "127.0.0.1", port: socket ? undefined : port, servername: "api.openai.com", ca });
      let text = "";
      secure.on("secureConnect", () => secure.write(request));
      secure.on("data", (chunk) => {
        text += chunk.toString("latin1");
        if (text.endsWith(ANSWER)) {
          secure.destroy();
          resolve();
        }
      });
      secure.on("error", reject);
    };
    if (!tunnel) return speak();
    const raw = connect(port, "127.0.0.1");
    let head = "";
    const onData = (chunk: Buffer) => {
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      raw.off("data", onData);
      speak(raw);
    };
    raw.on("connect", () => raw.write("CONNECT api.openai.com:443 HTTP/1.1\r\nHost: api.openai.com:443\r\n\r\n"));
    raw.on("data", onData);
    raw.on("error", reject);
  });
}

function summary(direct: number[], proxied: number[]) {
  const at = (samples: number[], p: number) => round(percentile(samples, p), 3);
  return {
    direct_ms: { p50: at(direct, 50), p99: at(direct, 99) },
    proxied_ms: { p50: at(proxied, 50), p99: at(proxied, 99) },
    added_ms: { p50: round(percentile(proxied, 50) - percentile(direct, 50), 3), p99: round(percentile(proxied, 99) - percentile(direct, 99), 3) },
    ratio_to_direct: { p50: round(percentile(proxied, 50) / percentile(direct, 50), 2), p99: round(percentile(proxied, 99) / percentile(direct, 99), 2) },
  };
}

export async function proxyLatency(requests: number) {
  const dir = mkdtempSync(join(tmpdir(), "pome-bench-proxy-"));
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    req.on("data", () => undefined);
    req.on("end", () => res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(ANSWER) }).end(ANSWER));
  };
  const provider = createServer(answer);
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  const providerPort = (provider.address() as AddressInfo).port;
  const authority = await CertificateAuthority.create({ commonName: "bench provider" });
  const secureProvider = createHttpsServer({ SNICallback: (name, cb) => cb(null, authority.contextFor(name)) }, answer);
  await new Promise<void>((resolve) => secureProvider.listen(0, "127.0.0.1", resolve));
  const securePort = (secureProvider.address() as AddressInfo).port;
  const writer = new TraceWriter({ runId: "run_bench", file: join(dir, "events.jsonl"), redactor: createRedactor({ secrets: [] }) });
  const proxy = await startCaptureProxy({
    floor: EgressFloor.create(),
    record: (event) => (event.kind === "LlmCallEvent" ? writer.emit("LlmCallEvent", event) : writer.emit("EgressRefusedEvent", event)),
    upstream: { resolve: (_host, port) => ({ host: "127.0.0.1", port: port === 443 ? securePort : providerPort }) },
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const plain = { direct: [] as number[], proxied: [] as number[] };
    const tunnel = { direct: [] as number[], proxied: [] as number[] };
    const warmup = Math.min(20, requests);
    for (let i = 0; i < requests + warmup; i++) {
      const keep = i >= warmup;
      let start = performance.now();
      await post(agent, providerPort, "/v1/chat/completions", "api.openai.com");
      if (keep) plain.direct.push(performance.now() - start);
      start = performance.now();
      await post(agent, proxy.port, "http://api.openai.com/v1/chat/completions", "api.openai.com");
      if (keep) plain.proxied.push(performance.now() - start);
      start = performance.now();
      await freshHttps(securePort, authority.certPem, false);
      if (keep) tunnel.direct.push(performance.now() - start);
      start = performance.now();
      await freshHttps(proxy.port, authority.certPem, true);
      if (keep) tunnel.proxied.push(performance.now() - start);
    }
    await proxy.close();
    const recorded = writer.events.length;
    if (recorded !== 2 * (requests + warmup)) throw new Error(`expected ${2 * (requests + warmup)} recorded calls, got ${recorded}`);
    return {
      requests,
      plain_http: summary(plain.direct, plain.proxied),
      connect_tunnel: summary(tunnel.direct, tunnel.proxied),
      goal: { p99_added_ms_max: 2 },
    };
  } finally {
    agent.destroy();
    await proxy.close();
    await writer.close();
    await new Promise((resolve) => provider.close(resolve));
    await new Promise((resolve) => secureProvider.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
