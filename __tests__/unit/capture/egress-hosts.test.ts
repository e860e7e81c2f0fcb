/**
 * One egress rule for both ways through the proxy: a host is read the way URL parsers read
 * it (IPv4 shorthand `127.1`, `2130706433`, `0x7f.1`, octal, IPv6 in any spelling, mapped
 * IPv4), then one decision applies to plain `http://` proxy requests and to CONNECT alike.
 * `localhost` and `*.localhost` are loopback by name and are dialled on loopback, never
 * looked up through a resolver.
 */
import dns from "node:dns";
import { afterEach, describe, expect, test, vi } from "vitest";
import { EgressFloor, normalizeHost, parseAuthority } from "../../../src/capture/index.js";
import { echoServer, httpProvider, openConnect, testProxy, until, viaProxy, type Listening, type TestProxy } from "./proxy-fixtures.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0).reverse()) await c();
});
function keep<T extends Listening | TestProxy>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

/** Spellings of 127.0.0.1 (served by the local test servers). */
const LOOPBACK_V4 = ["127.1", "2130706433", "0x7f.1", "0x7f000001", "0177.0.0.1", "127.0.0.1.", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"];
/** Spellings of hosts that are not loopback, with what they are. */
const ELSEWHERE: Array<[string, string]> = [
  ["0x0a.1", "10.0.0.1"],
  ["167772161", "10.0.0.1"],
  ["012.0.0.1", "10.0.0.1"],
  ["[::ffff:10.0.0.1]", "::ffff:a00:1"],
  ["0", "0.0.0.0"],
];

describe("host names are read once, the URL way", () => {
  test.each(LOOPBACK_V4)("%s is loopback", (host) => {
    expect(EgressFloor.create().decide(host)).toEqual({ allowed: true, by: "loopback", provider: null });
  });

  test.each(ELSEWHERE)("%s is %s, and refused", (host, canonical) => {
    expect(normalizeHost(host)).toBe(canonical);
    expect(EgressFloor.create().decide(host).allowed).toBe(false);
  });

  test("CONNECT targets are read the same way", () => {
    expect(parseAuthority("127.1:443")).toEqual({ host: "127.0.0.1", port: 443 });
    expect(parseAuthority("2130706433:80")).toEqual({ host: "127.0.0.1", port: 80 });
    expect(parseAuthority("0x7f.1:80")).toEqual({ host: "127.0.0.1", port: 80 });
    expect(parseAuthority("[::ffff:127.0.0.1]:80")).toEqual({ host: "::ffff:7f00:1", port: 80 });
    expect(parseAuthority("EVIL.localhost.:443")).toEqual({ host: "evil.localhost", port: 443 });
    expect(parseAuthority("1.2.3.4.5:80")).toBeNull();
  });

  test("an allow-list entry matches however the host is spelt", () => {
    const floor = EgressFloor.create({ allow: "10.0.0.1" });
    expect(floor.decide("0x0a.1")).toMatchObject({ allowed: true, by: "allow-list" });
    expect(floor.decide("167772161")).toMatchObject({ allowed: true, by: "allow-list" });
    expect(EgressFloor.create({ allow: "0x0a.1" }).patterns).toContain("10.0.0.1");
  });
});

describe("one decision for plain http and CONNECT", () => {
  test.each(LOOPBACK_V4)("%s: allowed both ways, and both reach loopback", async (host) => {
    const provider = keep(await httpProvider());
    const echo = keep(await echoServer());
    const t = keep(await testProxy({}));
    const plain = await viaProxy(t.proxy.port, `http://${host}:${provider.port}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(plain.status).toBe(200);
    const tunnel = await openConnect(t.proxy.port, `${host}:${echo.port}`);
    expect(tunnel.status).toBe(200);
    tunnel.socket.end("ping");
    await new Promise((r) => tunnel.socket.on("close", r));
    await until(() => t.events.length === 2);
    // Recorded under one name whichever way it came.
    expect(new Set(t.events.map((e) => e.host)).size).toBe(1);
    expect(t.events.every((e) => e.kind === "LlmCallEvent")).toBe(true);
  });

  test.each(ELSEWHERE)("%s: refused both ways, under its one name (%s)", async (host, canonical) => {
    const t = keep(await testProxy({}));
    const plain = await viaProxy(t.proxy.port, `http://${host}:81/`);
    expect(plain.status).toBe(403);
    const tunnel = await openConnect(t.proxy.port, `${host}:443`);
    expect(tunnel.status).toBe(403);
    expect(t.events).toEqual([
      { kind: "EgressRefusedEvent", host: canonical, port: 81, reason: "not on the egress allowlist" },
      { kind: "EgressRefusedEvent", host: canonical, port: 443, reason: "not on the egress allowlist" },
    ]);
  });

  test("the proxy is not reachable through itself by any spelling", async () => {
    const t = keep(await testProxy({}));
    for (const host of ["127.1", "2130706433", "[::ffff:127.0.0.1]", "localhost"]) {
      expect((await openConnect(t.proxy.port, `${host}:${t.proxy.port}`)).status, host).toBe(400);
      expect((await viaProxy(t.proxy.port, `http://${host}:${t.proxy.port}/`)).status, host).toBe(400);
    }
  });
});

describe("*.localhost never goes through a resolver", () => {
  test.each(["evil.localhost", "a.b.localhost", "localhost", "LOCALHOST."])("%s is dialled on loopback, both ways", async (host) => {
    const lookups: string[] = [];
    const real = dns.lookup;
    vi.spyOn(dns, "lookup").mockImplementation(((name: string, ...rest: unknown[]) => {
      lookups.push(name);
      return (real as (...args: unknown[]) => void)(name, ...rest);
    }) as typeof dns.lookup);
    const provider = keep(await httpProvider());
    const echo = keep(await echoServer());
    const t = keep(await testProxy({}));
    const plain = await viaProxy(t.proxy.port, `http://${host}:${provider.port}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(plain.status).toBe(200);
    expect(provider.seen).toHaveLength(1);
    const tunnel = await openConnect(t.proxy.port, `${host}:${echo.port}`);
    expect(tunnel.status).toBe(200);
    const received: Buffer[] = [];
    tunnel.socket.on("data", (c) => received.push(c));
    tunnel.socket.end("ping");
    await new Promise((r) => tunnel.socket.on("close", r));
    expect(Buffer.concat(received).toString()).toBe("pingbye 4");
    expect(lookups.filter((name) => /localhost\.?$/i.test(name))).toEqual([]);
  });
});
