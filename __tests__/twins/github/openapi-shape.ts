/**
 * Checks a twin response against GitHub's published OpenAPI description (api.github.com,
 * from `@octokit/openapi`): required properties present, JSON types and enum values right,
 * recursively. Returns the problems as `path: message` lines so a failure says what is off.
 */
import { createRequire } from "node:module";

type Schema = Record<string, any>;
const require = createRequire(import.meta.url);
let spec: Schema | undefined;

function load(): Schema {
  spec ??= require("@octokit/openapi/generated/api.github.com.json") as Schema;
  return spec;
}

function resolve(node: Schema): Schema {
  let current = node;
  while (current && typeof current.$ref === "string") {
    const parts = current.$ref.replace(/^#\//, "").split("/");
    current = parts.reduce((acc: any, key: string) => acc?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], load());
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

function check(schemaNode: Schema, value: unknown, path: string, out: string[]): void {
  const schema = resolve(schemaNode);
  if (!schema || Object.keys(schema).length === 0) return;
  if (value === null && (schema.nullable || (Array.isArray(schema.type) && schema.type.includes("null")))) return;
  if (schema.allOf) for (const part of schema.allOf) check(part, value, path, out);
  for (const key of ["anyOf", "oneOf"] as const) {
    if (!schema[key]) continue;
    const branches = (schema[key] as Schema[]).map((branch) => {
      const problems: string[] = [];
      check(branch, value, path, problems);
      return problems;
    });
    if (!branches.some((p) => p.length === 0)) out.push(`${path}: matches no ${key} branch (${branches.map((p) => p[0]).join(" | ")})`);
  }
  const types: string[] = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const actual = typeOf(value);
  if (types.length > 0 && !types.some((t) => typeMatches(t, actual))) {
    out.push(`${path}: expected ${types.join("|")}${schema.nullable ? "|null" : ""}, got ${actual}`);
    return;
  }
  if (schema.enum && value !== null && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (actual === "object") {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) if (!(name in record)) out.push(`${path}.${name}: required property missing`);
    for (const [name, sub] of Object.entries<Schema>(schema.properties ?? {})) {
      if (name in record && record[name] !== undefined) check(sub, record[name], `${path}.${name}`, out);
    }
  }
  if (actual === "array" && schema.items) (value as unknown[]).forEach((item, i) => check(schema.items, item, `${path}[${i}]`, out));
}

/** The response schema GitHub documents for `METHOD path` answering `status`. */
export function responseSchema(method: string, path: string, status: number): Schema {
  const operation = load().paths[path]?.[method.toLowerCase()];
  if (!operation) throw new Error(`GitHub's OpenAPI description has no ${method} ${path}`);
  const response = resolve(operation.responses[String(status)] ?? {});
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`GitHub documents no JSON body for ${method} ${path} → ${status}`);
  return schema;
}

/** Problems of `body` against GitHub's documented response for `METHOD path` → `status` (empty when it conforms). */
export function shapeProblems(method: string, path: string, status: number, body: unknown): string[] {
  const out: string[] = [];
  check(responseSchema(method, path, status), body, "$", out);
  return out;
}
