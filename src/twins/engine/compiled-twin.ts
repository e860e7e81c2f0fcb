/**
 * What the engine derives once per twin from its definition: the REST router, the
 * operations by name and the MCP tool list (built on first use). Nothing here is rebuilt
 * per request.
 */
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { Operation } from "./operation.js";
import { compileRouter, type Router } from "./router.js";
import type { ToolRoute } from "./tool-routes.js";
import type { TwinDefinition } from "./twin.js";

export interface CompiledTwin {
  definition: TwinDefinition;
  router: Router;
  operations: ReadonlyMap<string, Operation>;
  /** MCP tools that lead to an operation of the table (`TwinDefinition.toolRoutes`). */
  toolRoutes: ReadonlyMap<string, ToolRoute>;
  /** Built on first use (the first MCP tools/list), then kept. */
  readonly tools: Tool[];
}

const ANY_OBJECT: Tool["inputSchema"] = { type: "object", properties: {}, additionalProperties: true };

/**
 * The tool's input as JSON Schema. MCP requires `type: "object"` at the top, so a union of
 * objects (a tool with a `method` discriminator) keeps its branches under that type.
 */
export function inputSchema(operation: Pick<Operation, "input">): Tool["inputSchema"] {
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

/** The tool of an operation; a keyed one advertises the idempotency key argument too. */
export function toolFor(operation: Operation, keyArgument?: string): Tool {
  let schema = inputSchema(operation);
  if (operation.idempotencyKeyed && keyArgument !== undefined) {
    const key = { type: "string", description: "Idempotency key: a retry with the same key and arguments gets the first reply again instead of acting twice" };
    schema = { ...schema, properties: { ...schema.properties, [keyArgument]: key } };
  }
  return {
    name: operation.name,
    description: operation.description,
    inputSchema: schema,
    annotations: { readOnlyHint: !operation.mutates },
  };
}

export function compileTwin(definition: TwinDefinition): CompiledTwin {
  const operations = new Map<string, Operation>();
  for (const operation of definition.operations) {
    if (operations.has(operation.name)) throw new Error(`twin ${definition.name}: operation ${operation.name} is declared twice`);
    operations.set(operation.name, operation);
    // A twin that declares a habit must say how its vendor has it: caught when the server starts, not on a request.
    if (operation.paginate && !definition.pagination) throw new Error(`twin ${definition.name}: ${operation.name} paginates but the twin has no pagination strategy`);
    if (operation.idempotencyKeyed && !definition.idempotency) throw new Error(`twin ${definition.name}: ${operation.name} takes idempotency keys but the twin has no idempotency rules`);
  }
  const toolRoutes = new Map<string, ToolRoute>();
  for (const route of definition.toolRoutes ?? []) {
    if (operations.has(route.name) || toolRoutes.has(route.name)) throw new Error(`twin ${definition.name}: MCP tool ${route.name} is declared twice`);
    toolRoutes.set(route.name, route);
  }
  // The tool list is built on the first MCP tools/list, not when a server starts: turning
  // every input schema into JSON Schema was most of a world's boot, and most runs never list tools.
  let tools: Tool[] | undefined;
  const buildTools = (): Tool[] => [
    ...definition.operations.map((operation) => toolFor(operation, definition.idempotency?.argument)),
    ...[...toolRoutes.values()].map((route) => ({
      name: route.name,
      description: route.description,
      inputSchema: inputSchema(route),
      annotations: { readOnlyHint: !route.mutates },
    })),
  ];
  return {
    definition,
    router: compileRouter(definition.operations),
    operations,
    toolRoutes,
    get tools() {
      return (tools ??= buildTools());
    },
  };
}
