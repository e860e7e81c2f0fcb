/**
 * A scenario file → `Scenario` (spec/scenario.md). Every problem is reported with the
 * file and line it is at; a file with any error throws a `ScenarioError` listing them all.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PomeError } from "../errors.js";
import type { FaultRule, TwinName } from "../twins/index.js";
import { compileCriterion } from "../criteria/index.js";
import { defaultCatalog, defaultSnapshot, vocabularies, type SeedSnapshot, type TwinCatalog } from "./catalog.js";
import { CONFIG_DEFAULTS, resolveConfig, type ConfigSource, type ResolvedConfig } from "./config.js";
import { parseCriteria } from "./criteria.js";
import { DataSyntaxError, parseDataBlock, type DataBlock } from "./data-block.js";
import { sidecarPathOf, slugOf } from "./discover.js";
import { resolveFaults } from "./faults.js";
import { readFrontmatter } from "./frontmatter.js";
import { fencedBlocks, firstContentLine, outline, scanLines, sectionText, type Section } from "./markdown.js";
import { Problems } from "./problems.js";
import { sectionsByRole } from "./sections.js";
import { resolveSeed, type SidecarSeed } from "./seed.js";
import type { Criterion, Scenario, ScenarioConfig } from "./types.js";

export interface ParseOptions {
  /** The sidecar `<name>.seed.json`, when there is one (`parseScenario` reads it). */
  sidecar?: SidecarSeed | null;
  /** Twins that may be booted (default: every twin of this build). */
  catalog?: TwinCatalog;
  /** Seeded state per twin for phrase compilation (default: built from the catalog). */
  snapshot?: SeedSnapshot;
}

/** Reads the file and its sidecar seed, then parses. */
export async function parseScenario(file: string, opts: Omit<ParseOptions, "sidecar"> = {}): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new PomeError("USAGE", `scenario file not found: ${file}`);
    throw new PomeError("SCENARIO_INVALID", `cannot read scenario: ${(error as Error).message}`, { file, cause: error });
  }
  const sidecarFile = sidecarPathOf(file);
  let sidecar: SidecarSeed | null = null;
  try {
    sidecar = { file: sidecarFile, text: await readFile(sidecarFile, "utf8") };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new PomeError("SCENARIO_INVALID", `cannot read sidecar seed: ${(error as Error).message}`, { file: sidecarFile, cause: error });
    }
  }
  return parseScenarioText(text, file, { ...opts, sidecar });
}

export function parseScenarioText(text: string, file: string, opts: ParseOptions = {}): Scenario {
  const catalog = opts.catalog ?? defaultCatalog();
  const snapshot = opts.snapshot ?? defaultSnapshot(catalog);
  const problems = new Problems(file);
  const sha256 = createHash("sha256").update(text, "utf8").digest("hex");
  const slug = slugOf(file);

  const normalised = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const front = readFrontmatter(normalised, problems);
  const body = scanLines(normalised.split("\n").slice(front.bodyLine - 1), front.bodyLine);
  const doc = outline(body);
  for (const fence of doc.unclosedFences) {
    problems.warn(fence.line, "this code fence is never closed: everything after it is code, headings included");
  }
  const roles = sectionsByRole(doc.sections, problems);

  const sources: ConfigSource[] = [];
  if (front.block) sources.push({ name: "the frontmatter", block: front.block });
  const configBlock = roles.config ? readConfigSection(roles.config, problems) : null;
  if (configBlock) sources.push({ name: "`## Config`", block: configBlock });
  const resolved = resolveConfig(sources, roles.config?.heading.line ?? 1, problems, Object.keys(catalog));

  const seed = resolved ? resolveSeed({ section: roles.seed, sidecar: opts.sidecar ?? null, twins: configuredTwins(resolved), catalog }, problems) : null;
  const faults = seed && resolved ? [...resolveFaults(resolved.config.faults ?? [], seed.twins, catalog, resolved.lineOf, problems), ...seedFaults(seed, catalog)] : [];

  const prompt = sectionText(roles.prompt);
  if (!roles.prompt) problems.error(doc.title?.line ?? front.bodyLine, "missing `## Prompt` section (the task given to the agent; `## Task` also works)");
  else if (prompt === "") problems.error(roles.prompt.heading.line, `\`## ${roles.prompt.heading.text}\` is empty: it is the task given to the agent`);

  const parsed = roles.criteria ? parseCriteria(roles.criteria.body, problems) : [];
  if (!roles.criteria) {
    problems.error(doc.title?.line ?? front.bodyLine, "missing `## Success Criteria` section (`## Acceptance Criteria`, `## Criteria` and `## Checks` also work)");
  } else if (parsed.length === 0) {
    problems.error(roles.criteria.heading.line, `\`## ${roles.criteria.heading.text}\` has no criteria: list items starting with [D], [P], [D!] or [P!]`);
  }

  const criteria: Criterion[] = parsed.map((c) => ({ ...c }));
  if (seed) {
    const initial = seedSnapshots(seed.twins, seed.seeds, snapshot, seed.line ?? 1, problems, sha256);
    if (initial) {
      const vocabulary = vocabularies(catalog, seed.twins, initial);
      for (const criterion of criteria) {
        if (criterion.kind !== "D") continue;
        const compiled = compileCriterion(criterion.text, vocabulary, { twin: criterion.twin, mustPass: criterion.mustPass });
        if (!compiled.ok) problems.error(criterion.line, compiled.error);
        else Object.assign(criterion, { check: compiled.check, family: compiled.family }, compiled.twin === null ? {} : { twin: compiled.twin });
      }
    }
  }

  problems.throwIfFailed();
  // Unreachable: each stage that yields null has reported an error.
  if (!seed || !resolved) throw new PomeError("INTERNAL", "scenario parsing stopped without reporting why", { file });
  const config: ScenarioConfig = {
    twins: seed.twins,
    timeout: resolved.config.timeout ?? CONFIG_DEFAULTS.timeout,
    runs: resolved.config.runs ?? CONFIG_DEFAULTS.runs,
    passThreshold: resolved.config.passThreshold ?? CONFIG_DEFAULTS.passThreshold,
    judge: resolved.config.judge ?? CONFIG_DEFAULTS.judge,
    tags: resolved.config.tags ?? [],
    faults,
  };
  const lines: Scenario["lines"] = {};
  if (doc.title) lines.title = doc.title.line;
  if (roles.prompt) lines.prompt = roles.prompt.heading.line;
  if (roles.criteria) lines.criteria = roles.criteria.heading.line;
  if (seed.line !== undefined) lines.seed = seed.line;
  if (roles.config) lines.config = roles.config.heading.line;
  else if (front.block) lines.config = 1;

  return {
    file,
    slug,
    title: doc.title?.text ?? slug,
    sha256,
    prompt,
    setup: sectionText(roles.setup),
    expectedBehavior: sectionText(roles.expectedBehavior),
    config,
    seed: seed.seeds,
    seedSource: seed.source,
    criteria,
    warnings: problems.warnings,
    lines,
  };
}

