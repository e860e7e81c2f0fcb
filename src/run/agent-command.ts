/**
 * The agent command, split like a shell splits words (quotes and backslashes respected)
 * and run without a shell. Shell syntax (pipes, redirects, `&&`) is refused with a message
 * naming the escape hatch, POME_TRUST_AGENT_COMMAND=1, which runs it through `sh -c`.
 */
import { parse } from "shell-quote";
import { usageError } from "../errors.js";

export interface AgentCommand {
  /** What is spawned: the program and its arguments. */
  file: string;
  args: string[];
  /** Leading `NAME=value` words, applied to the agent's environment as a shell would. */
  env: Record<string, string>;
  /** The command as configured, for meta.json and messages. */
  display: string;
  viaShell: boolean;
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export function splitAgentCommand(command: string, opts: { trusted: boolean }): AgentCommand {
  const display = command.trim();
  if (!display) throw usageError("the agent command is empty: pass --agent <command> or set agent.command in pome.config.json");
  if (opts.trusted) return { file: "sh", args: ["-c", display], env: {}, display, viaShell: true };

  const problem = unbalanced(display);
  if (problem) throw usageError(`could not parse the agent command (${problem}): ${display}`);

  const words: string[] = [];
  // Variables stay literal: without a shell nothing expands them, and guessing would differ from sh.
  for (const entry of parse(display, (name) => `$${name}`)) {
    if (typeof entry === "string") words.push(entry);
    else if ("comment" in entry) break;
    else if (entry.op === "glob") words.push(entry.pattern);
    else {
      throw usageError(
        `the agent command uses shell syntax (\`${entry.op}\`), but it is run without a shell. ` +
          "Set POME_TRUST_AGENT_COMMAND=1 to run it through sh -c, or point --agent at a script.",
      );
    }
  }

  const env: Record<string, string> = {};
  while (words.length > 1 && ASSIGNMENT.test(words[0])) {
    const [, name, value] = ASSIGNMENT.exec(words.shift()!)!;
    env[name] = value;
  }
  if (words.length === 0 || ASSIGNMENT.test(words[0])) throw usageError(`the agent command names no program: ${display}`);
  return { file: words[0], args: words.slice(1), env, display, viaShell: false };
}

/** shell-quote silently closes an open quote; a shell would refuse, so do we. */
function unbalanced(command: string): string | null {
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === "\\") {
      if (i === command.length - 1) return "trailing backslash";
      i++;
    } else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    }
  }
  return quote ? `unterminated ${quote} quote` : null;
}
