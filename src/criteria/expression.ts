/**
 * `[D]` criteria written as `text => \`jsonata\``: the expression is compiled at load
 * and, at scoring time, evaluated over `{initial, final, calls, events}`.
 */
import jsonata from "jsonata";
import type { CheckInput, CheckOutcome, Predicate } from "./types.js";

export interface ExpressionCriterion {
  /** The human part before ` => `. */
  label: string;
  source: string;
}

/** Guards so a runaway expression fails its criterion instead of hanging the run. */
const LIMITS = { timeout: 5_000, stack: 500 };

/** Splits `label => \`expr\`` (the expression in one or more backticks, markdown inline code). */
export function splitExpression(text: string): ExpressionCriterion | null {
  const arrow = text.indexOf(" => ");
  if (arrow < 0) return null;
  const tail = text.slice(arrow + 4).trim();
  const ticks = /^`+/.exec(tail)?.[0];
  if (!ticks || !tail.endsWith(ticks) || tail.length <= ticks.length * 2) return null;
  const source = tail.slice(ticks.length, tail.length - ticks.length).trim();
  return source === "" ? null : { label: text.slice(0, arrow).trim(), source };
}

export class ExpressionSyntaxError extends Error {}

export function compileExpression(source: string): Predicate {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, LIMITS);
  } catch (error) {
    const e = error as Partial<jsonata.JsonataError>;
    const where = typeof e.position === "number" ? ` at character ${e.position}` : "";
    throw new ExpressionSyntaxError(`JSONata syntax error${where}: ${e.message ?? String(error)}`);
  }
  return async (input: CheckInput): Promise<CheckOutcome> => {
    let value: unknown;
    try {
      value = await expression.evaluate({ initial: input.initial, final: input.final, calls: input.calls, events: input.events });
    } catch (error) {
      const e = error as Partial<jsonata.JsonataError>;
      return { passed: false, reason: `\`${source}\` could not be evaluated: ${e.message ?? e.code ?? String(error)}` };
    }
    if (typeof value === "boolean") {
      return { passed: value, reason: `\`${source}\` is ${value}` };
    }
    return { passed: false, reason: `\`${source}\` must yield a boolean but yielded ${describeResult(value)}` };
  };
}

function describeResult(value: unknown): string {
  if (value === undefined) return "nothing (no data matched the path)";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length} (${clip(JSON.stringify(value))})`;
  if (typeof value === "object") return `an object (${clip(JSON.stringify(value))})`;
  if (typeof value === "function") return "a function";
  return `${typeof value} ${clip(JSON.stringify(value))}`;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
