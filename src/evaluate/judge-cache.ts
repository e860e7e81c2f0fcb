/**
 * Judge verdicts on disk (`.pome/cache/judge`), keyed by a hash of the model, the prompt
 * version and the exact prompt: re-scoring the same trace costs nothing. A missing,
 * unreadable or foreign entry is a miss, never an error.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const JUDGE_CACHE_DIR = join(".pome", "cache", "judge");

export const cachedVerdictSchema = z.object({
  verdict: z.enum(["pass", "fail"]),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
  evidence: z.array(z.string()),
});
export type CachedVerdict = z.infer<typeof cachedVerdictSchema>;

const entrySchema = z.object({ key: z.string(), model: z.string(), verdict: cachedVerdictSchema });

export function judgeCacheKey(parts: { model: string; promptVersion: string; system: string; user: string }): string {
  return createHash("sha256").update(JSON.stringify([parts.model, parts.promptVersion, parts.system, parts.user])).digest("hex");
}

export class JudgeCache {
  constructor(readonly dir: string) {}

  get(key: string): CachedVerdict | null {
    try {
      const entry = entrySchema.parse(JSON.parse(readFileSync(this.file(key), "utf8")));
      return entry.key === key ? entry.verdict : null;
    } catch {
      return null;
    }
  }

  /** Written atomically: parallel runs judging the same trace never read half an entry. */
  set(key: string, model: string, verdict: CachedVerdict): void {
    mkdirSync(this.dir, { recursive: true });
    const target = this.file(key);
    const temp = `${target}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ key, model, verdict }, null, 2)}\n`);
    renameSync(temp, target);
  }

  private file(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}
