/**
 * `pome.config.json`: found by walking up from the working directory (first match wins).
 * Only the keys `pome run` reads are validated; other keys are left alone for other tools.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { PomeError } from "../errors.js";

export const CONFIG_FILE_NAME = "pome.config.json";

const configFileSchema = z.looseObject({
  agent: z
    .looseObject({
      command: z.string().trim().min(1, "must be a non-empty command").optional(),
    })
    .optional(),
  artifactsDir: z.string().trim().min(1, "must be a non-empty path").optional(),
});

export interface PomeConfig {
  /** Absolute path of the file read, or null when none was found. */
  file: string | null;
  agentCommand: string | null;
  /** Absolute, resolved against the config file's folder. */
  artifactsDir: string | null;
}

export function findConfigFile(startDir: string): string | null {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function loadConfig(startDir: string): PomeConfig {
  const file = findConfigFile(startDir);
  if (!file) return { file: null, agentCommand: null, artifactsDir: null };
  const text = readFileSync(file, "utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PomeError("USAGE", `invalid JSON: ${(error as Error).message}`, { file, line: jsonErrorLine(text, error) });
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? `\`${issue.path.join(".")}\` ` : "";
    throw new PomeError("USAGE", `${where}${issue.message}`, { file });
  }
  const dir = dirname(file);
  return {
    file,
    agentCommand: parsed.data.agent?.command ?? null,
    artifactsDir: parsed.data.artifactsDir ? resolve(dir, parsed.data.artifactsDir) : null,
  };
}

/** V8 reports `at position N` (and newer versions `line L column C`); turn either into a line. */
function jsonErrorLine(text: string, error: unknown): number | undefined {
  const message = (error as Error).message;
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  if (!position) return undefined;
  return text.slice(0, Number(position[1])).split("\n").length;
}
