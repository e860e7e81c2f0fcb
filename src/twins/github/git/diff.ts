/**
 * Line diffs between two file versions, in git's unified format: `patch` of PR/commit
 * files, `additions`/`deletions`, and the `application/vnd.github.diff` body.
 */

/** One file's text split into lines, remembering whether the last line had a newline. */
interface Lines {
  lines: string[];
  /** True when the text is non-empty and does not end with "\n" (git's "\ No newline at end of file"). */
  noFinalNewline: boolean;
}

function splitLines(text: string): Lines {
  if (text === "") return { lines: [], noFinalNewline: false };
  const lines = text.split("\n");
  const endsWithNewline = lines[lines.length - 1] === "";
  if (endsWithNewline) lines.pop();
  return { lines, noFinalNewline: !endsWithNewline };
}

type Edit = { kind: "keep" | "del" | "add"; line: string; oldIndex: number; newIndex: number };

/**
 * Myers' O(ND) shortest edit script, run on the middle part after trimming the common
 * prefix and suffix (most edits touch a few lines of a long file).
 */
function editScript(a: string[], b: string[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const edits: Edit[] = [];
  for (let i = 0; i < start; i++) edits.push({ kind: "keep", line: a[i], oldIndex: i, newIndex: i });
  edits.push(...middleScript(a, b, start, endA, start, endB));
  for (let i = 0; endA + i < a.length; i++) {
    edits.push({ kind: "keep", line: a[endA + i], oldIndex: endA + i, newIndex: endB + i });
  }
  return edits;
}

function middleScript(a: string[], b: string[], a0: number, a1: number, b0: number, b1: number): Edit[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 && m === 0) return [];
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace backwards to recover the path.
  const edits: Edit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      edits.push({ kind: "keep", line: a[a0 + x], oldIndex: a0 + x, newIndex: b0 + y });
    }
    if (d > 0) {
      if (x === prevX) {
        y--;
        edits.push({ kind: "add", line: b[b0 + y], oldIndex: a0 + x, newIndex: b0 + y });
      } else {
        x--;
        edits.push({ kind: "del", line: a[a0 + x], oldIndex: a0 + x, newIndex: b0 + y });
      }
    }
  }
  return edits.reverse();
}

export interface LineDiff {
  additions: number;
  deletions: number;
  /** Hunks only (`@@ … @@` onwards), as GitHub's `files[].patch`; "" when nothing changed. */
  patch: string;
}

const CONTEXT = 3;

/** Diff two texts line by line (`null` = the file does not exist on that side). */
export function diffLines(before: string | null, after: string | null): LineDiff {
  const a = splitLines(before ?? "");
  const b = splitLines(after ?? "");
  // A changed "no newline at end" flag makes the last line differ, as in git.
  const aKeys = a.lines.map((line, i) => (i === a.lines.length - 1 && a.noFinalNewline ? `${line}\u0000` : line));
  const bKeys = b.lines.map((line, i) => (i === b.lines.length - 1 && b.noFinalNewline ? `${line}\u0000` : line));
  const edits = editScript(aKeys, bKeys);
  let additions = 0;
  let deletions = 0;
  for (const edit of edits) {
    if (edit.kind === "add") additions++;
    if (edit.kind === "del") deletions++;
  }
  return { additions, deletions, patch: renderHunks(edits) };
}

function renderHunks(edits: Edit[]): string {
  const changed = edits.map((e, i) => (e.kind === "keep" ? -1 : i)).filter((i) => i >= 0);
  if (changed.length === 0) return "";
  // Group changes whose context windows touch into one hunk.
  const groups: Array<[number, number]> = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= 2 * CONTEXT) last[1] = index;
    else groups.push([index, index]);
  }
  const out: string[] = [];
  for (const [first, lastChanged] of groups) {
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(edits.length - 1, lastChanged + CONTEXT);
    const slice = edits.slice(from, to + 1);
    const oldCount = slice.filter((e) => e.kind !== "add").length;
    const newCount = slice.filter((e) => e.kind !== "del").length;
    const oldStart = oldCount === 0 ? slice[0].oldIndex : slice.find((e) => e.kind !== "add")!.oldIndex + 1;
    const newStart = newCount === 0 ? slice[0].newIndex : slice.find((e) => e.kind !== "del")!.newIndex + 1;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const edit of slice) {
      const marker = edit.kind === "keep" ? " " : edit.kind === "add" ? "+" : "-";
      const missingNewline = edit.line.endsWith("\u0000");
      out.push(marker + (missingNewline ? edit.line.slice(0, -1) : edit.line));
      if (missingNewline) out.push("\\ No newline at end of file");
    }
  }
  return out.join("\n");
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}

