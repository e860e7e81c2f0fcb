/**
 * Scenario configuration from frontmatter and/or `## Config` (spec/scenario.md, "Config
 * keys"). Strict: an unknown key is an error naming the nearest known one, at its line.
 */
import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { formatPath, type DataBlock, type DataPath } from "./data-block.js";
import type { Problems } from "./problems.js";

/** A twin name of the catalog the scenario is parsed with (any name when it is empty). */
const twinNameOf = (names: readonly string[]) => (names.length > 0 ? z.enum(names as [string, ...string[]]) : z.string().min(1));

const faultSchemaFor = (twinName: z.ZodType<string>) => z.strictObject({
  /** Optional when a single twin is booted. */
  twin: twinName.optional(),
  operation: z.string().min(1),
  attempts: z.array(z.number().int().min(1)).min(1).optional(),
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  latency_ms: z.number().min(0).optional(),
  lose_response: z.boolean().optional(),
});

/** The config keys, with `twins` (and faults' `twin`) limited to the catalog's twin names. */
export const configSchemaFor = (twinNames: readonly string[]) => {
  const twinName = twinNameOf(twinNames);
  return z.strictObject({
    twins: z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(twinName).min(1)).optional(),
    timeout: z.number().positive().optional(),
    runs: z.number().int().min(1).optional(),
    passThreshold: z.number().min(0).max(100).optional(),
    judge: z.string().min(1).nullable().optional(),
    tags: z.array(z.string().min(1)).optional(),
    faults: z.array(faultSchemaFor(twinName)).optional(),
  });
};
const configSchema = configSchemaFor([]);
export type ConfigInput = z.infer<typeof configSchema>;
export type FaultInput = NonNullable<ConfigInput["faults"]>[number];

export const CONFIG_DEFAULTS = { timeout: 60, runs: 1, passThreshold: 100, judge: null, tags: [] as string[], faults: [] };

export interface ConfigSource {
  /** `frontmatter` or `## Config`, for messages. */
  name: string;
  block: DataBlock;
}

export interface ResolvedConfig {
  config: ConfigInput;
  /** File line of each key that was set. */
  keyLines: Partial<Record<keyof ConfigInput, number>>;
  /** Where a key was set, for lines of nested values (faults[2].operation). */
  lineOf(path: DataPath): number;
}

/** Merge the sources (the same key twice is an error) and validate the result. */
export function resolveConfig(sources: ConfigSource[], fallbackLine: number, problems: Problems, twinNames: readonly string[]): ResolvedConfig | null {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, { source: ConfigSource; line: number }>();
  let ok = true;
  for (const source of sources) {
    const value = source.block.value;
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value)) {
      problems.error(source.block.lineOf([]), `${source.name} must be a mapping of config keys, got ${describeValue(value)}`);
      ok = false;
      continue;
    }
    const lines = new Map(source.block.topKeys().map((k) => [k.key, k.line]));
    for (const [key, v] of Object.entries(value)) {
      const line = lines.get(key) ?? source.block.lineOf([]);
      const previous = owner.get(key);
      if (previous) {
        problems.error(line, `config key \`${key}\` is set both in ${previous.source.name} (line ${previous.line}) and in ${source.name}: keep one`);
        ok = false;
        continue;
      }
      owner.set(key, { source, line });
      merged[key] = v;
    }
  }
  const lineOf = (path: DataPath): number => {
    const entry = owner.get(String(path[0]));
    return entry ? entry.source.block.lineOf(path) : fallbackLine;
  };

  const parsed = configSchemaFor(twinNames).safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(issue, lineOf, problems);
    return null;
  }
  if (!ok) return null;
  const keyLines: ResolvedConfig["keyLines"] = {};
  for (const [key, { line }] of owner) keyLines[key as keyof ConfigInput] = line;
  return { config: parsed.data, keyLines, lineOf };
}

function reportIssue(issue: z.core.$ZodIssue, lineOf: (path: DataPath) => number, problems: Problems): void {
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(issue.path);
    for (const key of issue.keys) {
      const where = issue.path.length === 0 ? "config key" : `key in \`${formatPath(issue.path)}\``;
      problems.error(lineOf([...issue.path, key]), `unknown ${where} \`${key}\`${didYouMean(key, known)}`);
    }
    return;
  }
  const path = formatPath(issue.path);
  let message = issue.message.replace(/^Invalid input: /, "");
  if (issue.code === "invalid_value") {
    const value = valueAt(issue);
    message = `\`${String(value)}\` is not one of ${issue.values.map((v) => `\`${String(v)}\``).join(", ")}`;
    if (typeof value === "string") message += didYouMean(value, issue.values.map(String));
  }
  problems.error(lineOf(issue.path), `invalid config \`${path}\`: ${message}`);
}

// `reportInput` makes zod keep the offending value on the issue.
function valueAt(issue: z.core.$ZodIssue): unknown {
  return (issue as { input?: unknown }).input;
}

function knownKeys(path: ReadonlyArray<PropertyKey>): string[] {
  if (path.length === 0) return Object.keys(configSchema.shape);
  if (path[0] === "faults") return Object.keys(faultSchemaFor(z.string()).shape);
  return [];
}

/** ` — did you mean \`timeout\`?` when a known word is close enough to be a typo. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return "";
  const lower = word.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  const guess = exactCase ?? closest(lower, candidates.map((c) => c.toLowerCase()));
  const original = candidates.find((c) => c.toLowerCase() === guess.toLowerCase()) ?? guess;
  const limit = Math.max(2, Math.floor(original.length / 3));
  if (exactCase || distance(lower, guess) <= limit) return ` — did you mean \`${original}\`?`;
  return candidates.length <= 12 ? ` (known: ${candidates.map((c) => `\`${c}\``).join(", ")})` : "";
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
