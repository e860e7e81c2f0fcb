import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { createRedactor, isSensitiveKey } from "../../../src/trace/index.js";

const tag = (secret: string) => `[REDACTED:${createHash("sha256").update(secret).digest("hex").slice(0, 8)}]`;

describe("pattern-based redaction", () => {
  const r = createRedactor();
  const cases: Array<[string, string]> = [
    ["OpenAI project key", "sk-proj-Ab3dEf5hIj7lMn9pQr2tUv4xYz"],
    ["Anthropic key", "sk-ant-api03-AbCdEf0123456789xyz_-QrSt"],
    ["scenario secret from a Slack channel", "sk-prod-7f3a9b2c4d5e6f81"],
    ["Stripe secret key", "sk_test_51HxYzAbCdEf0123456789"],
    ["Stripe live restricted key", "rk_live_0123456789abcdef"],
    ["Stripe webhook secret", "whsec_0123456789abcdefABCDEF"],
    ["GitHub classic token", "ghp_0123456789abcdefghijABCDEFGHIJ012345"],
    ["GitHub app token", "ghs_0123456789abcdefghijABCDEFGHIJ012345"],
    ["GitHub OAuth token", "gho_0123456789abcdefghijABCDEFGHIJ012345"],
    ["GitHub fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"],
    ["Slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKl"],
    ["Slack app token", "xapp-1-A0123456789-0123456789"],
    ["Google API key", "AIzaSyA0123456789abcdefghijklmnopqrstu"],
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJydW5fMDEifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ"],
  ];
  for (const [name, secret] of cases) {
    test(`hides a ${name} and keeps the surrounding text`, () => {
      expect(r.text(`key is ${secret}, done`)).toBe(`key is ${tag(secret)}, done`);
    });
  }

  test("hides a whole PEM private key block", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0123\nabcdEFGH==\n-----END RSA PRIVATE KEY-----";
    expect(r.text(`key:\n${pem}\nafter`)).toBe(`key:\n${tag(pem)}\nafter`);
  });

  test("hides a truncated PEM block from its header on", () => {
    const out = r.text("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC");
    expect(out).toMatch(/^\[REDACTED:[0-9a-f]{8}\]$/);
  });

  test("hides credentials written as key=value in free text", () => {
    expect(r.text("GET /cb?access_token=abc123def456&state=ok")).toBe(`GET /cb?access_token=${tag("abc123def456")}&state=ok`);
    expect(r.text('{"password": "hunter22"}')).toBe(`{"password": "${tag("hunter22")}"}`);
  });

  test("hides a Bearer credential in a logged curl command", () => {
    expect(r.text("curl -H 'Authorization: Bearer opaque0123456789token'")).toBe(
      `curl -H 'Authorization: Bearer ${tag("opaque0123456789token")}'`,
    );
  });
});

describe("equality-preserving placeholders", () => {
  test("the same secret gives the same placeholder wherever it appears", () => {
    const r = createRedactor();
    const secret = "sk-prod-7f3a9b2c4d5e6f81";
    const out = r.value({ private: `the key is ${secret}`, public: `leaked: ${secret}` });
    expect(out.private.endsWith(tag(secret))).toBe(true);
    expect(out.public.endsWith(tag(secret))).toBe(true);
  });

  test("different secrets give different placeholders", () => {
    const r = createRedactor();
    expect(r.text("sk-prod-7f3a9b2c4d5e6f81")).not.toBe(r.text("sk-prod-7f3a9b2c4d5e6f82"));
  });

  test("a token in an Authorization header matches the same token leaked in text", () => {
    const r = createRedactor({ secrets: ["opaque-session-token-42"] });
    const headers = r.value({ authorization: "Bearer opaque-session-token-42" });
    expect(headers.authorization).toBe(`Bearer ${tag("opaque-session-token-42")}`);
    expect(r.text("echo opaque-session-token-42")).toBe(`echo ${tag("opaque-session-token-42")}`);
  });

  test("redacting twice changes nothing", () => {
    const r = createRedactor({ secrets: ["known-secret-value-1"] });
    const once = r.value({ token: "whatever123", note: "known-secret-value-1 and ghp_0123456789abcdefghijABCDEFGHIJ012345" });
    expect(r.value(once)).toEqual(once);
  });
});