export interface FileChange {
  path: string;
  status: "added" | "modified" | "removed";
  before: { content: string; sha: string } | null;
  after: { content: string; sha: string } | null;
}

/** A `git diff` body (what `Accept: application/vnd.github.diff` returns) for a set of file changes. */
export function unifiedDiff(changes: FileChange[]): string {
  let out = "";
  for (const change of changes) {
    const { patch } = diffLines(change.before?.content ?? null, change.after?.content ?? null);
    const oldSha = (change.before?.sha ?? "0000000").slice(0, 7);
    const newSha = (change.after?.sha ?? "0000000").slice(0, 7);
    out += `diff --git a/${change.path} b/${change.path}\n`;
    if (change.status === "added") out += `new file mode 100644\nindex ${oldSha}..${newSha}\n`;
    else if (change.status === "removed") out += `deleted file mode 100644\nindex ${oldSha}..${newSha}\n`;
    else out += `index ${oldSha}..${newSha} 100644\n`;
    if (patch === "") continue;
    out += `--- ${change.before ? `a/${change.path}` : "/dev/null"}\n`;
    out += `+++ ${change.after ? `b/${change.path}` : "/dev/null"}\n`;
    out += `${patch}\n`;
  }
  return out;
}

/** A run of base lines [start, end) that one side replaced with `lines`. */
interface Region {
  start: number;
  end: number;
  lines: string[];
}

function regionsOf(edits: Edit[]): Region[] {
  const regions: Region[] = [];
  let current: Region | null = null;
  for (const edit of edits) {
    if (edit.kind === "keep") {
      current = null;
      continue;
    }
    if (!current) {
      current = { start: edit.oldIndex, end: edit.oldIndex, lines: [] };
      regions.push(current);
    }
    if (edit.kind === "del") current.end = edit.oldIndex + 1;
    else current.lines.push(edit.line);
  }
  return regions;
}

function joinLines(keys: string[]): string {
  return keys.map((line) => (line.endsWith("\u0000") ? line.slice(0, -1) : `${line}\n`)).join("");
}

function lineKeys(text: string): string[] {
  const { lines, noFinalNewline } = splitLines(text);
  return lines.map((line, i) => (i === lines.length - 1 && noFinalNewline ? `${line}\u0000` : line));
}

/**
 * Three-way merge of one file (what git does when both sides edited it): changes to
 * separate parts of the file combine; changes that overlap or touch conflict (null),
 * unless both sides made the same change.
 */
export function mergeTexts(base: string, ours: string, theirs: string): string | null {
  if (ours === theirs) return ours;
  if (ours === base) return theirs;
  if (theirs === base) return ours;
  const baseKeys = lineKeys(base);
  const ourRegions = regionsOf(editScript(baseKeys, lineKeys(ours))).map((r) => ({ ...r, side: 0 }));
  const theirRegions = regionsOf(editScript(baseKeys, lineKeys(theirs))).map((r) => ({ ...r, side: 1 }));
  const all = [...ourRegions, ...theirRegions].sort((a, b) => a.start - b.start || a.end - b.end || a.side - b.side);
  const out: string[] = [];
  let cursor = 0;
  const lastOfSide: Array<(Region & { side: number }) | null> = [null, null];
  for (const region of all) {
    const other = lastOfSide[1 - region.side];
    if (other && region.start <= other.end) {
      const same =
        region.start === other.start &&
        region.end === other.end &&
        region.lines.length === other.lines.length &&
        region.lines.every((line, i) => line === other.lines[i]);
      if (same) continue;
      return null;
    }
    out.push(...baseKeys.slice(cursor, region.start), ...region.lines);
    cursor = region.end;
    lastOfSide[region.side] = region;
  }
  out.push(...baseKeys.slice(cursor));
  return joinLines(out);
}
