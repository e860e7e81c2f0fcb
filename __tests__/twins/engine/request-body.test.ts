import { describe, expect, test } from "vitest";
import { MAX_NESTING, readBodyByContentType as parseBody } from "../../../src/twins/engine/request-body.js";

const body = (text: string) => Buffer.from(text, "utf8");

describe("request bodies", () => {
  test("JSON by content type", () => {
    expect(parseBody("application/json; charset=utf-8", body('{"title":"x"}'))).toEqual({ kind: "fields", value: { title: "x" } });
    expect(parseBody("application/vnd.api+json", body("[1]"))).toEqual({ kind: "fields", value: [1] });
  });

  test("malformed JSON is reported with the parser's detail", () => {
    const parsed = parseBody("application/json", body('{"title":'));
    expect(parsed.kind).toBe("malformed");
  });

  test("form bodies use bracket notation", () => {
    expect(parseBody("application/x-www-form-urlencoded", body("amount=500&expand[]=customer"))).toEqual({
      kind: "fields",
      value: { amount: "500", expand: ["customer"] },
    });
  });

  test("JSON sent with a form content type (curl -d) is read as JSON", () => {
    expect(parseBody("application/x-www-form-urlencoded", body('{"title":"x"}'))).toEqual({ kind: "fields", value: { title: "x" } });
  });

  test("JSON without a content type is sniffed; other text is left alone", () => {
    expect(parseBody(undefined, body(' {"a":1}'))).toEqual({ kind: "fields", value: { a: 1 } });
    expect(parseBody(undefined, body("hello"))).toEqual({ kind: "none" });
  });

  test("JSON scalars sent as text/plain (fetch's default for a string body) are read as JSON", () => {
    expect(parseBody("text/plain;charset=UTF-8", body("123"))).toEqual({ kind: "fields", value: 123 });
    expect(parseBody(undefined, body('"{\\"a\\":1}"'))).toEqual({ kind: "fields", value: '{"a":1}' });
  });

  test("a double-encoded object sent as a form is read as the JSON string it is", () => {
    expect(parseBody("application/x-www-form-urlencoded", body(JSON.stringify(JSON.stringify({ a: 1 }))))).toEqual({ kind: "fields", value: '{"a":1}' });
  });

  test("JSON nested deeper than MAX_NESTING is malformed", () => {
    expect(parseBody("application/json", body(`${"[".repeat(MAX_NESTING)}${"]".repeat(MAX_NESTING)}`)).kind).toBe("fields");
    expect(parseBody("application/json", body(`${"[".repeat(MAX_NESTING + 1)}${"]".repeat(MAX_NESTING + 1)}`))).toEqual({
      kind: "malformed",
      detail: `the JSON nests deeper than ${MAX_NESTING} levels`,
    });
    expect(parseBody("application/json", body(`${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`)).kind).toBe("malformed");
  });

  test("form keys nested deeper than MAX_NESTING stay one literal name", () => {
    const key = `a${"[b]".repeat(20_000)}`;
    expect(parseBody("application/x-www-form-urlencoded", body(`${key}=1`))).toEqual({ kind: "fields", value: { [key]: "1" } });
  });

  test("binary types are not parsed (handlers get ctx.rawBody)", () => {
    expect(parseBody("application/octet-stream", body('{"a":1}'))).toEqual({ kind: "none" });
  });

  test("an empty body has no fields", () => {
    expect(parseBody("application/json", Buffer.alloc(0))).toEqual({ kind: "none" });
  });

  test("multipart fields and files", () => {
    const raw = [
      "--XyZ",
      'Content-Disposition: form-data; name="channels"',
      "",
      "C123",
      "--XyZ",
      'Content-Disposition: form-data; name="meta[title]"',
      "",
      "Report",
      "--XyZ",
      'Content-Disposition: form-data; name="file"; filename="a.txt"',
      "Content-Type: text/plain",
      "",
      "line 1\r\nline 2",
      "--XyZ--",
      "",
    ].join("\r\n");
    expect(parseBody('multipart/form-data; boundary="XyZ"', body(raw))).toEqual({
      kind: "fields",
      value: { channels: "C123", meta: { title: "Report" }, file: { filename: "a.txt", content_type: "text/plain", content: "line 1\r\nline 2" } },
    });
  });

  test("multipart without its boundary is malformed", () => {
    expect(parseBody("multipart/form-data; boundary=abc", body("no parts here")).kind).toBe("malformed");
    expect(parseBody("multipart/form-data", body("--abc\r\n")).kind).toBe("malformed");
  });
});
