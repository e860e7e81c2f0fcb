/**
 * `npm run judge-eval`: runs the LLM judge over the labelled judge set with every configured
 * provider (POME_LLM_*, ANTHROPIC_API_KEY, OPENAI_API_KEY) and prints agreement, tokens and
 * cost per provider and model. Needs a key; without one it says so and exits 0 (CI).
 *
 *   npm run judge-eval -- [--model <id>]... [--case <id>]... [--concurrency <n>]
 *
 * `--model` (repeatable) evaluates these models on every configured provider instead of
 * the providers' defaults; `provider:model` (e.g. `anthropic:claude-sonnet-4-5`) limits one
 * to a provider.
 */
import { pathToFileURL } from "node:url";
import { createLlmJudge } from "../../src/evaluate/index.js";
import { LlmClient, resolveProvider, type LlmProvider } from "../../src/llm/index.js";
import { createRedactor } from "../../src/trace/index.js";
import { evaluateJudgeSet, loadJudgeSet, renderEvalReports, type EvalReport } from "./judge-set.js";

type Env = Record<string, string | undefined>;

const PROVIDER_VARS: Record<LlmProvider["source"], string[]> = {
  pome_llm: ["POME_LLM_BASE_URL", "POME_LLM_API_KEY", "POME_LLM_MODEL"],
  anthropic: ["ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL"],
  openai: ["OPENAI_API_KEY", "OPENAI_BASE_URL"],
};

/** Every configured provider, not only the first: the point is to compare them. */
export function configuredProviders(env: Env): LlmProvider[] {
  return Object.values(PROVIDER_VARS)
    .map((names) => resolveProvider(Object.fromEntries(names.map((n) => [n, env[n]]))))
    .filter((p): p is LlmProvider => p !== null);
}

interface Args {
  models: string[];
  cases: string[];
  concurrency: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { models: [], cases: [], concurrency: 4 };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--model" && value) (args.models.push(value), i++);
    else if (argv[i] === "--case" && value) (args.cases.push(value), i++);
    else if (argv[i] === "--concurrency" && value && /^\d+$/.test(value) && Number(value) > 0) (args.concurrency = Number(value), i++);
    else throw new Error(`judge-eval: unknown or incomplete argument ${argv[i]} (usage: [--model <id>]... [--case <id>]... [--concurrency <n>])`);
  }
  return args;
}

/** Runs the evaluation and gives the exit code (0 also when there is no key: nothing to do). */
export async function runJudgeEval(argv: readonly string[], env: Env, write: (text: string) => void, opts: { clientOptions?: { backoff?: { baseMs: number; maxMs: number } } } = {}): Promise<{ code: number; reports: EvalReport[] }> {
  const args = parseArgs(argv);
  const providers = configuredProviders(env);
  if (providers.length === 0) {
    write("judge-eval: no LLM key configured (set ANTHROPIC_API_KEY, OPENAI_API_KEY, or POME_LLM_BASE_URL + POME_LLM_API_KEY + POME_LLM_MODEL); nothing to evaluate.\n");
    return { code: 0, reports: [] };
  }
  const all = await loadJudgeSet();
  const cases = args.cases.length ? all.filter((c) => args.cases.includes(c.id)) : all;
  const unknown = args.cases.filter((id) => !all.some((c) => c.id === id));
  if (unknown.length) throw new Error(`judge-eval: unknown case ${unknown.join(", ")} (known: ${all.map((c) => c.id).join(", ")})`);
  for (const c of cases.filter((c) => c.stale)) write(`note: ${c.id}: ${c.scenario} changed since its trace was recorded (node --import tsx __tests__/judge-set/record.ts)\n`);

  const reports: EvalReport[] = [];
  for (const provider of providers) {
    const client = new LlmClient({ provider, concurrency: args.concurrency, ...opts.clientOptions });
    const models = args.models.length
      ? args.models.filter((m) => !m.includes(":") || m.startsWith(`${provider.source}:`)).map((m) => m.replace(/^[a-z_]+:/, ""))
      : [provider.model];
    for (const model of models) {
      const judge = createLlmJudge({ client, model, redactor: createRedactor(), cache: null });
      write(`judging ${cases.length} cases with ${provider.source} ${model} …\n`);
      reports.push(await evaluateJudgeSet(cases, { label: `${provider.source} ${model}`, judge }));
    }
  }
  write(renderEvalReports(reports));
  return { code: 0, reports };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runJudgeEval(process.argv.slice(2), process.env, (text) => process.stdout.write(text)).then(
    ({ code }) => (process.exitCode = code),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    },
  );
}
