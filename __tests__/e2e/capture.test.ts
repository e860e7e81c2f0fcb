/**
 * The capture proxy with real clients (curl, Node fetch through EnvHttpProxyAgent, Python's
 * urllib) spawned as the agent by `runScenarios`. The "providers" are local servers: the
 * proxy's test resolver maps their hostnames to them, so nothing reaches the internet.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CertificateAuthority, type UpstreamOptions } from "../../src/capture/index.js";
import type { TraceEvent } from "../../src/trace/index.js";
import { CHAT_RESPONSE, httpProvider, httpsProvider, type Provider } from "../unit/capture/proxy-fixtures.js";
import { agent, AGENTS, CLEAN_ENV, onlyRun, readEvents, readJson, run, tempDir, TRIAGE } from "./fixtures.js";

const artifacts = tempDir();
let plain: Provider;
let secure: Provider;
let upstream: UpstreamOptions;

beforeAll(async () => {
  const providerCa = await CertificateAuthority.create({ commonName: "test provider" });
  [plain, secure] = await Promise.all([httpProvider(), httpsProvider(providerCa)]);
  upstream = {
    resolve: (host, port) => (host.startsWith("api.") ? { host: "127.0.0.1", port: port === 443 ? secure.port : plain.port } : null),
    ca: providerCa.certPem,
  };
});
afterAll(async () => {
  await Promise.all([plain?.close(), secure?.close()]);
  artifacts.remove();
});

const has = (tool: string) => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
const llmCalls = (events: TraceEvent[]) => events.filter((e) => e.kind === "LlmCallEvent");
const refusals = (events: TraceEvent[]) => events.filter((e) => e.kind === "EgressRefusedEvent");
const shell = (script: string) => ({ agent: `sh -c ${JSON.stringify(`[ "$POME_PREFLIGHT" = 1 ] && exit 0; ${script}`)}`, trust: true });

async function runAgent(command: string, opts: { trust?: boolean; capture?: boolean; env?: Record<string, string> } = {}) {
  const batch = await run({
    path: TRIAGE,
    agent: command,
    artifactsDir: artifacts.path,
    judge: "off",
    capture: opts.capture,
    captureUpstream: upstream,
    env: { ...CLEAN_ENV, ...(opts.trust ? { POME_TRUST_AGENT_COMMAND: "1" } : {}), ...opts.env },
  });
  const result = onlyRun(batch);
  const dir = result.run_dir!;
  return { result, dir, events: readEvents(dir), stdout: readFileSync(join(dir, "stdout.txt"), "utf8") };
}

describe("curl as the agent", () => {
  const curl = has("curl");

  test.skipIf(!curl)("plain http to a provider is recorded with bytes and tokens; another host is refused with 403", async () => {
    const body = JSON.stringify({ model: "gpt-4o", messages: [] });
    const { agent: command, trust } = shell(
      `curl -sS -X POST -H 'content-type: application/json' --data '${body}' http://api.openai.com/v1/chat/completions; echo; ` +
        `curl -sS -w ' status=%{http_code}' http://blocked.example/upload`,
    );
    const { result, dir, events, stdout } = await runAgent(command, { trust });
    expect(stdout).toContain(CHAT_RESPONSE);
    expect(stdout).toContain("POME_EGRESS_ALLOW=blocked.example");
    expect(stdout).toContain("status=403");
    expect(llmCalls(events)).toEqual([
      expect.objectContaining({
        host: "api.openai.com",
        port: 80,
        url: "http://api.openai.com/v1/chat/completions",
        method: "POST",
        status: 200,
        model: "gpt-4o-2024-08-06",
        prompt_tokens: 21,
        completion_tokens: 3,
        bytes_out: Buffer.byteLength(body),
        bytes_in: Buffer.byteLength(CHAT_RESPONSE),
        provider: "openai",
      }),
    ]);
    expect(refusals(events)).toEqual([expect.objectContaining({ host: "blocked.example", port: 80, reason: "not on the egress allowlist" })]);
    expect(result.egress_refused).toEqual({ "blocked.example:80": 1 });
    const egress = readFileSync(join(dir, "egress.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(egress).toEqual([expect.objectContaining({ kind: "EgressRefusedEvent", host: "blocked.example", port: 80 })]);
  });

  test.skipIf(!curl)("https through a CONNECT tunnel is recorded as one call with byte counts and no content", async () => {
    const { agent: command, trust } = shell(`curl -sSk -X POST --data '{}' https://api.openai.com/v1/chat/completions`);
    const { events, stdout } = await runAgent(command, { trust });
    expect(stdout).toBe(CHAT_RESPONSE);
    const [call] = llmCalls(events);
    expect(call).toMatchObject({ host: "api.openai.com", port: 443, url: null, method: null, status: null, model: null, provider: "openai" });
    // TLS handshake and records: more than the bodies, both ways.
    expect(call.kind === "LlmCallEvent" && call.bytes_in).toBeGreaterThan(CHAT_RESPONSE.length);
    expect(call.kind === "LlmCallEvent" && call.bytes_out).toBeGreaterThan(2);
  });

  test.runIf(!curl)("curl is not installed: the curl tests are skipped", () => {
    console.warn("curl not found on PATH: skipping the capture tests that use curl (install curl to run them)");
  });
});

describe("Node fetch through undici's EnvHttpProxyAgent", () => {
  test("the provider call is recorded and the other host refused", async () => {
    const { result, events, stdout } = await runAgent(agent("capture-fetch-agent.mjs"));
    expect(stdout).toContain(`llm 200 ${CHAT_RESPONSE}`);
    expect(stdout).toMatch(/^blocked error /m);
    expect(llmCalls(events)).toEqual([expect.objectContaining({ host: "api.openai.com", status: 200, prompt_tokens: 21, completion_tokens: 3 })]);
    expect(result.egress_refused).toEqual({ "blocked.example:80": 1 });
    // The agent's own twin calls go straight to the twin (NO_PROXY), never through the proxy.
    expect(result.calls).toBe(0);
  });
});

describe("Python's urllib", () => {
  const python = has("python3");

  test.skipIf(!python)("honours http_proxy: the provider call is recorded, the other host refused", async () => {
    const { result, events, stdout } = await runAgent(`python3 ${JSON.stringify(join(AGENTS, "capture-urllib-agent.py"))}`);
    expect(stdout).toContain("llm 200");
    expect(stdout).toContain("blocked 403");
    expect(llmCalls(events)).toEqual([expect.objectContaining({ url: "http://api.openai.com/v1/chat/completions", model: "gpt-4o-2024-08-06", bytes_out: 19 })]);
    expect(result.egress_refused).toEqual({ "blocked.example:80": 1 });
  });
});

describe("what the agent is given", () => {
  test("with capture: both cases of the proxy variables, loopback NO_PROXY, NODE_USE_ENV_PROXY=1; meta.json says proxy on, TLS off", async () => {
    const { dir, stdout } = await runAgent(agent("capture-env-agent.mjs"));
    const { env } = JSON.parse(stdout);
    const proxy = readJson(dir, "meta.json").capture.proxy_url;
    expect(env).toEqual({
      HTTPS_PROXY: proxy,
      HTTP_PROXY: proxy,
      NODE_USE_ENV_PROXY: "1",
      NO_PROXY: "127.0.0.1,localhost,::1",
      http_proxy: proxy,
      https_proxy: proxy,
      no_proxy: "127.0.0.1,localhost,::1",
    });
    expect(readJson(dir, "meta.json").capture).toMatchObject({ proxy: true, tls: false, ca_sha256: null });
  });

  test("--no-capture: no proxy variables, no proxy events, no egress.jsonl, and meta.json says so", async () => {
    const { dir, events, stdout, result } = await runAgent(agent("capture-env-agent.mjs"), { capture: false });
    expect(JSON.parse(stdout).env).toEqual({});
    expect(llmCalls(events)).toEqual([]);
    expect(existsSync(join(dir, "egress.jsonl"))).toBe(false);
    expect(result.egress_refused).toEqual({});
    expect(readJson(dir, "meta.json").capture).toMatchObject({ proxy: false, tls: false, proxy_url: null });
  });

  test("POME_EGRESS_ALLOW lets a host through", async () => {
    const { agent: command, trust } = shell(`curl -sS -o /dev/null -w '%{http_code}' http://api.example-allowed.dev/v1/chat/completions -d '{}'`);
    const { events, stdout, result } = await runAgent(command, { trust, env: { POME_EGRESS_ALLOW: "*.example-allowed.dev" } });
    expect(stdout).toBe("200");
    expect(llmCalls(events)).toEqual([expect.objectContaining({ host: "api.example-allowed.dev", status: 200, provider: null })]);
    expect(result.egress_refused).toEqual({});
  });
});
