/**
 * `pome inspect <run-dir|run-id|latest>`: a run folder read back as a timeline and its
 * verdicts, on stdout. Unreadable parts are warnings on stderr; what can be shown is.
 */
import type { Command } from "commander";
import { loadConfig, readRunRecord, renderInspect, resolveRunDir, stripControls } from "../../index.js";

export function registerInspectCommand(program: Command): void {
  program
    .command("inspect")
    .description("Show a recorded run: its twin calls, LLM calls and agent exits in order, then the verdicts.")
    .argument("<run>", "a run folder, a run id, or latest")
    .option("--artifacts-dir <dir>", "where runs are (default: pome.config.json artifactsDir, else runs)")
    .action((target: string, values: { artifactsDir?: string }) => {
      const cwd = process.cwd();
      const artifactsDir = values.artifactsDir ?? loadConfig(cwd).artifactsDir ?? "runs";
      const record = readRunRecord(resolveRunDir(target, { artifactsDir, cwd }));
      for (const problem of record.problems) process.stderr.write(`warning: ${stripControls(problem)}\n`);
      const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;
      const text = renderInspect({ meta: record.meta, events: record.events, score: record.score }, { color });
      process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
    });
}
