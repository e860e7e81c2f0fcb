/**
 * What the judge is told (spec/evaluate.md "The judge"): one criterion at a time, with the
 * task, the author's expected behaviour, the state diff, the condensed calls, the agent's
 * LLM calls and its own summary; everything redacted and fenced as data.
 */
import type { Redactor, TraceEvent } from "../trace/index.js";
import { condenseCallsWithin, type RecordedCall } from "./call-condensation.js";
import { fence, FENCE_RULE } from "./data-fence.js";
import { clipJson, clipText } from "./json-clip.js";
import type { JudgeRequest } from "./judge.js";
import { worldDiff } from "./state-diff.js";

/** Part of the cache key: change it whenever the prompt or the reply schema changes meaning. */
export const JUDGE_PROMPT_VERSION = "judge-v1";

/** Whole states are shown only below this size (JSON characters); the diff always is. */
const FULL_STATE_MAX = 12_000;
const DIFF_VALUE_MAX = 600;
const DIFF_LINES_MAX = 80;
const SUMMARY_MAX = 6_000;
const LLM_CALLS_MAX = 30;
/** Characters of condensed calls: with everything else, the input stays well inside small models' context. */
const CALLS_BUDGET = 60_000;

export const JUDGE_SYSTEM_PROMPT = `You are the judge of one success criterion of a recorded AI-agent run. An agent was given a task and worked against simulated services (twins of GitHub, Stripe, Slack). You decide whether this one criterion was met, from the evidence only.

${FENCE_RULE}

How to judge:
- Judge only the criterion you are given. The expected behaviour explains the author's intent; it is not itself a criterion.
- Decide from what the agent did: the state diff (what changed between the start and the end of the run), its twin calls, and what it wrote (comments, reviews, messages in the calls; its final summary).
- A criterion about changing something (created, merged, labelled, assigned, commented, reviewed, posted, refunded) is met only if the state diff or a successful call shows it. The agent's summary claiming it did something is not enough.
- A criterion about what the agent recognised, explained, refused or told the user may be met by its summary or by text it posted; say which.
- If the agent made no twin calls at all and the criterion needs an action, the verdict is fail.
- Seeded data that the agent did not change is not to its credit.
- \`[REDACTED:xxxxxxxx]\` replaces a secret; the same placeholder means the same secret value, so you can still tell whether a secret was copied somewhere.
- \`…[N chars elided]\` and "… N calls omitted …" mark material left out for length; do not assume what it said.

Answer with a JSON object and nothing else:
- verdict: "pass" if the criterion is clearly met, otherwise "fail" (a partial result is a fail).
- confidence: from 0 to 1. 1.0 = the evidence is unambiguous; 0.7 = strong evidence; 0.5 = unclear; 0.3 = mostly guessing.
- reason: one to three sentences a developer can act on, naming what you saw.
- evidence: the event_id values (like "evt_000004") of the calls that support the verdict, taken only from the data; an empty list if the verdict rests on the state diff or the summary alone.`;

/** The user message for one criterion, redacted. */
export function buildJudgeInput(request: JudgeRequest, redactor: Redactor): string {
  const { scenario, criterion } = request;
  // Credential fields are hidden by name here; the finished text is scanned for secret shapes below.
  const input = redactor.value({ initial: request.input.initial, final: request.input.final, calls: request.input.calls, events: request.input.events });
  const calls = input.calls as RecordedCall[];
  const mutating = calls.filter((c) => c.state_mutation).length;
  const sections: string[] = [];

  sections.push(`## Criterion (judge this one)\n${fence("criterion", `[${criterion.kind}${criterion.mustPass ? "!" : ""}] ${criterion.text}`)}`);
  sections.push(`## Task the agent was given\n${fence("task", scenario.prompt.trim())}`);
  if (scenario.expectedBehavior.trim()) {
    sections.push(`## Expected behaviour (written by the scenario author; the agent never saw it)\n${fence("expected_behaviour", scenario.expectedBehavior.trim())}`);
  }

  sections.push(`## Activity\n${activity(input.events, calls.length, mutating)}`);

  const changes = worldDiff(input.initial, input.final);
  const diffLines = changes.slice(0, DIFF_LINES_MAX).map((c) => {
    const value = c.change === "changed" ? `${clipJson(c.before, DIFF_VALUE_MAX)} → ${clipJson(c.after, DIFF_VALUE_MAX)}` : clipJson(c.change === "added" ? c.after : c.before, DIFF_VALUE_MAX);
    return `${c.change} ${c.path}: ${value}`;
  });
  if (changes.length > DIFF_LINES_MAX) diffLines.push(`… ${changes.length - DIFF_LINES_MAX} more changes omitted …`);
  sections.push(`## State changes (twin state at the end of the run compared with the start)\n${fence("state_diff", diffLines.length ? diffLines.join("\n") : "(no change: the final state equals the initial state)")}`);

  const initial = JSON.stringify(input.initial);
  sections.push(
    initial.length <= FULL_STATE_MAX
      ? `## Initial state (the world the agent started in)\n${fence("initial_state", initial)}`
      : `## Initial state\n(omitted: ${initial.length} characters; the calls below show what the agent read)`,
  );

  sections.push(`## Twin calls, in order (condensed)\n${fence("twin_calls", calls.length ? condenseCallsWithin(calls, CALLS_BUDGET).join("\n") : "(none)")}`);

  const llm = llmCalls(input.events);
  if (llm) sections.push(`## LLM calls the agent made (as seen by pome's capture proxy)\n${fence("llm_calls", llm)}`);

  sections.push(
    request.agentSummary?.trim()
      ? `## The agent's final summary (its own words)\n${fence("agent_summary", clipText(request.agentSummary.trim(), SUMMARY_MAX))}`
      : "## The agent's final summary\n(the agent gave none)",
  );

  sections.push("Now give your verdict on the criterion as the JSON object described.");
  return redactor.text(sections.join("\n\n"));
}

function activity(events: readonly TraceEvent[], calls: number, mutating: number): string {
  const lines = [`- ${calls} twin call${calls === 1 ? "" : "s"}, ${mutating} of which changed state.`];
  if (calls === 0) lines.push("- The agent made no twin calls: it cannot have changed anything.");
  const exit = [...events].reverse().find((e) => e.kind === "AgentExitEvent" && !e.preflight);
  if (exit && exit.kind === "AgentExitEvent") {
    // No duration: it differs between identical runs and would defeat the judge cache.
    const how = exit.timed_out ? "was stopped at its time limit" : exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    lines.push(`- The agent ${how}.`);
  }
  const refused = events.filter((e) => e.kind === "EgressRefusedEvent");
  if (refused.length > 0) lines.push(`- ${refused.length} network request(s) to unapproved hosts were refused.`);
  return lines.join("\n");
}

function llmCalls(events: readonly TraceEvent[]): string | null {
  const calls = events.filter((e) => e.kind === "LlmCallEvent");
  if (calls.length === 0) return null;
  const lines = calls.slice(-LLM_CALLS_MAX).map((e) =>
    JSON.stringify({
      event_id: e.event_id,
      host: e.host,
      model: e.model,
      status: e.status,
      prompt_tokens: e.prompt_tokens,
      completion_tokens: e.completion_tokens,
    }),
  );
  if (calls.length > LLM_CALLS_MAX) lines.unshift(`… ${calls.length - LLM_CALLS_MAX} earlier LLM calls omitted …`);
  return lines.join("\n");
}
