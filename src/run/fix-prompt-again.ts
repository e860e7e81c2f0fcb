/**
 * A finished run's fix prompt, written again from its artifacts (score.json, events.jsonl,
 * the states, the scenario file): with the LLM when one is configured, the template
 * otherwise. `pome fix-prompt` is a shell over this, so embedders get the same prompt.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { usageError } from "../errors.js";
import { fixPromptMaterial, generateFixPrompt, type FixPromptMaterial, type RecordedCall } from "../evaluate/index.js";
import { LlmClient, resolveProvider } from "../llm/index.js";
import { parseScenario } from "../scenario/index.js";
import { createRedactor } from "../trace/index.js";
import { ARTIFACT } from "./artifacts.js";
import { readRunRecord, type RunRecord } from "./run-record.js";

export interface RegenerateFixPromptOptions {
  runDir: string;
  /** The deterministic template even when an LLM is configured. */
  template?: boolean;
  /** Model for the LLM-written prompt (default: the provider's). */
  model?: string;
  /** Replace fix_prompt.md and the fix prompt fields of score.json. */
  write: boolean;
  /** Where the LLM provider is configured (default: process.env). */
  env?: Record<string, string | undefined>;
  /** What the scenario path recorded in meta.json is relative to (default: process.cwd()). */
  cwd?: string;
  /** Unreadable artifacts and LLM fallbacks: the prompt is still written from what is left. */
  warn?: (message: string) => void;
}

export interface RegeneratedFixPrompt {
  title: string;
  /** Null when the run passed: there is nothing to fix. */
  text: string | null;
  source: "llm" | "template" | null;
  /** The model that wrote it, when the LLM did. */
  model: string | null;
  /** fix_prompt.md, when it was written. */
  file: string | null;
}

/** Throws a usage error when the run never reached scoring. */
export async function regenerateFixPrompt(opts: RegenerateFixPromptOptions): Promise<RegeneratedFixPrompt> {
  const { runDir } = opts;
  const warn = opts.warn ?? (() => undefined);
  const record = readRunRecord(runDir);
  for (const problem of record.problems) warn(problem);
  const score = record.score;
  if (!score) throw usageError(`${join(runDir, ARTIFACT.score)} is missing or invalid: the run never reached scoring, so there is nothing to write a fix prompt from`);
  if (score.status === "pass") return { title: score.title, text: null, source: null, model: null, file: null };

  const provider = opts.template ? null : resolveProvider(opts.env ?? process.env);
  const material = fixPromptMaterial({
    scenario: await scenarioOf(record, opts.cwd ?? process.cwd(), score.title, warn),
    score,
    input: { initial: readState(runDir, ARTIFACT.stateInitial, warn), final: readState(runDir, ARTIFACT.stateFinal, warn), calls: scoredCalls(record) },
    agentSummary: str(record.meta.agent_summary),
    agentCommand: str(record.meta.agent_command),
    // The artifacts are redacted already; this catches anything read from the scenario file.
    redactor: createRedactor(),
  });
  const fix = await generateFixPrompt(material, provider ? { client: new LlmClient({ provider }), model: opts.model } : null);
  if (fix.warning) warn(fix.warning);
  const result: RegeneratedFixPrompt = { title: score.title, text: fix.text, source: fix.source, model: fix.model, file: null };
  if (!opts.write) return result;

  result.file = join(runDir, ARTIFACT.fixPrompt);
  writeFileSync(result.file, fix.text);
  const scoreFile = join(runDir, ARTIFACT.score);
  // The stored file, not the parsed score: fields this version does not know survive.
  const stored = JSON.parse(readFileSync(scoreFile, "utf8")) as Record<string, unknown>;
  writeFileSync(scoreFile, `${JSON.stringify({ ...stored, fix_prompt: fix.text, fix_prompt_source: fix.source }, null, 2)}\n`);
  return result;
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
