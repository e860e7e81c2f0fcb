/**
 * Criteria are the list items of the criteria section that start with a marker: `[D]`,
 * `[P]`, `[D!]`, `[P!]` (any case; the earlier implementation's later `[code]`/`[model]`
 * spellings too), under `-`/`*`/`+` bullets or numbers. A `[D]` marker may name the twin
 * the criterion is about: `[D:stripe]`, `[D!:github]`, `[code:slack]`. Continuation lines
 * join the item's text; a trailing `{#id}` and `(weight: N)` are lifted off.
 */
import type { SourceLine } from "./markdown.js";
import type { Criterion } from "./types.js";
import type { Problems } from "./problems.js";

/** A criterion as written, before its `[D]` check is compiled. */
export type CriterionSource = Omit<Criterion, "check" | "family">;

interface ListItem {
  line: number;
  indent: number;
  /** Column where the item's text starts (continuations at or beyond it belong to it). */
  contentIndent: number;
  parts: string[];
}

const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;
// kind, "!", ":twin", "!" (either side of the tag), text.
const MARKER = /^\[(d|p|code|model)(!?)(?::([^\]!]*))?(!?)\](?:\s+|$)([\s\S]*)$/i;
const TWIN_TAG = /^[a-z][\w-]*$/i;
const TRAILING_ID = /\s*\{#([^}]*)\}\s*$/;
const TRAILING_WEIGHT = /\s*\(\s*weight\s*:\s*([^)]*)\)\s*$/i;
const VALID_ID = /^[A-Za-z0-9][\w.-]*$/;

export function parseCriteria(body: SourceLine[], problems: Problems): CriterionSource[] {
  const criteria: CriterionSource[] = [];
  for (const item of listItems(body)) {
    const text = item.parts.join(" ").replace(/\s+/g, " ").trim();
    const marker = MARKER.exec(text);
    if (!marker) {
      problems.warn(item.line, `list item is not a criterion (it needs a [D], [P], [D!] or [P!] marker): ${clip(text)}`);
      continue;
    }
    const [written, word, bang, rawTag, trailingBang, rest] = marker;
    const kind = /^(d|code)$/i.test(word) ? "D" : "P";
    const markerText = written.slice(0, written.indexOf("]") + 1);
    // A bad trailer or tag is reported and the criterion kept, so one typo is one error.
    const parsed = liftTrailers(rest.trim(), item.line, problems);
    if (parsed.text === "") {
      problems.error(item.line, `criterion ${markerText} has no text`);
      continue;
    }
    const twin = rawTag === undefined ? undefined : rawTag.trim();
    if (twin !== undefined && kind === "P") {
      problems.error(item.line, `${markerText}: a twin tag belongs on a [D] criterion; a [P] criterion is judged over the whole run`);
    } else if (twin !== undefined && !TWIN_TAG.test(twin)) {
      problems.error(item.line, `${markerText}: the twin tag must be a twin name, e.g. [D:github] or [D!:stripe]`);
    }
    criteria.push({
      id: parsed.id ?? `c${criteria.length + 1}`,
      line: item.line,
      kind,
      mustPass: bang === "!" || trailingBang === "!",
      text: parsed.text,
      weight: parsed.weight ?? 1,
      ...(kind === "D" && twin !== undefined && TWIN_TAG.test(twin) ? { twin: twin.toLowerCase() } : {}),
    });
  }
  const seen = new Map<string, number>();
  for (const criterion of criteria) {
    const first = seen.get(criterion.id);
    if (first !== undefined) problems.error(criterion.line, `duplicate criterion id \`${criterion.id}\` (already used on line ${first})`);
    else seen.set(criterion.id, criterion.line);
  }
  return criteria;
}

/** `{#id}` and `(weight: N)`, in either order, at the end of the text. */
function liftTrailers(text: string, line: number, problems: Problems): { text: string; id?: string; weight?: number } {
  let rest = text;
  let id: string | undefined;
  let weight: number | undefined;
  for (;;) {
    const idMatch = TRAILING_ID.exec(rest);
    if (idMatch) {
      const value = idMatch[1].trim();
      if (id !== undefined) {
        problems.error(line, `criterion has two ids (\`{#${value}}\` and \`{#${id}}\`)`);
      } else if (!VALID_ID.test(value)) {
        problems.error(line, `invalid criterion id \`{#${idMatch[1]}}\`: use letters, digits, \`-\`, \`_\` or \`.\``);
      } else {
        id = value;
      }
      rest = rest.slice(0, idMatch.index);
      continue;
    }
    const weightMatch = TRAILING_WEIGHT.exec(rest);
    if (weightMatch) {
      const value = Number(weightMatch[1].trim());
      if (weight !== undefined) {
        problems.error(line, "criterion has two weights");
      } else if (weightMatch[1].trim() === "" || !Number.isFinite(value) || value <= 0) {
        problems.error(line, `invalid criterion weight \`${weightMatch[1].trim()}\`: expected a positive number`);
      } else {
        weight = value;
      }
      rest = rest.slice(0, weightMatch.index);
      continue;
    }
    break;
  }
  return { text: rest.trim(), id, weight };
}

/**
 * List items outside code fences, with their continuation lines: indented lines, and
 * unindented "lazy" lines directly under an item (markdown renders both as one item).
 * A blank line ends an item unless the next line is indented to the item's text.
 */
function listItems(body: SourceLine[]): ListItem[] {
  const items: ListItem[] = [];
  let current: ListItem | null = null;
  let blank = false;
  for (const source of body) {
    const text = source.text.replace(/\t/g, "    ");
    if (source.inFence) {
      current = null;
      continue;
    }
    if (text.trim() === "") {
      blank = true;
      continue;
    }
    const match = ITEM.exec(text);
    const indent = text.length - text.trimStart().length;
    if (match) {
      const content = match[4] ?? "";
      const contentIndent = match[1].length + match[2].length + (match[3] ? match[3].length - content.length : 1);
      current = { line: source.line, indent, contentIndent, parts: [content] };
      items.push(current);
      blank = false;
      continue;
    }
    const continues = current && (blank ? indent >= current.contentIndent : indent > current.indent || !/^ {0,3}#/.test(text));
    if (current && continues) current.parts.push(text.trim());
    else current = null;
    blank = false;
  }
  return items;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