describe("known secrets", () => {
  test("hides an exact known secret that matches no pattern", () => {
    const r = createRedactor({ secrets: ["plain-looking-session-value"] });
    expect(r.text("value=plain-looking-session-value;")).toBe(`value=${tag("plain-looking-session-value")};`);
  });

  test("replaces the longer of two overlapping secrets whole", () => {
    const r = createRedactor({ secrets: ["abcdefgh", "abcdefgh-ijklmnop"] });
    expect(r.text("abcdefgh-ijklmnop")).toBe(tag("abcdefgh-ijklmnop"));
  });

  test("hides a known secret cut short at either end, as the whole secret's placeholder", () => {
    const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzaWQiOiJhYmMifQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU";
    const r = createRedactor({ secrets: [jwt] });
    expect(r.text(`pome-agent "${jwt.slice(0, 57)}..."`)).toBe(`pome-agent "${tag(jwt)}..."`);
    expect(r.text(`…${jwt.slice(-20)} was posted`)).toBe(`…${tag(jwt)} was posted`);
    expect(r.text(`${jwt.slice(0, 30)} and ${jwt.slice(0, 40)}`)).toBe(`${tag(jwt)} and ${tag(jwt)}`);
  });

  test("another token that merely shares the secret's start is hidden as itself", () => {
    const known = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzaWQiOiJhYmMifQ.c2lnbmF0dXJlLXZhbHVlLWhlcmU";
    const other = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzaWQiOiJ4eXoifQ.b3RoZXItc2lnbmF0dXJl";
    const r = createRedactor({ secrets: [known] });
    expect(r.text(`token ${other} here`)).toBe(`token ${tag(other)} here`);
  });

  test("a piece shorter than 12 characters, or of a short secret, is left alone", () => {
    const r = createRedactor({ secrets: ["opaque-session-value-0001", "shortish-val"] });
    expect(r.text("opaque-sess and shortish-v")).toBe("opaque-sess and shortish-v");
  });

  test("ignores known secrets too short to hide safely", () => {
    const r = createRedactor({ secrets: ["the", ""] });
    expect(r.text("the theory of the case")).toBe("the theory of the case");
  });
});

describe("key-based redaction", () => {
  const r = createRedactor();

  test("hides the value of credential fields whatever it looks like", () => {
    const out = r.value({
      headers: { Authorization: "token plain", "x-api-key": "k", cookie: "session=abc; theme=dark", "Set-Cookie": ["a=b"] },
      body: { password: "correct horse", client_secret: "pi_123_secret_456", api_key: 12345, apiKey: "camel" },
    });
    expect(out.headers.Authorization).toBe(`token ${tag("plain")}`);
    expect(out.headers["x-api-key"]).toBe(tag("k"));
    expect(out.headers.cookie).toBe(tag("session=abc; theme=dark"));
    expect(out.headers["Set-Cookie"]).toEqual([tag("a=b")]);
    expect(out.body.password).toBe(tag("correct horse"));
    expect(out.body.client_secret).toBe(tag("pi_123_secret_456"));
    expect(out.body.api_key).toBe(tag("12345"));
    expect(out.body.apiKey).toBe(tag("camel"));
  });

  test("treats suffixed names as credentials", () => {
    expect(isSensitiveKey("GITHUB_TOKEN")).toBe(true);
    expect(isSensitiveKey("OPENAI_API_KEY")).toBe(true);
    expect(isSensitiveKey("webhook_secret")).toBe(true);
    expect(isSensitiveKey("accessToken")).toBe(true);
  });

  test("leaves counters and flags that merely mention tokens alone", () => {
    for (const key of ["prompt_tokens", "completion_tokens", "max_tokens", "judge_tokens_in", "token_type", "secret_count", "tokens"]) {
      expect(isSensitiveKey(key), key).toBe(false);
    }
  });

  test("keeps null and boolean credential fields as they are", () => {
    expect(r.value({ token: null, secret: false })).toEqual({ token: null, secret: false });
  });

  test("does not change the input object", () => {
    const input = { token: "abc", nested: { note: "ghp_0123456789abcdefghijABCDEFGHIJ012345" } };
    const copy = structuredClone(input);
    r.value(input);
    expect(input).toEqual(copy);
  });
});

describe("no false positives", () => {
  const r = createRedactor();
  const ordinary = [
    "The secret to good triage is reading the whole issue.",
    "token: required",
    "password: see the wiki",
    "Please rotate the token after use.",
    "skeleton task-list sk-learn ghost AKIA",
    "risk_test_case desk_live_demo",
    "ch_test_200 pi_3MtwBwLkdIwHu7ix28a3tqPa cus_NffrFeUfNV2Hib pk_test_TYooMQauvdEDq54NiTphI7jx",
    "U_DANA C_GENERAL T_ACME xoxo",
    "commit 3f786850e387550fdab836ed7e6dc881de23001b on main",
    "run_01J9Z3Q4K5M6N7P8R9S0T1V2W3",
    "Bearer of bad news arrived",
    "prompt_tokens: 1200, completion_tokens: 300",
    "eyJ alone is not a token",
    "Bearer authentication-required-for-this-endpoint",
    "Authorization: Basic authentication is disabled",
  ];
  for (const text of ordinary) {
    test(`keeps "${text}"`, () => {
      expect(r.text(text)).toBe(text);
    });
  }

  test("keeps ordinary JSON state untouched", () => {
    const state = { repositories: [{ full_name: "acme/api", issues: [{ number: 1, title: "500 error on POST /orders", labels: ["bug"] }] }] };
    expect(r.value(state)).toEqual(state);
  });
});
