/**
 * The seed world: inline in `## Seed State` (JSON or YAML, first fenced block), or the
 * sidecar `<name>.seed.json` (its `_meta` stripped), or the twins' defaults. Also decides
 * which twins boot when the config does not say, and validates each twin's part against
 * that twin's seed schema, naming the JSON path of every problem.
 */
import { distance } from "fastest-levenshtein";
import { canonicalJson } from "../canonical-json.js";
import type { TwinName } from "../twins/index.js";
import type { TwinCatalog } from "./catalog.js";
import { describeValue } from "./config.js";
import { DataSyntaxError, formatPath, parseDataBlock, type DataBlock, type DataLanguage, type DataPath } from "./data-block.js";
import { fencedBlocks, firstContentLine, sectionText, type Section } from "./markdown.js";
import type { Problems } from "./problems.js";

export interface SidecarSeed {
  file: string;
  text: string;
}

export interface SeedInput {
  section: Section | undefined;
  sidecar: SidecarSeed | null;
  /** From the config, with the line that set them; absent means "infer". */
  twins: { names: TwinName[]; line: number } | null;
  catalog: TwinCatalog;
}

export interface ResolvedSeed {
  twins: TwinName[];
  seeds: Partial<Record<TwinName, unknown>>;
  source: "inline" | "sidecar" | "default";
  /** Line of the seed fence (inline), else of the `## Seed State` heading. */
  line: number | undefined;
}

interface LoadedSeed {
  value: Record<string, unknown>;
  block: DataBlock;
  file: string;
  line: number;
}

const SEED_LANGUAGES: Record<string, DataLanguage> = { json: "json", jsonc: "json", yaml: "yaml", yml: "yaml" };

export function resolveSeed(input: SeedInput, problems: Problems): ResolvedSeed | null {
  const before = problems.errors.length;
  const failed = () => problems.errors.length > before;
  const inline = input.section ? readInline(input.section, problems) : null;
  const sidecar = input.sidecar ? readSidecar(input.sidecar, problems) : null;
  if (failed()) return null;

  if (inline && sidecar && canonicalJson(inline.value) !== canonicalJson(sidecar.value)) {
    problems.error(
      inline.line,
      `the inline seed in \`## Seed State\` and the sidecar ${input.sidecar!.file} differ: keep one of them (or make them equal)`,
    );
    return null;
  }
  if (input.section && !inline && !input.sidecar && sectionText(input.section) !== "") {
    problems.warn(
      input.section.heading.line,
      "`## Seed State` has no JSON or YAML block and there is no sidecar seed: the twins' default seed is used",
    );
  }

  const chosen = inline ?? sidecar;
  const source = inline ? "inline" : sidecar ? "sidecar" : "default";
  const line = inline?.line ?? input.section?.heading.line;
  const choice = chooseTwins(chosen, input, problems);
  if (!choice) return null;
  const { twins, guessed } = choice;

  const parts = splitByTwin(chosen, twins, input.twins !== null, input.catalog, problems);
  if (!parts) return null;

  const seeds: Partial<Record<TwinName, unknown>> = {};
  for (const twin of twins) {
    const definition = input.catalog[twin]!;
    const part = parts.get(twin);
    const raw = part ? part.value : definition.seed.default;
    const result = definition.seed.schema.safeParse(raw);
    if (result.success) {
      seeds[twin] = result.data;
      continue;
    }
    for (const issue of result.error.issues.slice(0, 10)) {
      const path = [...(part?.prefix ?? []), ...issue.path];
      const at = part && chosen ? { file: chosen.file, line: chosen.block.lineOf(path) } : { file: problems.file, line: line ?? 1 };
      const inferred = guessed ? ` (the seed fits no twin, so ${twin} was assumed; set \`twins:\` if you meant another)` : "";
      const where = path.length ? `${formatPath(path)}: ` : "";
      problems.error(at.line, `invalid ${twin} seed: ${where}${issue.message.replace(/^Invalid input: /, "")}${inferred}`, at.file);
    }
  }
  if (failed()) return null;
  return { twins, seeds, source, line };
}

