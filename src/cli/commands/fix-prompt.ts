/**
 * `pome fix-prompt <run-dir|run-id|latest>`: writes the fix prompt of a finished run again
 * from its artifacts (score.json, events.jsonl, the states, the scenario file), with the
 * LLM when one is configured and the template otherwise. Prints it on stdout and, unless
 * `--no-write`, replaces fix_prompt.md and the fix prompt fields of score.json.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { usageError } from "../../errors.js";
import { fixPromptMaterial, generateFixPrompt, type FixPromptMaterial, type RecordedCall } from "../../evaluate/index.js";
import { LlmClient, resolveProvider } from "../../llm/index.js";
import { ARTIFACT, loadConfig, readRunRecord, resolveRunDir, type RunRecord } from "../../run/index.js";
import { parseScenario } from "../../scenario/index.js";
import { createRedactor } from "../../trace/index.js";

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
      const runDir = resolveRunDir(target, { artifactsDir, cwd });
      const record = readRunRecord(runDir);
      const warn = (message: string) => process.stderr.write(`warning: ${message}\n`);
      for (const problem of record.problems) warn(problem);
      const score = record.score;
      if (!score) throw usageError(`${join(runDir, ARTIFACT.score)} is missing or invalid: the run never reached scoring, so there is nothing to write a fix prompt from`);
      if (score.status === "pass") {
        process.stderr.write(`${score.title}: the run passed; there is nothing to fix.\n`);
        return;
      }

      const provider = flags.template ? null : resolveProvider(process.env);
      const material = fixPromptMaterial({
        scenario: await scenarioOf(record, cwd, score.title, warn),
        score,
        input: { initial: readState(runDir, ARTIFACT.stateInitial, warn), final: readState(runDir, ARTIFACT.stateFinal, warn), calls: scoredCalls(record) },
        agentSummary: str(record.meta.agent_summary),
        agentCommand: str(record.meta.agent_command),
        // The artifacts are redacted already; this catches anything read from the scenario file.
        redactor: createRedactor(),
      });
      const fix = await generateFixPrompt(material, provider ? { client: new LlmClient({ provider }), model: flags.model } : null);
      if (fix.warning) warn(fix.warning);
      process.stdout.write(fix.text);
      if (flags.write) {
        writeFileSync(join(runDir, ARTIFACT.fixPrompt), fix.text);
        const file = join(runDir, ARTIFACT.score);
        const stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
        writeFileSync(file, `${JSON.stringify({ ...stored, fix_prompt: fix.text, fix_prompt_source: fix.source }, null, 2)}\n`);
        process.stderr.write(`wrote ${join(runDir, ARTIFACT.fixPrompt)} (${fix.source === "llm" ? `written by ${fix.model}` : "from the template"})\n`);
      }
    });
}

/** The scenario's task and expected behaviour, read back from its file when it still exists. */
async function scenarioOf(record: RunRecord, cwd: string, title: string, warn: (m: string) => void): Promise<FixPromptMaterial["scenario"]> {
  const recorded = record.meta.scenario as { path?: unknown; sha256?: unknown } | undefined;
  const path = str(recorded?.path);
  const fallback = { title, file: path ?? "(unknown scenario file)", prompt: null, expectedBehavior: null };
  if (!path) return fallback;
  try {
    const scenario = await parseScenario(resolve(cwd, path));
    if (typeof recorded?.sha256 === "string" && recorded.sha256 !== scenario.sha256) warn(`${path} changed since the run; the task and expected behaviour are read from its current version`);
    return { title: scenario.title, file: path, prompt: scenario.prompt, expectedBehavior: scenario.expectedBehavior || null };
  } catch (error) {
    warn(`could not read the scenario ${path} (${(error as Error).message}); the fix prompt leaves out its task`);
    return fallback;
  }
}

function readState(runDir: string, name: string, warn: (m: string) => void): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(runDir, name), "utf8")) as Record<string, unknown>;
  } catch {
    warn(`${name} is missing or not JSON; the fix prompt cannot say what changed`);
    return {};
  }
}

function scoredCalls(record: RunRecord): RecordedCall[] {
  return record.events.filter((e): e is Extract<typeof e, { kind: "TwinHttpEvent" }> => e.kind === "TwinHttpEvent" && !e.preflight);
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
