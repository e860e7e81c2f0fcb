/**
 * `pome fix-prompt <run-dir|run-id|latest>`: writes the fix prompt of a finished run again
 * from its artifacts (regenerateFixPrompt), with the LLM when one is configured and the
 * template otherwise. Prints it on stdout and, unless `--no-write`, replaces fix_prompt.md
 * and the fix prompt fields of score.json.
 */
import type { Command } from "commander";
import { loadConfig, regenerateFixPrompt, resolveRunDir, stripControls } from "../../index.js";

interface FixPromptFlags {
  artifactsDir?: string;
  template?: boolean;
  model?: string;
  write: boolean;
}

export function registerFixPromptCommand(program: Command): void {
  program
    .command("fix-prompt")
    .description("Write the fix prompt of a finished run again from its artifacts (with the LLM when one is configured).")
    .argument("<run>", "a run folder, a run id, or latest")
    .option("--artifacts-dir <dir>", "where runs are (default: pome.config.json artifactsDir, else runs)")
    .option("--template", "use the deterministic template even when an LLM is configured")
    .option("--model <id>", "model for the LLM-written fix prompt (default: the provider's)")
    .option("--no-write", "only print it; leave fix_prompt.md and score.json as they are")
    .action(async (target: string, flags: FixPromptFlags) => {
      const cwd = process.cwd();
      const artifactsDir = flags.artifactsDir ?? loadConfig(cwd).artifactsDir ?? "runs";
      const fix = await regenerateFixPrompt({
        runDir: resolveRunDir(target, { artifactsDir, cwd }),
        template: flags.template,
        model: flags.model,
        write: flags.write,
        env: process.env,
        cwd,
        warn: (message) => process.stderr.write(`warning: ${stripControls(message)}\n`),
      });
      if (fix.text === null) {
        process.stderr.write(`${stripControls(fix.title)}: the run passed; there is nothing to fix.\n`);
        return;
      }
      // An LLM wrote it, from what an agent did: shown as text, never as terminal commands.
      process.stdout.write(stripControls(fix.text));
      if (fix.file) process.stderr.write(`wrote ${fix.file} (${fix.source === "llm" ? `written by ${fix.model}` : "from the template"})\n`);
    });
}
