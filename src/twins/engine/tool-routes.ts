/**
 * MCP tools that are not operations of the table but lead to one: a vendor's older tool
 * names for the same operation, or a generic tool keyed by the vendor's own operation ids
 * (`stripe_api_write {stripe_api_operation_id, parameters}`). The call is validated,
 * handled and recorded as the operation it leads to, so REST, the named tool and the
 * generic tool are one operation in the trace and in every `[D]` check.
 */
import type { z } from "zod";
import { badRequest, type Operation, type Reply, TwinError } from "./operation.js";

/** The answers of the twin's `TwinErrors` a tool call may need (twin.ts imports this file, so not that type). */
interface ToolErrors {
  render(error: TwinError): Reply;
  unsupported(method: string, path: string): Reply;
  invalidInput(issues: z.core.$ZodIssue[]): Reply;
}

export interface ToolRoute<I = any> {
  /** The MCP tool name. */
  name: string;
  description: string;
  /** The tool's own arguments (advertised in tools/list). */
  input: z.ZodType<I>;
  /** False for a route that only ever leads to read operations (the tool's `readOnlyHint`). */
  mutates: boolean;
  /**
   * The operation this call is and its input (`raw` is the arguments as sent, before this
   * tool's schema parsed them); throw a TwinError for an id the twin does not know.
   */
  to(input: I, operations: ReadonlyMap<string, Operation>, raw: Record<string, unknown>): { operation: string; input: Record<string, unknown> };
}

/** Another name for an operation, with the same arguments (a vendor's older tool name). */
export function toolAlias(name: string, operation: Operation): ToolRoute {
  return { name, description: operation.description, input: operation.input, mutates: operation.mutates, to: (_input, _operations, raw) => ({ operation: operation.name, input: raw }) };
}

export interface ResolvedToolCall {
  operation: Operation | null;
  input: Record<string, unknown>;
  /** Answered without running anything: arguments the route cannot read, an operation it does not know. */
  preempt?: Reply;
}

/** What `tools/call name(args)` is: an operation of the table, or where a route leads. */
export function resolveToolCall(operations: ReadonlyMap<string, Operation>, routes: ReadonlyMap<string, ToolRoute>, errors: ToolErrors, name: string, args: Record<string, unknown>): ResolvedToolCall {
  const operation = operations.get(name);
  if (operation) return { operation, input: args };
  const route = routes.get(name);
  if (!route) return { operation: null, input: args, preempt: errors.unsupported("tools/call", name) };
  const parsed = route.input.safeParse(args);
  if (!parsed.success) return { operation: null, input: args, preempt: errors.invalidInput(parsed.error.issues) };
  try {
    const target = route.to(parsed.data, operations, args);
    const found = operations.get(target.operation);
    if (!found) throw badRequest(`${route.name} leads to ${target.operation}, which this twin does not serve`);
    return { operation: found, input: target.input };
  } catch (error) {
    if (error instanceof TwinError) return { operation: null, input: args, preempt: errors.render(error) };
    throw error;
  }
}
