/**
 * Markdown primitives for the GitHub surfaces. Every string that comes from a run (titles,
 * criteria, reasons, fix prompts, file paths) is untrusted: an LLM wrote some of it, and in
 * `mode: report` a fork's workflow wrote all of it. So nothing reaches the markdown raw: no
 * HTML, no `@mention` that pings, no `#123` that cross-links, no link or image, nothing that
 * looks like pome's hidden comment marker.
 */
import { stripControls } from "../trace/index.js";

/** GitHub's limits, in UTF-8 bytes (the API counts bytes for check output). */
export const LIMITS = {
  stepSummary: 1024 * 1024,
  checkSummary: 65_535,
  checkText: 65_535,
  comment: 65_536,
  annotationMessage: 64 * 1024 - 1,
  annotationTitle: 255,
  annotationRawDetails: 64 * 1024 - 1,
} as const;

const ZERO_WIDTH = "&#8203;";

/** Escape sequences, control characters and bidi overrides removed (the one rule for untrusted text). */
const clean = stripControls;

/** Plain text outside code spans: everything markdown or GitHub would act on is neutralised. */
const NEEDS_ESCAPE = /[\\&<>|[\]`@#]|GH-/i;

function escapePlain(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/\\/g, "\\\\")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\[/g, "\\[")
    .replace(/\]/g, "\\]")
    .replace(/`/g, "\\`")
    // `#` first: the mention rule's entity contains a `#` followed by digits.
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH}`)
    .replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${ZERO_WIDTH}`);
}

/**
 * One line of untrusted text for a table cell or a sentence, at most `max` characters.
 * Single-backtick code spans are kept (criteria quote labels and names that way); inside
 * them only the pipe needs escaping, since GitHub neither links nor mentions in code.
 */
export function inline(text: string, max = Infinity): string {
  let flat = clean(text).replace(/\s+/g, " ").trim();
  if (flat.length > max) flat = `${flat.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
  let out = "";
  let rest = flat;
  for (let m = /`([^`]+)`/.exec(rest); m; m = /`([^`]+)`/.exec(rest)) {
    out += escapePlain(rest.slice(0, m.index));
    out += `\`${m[1].replace(/\|/g, "\\|")}\``;
    rest = rest.slice(m.index + m[0].length);
  }
  out += escapePlain(rest);
  // A leading marker character would start a heading, quote or list inside a list item.
  return out.replace(/^([#>+=-])/, "\\$1");
}

/** Untrusted multi-line text as a fenced block: shown verbatim, never interpreted. */
export function codeBlock(text: string, lang = "text"): string {
  const body = clean(text).replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/** A collapsed section; the summary line is untrusted text. */
export function details(summary: string, body: string): string {
  return `<details><summary>${inline(summary)}</summary>\n\n${body}\n\n</details>`;
}

export function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A link whose label is already escaped markdown; the URL is percent-encoded where it must be. */
export function link(label: string, url: string): string {
  return `[${label}](${encodeURI(url).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`;
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The longest prefix of `text` that fits in `max` bytes, cut at a character boundary. */
export function clipBytes(text: string, max: number): string {
  if (byteLength(text) <= max) return text;
  const bytes = Buffer.from(text, "utf8").subarray(0, Math.max(0, max));
  // A cut inside a multi-byte character leaves U+FFFD at the end: drop it.
  return bytes.toString("utf8").replace(/\uFFFD+$/, "");
}

/**
 * Plain text (annotation messages, raw details) of at most `max` bytes, with a note of the
 * cut at the end.
 */
export function clipText(text: string, max: number, note = "\n… (trimmed)"): string {
  const cleaned = clean(text);
  if (byteLength(cleaned) <= max) return cleaned;
  return `${clipBytes(cleaned, max - byteLength(note))}${note}`;
}

/**
 * Markdown cut to `max` bytes at a line boundary, with any open code fence and `<details>`
 * closed and a notice appended: the last resort when every degraded form is still too big.
 */
export function clipMarkdown(markdown: string, max: number, notice: string): string {
  if (byteLength(markdown) <= max) return markdown;
  const reserve = byteLength(notice) + 64;
  let cut = clipBytes(markdown, Math.max(0, max - reserve));
  const newline = cut.lastIndexOf("\n");
  if (newline > 0) cut = cut.slice(0, newline);
  const lines = cut.split("\n");
  let fence: string | null = null;
  let openDetails = 0;
  for (const l of lines) {
    const f = /^(`{3,})/.exec(l);
    if (f && (fence === null || f[1].length >= fence.length)) fence = fence === null ? f[1] : null;
    else if (fence === null) openDetails += (l.match(/<details>/g)?.length ?? 0) - (l.match(/<\/details>/g)?.length ?? 0);
  }
  const closers = [fence ?? "", ...Array.from({ length: Math.max(0, openDetails) }, () => "</details>")].filter(Boolean);
  const tail = closers.length > 0 ? `\n${closers.join("\n")}` : "";
  return `${cut}${tail}\n\n${notice}\n`;
}

/** The first candidate (most detailed first) that fits; else the last one clipped. */
export function firstThatFits(candidates: Array<() => string>, max: number, notice: string): string {
  let last = "";
  for (const render of candidates) {
    last = render();
    if (byteLength(last) <= max) return last;
  }
  return clipMarkdown(last, max, notice);
}