function configuredTwins(resolved: ResolvedConfig): { names: TwinName[]; line: number } | null {
  const names = resolved.config.twins;
  if (!names) return null;
  return { names: [...new Set(names)], line: resolved.keyLines.twins ?? 1 };
}

/** `## Config`: its first fenced block (YAML or JSON), else the section text itself. */
function readConfigSection(section: Section, problems: Problems): DataBlock | null {
  const [fence] = fencedBlocks(section.body);
  let content: string;
  let firstLine: number;
  let language: "json" | "yaml" = "yaml";
  if (fence) {
    if (!["", "yaml", "yml", "json", "jsonc"].includes(fence.language)) {
      problems.error(fence.line, `\`## Config\` must hold YAML or JSON, not \`${fence.language}\``);
      return null;
    }
    if (!fence.closed) {
      problems.error(fence.line, "the config's code fence is never closed");
      return null;
    }
    if (fence.language.startsWith("json")) language = "json";
    ({ content, contentLine: firstLine } = fence);
  } else {
    firstLine = firstContentLine(section);
    content = section.body
      .filter((l) => l.line >= firstLine)
      .map((l) => l.text)
      .join("\n");
  }
  try {
    return parseDataBlock(content, language, firstLine);
  } catch (error) {
    if (!(error instanceof DataSyntaxError)) throw error;
    problems.error(error.line, `\`## Config\`: ${error.message}`);
    return null;
  }
}

/** Each booted twin's state as the agent will first see it; a seed the twin cannot load is an error here. */
export function seedSnapshots(
  twins: TwinName[],
  seeds: Partial<Record<TwinName, unknown>>,
  snapshot: SeedSnapshot,
  line: number,
  problems: Problems,
  seedKey?: string,
): Partial<Record<TwinName, unknown>> | null {
  const initial: Partial<Record<TwinName, unknown>> = {};
  const before = problems.errors.length;
  for (const twin of twins) {
    try {
      initial[twin] = snapshot(twin, seeds[twin], seedKey);
    } catch (error) {
      problems.error(line, `the ${twin} twin cannot load this seed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems.errors.length > before ? null : initial;
}

/** Faults the twins' seeds declare themselves (the earlier Stripe format's `failure_injection`). */
function seedFaults(seed: { twins: TwinName[]; seeds: Partial<Record<TwinName, unknown>> }, catalog: TwinCatalog): FaultRule[] {
  return seed.twins.flatMap((twin) => {
    const definition = catalog[twin];
    return definition?.seed.faults ? definition.seed.faults(seed.seeds[twin], definition.operations) : [];
  });
}
