/**
 * The `pome` program: commands registered on one commander instance, and the one place
 * errors become exit codes (exitCodeOf, exitCodeFor): usage problems 5, everything else per its code.
 */
import { Command, CommanderError } from "commander";
import { exitCodeFor, exitCodeOf, outputRedactor, PomeError, POME_VERSION, stripControls } from "../index.js";
import { registerFixPromptCommand } from "./commands/fix-prompt.js";
import { registerInspectCommand } from "./commands/inspect.js";
import { registerRunCommand } from "./commands/run.js";
import { registerScenariosCommands } from "./commands/scenarios.js";
import { registerTwinCommands } from "./commands/twin.js";

export function buildProgram(): Command {
  const program = new Command("pome")
    .description("Test AI agents against stateful twins of GitHub, Stripe and Slack.")
    .version(POME_VERSION)
    .showHelpAfterError("(add --help for usage)")
    // Commander's own parse errors (unknown flag, bad value) are usage errors: exit 5, not its default 1.
    .exitOverride();
  registerRunCommand(program);
  registerInspectCommand(program);
  registerFixPromptCommand(program);
  registerScenariosCommands(program);
  registerTwinCommands(program);
  return program;
}

/** Runs the CLI and gives the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : exitCodeFor({ kind: "ok" });
  } catch (error) {
    // Commander already printed its message.
    if (error instanceof CommanderError) return exitCodeFor({ kind: "arguments", shown: error.exitCode === 0 });
    const message = error instanceof PomeError ? error.describe() : `internal error: ${(error as Error)?.message ?? String(error)}`;
    process.stderr.write(`error: ${stripControls(outputRedactor(process.env).text(message))}\n`);
    return exitCodeOf(error);
  }
}
