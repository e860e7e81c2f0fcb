/**
 * The agent used when neither `--agent` nor pome.config.json names one: the bundled
 * scripted example (no LLM, no key), found next to pome's own package.json so it works
 * from the sources, the compiled library and the bundled CLI alike.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { usageError } from "../errors.js";
import type { AgentCommand } from "./agent-command.js";

export const DEFAULT_AGENT_SCRIPT = "examples/agents/scripted-triage-agent.mjs";

export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === "pome") return dir;
      } catch {
        // Someone else's broken package.json: keep walking.
      }
    }
    if (dirname(dir) === dir) return null;
  }
}

export function defaultAgentCommand(): AgentCommand {
  const root = packageRoot();
  const script = root ? join(root, DEFAULT_AGENT_SCRIPT) : null;
  if (!script || !existsSync(script)) {
    throw usageError("no agent to run: pass --agent <command> or set agent.command in pome.config.json");
  }
  return { file: process.execPath, args: [script], env: {}, display: `node ${DEFAULT_AGENT_SCRIPT}`, viaShell: false };
}
