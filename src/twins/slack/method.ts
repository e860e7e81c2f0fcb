/**
 * A Slack Web API method as an operation of the table. The operation name is the method
 * name with its dots turned into underscores (`chat.postMessage` → `chat_postMessage`):
 * that name is also the MCP tool name, and LLM tool-calling APIs refuse dots in function
 * names. It is what the trace records and what "`chat_postMessage` was called" names.
 * Every method is `POST /<method>` (WebClient always posts); read methods answer GET too.
 */
import type { z } from "zod";
import type { Operation, Pagination, Tier } from "../engine/operation.js";
import type { SlackContext, SlackState } from "./state.js";

export interface SlackMethod<I> {
  /** Slack's method name, e.g. `conversations.history`. */
  method: string;
  description: string;
  tier: Tier;
  /** A read method: answers GET as well as POST, and never changes state. */
  read?: boolean;
  input: z.ZodType<I>;
  paginate?: Pagination;
  handle(ctx: SlackContext, input: I): unknown;
}

export const operationName = (method: string) => method.replace(/\./g, "_");

/** Slack warns about a JSON body sent without a charset (`missing_charset`). */
function charsetWarning(ctx: SlackContext): string | null {
  if (ctx.transport !== "rest") return null;
  const type = (ctx.headers["content-type"] ?? "").toLowerCase();
  return type.startsWith("application/json") && !type.includes("charset") ? "missing_charset" : null;
}

export function slackMethod<I>(spec: SlackMethod<I>): Operation<SlackState, I> {
  return {
    name: operationName(spec.method),
    description: `${spec.method}: ${spec.description}`,
    rest: spec.read ? [{ method: "POST", path: `/${spec.method}` }, { method: "GET", path: `/${spec.method}` }] : [{ method: "POST", path: `/${spec.method}` }],
    tier: spec.tier,
    mutates: !spec.read,
    input: spec.input,
    paginate: spec.paginate,
    handle(ctx, input) {
      const result = spec.handle(ctx, input);
      const warning = charsetWarning(ctx);
      if (!warning || typeof result !== "object" || result === null) return result;
      const existing = (result as { warning?: unknown }).warning;
      return { ...result, warning: typeof existing === "string" && existing !== "" ? `${existing},${warning}` : warning };
    },
  };
}
