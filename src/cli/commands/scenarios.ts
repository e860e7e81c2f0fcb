/**
 * `pome scenarios list|lint|phrases`: browse and check scenario files without running
 * them. Output goes to stdout (it is what was asked for); exit codes follow spec/run.md.
 */
import type { Command } from "commander";
import {
  defaultCatalog,
  exitCodeFor,
  exitCodeOf,
  formatDiagnostic,
  lintPath,
  listScenarios,
  parseScenario,
  PomeError,
  TWIN_NAMES,
  usageError,
  worstExitCode,
  type LintResult,
  type Scenario,
  type TwinCatalog,
} from "../../index.js";

export interface ScenariosCommandIO {
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
  /** Twins to compile against (default: every twin of this build). */
  catalog?: TwinCatalog;
}

const processIO: ScenariosCommandIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  setExitCode: (code) => {
    process.exitCode = worstExitCode([Number(process.exitCode ?? 0), code]);
  },
};

export function registerScenariosCommands(program: Command, io: ScenariosCommandIO = processIO): Command {
  const scenarios = program.command("scenarios").description("List, lint and explore scenario files without running them.");
  const guarded =
    <A extends unknown[]>(action: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      try {
        io.setExitCode(await action(...args));
      } catch (error) {
        io.err(`${error instanceof PomeError ? error.describe() : error instanceof Error ? error.message : String(error)}\n`);
        io.setExitCode(exitCodeOf(error));
      }
    };

  scenarios
    .command("list")
    .description("One line per scenario: file, title, twins, criteria count, tags.")
    .argument("[path]", "a scenario file or a directory of them", "scenarios")
    .option("--recursive", "descend into subdirectories", false)
    .action(guarded((path: string, options: { recursive: boolean }) => listCommand(path, options, io)));

  scenarios
    .command("lint")
    .description("Parse scenarios without running them: sections, config, seeds, every [D] compiled, vacuous [D] flagged.")
    .argument("[path]", "a scenario file or a directory of them", "scenarios")
    .option("--strict", "exit 1 when there are warnings", false)
    .option("--recursive", "descend into subdirectories", false)
    .action(guarded((path: string, options: { strict: boolean; recursive: boolean }) => lintCommand(path, options, io)));

  scenarios
    .command("phrases")
    .description("The [D] phrase families each twin understands, with examples.")
    .argument("[twin]", `one of ${TWIN_NAMES.join(", ")} (default: all)`)
    .action(guarded(async (twin: string | undefined) => phrasesCommand(twin, io)));

  return scenarios;
}

async function listCommand(path: string, options: { recursive: boolean }, io: ScenariosCommandIO): Promise<number> {
  const files = await listScenarios(path, { recursive: options.recursive });
  const rows: string[][] = [["FILE", "TITLE", "TWINS", "CRITERIA", "TAGS"]];
  const broken: string[] = [];
  for (const file of files) {
    let scenario: Scenario;
    try {
      scenario = await parseScenario(file, { catalog: io.catalog });
    } catch (error) {
      if (error instanceof PomeError && error.code === "USAGE") throw error;
      rows.push([file, "(invalid: see below)", "", "", ""]);
      broken.push(error instanceof PomeError ? error.describe() : String(error));
      continue;
    }
    rows.push([file, scenario.title, scenario.config.twins.join(","), String(scenario.criteria.length), scenario.config.tags.join(",")]);
  }
  io.out(table(rows));
  for (const line of broken) io.out(`${line}\n`);
  io.out(`${files.length} scenario${files.length === 1 ? "" : "s"}${broken.length ? `, ${broken.length} invalid (pome scenarios lint ${path})` : ""}\n`);
  // An unreadable scenario counts as a lint error.
  return exitCodeFor({ kind: "lint", errors: broken.length, warnings: 0, strict: false });
}

async function lintCommand(path: string, options: { strict: boolean; recursive: boolean }, io: ScenariosCommandIO): Promise<number> {
  const results = await lintPath(path, { recursive: options.recursive, catalog: io.catalog });
  for (const result of results) for (const d of result.diagnostics) io.out(`${formatDiagnostic(d)}\n`);
  const { errors, warnings } = count(results);
  io.out(`${results.length} scenario${results.length === 1 ? "" : "s"} linted: ${plural(errors, "error")}, ${plural(warnings, "warning")}\n`);
  return exitCodeFor({ kind: "lint", errors, warnings, strict: options.strict });
}

function phrasesCommand(twin: string | undefined, io: ScenariosCommandIO): number {
  const catalog = io.catalog ?? defaultCatalog();
  const names = Object.keys(catalog);
  if (twin !== undefined && !names.includes(twin)) {
    throw usageError(`unknown twin \`${twin}\`: one of ${names.join(", ")}`);
  }
  const twins = twin ? [twin] : names;
  const blocks: string[] = [];
  for (const name of twins) {
    const definition = catalog[name];
    if (!definition) throw usageError(`the ${name} twin is not available in this build of pome`);
    const lines = [`${name} (${definition.phrases.length} phrase famil${definition.phrases.length === 1 ? "y" : "ies"})`];
    for (const family of definition.phrases) {
      lines.push(`  ${family.id}: ${family.summary}`);
      for (const example of family.examples) lines.push(`    - [D] ${example}`);
    }
    blocks.push(lines.join("\n"));
  }
  blocks.push(
    [
      "Anything else, as an expression: - [D] <text> => `<JSONata over initial, final, calls, events, yielding a boolean>`",
      "With several twins, a sentence more than one of them understands takes the twin it is about: - [D:stripe] <text> (- [D!:github] <text> when must-pass).",
    ].join("\n"),
  );
  io.out(`${blocks.join("\n\n")}\n`);
  return exitCodeFor({ kind: "ok" });
}

function count(results: LintResult[]): { errors: number; warnings: number } {
  const all = results.flatMap((r) => r.diagnostics);
  return { errors: all.filter((d) => d.severity === "error").length, warnings: all.filter((d) => d.severity === "warning").length };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Columns padded to their widest cell; the last column is not padded. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd()).join("\n") + "\n";
}
