/**
 * The hosted Stripe MCP server's way into the whole API: `stripe_api_search` finds
 * operation ids for an intent, `stripe_api_details` tells an id's method, path,
 * parameters and which generic tool calls it (`stripe_api_read` or `stripe_api_write`).
 * Both answer from the operation table through OPENAPI_OPERATIONS, so what they offer is
 * exactly what the twin serves. MCP only: Stripe's REST API has no such routes.
 */
import { z } from "zod";
import { inputSchema } from "../../engine/compiled-twin.js";
import type { Operation } from "../../engine/operation.js";
import { invalidRequest } from "../errors.js";
import { stripeOperation } from "../lookup.js";
import type { StripeState } from "../state.js";
import { OPENAPI_OPERATIONS } from "./generic-tools.js";

const hostedArguments = { stripe_context: z.string().optional(), livemode: z.unknown().optional() };

interface Entry {
  stripe_api_operation_id: string;
  method: string;
  path: string;
  summary: string;
  tool: "stripe_api_read" | "stripe_api_write";
}

/** `PostCustomersCustomer` → its route as the OpenAPI description writes it: POST /v1/customers/{customer}. */
function entryOf(operationId: string, table: ReadonlyMap<string, Operation>): (Entry & { operation: Operation }) | null {
  const mapped = OPENAPI_OPERATIONS[operationId];
  const operation = mapped && table.get(mapped.operation);
  if (!mapped || !operation) return null;
  const route = operation.rest[0];
  const param = mapped.pathParam;
  const path = route ? (param && param !== "id" ? route.path.replace("{id}", `{${param}}`) : route.path) : "";
  return { stripe_api_operation_id: operationId, method: route?.method ?? "POST", path, summary: operation.description, tool: operation.mutates ? "stripe_api_write" : "stripe_api_read", operation };
}

const words = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1).map((w) => w.replace(/(ies|es|s)$/, ""));

export function apiDiscoveryOperations(table: () => readonly Operation<StripeState>[]) {
  const byName = () => new Map(table().map((op) => [op.name, op as Operation]));

  const search = stripeOperation({
    name: "stripe_api_search",
    description: "Find the Stripe API operations for what you want to do: `intent` (e.g. \"refund a charge\") and `resource` (e.g. \"refunds\"); answers operation ids to pass to stripe_api_details, then stripe_api_read or stripe_api_write.",
    rest: [],
    mcpOnly: true,
    tier: "shape",
    mutates: false,
    input: z.object({ intent: z.string().min(1), resource: z.string().min(1), limit: z.coerce.number().int().min(1).max(50).default(10), ...hostedArguments }),
    handle(_ctx, input) {
      const table = byName();
      const resource = words(input.resource);
      const intent = words(input.intent);
      const scored = Object.keys(OPENAPI_OPERATIONS)
        .map((id) => entryOf(id, table))
        .filter((entry): entry is NonNullable<typeof entry> => entry !== null)
        .map((entry) => {
          const haystack = new Set(words(`${entry.stripe_api_operation_id.replace(/([a-z])([A-Z])/g, "$1 $2")} ${entry.path} ${entry.summary}`));
          const score = resource.filter((w) => haystack.has(w)).length * 2 + intent.filter((w) => haystack.has(w)).length;
          return { entry, score };
        })
        .filter(({ score }) => score > 0)
        .sort((a, b) => b.score - a.score || a.entry.stripe_api_operation_id.localeCompare(b.entry.stripe_api_operation_id))
        .slice(0, input.limit);
      return { results: scored.map(({ entry: { operation: _op, ...entry } }) => entry) };
    },
  });

  const details = stripeOperation({
    name: "stripe_api_details",
    description: "The method, path and parameters of a Stripe API operation id (from stripe_api_search), and the tool that calls it.",
    rest: [],
    mcpOnly: true,
    tier: "shape",
    mutates: false,
    input: z.object({ stripe_api_operation_id: z.string().min(1), ...hostedArguments }),
    handle(_ctx, input) {
      const entry = entryOf(input.stripe_api_operation_id, byName());
      if (!entry) throw invalidRequest(`Unknown or unsupported Stripe API operation id: ${input.stripe_api_operation_id}.`, { code: "endpoint_not_supported", param: "stripe_api_operation_id" });
      const { operation, ...described } = entry;
      const parameters = inputSchema(operation) as { properties?: Record<string, unknown>; required?: string[] };
      const pathParam = OPENAPI_OPERATIONS[input.stripe_api_operation_id].pathParam;
      // The path parameter goes by its OpenAPI name (`customer`), as the generic tools take it.
      if (pathParam && pathParam !== "id" && parameters.properties?.id) {
        const { id, ...rest } = parameters.properties;
        parameters.properties = { [pathParam]: id, ...rest };
        parameters.required = parameters.required?.map((name) => (name === "id" ? pathParam : name));
      }
      return { ...described, parameters };
    },
  });

  return [search, details];
}
