import { ErrorCode, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer, webClient } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const post = (url: string, init: { headers?: Record<string, string>; body?: string } = {}) => fetch(url, { method: "POST", ...init }).then(async (res) => ({ status: res.status, headers: res.headers, body: (await res.json()) as any }));

describe("the Slack wire", () => {
  test("JSON with a Bearer header, a form with the token field, a GET with ?token=", async () => {
    const { session, snapshot } = openWorld();
    const rest = session.env.POME_SLACK_REST_URL;
    const token = session.env.POME_SLACK_TOKEN;
    const json = await post(`${rest}/chat.postMessage`, { headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ channel: "C_GENERAL", text: "json", blocks: [{ type: "divider" }] }) });
    expect(json).toMatchObject({ status: 200, body: { ok: true, message: { text: "json", blocks: [{ type: "divider" }] } } });
    expect(json.body.warning).toBeUndefined();
    const form = await post(`${rest}/chat.postMessage`, { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token, channel: "C_GENERAL", text: "form" }).toString() });
    expect(form.body).toMatchObject({ ok: true, message: { text: "form" } });
    const get = await fetch(`${rest}/conversations.info?channel=C_GENERAL&token=${token}`).then((r) => r.json());
    expect(get).toMatchObject({ ok: true, channel: { id: "C_GENERAL" } });
    expect(snapshot().channels[0].messages.slice(-2).map((m: any) => m.text)).toEqual(["json", "form"]);
  });

  test("JSON without a charset is answered with Slack's missing_charset warning", async () => {
    const { session } = openWorld();
    const res = await post(`${session.env.POME_SLACK_REST_URL}/auth.test`, { headers: { authorization: `Bearer ${session.env.POME_SLACK_TOKEN}`, "content-type": "application/json" }, body: "{}" });
    expect(res.body).toMatchObject({ ok: true, warning: "missing_charset", response_metadata: { warnings: ["missing_charset"] } });
  });

  test("no token is not_authed, a bad token invalid_auth, another session's token invalid_auth — all HTTP 200, as platform errors", async () => {
    const { session, calls } = openWorld();
    const rest = session.env.POME_SLACK_REST_URL;
    expect(await post(`${rest}/auth.test`)).toMatchObject({ status: 200, body: { ok: false, error: "not_authed" } });
    expect(await slackErrorOf(webClient(session.env, "xoxb-000-000-bogus").auth.test())).toBe("invalid_auth");
    const other = openWorld();
    expect(await slackErrorOf(webClient(session.env, other.session.env.POME_SLACK_USER_TOKEN).auth.test())).toBe("invalid_auth");
    expect(calls.at(-1)).toMatchObject({ operation: "auth_test", status: 200, error: { code: "invalid_auth" } });
  });

  test("a broken JSON body is invalid_json; a bad argument type is invalid_arguments with Slack's messages; never a 5xx", async () => {
    const { session } = openWorld();
    const rest = session.env.POME_SLACK_REST_URL;
    const headers = { authorization: `Bearer ${session.env.POME_SLACK_TOKEN}`, "content-type": "application/json; charset=utf-8" };
    expect(await post(`${rest}/chat.postMessage`, { headers, body: '{"channel":' })).toMatchObject({ status: 200, body: { ok: false, error: "invalid_json" } });
    const typed = await post(`${rest}/conversations.history`, { headers, body: JSON.stringify({ channel: "C_GENERAL", inclusive: { nested: true } }) });
    expect(typed).toMatchObject({ status: 200, body: { ok: false, error: "invalid_arguments", response_metadata: { messages: [expect.stringMatching(/^\[ERROR\] .* \[json-pointer:\/inclusive\]$/)] } } });
    expect(await post(`${rest}/chat.postMessage`, { headers, body: JSON.stringify({ text: "no channel" }) })).toMatchObject({ body: { ok: false, error: "channel_not_found" } });
  });

  test.each([
    ["a string", "application/json; charset=utf-8", '"str"'],
    ["null", "application/json; charset=utf-8", "null"],
    ["a number", "application/json; charset=utf-8", "123"],
    ["a boolean", "application/json; charset=utf-8", "true"],
    ["an array", "application/json; charset=utf-8", "[]"],
    ["an object JSON-encoded twice", "application/json; charset=utf-8", JSON.stringify(JSON.stringify({ channel: "C_GENERAL", text: "twice" }))],
    ["JSON sent by fetch as text/plain", "text/plain;charset=UTF-8", "123"],
    ["a double-encoded object sent as a form", "application/x-www-form-urlencoded", JSON.stringify(JSON.stringify({ channel: "C_GENERAL", text: "twice" }))],
  ])("a JSON body that is not an object (%s) is ok:false json_not_object and posts nothing", async (_name, type, body) => {
    const { session, snapshot } = openWorld();
    const before = snapshot().channels[0].messages.length;
    const res = await post(`${session.env.POME_SLACK_REST_URL}/chat.postMessage`, { headers: { authorization: `Bearer ${session.env.POME_SLACK_TOKEN}`, "content-type": type }, body });
    expect(res).toMatchObject({ status: 200, body: { ok: false, error: "json_not_object" } });
    expect(snapshot().channels[0].messages).toHaveLength(before);
  });

  test("an unknown method answers 501 unknown_method (WebClient: an HTTP error) and is recorded as unsupported", async () => {
    const { slack, calls } = openWorld();
    const error: any = await slack.apiCall("reminders.add", { text: "x", time: "in 5 minutes" }).catch((e) => e);
    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(501);
    expect(typeof error.body === "string" ? JSON.parse(error.body) : error.body).toMatchObject({ ok: false, error: "unknown_method", req_method: "reminders.add" });
    expect(calls.at(-1)).toMatchObject({ operation: null, fidelity: "unsupported", error: { code: "unknown_method" } });
  });

  test("a ratelimited fault answers 429 with Retry-After: WebClient raises WebAPIRateLimitedError, then the retry works", async () => {
    const { session, calls, snapshot } = openWorld(undefined, "test", [{ twin: "slack", operation: "chat_postMessage", attempts: [1], status: 429 }]);
    const client = webClient(session.env, session.env.POME_SLACK_TOKEN, { rejectRateLimitedCalls: true });
    const error: any = await client.chat.postMessage({ channel: "C_GENERAL", text: "hi" }).catch((e) => e);
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(1);
    expect(calls.at(-1)).toMatchObject({ status: 429, error: { code: "ratelimited" }, state_mutation: false });
    expect((await client.chat.postMessage({ channel: "C_GENERAL", text: "hi" })).ok).toBe(true);
    expect(snapshot().channels[0].messages.at(-1).text).toBe("hi");
  });

  test("a lost response: the message is posted, the client gets a 502", async () => {
    const { slack, snapshot, calls } = openWorld(undefined, "test", [{ twin: "slack", operation: "chat_postMessage", lose_response: true }]);
    const error: any = await slack.chat.postMessage({ channel: "C_GENERAL", text: "maybe" }).catch((e) => e);
    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(502);
    expect(snapshot().channels[0].messages.at(-1).text).toBe("maybe");
    expect(calls.at(-1)).toMatchObject({ status: 502, state_mutation: true });
  });

  test("WebClient built exactly as documented, from the env", async () => {
    const { session } = openWorld();
    const client = new WebClient(session.env.POME_SLACK_TOKEN, { slackApiUrl: `${session.env.POME_SLACK_REST_URL}/` });
    expect(await client.auth.test()).toMatchObject({ ok: true, user: "pome-agent", team_id: "T_POME" });
  });

  test("two sessions with the same seed key record the same ids and ts", async () => {
    const run = async () => {
      const { slack, snapshot } = openWorld(undefined, "same-key");
      await slack.conversations.create({ name: "incident" });
      await slack.chat.postMessage({ channel: "#incident", text: "hello" });
      return snapshot();
    };
    expect(await run()).toEqual(await run());
  });
});