function readInline(section: Section, problems: Problems): LoadedSeed | null {
  const found = inlineSeedText(section);
  if (!found) return null;
  if (found.unclosed) {
    problems.error(found.line, "the seed's code fence is never closed");
    return null;
  }
  const block = parse(found.content, found.language, found.contentLine, problems.file, "seed", problems);
  return block ? asSeed(block, problems.file, found.line, problems) : null;
}

const JSON_START = /^\s*[{[]/;
const YAML_KEY = /^\s*["']?[\w$-]+["']?\s*:(\s|$)/;

/** The seed text of `## Seed State`, or null when the section is prose. */
function inlineSeedText(section: Section): { content: string; language: DataLanguage; line: number; contentLine: number; unclosed: boolean } | null {
  const [first] = fencedBlocks(section.body);
  if (first) {
    const tagged = SEED_LANGUAGES[first.language];
    const firstLine = first.content.split("\n").find((l) => l.trim() !== "") ?? "";
    const untaggedData = first.language === "" && (JSON_START.test(firstLine) || YAML_KEY.test(firstLine));
    // A block in another language (ts, diff…) belongs to a prose description of the world.
    if (!tagged && !untaggedData) return null;
    const language = tagged ?? (JSON_START.test(firstLine) ? "json" : "yaml");
    return { content: first.content, language, line: first.line, contentLine: first.contentLine, unclosed: !first.closed };
  }
  // The earlier format also accepted a bare JSON object as the whole section.
  if (!JSON_START.test(sectionText(section))) return null;
  const line = firstContentLine(section);
  const content = section.body
    .filter((l) => l.line >= line)
    .map((l) => l.text)
    .join("\n");
  return { content, language: "json", line, contentLine: line, unclosed: false };
}

function readSidecar(sidecar: SidecarSeed, problems: Problems): LoadedSeed | null {
  const block = parse(sidecar.text.replace(/^\uFEFF/, ""), "json", 1, sidecar.file, "sidecar seed", problems);
  if (!block) return null;
  return asSeed(block, sidecar.file, 1, problems);
}

function parse(text: string, language: DataLanguage, firstLine: number, file: string, what: string, problems: Problems): DataBlock | null {
  try {
    return parseDataBlock(text, language, firstLine);
  } catch (error) {
    if (!(error instanceof DataSyntaxError)) throw error;
    problems.error(error.line, `${what}: ${error.message}`, file);
    return null;
  }
}

function asSeed(block: DataBlock, file: string, line: number, problems: Problems): LoadedSeed | null {
  const value = block.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    problems.error(line, `the seed must be a JSON/YAML object, got ${describeValue(value)}`, file);
    return null;
  }
  // `_meta` is written by the earlier `compile-seeds` (source hash, model); it is not world state.
  const { _meta, ...rest } = value as Record<string, unknown>;
  void _meta;
  return { value: rest, block, file, line };
}

/**
 * Twin names of pome's design, whether or not the catalog at hand has them (parsing takes
 * the catalog as a value; tests hand in smaller ones): a seed part for one of them is a
 * twin's part (and an error when that twin is not in the scenario), never data for
 * another twin's seed.
 */
const VENDOR_TWINS: readonly string[] = ["github", "stripe", "slack"];

function isTwinName(key: string, catalog: TwinCatalog): boolean {
  return catalog[key] !== undefined || VENDOR_TWINS.includes(key);
}

/** A seed is keyed by twin when one of its top-level keys names a twin (no twin's seed has such a key). */
function isKeyedByTwin(value: Record<string, unknown>, catalog: TwinCatalog): boolean {
  return Object.keys(value).some((key) => isTwinName(key, catalog));
}

/**
 * Which twins boot: the configured ones (the config only accepts the catalog's names), the
 * keys of a seed keyed by twin, the one twin an unwrapped seed fits, else the catalog's
 * first (GitHub in pome's catalog, the twin the earlier format assumed) — `guessed` when
 * a seed was given but fits no twin.
 */
function chooseTwins(seed: LoadedSeed | null, input: SeedInput, problems: Problems): { twins: TwinName[]; guessed: boolean } | null {
  if (input.twins) return { twins: input.twins.names, guessed: false };
  if (seed && isKeyedByTwin(seed.value, input.catalog)) {
    // Keys that name no twin of this build are reported by splitByTwin.
    const twins = Object.keys(seed.value).filter((key) => input.catalog[key] !== undefined);
    if (twins.length > 0) return { twins, guessed: false };
  }
  const inferred = seed ? inferSingleTwin(seed.value, input.catalog) : null;
  if (inferred) return { twins: [inferred], guessed: false };
  const first = Object.keys(input.catalog)[0];
  if (first === undefined) {
    problems.error(seed?.line ?? 1, "this build of pome has no twins to boot", seed?.file ?? problems.file);
    return null;
  }
  return { twins: [first], guessed: seed !== null };
}

/**
 * An unwrapped seed belongs to the twin whose seed schema knows all its top-level keys
 * (and accepts it, when several do: `users` alone fits GitHub and Slack); null if none.
 */
function inferSingleTwin(value: Record<string, unknown>, catalog: TwinCatalog): TwinName | null {
  const keys = Object.keys(value);
  const fitting = Object.keys(catalog).filter((twin) => {
    const known = topLevelKeys(catalog[twin]?.seed.schema);
    return catalog[twin] && (known === null || keys.every((k) => known.includes(k)));
  });
  const accepting = fitting.filter((twin) => catalog[twin]!.seed.schema.safeParse(value).success);
  return accepting[0] ?? fitting[0] ?? null;
}

function topLevelKeys(schema: unknown): string[] | null {
  let current = schema as { shape?: Record<string, unknown>; def?: { type?: string; in?: unknown; innerType?: unknown } } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.shape && typeof current.shape === "object") return Object.keys(current.shape);
    const def = current.def;
    current = (def?.type === "pipe" ? def.in : def?.innerType) as typeof current;
  }
  return null;
}

