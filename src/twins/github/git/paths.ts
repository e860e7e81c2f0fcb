/**
 * The one rule for a path in a repository's tree, applied wherever a path enters it: the
 * seed's files, the contents API, the git data API's trees and the `push_files` tool. A
 * path is plain and relative — no empty, `.` or `..` segment, no `.git` segment (GitHub
 * refuses those: "path contains a malformed path component"), no NUL byte (git cannot
 * store one) — and a tree never holds one path as both a file and a directory.
 */

/** Leading slashes name the repository root, as in the seed format (`/README.md`). */
export const withoutLeadingSlashes = (path: string) => path.replace(/^\/+/, "");

/** Whether a path (leading slashes already removed) breaks the rule. */
export function isMalformedPath(path: string): boolean {
  if (path === "" || path.includes("\0")) return true;
  return path.split("/").some((part) => part === "" || part === "." || part === ".." || part.toLowerCase() === ".git");
}

/** The directories a path lies in: `a/b/c` → `a`, `a/b`. */
export function directoriesOf(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join("/"));
}

/**
 * Where a set of file paths would make one path both a file and a directory: the first
 * `{ file, under }` pair (`README.md` is a file and `README.md/sub.txt` lies under it), or null.
 */
export function fileDirectoryClash(paths: Iterable<string>): { file: string; under: string } | null {
  const files = new Set(paths);
  for (const path of [...files].sort()) {
    for (const dir of directoriesOf(path)) if (files.has(dir)) return { file: dir, under: path };
  }
  return null;
}
