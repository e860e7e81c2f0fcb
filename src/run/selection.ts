/**
 * Which scenario files a batch runs: a file, or a directory's `.md` files in sorted order,
 * then `--tag`, then `--shard`. Parse errors are kept (they are results, exit 2), so a
 * broken file is never silently dropped by a filter.
 */
import { statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { usageError } from "../errors.js";
import { listScenarios, type Scenario } from "../scenario/index.js";

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw usageError(`invalid --shard "${text}": expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  return { index, count };
}

/**
 * The i-th of n contiguous slices of a sorted list; slice sizes differ by at most one and
 * every item lands in exactly one slice, so n CI jobs cover the list once.
 */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  const start = Math.floor(((shard.index - 1) * items.length) / shard.count);
  const end = Math.floor((shard.index * items.length) / shard.count);
  return items.slice(start, end);
}

/** The path as the user gave it when it is relative to the process cwd, so annotations stay relative. */
export function scenarioPath(path: string, cwd: string): string {
  if (isAbsolute(path) || cwd === process.cwd()) return path;
  return join(cwd, path);
}

export async function scenarioFiles(path: string, opts: { cwd: string; recursive: boolean }): Promise<string[]> {
  const target = scenarioPath(path, opts.cwd);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(target).isDirectory();
  } catch {
    throw usageError(`scenario path not found: ${path}`);
  }
  if (!isDirectory) return [target];
  const files = await listScenarios(target, { recursive: opts.recursive });
  if (files.length === 0) {
    throw usageError(`no scenarios in ${path}${opts.recursive ? "" : " (its subdirectories are not searched without --recursive)"}`);
  }
  return files;
}

/** A parsed scenario, or the parse error that stands in for it. */
export type Selected = { file: string; scenario: Scenario } | { file: string; error: unknown };

export function filterByTags(selected: Selected[], tags: readonly string[]): Selected[] {
  if (tags.length === 0) return selected;
  return selected.filter((s) => !("scenario" in s) || s.scenario.config.tags.some((t) => tags.includes(t)));
}