interface SeedPart {
  value: unknown;
  /** Path of this part inside the seed document (`["github"]` for a keyed seed). */
  prefix: DataPath;
}

function splitByTwin(seed: LoadedSeed | null, twins: TwinName[], configured: boolean, catalog: TwinCatalog, problems: Problems): Map<TwinName, SeedPart> | null {
  const parts = new Map<TwinName, SeedPart>();
  if (!seed) return parts;
  if (isKeyedByTwin(seed.value, catalog)) {
    let ok = true;
    for (const [key, value] of Object.entries(seed.value)) {
      const twin = key;
      if (!twins.includes(twin)) {
        problems.error(seed.block.lineOf([key]), strayPart(key, twins, configured, catalog), seed.file);
        ok = false;
        continue;
      }
      parts.set(twin, { value, prefix: [key] });
    }
    return ok ? parts : null;
  }
  if (twins.length > 1) {
    problems.error(
      seed.line,
      `with several twins (${twins.join(", ")}) the seed must be keyed by twin: {"${twins[0]}": {…}, "${twins[1]}": {…}}`,
      seed.file,
    );
    return null;
  }
  parts.set(twins[0], { value: seed.value, prefix: [] });
  return parts;
}

/** Why a part of a seed keyed by twin belongs to no twin of the scenario. */
function strayPart(key: string, twins: TwinName[], configured: boolean, catalog: TwinCatalog): string {
  const list = twins.join(", ");
  if (catalog[key] !== undefined) {
    const hint = configured ? `: add it to \`twins\` (now ${list})` : "";
    return `the seed has a \`${key}\` part but \`${key}\` is not booted${hint}`;
  }
  if (VENDOR_TWINS.includes(key)) {
    return `the seed has a \`${key}\` part but this build of pome has no ${key} twin (this scenario's twins: ${list})`;
  }
  const near = [...new Set([...twins, ...Object.keys(catalog)])].filter((twin) => distance(twin, key.toLowerCase()) <= 2);
  const guess = near.length ? `; did you mean \`${near[0]}\`?` : "";
  return `the seed is keyed by twin, but \`${key}\` names no twin of this scenario (its twins: ${list})${guess}`;
}
