/**
 * examples/agents/mcp-loop-agent.mjs end to end: a bundled scenario run through
 * runScenarios, the agent driving the GitHub twin's MCP tools, and the fake LLM provider
 * scripted to call those tools, in the Anthropic and in the OpenAI shape.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { runScenarios } from "../../src/run/index.js";
import type { TraceEvent } from "../../src/trace/index.js";
import { startFakeLlm, type FakeLlm, type FakeReply, type ReceivedRequest } from "../fixtures/fake-llm/server.js";
import { CLEAN_ENV, onlyRun, readEvents, readJson, REPO_ROOT, tempDir } from "./fixtures.js";

const SCENARIO = join(REPO_ROOT, "scenarios/github/01-bug-happy-path.md");
const AGENT = [process.execPath, join(REPO_ROOT, "examples/agents/mcp-loop-agent.mjs")].map((w) => JSON.stringify(w)).join(" ");
const REPO = { owner: "acme", repo: "api" };

let llm: FakeLlm;
let dir: ReturnType<typeof tempDir>;
beforeAll(async () => (llm = await startFakeLlm()));
afterAll(async () => {
  await llm.close();
  dir?.remove();
});
beforeEach(() => {
  llm.reset();
  dir?.remove();
  dir = tempDir("pome-mcp-agent-");
});

/** The model's turns: read the issue, label and assign it, then answer with a summary. */
function scriptTriage(): void {
  llm.script((req: ReceivedRequest): FakeReply => {
    const turns = (req.body.messages as Array<{ role: string }>).filter((m) => m.role === "assistant").length;
    if (turns === 0) return { kind: "tool_calls", text: "Let me read the issue.", calls: [{ name: "get_issue", input: { ...REPO, issue_number: 1 } }] };
    if (turns === 1) {
      return {
        kind: "tool_calls",
        calls: [
          { name: "add_issue_labels", input: { ...REPO, issue_number: 1, labels: ["bug"] } },
          { name: "add_assignees", input: { ...REPO, issue_number: 1, assignees: ["alice"] } },
        ],
      };
    }
    return { kind: "text", text: "Issue #1 is a 500 on POST /orders: labelled it bug and assigned alice per the routing policy." };
  });
}

async function runAgent(provider: Record<string, string>) {
  const batch = await runScenarios({ path: SCENARIO, agent: AGENT, cwd: dir.path, artifactsDir: join(dir.path, "runs"), capture: false, env: { ...CLEAN_ENV, ...provider } });
  return { batch, result: onlyRun(batch) };
}

const mcpOperations = (events: TraceEvent[]) =>
  events.filter((e): e is Extract<TraceEvent, { kind: "TwinHttpEvent" }> => e.kind === "TwinHttpEvent" && e.transport === "mcp" && !e.preflight && e.operation !== null).map((e) => [e.operation, e.args]);

function assertTriaged(result: ReturnType<typeof onlyRun>): void {
  expect(result.error).toBeNull();
  expect(result.score?.status).toBe("pass");
  const issue = readJson(result.run_dir!, "state_final.json").github.repositories[0].issues[0];
  expect(issue.labels.map((l: { name: string }) => l.name)).toEqual(["bug"]);
  expect(issue.assignees.map((a: { login: string }) => a.login)).toEqual(["alice"]);
  expect(mcpOperations(readEvents(result.run_dir!))).toEqual([
    ["get_issue", { ...REPO, issue_number: 1 }],
    ["add_issue_labels", { ...REPO, issue_number: 1, labels: ["bug"] }],
    ["add_assignees", { ...REPO, issue_number: 1, assignees: ["alice"] }],
  ]);
  expect(result.agent_summary).toBe("Issue #1 is a 500 on POST /orders: labelled it bug and assigned alice per the routing policy.");
}

