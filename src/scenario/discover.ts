/** Where scenarios are on disk: directory listing, sidecar names, slugs. */
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { usageError } from "../errors.js";

/** `01-bug-happy-path.md` → `01-bug-happy-path`: names the artifacts directory. */
export function slugOf(file: string): string {
  const name = basename(file, extname(file));
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "scenario" : slug;
}

/** `scenarios/01-x.md` → `scenarios/01-x.seed.json`. */
export function sidecarPathOf(file: string): string {
  return /\.md$/i.test(file) ? file.replace(/\.md$/i, ".seed.json") : `${file}.seed.json`;
}

function isScenarioFile(name: string): boolean {
  return /\.md$/i.test(name) && name.toLowerCase() !== "readme.md";
}

/**
 * The scenario files at `path`: the file itself, or every `.md` directly inside the
 * directory (sorted; README.md excluded), descending into subdirectories with `recursive`.
 */
export async function listScenarios(path: string, opts: { recursive?: boolean } = {}): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw usageError(`scenario path not found: ${path}`);
  }
  if (!info.isDirectory()) return [path];
  return walk(path, opts.recursive ?? false);
}

async function walk(dir: string, recursive: boolean): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  const subdirectories: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && isScenarioFile(entry.name)) files.push(join(dir, entry.name));
    // Dot-directories and node_modules are never scenario folders.
    else if (recursive && entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
      subdirectories.push(join(dir, entry.name));
    }
  }
  for (const sub of subdirectories) files.push(...(await walk(sub, true)));
  return files;
}
