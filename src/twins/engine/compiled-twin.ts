/**
 * What the engine derives once per twin from its definition: the REST router, the
 * operations by name and the MCP tool list. Nothing here is rebuilt per request.
 */
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Operation } from "./operation.js";
import { compileRouter, type Router } from "./router.js";
import type { TwinDefinition } from "./twin.js";

export interface CompiledTwin {
  definition: TwinDefinition;
  router: Router;
  operations: ReadonlyMap<string, Operation>;
  tools: Tool[];
}

const ANY_OBJECT: Tool["inputSchema"] = { type: "object", properties: {}, additionalProperties: true };

/**
 * The tool's input as JSON Schema. MCP requires `type: "object"` at the top, so a union of
 * objects (a tool with a `method` discriminator) keeps its branches under that type.
 */
export function inputSchema(operation: Operation): Tool["inputSchema"] {
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(operation.input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return ANY_OBJECT;
  }
  if (schema.type === "object") return schema as Tool["inputSchema"];
  if (schema.anyOf || schema.oneOf || schema.allOf) return { ...schema, type: "object" } as Tool["inputSchema"];
  return ANY_OBJECT;
}

export function toolFor(operation: Operation): Tool {
  return {
    name: operation.name,
    description: operation.description,
    inputSchema: inputSchema(operation),
    annotations: { readOnlyHint: !operation.mutates },
  };
}

export function compileTwin(definition: TwinDefinition): CompiledTwin {
  const operations = new Map<string, Operation>();
  for (const operation of definition.operations) {
    if (operations.has(operation.name)) throw new Error(`twin ${definition.name}: operation ${operation.name} is declared twice`);
    operations.set(operation.name, operation);
  }
  return {
    definition,
    router: compileRouter(definition.operations),
    operations,
    tools: definition.operations.map(toolFor),
  };
}