describe("mcp-loop-agent", () => {
  test("Anthropic messages: the model's tool_use blocks become MCP calls on the twin, and their results go back as tool_result", async () => {
    scriptTriage();
    const { batch, result } = await runAgent(llm.env("anthropic"));
    assertTriaged(result);
    expect(batch.exit_code).toBe(0);

    expect(llm.requests).toHaveLength(3);
    const [first, second, third] = llm.requests;
    expect(first.path).toBe("/v1/messages");
    expect(first.headers["x-api-key"]).toBe(llm.env("anthropic").ANTHROPIC_API_KEY);
    expect(first.body.messages).toEqual([{ role: "user", content: expect.stringContaining("Triage issue #1 in acme/api") }]);
    const tools = first.body.tools.map((t: { name: string }) => t.name);
    expect(tools).toEqual(expect.arrayContaining(["get_issue", "add_issue_labels", "add_assignees", "merge_pull_request"]));
    expect(first.body.tools.find((t: { name: string }) => t.name === "get_issue").input_schema).toMatchObject({ type: "object", properties: { issue_number: expect.anything() } });

    const answer = second.body.messages[2];
    const toolUse = second.body.messages[1].content.find((c: { type: string }) => c.type === "tool_use");
    expect(answer.role).toBe("user");
    expect(answer.content[0]).toMatchObject({ type: "tool_result", tool_use_id: toolUse.id, is_error: false });
    expect(JSON.parse(answer.content[0].content)).toMatchObject({ number: 1, title: "500 error on POST /orders after deploy" });
    expect(third.body.messages.at(-1).content.map((c: { type: string }) => c.type)).toEqual(["tool_result", "tool_result"]);

    const signals = readEvents(result.run_dir!).filter((e) => e.kind === "ToolUseEvent").map((e) => (e.kind === "ToolUseEvent" ? e.tool_name : null));
    expect(signals).toEqual(["get_issue", "add_issue_labels", "add_assignees"]);
  });

  test("OpenAI chat completions: tool_calls become MCP calls, answered with role: tool messages", async () => {
    scriptTriage();
    const { result } = await runAgent(llm.env("openai"));
    assertTriaged(result);

    const [first, second] = llm.requests;
    expect(first.path).toBe("/v1/chat/completions");
    expect(first.headers.authorization).toBe(`Bearer ${llm.env("openai").OPENAI_API_KEY}`);
    expect(first.body.messages[0].role).toBe("system");
    expect(first.body.tools.find((t: { function: { name: string } }) => t.function.name === "add_assignees")).toMatchObject({ type: "function", function: { parameters: { type: "object" } } });
    const call = second.body.messages[2].tool_calls[0];
    expect(second.body.messages[3]).toMatchObject({ role: "tool", tool_call_id: call.id });
    expect(JSON.parse(second.body.messages[3].content)).toMatchObject({ number: 1 });
  });

  test("a tool error goes back to the model as an error result, and the run goes on", async () => {
    llm.script((req) => {
      const turns = (req.body.messages as Array<{ role: string }>).filter((m) => m.role === "assistant").length;
      if (turns === 0) return { kind: "tool_calls", calls: [{ name: "get_issue", input: { ...REPO, issue_number: 99 } }] };
      return { kind: "text", text: "Issue #99 does not exist." };
    });
    const { result } = await runAgent(llm.env("anthropic"));
    const result0 = llm.requests[1].body.messages[2].content[0];
    expect(result0).toMatchObject({ type: "tool_result", is_error: true });
    expect(result0.content).toMatch(/Not Found/i);
    expect(result.agent?.code).toBe(0);
    expect(result.score?.status).toBe("fail");
  });

  test("arguments the twin rejects, or that are not JSON, go back to the model as errors instead of crashing the agent", async () => {
    llm.script((req) => {
      const turns = (req.body.messages as Array<{ role: string }>).filter((m) => m.role === "assistant").length;
      if (turns === 0) return { kind: "tool_calls", calls: [{ name: "get_issue", input: { owner: "acme" } }] };
      if (turns === 1) {
        return {
          kind: "raw",
          status: 200,
          body: JSON.stringify({
            choices: [{ message: { role: "assistant", content: null, tool_calls: [{ id: "call_bad", type: "function", function: { name: "get_issue", arguments: '{"owner": "acme",' } }] }, finish_reason: "tool_calls" }],
          }),
        };
      }
      return { kind: "text", text: "I could not read the issue." };
    });
    const { result } = await runAgent(llm.env("openai"));
    expect(result.agent?.code).toBe(0);
    const [, second, third] = llm.requests;
    expect(second.body.messages.at(-1)).toMatchObject({ role: "tool", content: expect.stringMatching(/repo|issue_number|invalid/i) });
    expect(third.body.messages.at(-1)).toMatchObject({ role: "tool", tool_call_id: "call_bad", content: expect.stringMatching(/^error: the arguments are not valid JSON/) });
    expect(result.agent_summary).toBe("I could not read the issue.");
  });

  test("a 429 from the provider is retried after its Retry-After, not fatal", async () => {
    scriptTriage();
    llm.enqueue({ kind: "error", status: 429, message: "rate limited", headers: { "retry-after": "1" } });
    const { result } = await runAgent(llm.env("anthropic"));
    assertTriaged(result);
    expect(llm.requests).toHaveLength(4);
  });

  test("without a key it stops at once and says what to set", async () => {
    const { result } = await runAgent({});
    expect(result.agent?.code).toBe(2);
    expect(result.error).toMatch(/the agent exited with code 2/);
    expect(readFileSync(join(result.run_dir!, "stderr.log"), "utf8")).toMatch(/mcp-loop-agent: no LLM key: set ANTHROPIC_API_KEY, OPENAI_API_KEY, or POME_LLM_BASE_URL/);
    expect(llm.requests).toHaveLength(0);
  });
});
