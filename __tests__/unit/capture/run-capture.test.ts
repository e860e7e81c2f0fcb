import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { openRunCapture, type RunCaptureOptions } from "../../../src/capture/index.js";

const base: RunCaptureOptions = {
  proxy: true,
  tls: false,
  runId: "run_TEST",
  parentEnv: { POME_EGRESS_ALLOW: "pypi.org" },
  agentEnv: { OPENAI_BASE_URL: "https://llm.corp.example/v1" },
  twins: ["github"],
  twinUrls: { github: { rest: "http://127.0.0.1:1/s/x/github", mcp: "http://127.0.0.1:1/s/x/github/mcp" } },
  twinOrigin: "http://127.0.0.1:1",
  sink: { emit: () => undefined },
};

describe("the capture layers of a run", () => {
  test("--no-capture: no proxy, and meta.json says what was not seen", async () => {
    const capture = await openRunCapture({ ...base, proxy: false });
    expect(capture.proxyUrl).toBeNull();
    expect(capture.trust).toBeNull();
    expect(capture.layers).toMatchObject({ proxy: false, tls: false, proxy_url: null });
    expect(capture.layers.blind_spots[0]).toMatch(/neither recorded nor restricted/);
    expect(capture.warnings()).toEqual([]);
  });

  test("--no-capture with --capture-tls is a warning, not an error", async () => {
    const capture = await openRunCapture({ ...base, proxy: false, tls: true });
    expect(capture.warnings()).toEqual(["--capture-tls has no effect with --no-capture: no proxy ran"]);
  });

  test("proxy on: the allow-list includes providers, *_BASE_URL hosts and POME_EGRESS_ALLOW", async () => {
    const capture = await openRunCapture(base);
    try {
      expect(capture.proxyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(capture.layers).toMatchObject({ proxy: true, tls: false, ca_sha256: null, vendor_routes: {} });
      expect(capture.layers.egress_allow).toEqual(expect.arrayContaining(["api.openai.com", "llm.corp.example", "pypi.org"]));
    } finally {
      await capture.close();
    }
  });

  test("--capture-tls: CA files exist while the run lasts and are gone after close", async () => {
    const capture = await openRunCapture({ ...base, tls: true });
    const trust = capture.trust!;
    expect(existsSync(trust.caFile) && existsSync(trust.bundleFile)).toBe(true);
    expect(capture.layers.vendor_routes).toEqual({ "api.github.com": "github" });
    expect(capture.layers.ca_sha256).toMatch(/^[0-9A-F:]{95}$/);
    await capture.close();
    await capture.close();
    expect(existsSync(trust.caFile) || existsSync(trust.bundleFile)).toBe(false);
  });
});
