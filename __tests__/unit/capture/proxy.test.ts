import { ProxyAgent, request } from "undici";
import { afterEach, describe, expect, test } from "vitest";
import {
  CHAT_RESPONSE,
  closedPort,
  echoServer,
  httpProvider,
  llmCalls,
  openConnect,
  rawExchange,
  refusals,
  silentServer,
  SSE_FIRST,
  SSE_REST,
  testProxy,
  until,
  viaProxy,
  type Listening,
  type TestProxy,
} from "./proxy-fixtures.js";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function keep<T extends Listening | TestProxy>(thing: T): T {
  cleanups.push(() => thing.close());
  return thing;
}

describe("plain http through the proxy", () => {
  test("an OpenAI-shaped call is forwarded and recorded with bytes, status, model and tokens", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({ "api.openai.com": provider.port }));
    const body = JSON.stringify({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] });
    const answer = await viaProxy(t.proxy.port, "http://api.openai.com/v1/chat/completions", { method: "POST", body });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(CHAT_RESPONSE);
    expect(provider.seen[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions", host: "api.openai.com", body });
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({
      kind: "LlmCallEvent",
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
    });
  });

  test("a streamed SSE response reaches the client as it is sent, and its tokens are parsed", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({ "api.anthropic.com": provider.port }));
    let first = "";
    const answer = await viaProxy(t.proxy.port, "http://api.anthropic.com/v1/messages", {
      method: "POST",
      body: JSON.stringify({ model: "claude-sonnet-4-5", stream: true }),
      // The provider sends the rest only once the first part arrived through the proxy.
      onFirstChunk: (chunk) => {
        first = chunk;
        provider.releaseStream();
      },
    });
    expect(first).toBe(SSE_FIRST);
    expect(answer.body).toBe(SSE_FIRST + SSE_REST);
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({ model: "claude-sonnet-4-5", prompt_tokens: 30, completion_tokens: 12, provider: "anthropic" });
  });

  test("a host off the allow-list gets 403 saying how to allow it, and a refusal event", async () => {
    const t = keep(await testProxy({}));
    const answer = await viaProxy(t.proxy.port, "http://example.com/x");
    expect(answer.status).toBe(403);
    expect(answer.body).toContain("POME_EGRESS_ALLOW=example.com");
    expect(t.events).toEqual([{ kind: "EgressRefusedEvent", host: "example.com", port: 80, reason: "not on the egress allowlist" }]);
    expect(t.proxy.refused()).toEqual({ "example.com:80": 1 });
  });

  test("an upstream that refuses connections gives 502, recorded", async () => {
    const t = keep(await testProxy({ "down.example": await closedPort() }));
    const answer = await viaProxy(t.proxy.port, "http://down.example/");
    expect(answer.status).toBe(502);
    expect(answer.body).toMatch(/ECONNREFUSED/);
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({ kind: "LlmCallEvent", host: "down.example", status: 502, provider: null });
  });

  test("an upstream that never answers gives 504 after the idle timeout, recorded", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({ "api.openai.com": provider.port }, { timeouts: { idleMs: 300 } }));
    const answer = await viaProxy(t.proxy.port, "http://api.openai.com/hang");
    expect(answer.status).toBe(504);
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({ url: "http://api.openai.com/hang", status: 504 });
  });

  test("a request sent to the proxy as if it were a server gets 400", async () => {
    const t = keep(await testProxy({}));
    const answer = await rawExchange(t.proxy.port, "GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(answer).toContain("absolute-form");
    expect(t.events).toEqual([]);
  });

  test("a recording sink that throws does not break the request", async () => {
    const provider = keep(await httpProvider());
    const t = keep(
      await testProxy(
        { "api.openai.com": provider.port },
        {
          record: () => {
            throw new Error("disk full");
          },
        },
      ),
    );
    const answer = await viaProxy(t.proxy.port, "http://api.openai.com/v1/chat/completions", { method: "POST", body: "{}" });
    expect(answer.status).toBe(200);
    await until(() => t.proxy.warnings().length > 0);
    expect(t.proxy.warnings()[0]).toMatch(/could not record an event: disk full/);
  });

  test("traffic to an unrecorded loopback port (the twins) is forwarded but not recorded", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({}, { unrecordedLoopbackPorts: [provider.port] }));
    const answer = await viaProxy(t.proxy.port, `http://127.0.0.1:${provider.port}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(answer.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.events).toEqual([]);
  });
});

describe("CONNECT tunnels", () => {
  test("an allowed tunnel pipes bytes both ways and records one event with the byte counts", async () => {
    const echo = keep(await echoServer());
    const t = keep(await testProxy({ "echo.example": echo.port }));
    const { status, socket } = await openConnect(t.proxy.port, "echo.example:443");
    expect(status).toBe(200);
    const received: Buffer[] = [];
    socket.on("data", (c) => received.push(c));
    socket.write("hello");
    await until(() => Buffer.concat(received).toString() === "hello");
    // Half-close: the client is done sending; the answer must still come back.
    socket.end();
    await new Promise((r) => socket.on("close", r));
    expect(Buffer.concat(received).toString()).toBe("hellobye 5");
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({
      kind: "LlmCallEvent",
      host: "echo.example",
      port: 443,
      url: null,
      method: null,
      status: null,
      model: null,
      bytes_out: 5,
      bytes_in: 10,
      provider: null,
    });
  });

  test("plain HTTP inside a tunnel (undici's ProxyAgent with an http:// URL) is read and recorded per request", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({ "api.openai.com": provider.port }));
    const dispatcher = new ProxyAgent({ uri: t.proxy.url });
    try {
      for (let i = 0; i < 2; i++) {
        const res = await request("http://api.openai.com/v1/chat/completions", { method: "POST", body: "{}", dispatcher });
        expect(await res.body.text()).toBe(CHAT_RESPONSE);
      }
    } finally {
      await dispatcher.close();
    }
    await until(() => t.events.length === 2);
    expect(t.events[1]).toMatchObject({ url: "http://api.openai.com/v1/chat/completions", port: 80, status: 200, prompt_tokens: 21, bytes_out: 2 });
  });

  test("a refused tunnel gets 403 with the allow hint, no upstream dial, and a refusal event", async () => {
    const t = keep(await testProxy({}));
    const { status, answer } = await openConnect(t.proxy.port, "evil.example:443");
    expect(status).toBe(403);
    expect(answer).toContain("POME_EGRESS_ALLOW=evil.example");
    expect(t.events).toEqual([{ kind: "EgressRefusedEvent", host: "evil.example", port: 443, reason: "not on the egress allowlist" }]);
    expect(t.proxy.refused()).toEqual({ "evil.example:443": 1 });
  });

  test("a vendor host pome emulates is refused with a pointer to the twin", async () => {
    const t = keep(await testProxy({}, { twins: ["github"] }));
    const { status, answer } = await openConnect(t.proxy.port, "api.github.com:443");
    expect(status).toBe(403);
    expect(answer).toContain("$POME_GITHUB_REST_URL");
    expect(answer).toContain("--capture-tls");
    expect(t.events[0]).toMatchObject({ kind: "EgressRefusedEvent", reason: "api.github.com is emulated by this run's github twin" });
  });

  test.each(["no-port", "host:99999", "[nonsense]:443", ""])("a malformed target %j gets 400 and is recorded", async (target) => {
    const t = keep(await testProxy({}));
    const answer = await rawExchange(t.proxy.port, `CONNECT ${target} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(refusals(t.events)).toHaveLength(1);
    expect(refusals(t.events)[0]).toMatchObject({ port: 0, reason: "malformed CONNECT target" });
    expect(Object.values(t.proxy.refused())).toEqual([1]);
  });

  test("an upstream refusing connections gives 502 and the tunnel is recorded", async () => {
    const t = keep(await testProxy({ "down.example": await closedPort() }));
    const { status, answer } = await openConnect(t.proxy.port, "down.example:443");
    expect(status).toBe(502);
    expect(answer).toContain("ECONNREFUSED");
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({ host: "down.example", status: 502, bytes_in: 0 });
  });

  test("a silent upstream is closed after the idle timeout and recorded", async () => {
    const silent = keep(await silentServer());
    const t = keep(await testProxy({ "silent.example": silent.port }, { timeouts: { idleMs: 200 } }));
    const { status, socket } = await openConnect(t.proxy.port, "silent.example:443");
    expect(status).toBe(200);
    await new Promise((r) => socket.on("end", r));
    socket.destroy();
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({ host: "silent.example", status: null, bytes_in: 0 });
  });

  test("stopping the proxy records the tunnels still open", async () => {
    const echo = keep(await echoServer());
    const t = await testProxy({ "echo.example": echo.port });
    const { socket } = await openConnect(t.proxy.port, "echo.example:443");
    socket.on("error", () => undefined);
    socket.write("abc");
    await new Promise((r) => setTimeout(r, 50));
    expect(t.events).toEqual([]);
    await t.proxy.close();
    expect(llmCalls(t.events)).toHaveLength(1);
    expect(t.events[0]).toMatchObject({ host: "echo.example", bytes_out: 3 });
  });
});

