/**
 * Optional YAML frontmatter. gray-matter finds the block; the `yaml` parser reads it so
 * that every key keeps its line in the file.
 */
import matter from "gray-matter";
import { DataSyntaxError, parseDataBlock, type DataBlock } from "./data-block.js";
import type { Problems } from "./problems.js";

export interface Frontmatter {
  /** null when the file has no frontmatter. */
  block: DataBlock | null;
  /** File line where the markdown body starts. */
  bodyLine: number;
}

// gray-matter would parse with js-yaml and lose positions; it only splits here.
const SPLIT_ONLY = { engines: { yaml: () => ({}), json: () => ({}) } } as unknown as Parameters<typeof matter>[1];

export function readFrontmatter(text: string, problems: Problems): Frontmatter {
  if (!text.startsWith("---")) return { block: null, bodyLine: 1 };
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(text, SPLIT_ONLY);
  } catch (error) {
    problems.error(1, `frontmatter: ${error instanceof Error ? error.message : String(error)} (use YAML)`);
    return { block: null, bodyLine: 1 };
  }
  const raw = (file as { matter?: string }).matter;
  if (raw === undefined) return { block: null, bodyLine: 1 };
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    problems.error(1, "frontmatter opened with `---` on line 1 is never closed with a `---` line");
    return { block: null, bodyLine: 1 };
  }
  const consumed = text.length - file.content.length;
  const bodyLine = text.slice(0, consumed).split("\n").length;
  const language = file.language === "json" ? "json" : "yaml";
  if (file.language && !["yaml", "yml", "json"].includes(file.language)) {
    problems.error(1, `frontmatter language \`${file.language}\` is not supported (use YAML)`);
    return { block: null, bodyLine };
  }
  try {
    // `raw` starts with the rest of the `---` line, so its line 1 is file line 1.
    return { block: parseDataBlock(raw, language, 1), bodyLine };
  } catch (error) {
    if (!(error instanceof DataSyntaxError)) throw error;
    problems.error(error.line, `frontmatter: ${error.message}`);
    return { block: null, bodyLine };
  }
}
