/**
 * The flags of `pome run`, declared once as a typed table: each maps onto one field of
 * RunOptions, so the CLI, its help and the library cannot drift apart.
 */
import { InvalidArgumentError, Option, type Command } from "commander";
import type { RunOptionsInput } from "../index.js";

interface RunFlag {
  flags: string;
  description: string;
  option: keyof RunOptionsInput;
  parse?: (value: string, previous: unknown) => unknown;
  choices?: string[];
}

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new InvalidArgumentError("expected a whole number ≥ 1.");
  return Number(value);
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!value.trim() || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a number of seconds > 0.");
  return n;
}

function repeatable(value: string, previous: unknown): string[] {
  return [...(Array.isArray(previous) ? previous : []), value];
}

export const RUN_FLAGS: readonly RunFlag[] = [
  { flags: "--agent <command>", option: "agent", description: "command spawned as the agent (default: pome.config.json agent.command, else the bundled scripted example)" },
  { flags: "--artifacts-dir <dir>", option: "artifactsDir", description: "where run folders go (default: pome.config.json artifactsDir, else runs)" },
  { flags: "--api-url <url>", option: "apiUrl", description: "control plane for hosted runs (default: POME_API_URL)" },
  { flags: "--agent-model <name>", option: "agentModel", description: "informational model name recorded in meta.json and score.json (default: unknown)" },
  { flags: "--no-fix-prompt", option: "fixPrompt", description: "do not generate fix prompts" },
  { flags: "--no-capture", option: "capture", description: "no capture proxy and no proxy variables for the agent" },
  { flags: "--hosted", option: "hosted", description: "deprecated no-op" },
  { flags: "--local", option: "local", description: "force the in-process local twins (same as POME_LOCAL=1)" },
  { flags: "-n, --trials <k>", option: "trials", parse: positiveInteger, description: "run each scenario k times, each in a fresh world (default: the scenario's runs, else 1)" },
  { flags: "--concurrency <n>", option: "concurrency", parse: positiveInteger, description: "runs in parallel, each in its own world (default: 1)" },
  { flags: "--shard <i/n>", option: "shard", description: "run only the i-th of n slices of the sorted scenario list" },
  { flags: "--timeout <s>", option: "timeout", parse: positiveSeconds, description: "agent wall-clock limit in seconds (default: the scenario's timeout, else 60)" },
  { flags: "--recursive", option: "recursive", description: "with a directory, descend into subdirectories" },
  { flags: "--tag <name>", option: "tags", parse: repeatable, description: "run only scenarios with this tag (repeatable)" },
  { flags: "--judge <on|off>", option: "judge", choices: ["on", "off"], description: "off makes [P] criteria advisory (default: on)" },
  { flags: "--judge-model <id>", option: "judgeModel", description: "model for [P] criteria" },
  { flags: "--no-cache", option: "cache", description: "do not reuse cached judge verdicts" },
  { flags: "--capture-tls", option: "captureTls", description: "TLS capture with a per-run CA" },
];

/** Declares every flag on `command`, remembering which commander attribute feeds which option. */
export function declareRunFlags(command: Command): Map<string, keyof RunOptionsInput> {
  const attributes = new Map<string, keyof RunOptionsInput>();
  for (const flag of RUN_FLAGS) {
    const option = new Option(flag.flags, flag.description);
    if (flag.parse) option.argParser(flag.parse);
    if (flag.choices) option.choices(flag.choices);
    command.addOption(option);
    attributes.set(option.attributeName(), flag.option);
  }
  return attributes;
}

/** Commander's parsed values → RunOptions fields (unset flags stay unset: the library's defaults apply). */
export function toRunOptions(path: string, values: Record<string, unknown>, attributes: Map<string, keyof RunOptionsInput>): RunOptionsInput {
  const options: Record<string, unknown> = { path };
  for (const [attribute, field] of attributes) {
    if (values[attribute] !== undefined) options[field] = values[attribute];
  }
  return options as unknown as RunOptionsInput;
}

export const REPORTERS = ["pretty", "plain", "json", "junit"] as const;
export type Reporter = (typeof REPORTERS)[number];
const LATER_REPORTERS = ["markdown", "html"];

/** `--reporter json,junit` and repeated `--reporter` flags alike. */
export function parseReporters(value: string, previous: unknown): Reporter[] {
  const list = [...(Array.isArray(previous) ? (previous as Reporter[]) : [])];
  for (const name of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    if (LATER_REPORTERS.includes(name)) throw new InvalidArgumentError(`the ${name} reporter is not available in this build (available: ${REPORTERS.join(", ")}).`);
    if (!(REPORTERS as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown reporter "${name}" (available: ${REPORTERS.join(", ")}).`);
    if (!list.includes(name as Reporter)) list.push(name as Reporter);
  }
  return list;
}
