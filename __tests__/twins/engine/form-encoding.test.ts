import { describe, expect, test } from "vitest";
import { flatQuery, keyPath, parseUrlEncoded } from "../../../src/twins/engine/form-encoding.js";

describe("form and query encoding", () => {
  test("plain fields decode + and percent escapes", () => {
    expect(parseUrlEncoded("name=Jane+Doe&email=jane%40example.com")).toEqual({ name: "Jane Doe", email: "jane@example.com" });
  });

  test("bracketed keys nest (Stripe metadata)", () => {
    expect(parseUrlEncoded("metadata[plan]=pro&metadata[seats]=3")).toEqual({ metadata: { plan: "pro", seats: "3" } });
  });

  test("expand[] appends to a list", () => {
    expect(parseUrlEncoded("expand[]=customer&expand[]=latest_charge")).toEqual({ expand: ["customer", "latest_charge"] });
  });

  test("indexed objects become arrays in index order (items[0][price])", () => {
    expect(parseUrlEncoded("items[1][price]=p2&items[0][price]=p1&items[0][quantity]=2")).toEqual({
      items: [{ price: "p1", quantity: "2" }, { price: "p2" }],
    });
  });

  test("percent-encoded brackets are read as brackets", () => {
    expect(parseUrlEncoded("metadata%5Border%5D=42")).toEqual({ metadata: { order: "42" } });
  });

  test("a key given twice becomes an array", () => {
    expect(parseUrlEncoded("labels=bug&labels=ui&labels=docs")).toEqual({ labels: ["bug", "ui", "docs"] });
  });

  test("empty values are kept (Stripe unsets metadata with them)", () => {
    expect(parseUrlEncoded("metadata[plan]=&flag")).toEqual({ metadata: { plan: "" }, flag: "" });
  });

  test("keys that would reach Object.prototype are dropped", () => {
    const parsed = parseUrlEncoded("__proto__[polluted]=1&a[constructor][prototype][x]=1&ok=1");
    expect(parsed).toEqual({ ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("malformed escapes and keys are taken literally", () => {
    expect(parseUrlEncoded("a=%E0%A4%A&b]=1&[c]=2")).toEqual({ a: "%E0%A4%A", "b]": "1", "[c]": "2" });
  });

  test("keyPath splits bracket groups", () => {
    expect(keyPath("a[b][][0]")).toEqual(["a", "b", "", "0"]);
    expect(keyPath("a[b]c")).toEqual(["a[b]c"]);
  });

  test("the recorded query keeps raw names, repeated ones as arrays", () => {
    expect(flatQuery("state=open&labels=a&labels=b&expand[]=x&q=is%3Aopen+bug")).toEqual({
      state: "open",
      labels: ["a", "b"],
      "expand[]": "x",
      q: "is:open bug",
    });
  });
});