describe("clients that misbehave", () => {
  test("a client that never finishes its request headers gets 408, and the proxy keeps serving", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({ "api.openai.com": provider.port }, { timeouts: { headersMs: 300, requestMs: 300 } }));
    const answer = await rawExchange(t.proxy.port, "GET http://api.openai.com/ HTTP/1.1\r\nHost: api.op", { end: false });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    const next = await viaProxy(t.proxy.port, "http://api.openai.com/v1/chat/completions", { method: "POST", body: "{}" });
    expect(next.status).toBe(200);
  });

  test("a client that never finishes its request body gets 408; the abandoned call is recorded without a status", async () => {
    const provider = keep(await httpProvider());
    const t = keep(await testProxy({ "api.openai.com": provider.port }, { timeouts: { headersMs: 300, requestMs: 300 } }));
    const answer = await rawExchange(
      t.proxy.port,
      "POST http://api.openai.com/v1/chat/completions HTTP/1.1\r\nHost: api.openai.com\r\nContent-Length: 100\r\n\r\n{\"model\":",
      { end: false },
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await until(() => t.events.length === 1);
    expect(t.events[0]).toMatchObject({ kind: "LlmCallEvent", url: "http://api.openai.com/v1/chat/completions", status: null, bytes_out: 9 });
  });

  test("a client that closes mid-CONNECT leaves no event and no harm", async () => {
    const t = keep(await testProxy({}));
    const answer = await rawExchange(t.proxy.port, "CONNECT echo.exa");
    expect(answer).toMatch(/^HTTP\/1\.1 400|^$/);
    expect(t.events).toEqual([]);
    const refused = await openConnect(t.proxy.port, "evil.example:443");
    expect(refused.status).toBe(403);
  });

  test("garbage instead of HTTP gets 400", async () => {
    const t = keep(await testProxy({}));
    const answer = await rawExchange(t.proxy.port, "\x16\x03\x01\x00\xa5garbage\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
  });
});
