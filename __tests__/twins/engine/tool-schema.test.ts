import { describe, expect, test } from "vitest";
import { z } from "zod";
import { inputSchema, toolFor } from "../../../src/twins/engine/compiled-twin.js";
import { defineOperation } from "../../../src/twins/index.js";

const op = (input: z.ZodType, mutates = false) =>
  defineOperation({ name: "t", description: "d", rest: [{ method: "GET", path: "/t" }], tier: "shape", mutates, input, handle: () => null });

describe("MCP tool schemas", () => {
  test("an object schema describes the input side (defaults optional, coercions as declared)", () => {
    const schema = inputSchema(op(z.object({ title: z.string(), state: z.enum(["open", "closed"]).default("open") })));
    expect(schema).toMatchObject({ type: "object", properties: { title: { type: "string" }, state: { enum: ["open", "closed"] } }, required: ["title"] });
  });

  test("a discriminated union stays a union under type object", () => {
    const schema = inputSchema(op(z.discriminatedUnion("method", [z.object({ method: z.literal("get"), id: z.number() }), z.object({ method: z.literal("list") })])));
    expect(schema.type).toBe("object");
    expect((schema as { oneOf?: unknown[]; anyOf?: unknown[] }).oneOf ?? (schema as { anyOf?: unknown[] }).anyOf).toHaveLength(2);
  });

  test("a schema JSON Schema cannot express still gives an object tool", () => {
    expect(inputSchema(op(z.string()))).toEqual({ type: "object", properties: {}, additionalProperties: true });
  });

  test("readOnlyHint is the opposite of mutates", () => {
    expect(toolFor(op(z.object({}), true)).annotations).toEqual({ readOnlyHint: false });
    expect(toolFor(op(z.object({}))).annotations).toEqual({ readOnlyHint: true });
  });
});
