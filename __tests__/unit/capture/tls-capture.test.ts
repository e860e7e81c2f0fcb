import { X509Certificate } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ProxyAgent, request } from "undici";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CertificateAuthority, vendorRoutes } from "../../../src/capture/index.js";
import { CHAT_RESPONSE, httpsProvider, llmCalls, openConnect, refusals, testProxy, until, type Provider, type TestProxy } from "./proxy-fixtures.js";

let runCa: CertificateAuthority;
let providerCa: CertificateAuthority;
let provider: Provider;
let twin: Server;
let twinPort: number;
const twinSeen: string[] = [];

beforeAll(async () => {
  [runCa, providerCa] = await Promise.all([CertificateAuthority.create({ commonName: "pome run test" }), CertificateAuthority.create({ commonName: "provider" })]);
  provider = await httpsProvider(providerCa);
  twin = createServer((req, res) => {
    twinSeen.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ""}`);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ full_name: "acme/api" }));
  });
  await new Promise<void>((r) => twin.listen(0, "127.0.0.1", r));
  twinPort = (twin.address() as AddressInfo).port;
});

afterAll(async () => {
  await provider.close();
  twin.closeAllConnections();
  await new Promise((r) => twin.close(r));
});

async function tlsProxy(): Promise<TestProxy> {
  return testProxy(
    { "api.openai.com": provider.port },
    {
      twins: ["github", "slack"],
      tls: {
        authority: runCa,
        routes: vendorRoutes({
          github: { rest: `http://127.0.0.1:${twinPort}/s/abc/github`, mcp: "" },
          slack: { rest: `http://127.0.0.1:${twinPort}/s/abc/slack`, mcp: "" },
        }),
      },
      unrecordedLoopbackPorts: [twinPort],
      upstream: { resolve: (host) => (host === "api.openai.com" ? { host: "127.0.0.1", port: provider.port } : null), ca: providerCa.certPem },
    },
  );
}

/** A client that trusts only the run's CA, going through the proxy with CONNECT. */
function client(proxyUrl: string, ca: string): ProxyAgent {
  return new ProxyAgent({ uri: proxyUrl, requestTls: { ca } });
}

describe("the per-run certificate authority", () => {
  test("is a CA certificate, fresh on every run", async () => {
    const cert = new X509Certificate(runCa.certPem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toContain("pome run test");
    expect(runCa.fingerprint).not.toBe(providerCa.fingerprint);
  });

  test("signs host certificates that verify against it", () => {
    const leafContext = runCa.contextFor("api.openai.com");
    expect(leafContext).toBe(runCa.contextFor("api.openai.com"));
  });

  test("trust files hold the CA (alone, and before the bundled roots) and are deleted after the run", () => {
    const files = runCa.writeTrustFiles();
    expect(readFileSync(files.caFile, "utf8")).toBe(runCa.certPem);
    const bundle = readFileSync(files.bundleFile, "utf8");
    expect(bundle.startsWith(runCa.certPem.trim())).toBe(true);
    expect(bundle.split("BEGIN CERTIFICATE").length).toBeGreaterThan(50);
    runCa.removeTrustFiles();
    expect(existsSync(files.caFile)).toBe(false);
    expect(existsSync(files.bundleFile)).toBe(false);
  });
});

describe("--capture-tls", () => {
  test("provider HTTPS is decrypted, forwarded and recorded like plain HTTP", async () => {
    const t = await tlsProxy();
    try {
      const body = JSON.stringify({ model: "gpt-4o", messages: [] });
      const res = await request("https://api.openai.com/v1/chat/completions", {
        method: "POST",
        body,
        headers: { "content-type": "application/json" },
        dispatcher: client(t.proxy.url, runCa.certPem),
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.text()).toBe(CHAT_RESPONSE);
      await until(() => t.events.length === 1);
      expect(t.events[0]).toMatchObject({
        kind: "LlmCallEvent",
        host: "api.openai.com",
        port: 443,
        url: "https://api.openai.com/v1/chat/completions",
        method: "POST",
        status: 200,
        model: "gpt-4o-2024-08-06",
        prompt_tokens: 21,
        completion_tokens: 3,
        bytes_out: Buffer.byteLength(body),
        bytes_in: Buffer.byteLength(CHAT_RESPONSE),
      });
    } finally {
      await t.close();
    }
  });

  test("api.github.com is answered by the run's twin, which records it (no LlmCallEvent)", async () => {
    const t = await tlsProxy();
    try {
      const res = await request("https://api.github.com/repos/acme/api?per_page=1", {
        headers: { authorization: "token ghp_test" },
        dispatcher: client(t.proxy.url, runCa.certPem),
      });
      expect(res.statusCode).toBe(200);
      expect(await res.body.json()).toEqual({ full_name: "acme/api" });
      expect(twinSeen).toContain("GET /s/abc/github/repos/acme/api?per_page=1 auth=token ghp_test");
      await new Promise((r) => setTimeout(r, 50));
      expect(t.events).toEqual([]);
    } finally {
      await t.close();
    }
  });

  test("slack.com reaches the twin only under /api", async () => {
    const t = await tlsProxy();
    try {
      const dispatcher = client(t.proxy.url, runCa.certPem);
      const api = await request("https://slack.com/api/chat.postMessage", { method: "POST", body: "{}", dispatcher });
      expect(api.statusCode).toBe(200);
      await api.body.dump();
      expect(twinSeen).toContain("POST /s/abc/slack/chat.postMessage auth=");
      const site = await request("https://slack.com/pricing", { dispatcher });
      expect(site.statusCode).toBe(403);
      await site.body.dump();
      expect(refusals(t.events)).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  test("a client that does not trust the run's CA cannot connect, and the run is told why", async () => {
    const t = await tlsProxy();
    try {
      await expect(request("https://api.openai.com/v1/chat/completions", { dispatcher: client(t.proxy.url, providerCa.certPem) })).rejects.toThrow();
      await until(() => t.proxy.warnings().length > 0);
      expect(t.proxy.warnings()[0]).toMatch(/gave up on pome's certificate for api\.openai\.com/);
      expect(llmCalls(t.events)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  test("hosts allowed but not LLM providers stay opaque tunnels", async () => {
    const t = await tlsProxy();
    try {
      const refused = await openConnect(t.proxy.port, "example.com:443");
      expect(refused.status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
