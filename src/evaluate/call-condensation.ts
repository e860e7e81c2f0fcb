/**
 * The agent's twin calls, condensed for an LLM (spec/evaluate.md): the first and the last
 * call, every call that changed state and every call that failed are always kept; other
 * reads fill the remaining budget from the end backwards (the decisive step of a long run
 * is usually late), and each gap says how many calls it hides. Long bodies are elided with
 * a marker.
 */
import type { TwinCall } from "../trace/index.js";
import { clipJson } from "./json-clip.js";

export type RecordedCall = TwinCall & { event_id: string };

export interface CondenseOptions {
  /** Calls shown at most, unless more of them must be kept. */
  maxCalls: number;
  /** JSON characters of one call's arguments. */
  argsChars: number;
  /** JSON characters of one response body. */
  bodyChars: number;
}

export const DEFAULT_CONDENSE: CondenseOptions = { maxCalls: 60, argsChars: 1500, bodyChars: 800 };
const TIGHT: CondenseOptions = { maxCalls: 30, argsChars: 400, bodyChars: 200 };

/**
 * The condensed calls within about `budget` characters: the default limits, then tighter
 * ones, then (hundreds of writes) the head and the tail with a marker where the middle was.
 */
export function condenseCallsWithin(calls: readonly RecordedCall[], budget: number): string[] {
  const size = (lines: string[]) => lines.reduce((n, l) => n + l.length + 1, 0);
  for (const opts of [DEFAULT_CONDENSE, TIGHT]) {
    const lines = condenseCalls(calls, opts);
    if (size(lines) <= budget) return lines;
  }
  const lines = condenseCalls(calls, TIGHT);
  const head: string[] = [];
  const tail: string[] = [];
  let used = 0;
  for (let i = 0, j = lines.length - 1; i <= j; ) {
    // Alternate ends, the tail first: the end of a long run is usually where it went wrong.
    const takeTail = tail.length <= head.length;
    const line = takeTail ? lines[j] : lines[i];
    if (used + line.length + 1 > budget) break;
    used += line.length + 1;
    if (takeTail) (tail.unshift(line), j--);
    else (head.push(line), i++);
  }
  const dropped = lines.length - head.length - tail.length;
  return dropped > 0 ? [...head, `… ${dropped} more lines omitted to fit the judge's input …`, ...tail] : [...head, ...tail];
}

/** Calls that must be shown whatever the budget. */
function mustKeep(call: RecordedCall, index: number, total: number): boolean {
  return index === 0 || index === total - 1 || call.state_mutation || call.status >= 400 || call.error !== null;
}

/** One line per kept call (JSON), and one marker line per gap. */
export function condenseCalls(calls: readonly RecordedCall[], opts: CondenseOptions = DEFAULT_CONDENSE): string[] {
  const kept = new Set<number>();
  calls.forEach((call, i) => {
    if (mustKeep(call, i, calls.length)) kept.add(i);
  });
  for (let i = calls.length - 1; i >= 0 && kept.size < opts.maxCalls; i--) kept.add(i);

  const lines: string[] = [];
  let gap: RecordedCall[] = [];
  const flush = () => {
    if (gap.length === 0) return;
    const span = gap.length === 1 ? gap[0].event_id : `${gap[0].event_id} … ${gap[gap.length - 1].event_id}`;
    lines.push(`… ${gap.length} read-only call${gap.length === 1 ? "" : "s"} omitted (${span}) …`);
    gap = [];
  };
  calls.forEach((call, i) => {
    if (!kept.has(i)) return void gap.push(call);
    flush();
    lines.push(renderCall(call, opts));
  });
  flush();
  return lines;
}

function renderCall(call: RecordedCall, opts: CondenseOptions): string {
  const query = Object.keys(call.query).length > 0 ? `?${new URLSearchParams(flatQuery(call.query)).toString()}` : "";
  const fields = [
    `"event_id":${JSON.stringify(call.event_id)}`,
    `"operation":${JSON.stringify(`${call.twin}.${call.operation ?? "(unknown route)"}`)}`,
    `"via":${JSON.stringify(`${call.transport} ${call.method} ${call.path}${query}`)}`,
    `"args":${clipJson(call.args ?? null, opts.argsChars)}`,
    `"status":${call.status}`,
    `"changed_state":${call.state_mutation}`,
  ];
  if (call.error) fields.push(`"error":${JSON.stringify(call.error)}`);
  if (call.fidelity === "unsupported") fields.push(`"fidelity":"unsupported"`);
  fields.push(`"response":${clipJson(call.response_body ?? null, opts.bodyChars)}`);
  return `{${fields.join(",")}}`;
}

function flatQuery(query: Record<string, string | string[]>): [string, string][] {
  return Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x): [string, string] => [k, x]) : [[k, v] as [string, string]]));
}
