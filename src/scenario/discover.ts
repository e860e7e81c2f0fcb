/** Where scenarios are on disk: directory listing, sidecar names, slugs. */
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, sep } from "node:path";
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

/**
 * Slugs for one batch, unique within it: a file keeps its own slug (`x`) unless another file
 * of the batch has the same one; then each of those is named by its path from the folder all
 * the batch's files share (`a/x.md` → `a-x`, `b/x.md` → `b-x`, a top-level `x.md` stays
 * `x`); what still collides (`A.md` and `a.md`) gets `-2`, `-3` in sorted path order. The
 * same file list always gives the same slugs, so a batch computes them over every file it
 * found (before `--tag` and `--shard`), and matrix legs agree.
 */
export function uniqueSlugs(files: readonly string[]): Map<string, string> {
  const sorted = [...new Set(files)].sort();
  const plain = new Map(sorted.map((file) => [file, slugOf(file)]));
  const count = new Map<string, number>();
  for (const slug of plain.values()) count.set(slug, (count.get(slug) ?? 0) + 1);
  // Files alone with their slug keep it, and no renamed neighbour may take it.
  const out = new Map(sorted.filter((file) => count.get(plain.get(file)!) === 1).map((file) => [file, plain.get(file)!]));
  const given = new Set(out.values());
  const root = commonFolder(sorted);
  for (const file of sorted) {
    if (out.has(file)) continue;
    const wanted = pathSlug(file, root);
    let slug = wanted;
    for (let n = 2; given.has(slug); n++) slug = `${wanted}-${n}`;
    given.add(slug);
    out.set(file, slug);
  }
  return out;
}

/** `a/b/x.md` from `root` → `a-b-x` (each segment slugged as slugOf does). */
function pathSlug(file: string, root: string): string {
  const segments = relative(root, file).split(sep);
  segments[segments.length - 1] = basename(file, extname(file));
  const slug = segments
    .map((segment) =>
      segment
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter(Boolean)
    .join("-");
  return slug === "" ? "scenario" : slug;
}

/** The deepest folder holding every file. */
function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return "";
  let root = dirname(files[0]);
  for (const file of files) {
    while (root !== dirname(root) && !(dirname(file) === root || dirname(file).startsWith(root.endsWith(sep) ? root : `${root}${sep}`))) root = dirname(root);
  }
  return root;
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
