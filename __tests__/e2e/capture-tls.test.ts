/**
 * `--capture-tls` with real clients: a per-run CA the agent is told to trust, LLM provider
 * HTTPS decrypted and recorded, and an unmodified Octokit agent (default
 * https://api.github.com) answered by the run's GitHub twin. Providers are local HTTPS
 * servers reached through the proxy's test resolver; nothing reaches the internet.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CertificateAuthority, type UpstreamOptions } from "../../src/capture/index.js";
import type { TraceEvent } from "../../src/trace/index.js";
import { CHAT_RESPONSE, httpsProvider, type Provider } from "../unit/capture/proxy-fixtures.js";
import { agent, AGENTS, CLEAN_ENV, onlyRun, readEvents, readJson, run, tempDir, TRIAGE } from "./fixtures.js";

const artifacts = tempDir();
let provider: Provider;
let upstream: UpstreamOptions;

beforeAll(async () => {
  const providerCa = await CertificateAuthority.create({ commonName: "test provider" });
  provider = await httpsProvider(providerCa);
  upstream = { resolve: (host) => (host === "api.openai.com" ? { host: "127.0.0.1", port: provider.port } : null), ca: providerCa.certPem };
});
afterAll(async () => {
  await provider?.close();
  artifacts.remove();
});

const llmCalls = (events: TraceEvent[]) => events.filter((e) => e.kind === "LlmCallEvent");

async function runTls(command: string) {
  const batch = await run({ path: TRIAGE, agent: command, artifactsDir: artifacts.path, judge: "off", captureTls: true, captureUpstream: upstream, env: CLEAN_ENV });
  const result = onlyRun(batch);
  const dir = result.run_dir!;
  return { result, dir, events: readEvents(dir), stdout: readFileSync(join(dir, "stdout.txt"), "utf8") };
}

describe("--capture-tls", () => {
  test("a client trusting only the run's CA reaches the provider; the call is decrypted and recorded; the CA is deleted after the run", async () => {
    const { dir, events, stdout } = await runTls(agent("capture-tls-agent.mjs"));
    expect(stdout).toContain(`llm 200 ${CHAT_RESPONSE}`);
    expect(llmCalls(events)).toEqual([
      expect.objectContaining({
        host: "api.openai.com",
        port: 443,
        url: "https://api.openai.com/v1/chat/completions",
        method: "POST",
        status: 200,
        model: "gpt-4o-2024-08-06",
        prompt_tokens: 21,
        completion_tokens: 3,
        bytes_in: Buffer.byteLength(CHAT_RESPONSE),
        provider: "openai",
      }),
    ]);
    const caFile = /^ca (.+)$/m.exec(stdout)![1];
    expect(existsSync(caFile)).toBe(false);
    const capture = readJson(dir, "meta.json").capture;
    expect(capture).toMatchObject({ proxy: true, tls: true, vendor_routes: { "api.github.com": "github" } });
    expect(capture.ca_sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  test("the agent is told to trust the CA through NODE_EXTRA_CA_CERTS, SSL_CERT_FILE and REQUESTS_CA_BUNDLE", async () => {
    const { stdout } = await runTls(agent("capture-env-agent.mjs"));
    const { env, caExists } = JSON.parse(stdout);
    expect(caExists).toBe(true);
    expect(env.NODE_EXTRA_CA_CERTS).toMatch(/pome-run-ca\.pem$/);
    expect(env.SSL_CERT_FILE).toMatch(/pome-run-ca-bundle\.pem$/);
    expect(env.REQUESTS_CA_BUNDLE).toBe(env.SSL_CERT_FILE);
    expect(existsSync(env.NODE_EXTRA_CA_CERTS)).toBe(false);
  });

  test("an unmodified Octokit agent with the default https://api.github.com reaches the run's twin", async () => {
    const { result, events } = await runTls(agent("octokit-default-url-agent.mjs"));
    const calls = events.filter((e) => e.kind === "TwinHttpEvent" && !e.preflight);
    expect(calls.map((e) => e.kind === "TwinHttpEvent" && [e.operation, e.status])).toEqual([
      ["add_issue_labels", 200],
      ["add_assignees", 201],
    ]);
    expect(llmCalls(events)).toEqual([]);
    expect(result.egress_refused).toEqual({});
    expect(result.exit_code).toBe(0);
    expect(result.score?.status).toBe("pass");
  });

  const pythonRequests = spawnSync("python3", ["-c", "import requests"], { stdio: "ignore" }).status === 0;
  test.skipIf(!pythonRequests)("Python requests trusts the bundle through REQUESTS_CA_BUNDLE and is recorded", async () => {
    const { events, stdout } = await runTls(`python3 ${JSON.stringify(join(AGENTS, "capture-requests-agent.py"))}`);
    expect(stdout).toContain("llm 200 21");
    expect(llmCalls(events)).toEqual([expect.objectContaining({ url: "https://api.openai.com/v1/chat/completions", prompt_tokens: 21 })]);
  });
});
