/**
 * The markdown structure a scenario relies on: fenced code blocks, the title, and the
 * level-2 sections. Fence-aware, so a `## ` or a list item inside a code block is content.
 * Line numbers are 1-based over the whole file (frontmatter included).
 */

export interface SourceLine {
  /** 1-based line in the file. */
  line: number;
  text: string;
  /** Inside a fenced code block, or one of its fence lines. */
  inFence: boolean;
}

export interface FencedBlock {
  /** Line of the opening fence. */
  line: number;
  /** Lowercased first word of the info string (`json`, `yaml`, ``). */
  language: string;
  /** Line of the first content line. */
  contentLine: number;
  content: string;
  closed: boolean;
}

export interface Heading {
  line: number;
  level: number;
  text: string;
}

export interface Section {
  heading: Heading;
  /** The lines after the heading up to the next level-2 heading. */
  body: SourceLine[];
}

export interface MarkdownOutline {
  title: Heading | null;
  /** Lines before the first level-2 heading. */
  preamble: SourceLine[];
  sections: Section[];
  /** Fences opened and never closed (a common cause of "my section vanished"). */
  unclosedFences: FencedBlock[];
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;

/** Mark which lines are inside fences. `lines[i]` is file line `firstLine + i`. */
export function scanLines(lines: string[], firstLine: number): SourceLine[] {
  const out: SourceLine[] = [];
  let fence: { char: string; length: number } | null = null;
  lines.forEach((text, i) => {
    const line = firstLine + i;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(text);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = null;
      out.push({ line, text, inFence: true });
      return;
    }
    const open = FENCE_OPEN.exec(text);
    // A backtick fence's info string may not contain backticks (CommonMark), or it is inline code.
    if (open && !(open[2][0] === "`" && open[3].includes("`"))) {
      fence = { char: open[2][0], length: open[2].length };
      out.push({ line, text, inFence: true });
      return;
    }
    out.push({ line, text, inFence: false });
  });
  return out;
}

export function headingOf(source: SourceLine): Heading | null {
  if (source.inFence) return null;
  const match = HEADING.exec(source.text);
  if (!match) return null;
  // An optional closing sequence of #s is not part of the heading text.
  const text = (match[2] ?? "").replace(/(^|[ \t]+)#+$/, "").trim();
  return { line: source.line, level: match[1].length, text };
}

export function outline(lines: SourceLine[]): MarkdownOutline {
  let title: Heading | null = null;
  const preamble: SourceLine[] = [];
  const sections: Section[] = [];
  for (const source of lines) {
    const heading = headingOf(source);
    if (heading?.level === 1 && !title && heading.text !== "") title = heading;
    if (heading?.level === 2) {
      sections.push({ heading, body: [] });
      continue;
    }
    (sections.length ? sections[sections.length - 1].body : preamble).push(source);
  }
  return { title, preamble, sections, unclosedFences: fencedBlocks(lines).filter((b) => !b.closed) };
}

/** The fenced blocks among `lines`, in order. */
export function fencedBlocks(lines: SourceLine[]): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let current: (FencedBlock & { char: string; length: number; body: string[] }) | null = null;
  for (const source of lines) {
    if (!source.inFence) continue;
    if (!current) {
      const open = FENCE_OPEN.exec(source.text);
      if (!open) continue;
      current = {
        line: source.line,
        language: open[3].trim().split(/\s+/)[0]?.toLowerCase() ?? "",
        contentLine: source.line + 1,
        content: "",
        closed: false,
        char: open[2][0],
        length: open[2].length,
        body: [],
      };
      continue;
    }
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(source.text);
    if (close && close[1][0] === current.char && close[1].length >= current.length) {
      blocks.push(finish(current, true));
      current = null;
    } else {
      current.body.push(source.text);
    }
  }
  if (current) blocks.push(finish(current, false));
  return blocks;
}

function finish(block: FencedBlock & { body: string[] }, closed: boolean): FencedBlock {
  return { line: block.line, language: block.language, contentLine: block.contentLine, content: block.body.join("\n"), closed };
}

/** Section text for prose fields: the body trimmed, inner line breaks kept. */
export function sectionText(section: Section | undefined): string {
  if (!section) return "";
  return section.body
    .map((l) => l.text)
    .join("\n")
    .trim();
}

/** File line of the first non-blank body line, else the heading line. */
export function firstContentLine(section: Section): number {
  return section.body.find((l) => l.text.trim() !== "")?.line ?? section.heading.line;
}
