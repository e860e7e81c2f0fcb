/**
 * Reading a finished run folder back (`pome inspect`): `latest`, a run folder, or a bare
 * run id looked up under the artifacts dir. A bad row or a missing file is a problem to
 * report, never a reason to show nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { usageError } from "../errors.js";
import { scoreSchema, type Score } from "../evaluate/index.js";
import { traceEventSchema, type TraceEvent } from "../trace/index.js";
import { ARTIFACT } from "./artifacts.js";

export interface RunRecord {
  runDir: string;
  meta: Record<string, unknown>;
  events: TraceEvent[];
  score: Score | null;
  /** What could not be read (missing files, invalid rows), one line each. */
  problems: string[];
}

const latestSchema = z.object({ run_dir: z.string() });

export function resolveRunDir(target: string, opts: { artifactsDir: string; cwd: string }): string {
  const artifactsDir = resolve(opts.cwd, opts.artifactsDir);
  if (target === "latest") {
    const file = join(artifactsDir, ARTIFACT.latest);
    if (!existsSync(file)) throw usageError(`no run recorded yet: ${file} not found (run \`pome run\` first, or pass --artifacts-dir)`);
    const parsed = latestSchema.safeParse(safeJson(readFileSync(file, "utf8")));
    if (!parsed.success) throw usageError(`${file} is not a valid latest.json`);
    return resolve(opts.cwd, parsed.data.run_dir);
  }
  const direct = resolve(opts.cwd, target);
  if (isDirectory(direct)) return direct;
  if (/^run_[0-9A-Za-z-]+$/.test(target) && isDirectory(artifactsDir)) {
    for (const slug of readdirSync(artifactsDir)) {
      const candidate = join(artifactsDir, slug, target);
      if (isDirectory(candidate)) return candidate;
    }
  }
  throw usageError(`run not found: ${target} (give a run folder, a run id under ${artifactsDir}, or latest)`);
}

export function readRunRecord(runDir: string): RunRecord {
  const problems: string[] = [];

  let meta: Record<string, unknown> = {};
  const metaText = readIfPresent(join(runDir, ARTIFACT.meta));
  if (metaText === null) problems.push("meta.json not found");
  else {
    const value = safeJson(metaText);
    if (value && typeof value === "object" && !Array.isArray(value)) meta = value as Record<string, unknown>;
    else problems.push("meta.json is not a JSON object");
  }

  const events: TraceEvent[] = [];
  const eventsText = readIfPresent(join(runDir, ARTIFACT.events));
  if (eventsText === null) problems.push("events.jsonl not found");
  else {
    eventsText.split("\n").forEach((line, index) => {
      if (!line.trim()) return;
      const parsed = traceEventSchema.safeParse(safeJson(line));
      if (parsed.success) events.push(parsed.data);
      else problems.push(`events.jsonl:${index + 1}: not a valid event (${parsed.error.issues[0]?.message ?? "invalid"})`);
    });
  }

  let score: Score | null = null;
  const scoreText = readIfPresent(join(runDir, ARTIFACT.score));
  if (scoreText !== null) {
    const parsed = scoreSchema.safeParse(safeJson(scoreText));
    if (parsed.success) score = parsed.data;
    else problems.push(`score.json is not valid (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
  }

  return { runDir, meta, events, score, problems };
}

function readIfPresent(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
