/**
 * JSON or YAML text embedded in a scenario (frontmatter, `## Config`, seeds, sidecars),
 * parsed with enough position information to point at the offending line of the file.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { locateJsonError } from "./json-error.js";

export type DataPath = ReadonlyArray<PropertyKey>;

export interface DataBlock {
  value: unknown;
  /** File line of the deepest node of `path` that exists (the key's line for a map entry). */
  lineOf(path: DataPath): number;
  /** File line of each top-level key, when the value is a mapping. */
  topKeys(): Array<{ key: string; line: number }>;
}

export class DataSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export type DataLanguage = "json" | "yaml";

/**
 * Parse `text`, whose first line is line `firstLine` of its file. JSON is parsed strictly
 * (a trailing comma is an error, as JSON tools would say); its positions come from the
 * YAML parser, which reads any JSON document.
 */
export function parseDataBlock(text: string, language: DataLanguage, firstLine: number): DataBlock {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number) => firstLine + counter.linePos(offset).line - 1;

  let value: unknown;
  if (language === "json") {
    try {
      value = text.trim() === "" ? undefined : JSON.parse(text);
    } catch (error) {
      const { message, offset } = describeJsonError(error, text);
      throw new DataSyntaxError(`invalid JSON: ${message}`, fileLine(offset));
    }
  } else {
    const first = doc.errors[0];
    if (first) throw new DataSyntaxError(`invalid YAML: ${first.message}`, fileLine(first.pos[0]));
    value = doc.toJS({ maxAliasCount: 100 });
  }

  return {
    value,
    lineOf(path) {
      let node: unknown = doc.contents;
      let line = node && rangeOf(node) ? fileLine(rangeOf(node)![0]) : firstLine;
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((item) => scalarKey(item.key) === String(key));
          if (!pair) break;
          const keyRange = rangeOf(pair.key);
          if (keyRange) line = fileLine(keyRange[0]);
          node = pair.value;
        } else if (isSeq(node) && typeof key === "number" && node.items[key] !== undefined) {
          node = node.items[key];
          const range = rangeOf(node);
          if (range) line = fileLine(range[0]);
        } else {
          break;
        }
      }
      return line;
    },
    topKeys() {
      const contents = doc.contents;
      if (!isMap(contents)) return [];
      return contents.items.map((pair) => ({
        key: scalarKey(pair.key),
        line: rangeOf(pair.key) ? fileLine(rangeOf(pair.key)![0]) : firstLine,
      }));
    },
  };
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  const range = (node as YamlNode | null)?.range;
  return range ?? undefined;
}

function scalarKey(key: unknown): string {
  if (key && typeof key === "object" && "value" in key) return String((key as { value: unknown }).value);
  return String(key);
}

function describeJsonError(error: unknown, text: string): { message: string; offset: number } {
  const located = locateJsonError(text);
  if (located) return located;
  // The reader accepts what V8 rejected (should not happen): keep V8's words, position unknown.
  return { message: error instanceof Error ? error.message : String(error), offset: 0 };
}

/** `repositories[0].issues[1].number`; keys that are not identifiers are quoted. */
export function formatPath(path: DataPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(key))) out += out === "" ? String(key) : `.${String(key)}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
