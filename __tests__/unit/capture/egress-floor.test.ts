import { describe, expect, test } from "vitest";
import { EgressFloor, parseAuthority } from "../../../src/capture/index.js";

describe("egress floor", () => {
  const floor = EgressFloor.create();

  test("denies a host nobody allowed", () => {
    expect(floor.decide("example.com")).toEqual({ allowed: false, by: null, provider: null });
  });

  test.each(["localhost", "api.localhost", "127.0.0.1", "127.8.9.10", "::1", "0:0:0:0:0:0:0:1", "[::1]"])("allows loopback %s", (host) => {
    expect(floor.decide(host).allowed).toBe(true);
  });

  test("allows the LLM providers and names them", () => {
    expect(floor.decide("api.openai.com")).toEqual({ allowed: true, by: "provider", provider: "openai" });
    expect(floor.decide("API.Anthropic.com.")).toEqual({ allowed: true, by: "provider", provider: "anthropic" });
    expect(floor.decide("anthropic.com").provider).toBe("anthropic");
    expect(floor.decide("generativelanguage.googleapis.com").provider).toBe("google");
    expect(floor.decide("openrouter.ai").provider).toBe("openrouter");
  });

  test("does not allow a look-alike of a provider", () => {
    expect(floor.decide("api.openai.com.evil.example").allowed).toBe(false);
    expect(floor.decide("notanthropic.com").allowed).toBe(false);
  });

  test("allows the hosts of *_BASE_URL variables, attributed to their provider", () => {
    const f = EgressFloor.create({ agentEnv: { OPENAI_BASE_URL: "https://llm.corp.example/v1", DEEPSEEK_BASE_URL: "https://api.deepseek.com", PATH: "/bin" } });
    expect(f.decide("llm.corp.example")).toEqual({ allowed: true, by: "base-url", provider: "openai" });
    expect(f.decide("api.deepseek.com")).toEqual({ allowed: true, by: "base-url", provider: "deepseek" });
  });

  test("POME_EGRESS_ALLOW: exact hosts and *.suffix (apex included)", () => {
    const f = EgressFloor.create({ allow: "pypi.org, *.githubusercontent.com https://files.example.net/x" });
    expect(f.decide("pypi.org")).toEqual({ allowed: true, by: "allow-list", provider: null });
    expect(f.decide("raw.githubusercontent.com").allowed).toBe(true);
    expect(f.decide("githubusercontent.com").allowed).toBe(true);
    expect(f.decide("files.example.net").allowed).toBe(true);
    expect(f.decide("sub.pypi.org").allowed).toBe(false);
  });

  test("POME_EGRESS_ALLOW=* allows everything", () => {
    expect(EgressFloor.create({ allow: "*" }).decide("anything.example").allowed).toBe(true);
  });

  test("unreadable entries are reported, not fatal", () => {
    const f = EgressFloor.create({ allow: "good.example,bad/host!,", agentEnv: { OPENAI_BASE_URL: "not a url" } });
    expect(f.decide("good.example").allowed).toBe(true);
    expect(f.problems).toHaveLength(2);
    expect(f.problems.join("\n")).toMatch(/bad\/host!/);
    expect(f.problems.join("\n")).toMatch(/OPENAI_BASE_URL is not a URL/);
  });
});

describe("CONNECT targets", () => {
  test.each([
    ["api.openai.com:443", { host: "api.openai.com", port: 443 }],
    ["[::1]:8080", { host: "::1", port: 8080 }],
    ["127.0.0.1:1", { host: "127.0.0.1", port: 1 }],
  ])("%s is read", (target, expected) => {
    expect(parseAuthority(target)).toEqual(expected);
  });

  test.each(["api.openai.com", "api.openai.com:0", "api.openai.com:65536", "host:12a", ":443", "http://x:1", "a b:1", "::1:443", "[example.com]:443", "user@host:443"])(
    "%s is malformed",
    (target) => {
      expect(parseAuthority(target)).toBeNull();
    },
  );
});
