/** JSON answers checked with zod: one repair attempt, then an error; never a guess. */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { completeStructured, LlmClient, LlmError, resolveProvider } from "../../../src/llm/index.js";
import { startFakeLlm, type FakeLlm } from "../../fixtures/fake-llm/server.js";

let llm: FakeLlm;
beforeAll(async () => (llm = await startFakeLlm()));
afterAll(() => llm.close());
beforeEach(() => llm.reset());

const schema = z.object({ verdict: z.enum(["pass", "fail"]), confidence: z.number().min(0).max(1) });
const output = { name: "submit_verdict", description: "verdict", schema: { type: "object" } };

function ask(api: "anthropic" | "openai") {
  const client = new LlmClient({ provider: resolveProvider(llm.env(api))!, backoff: { baseMs: 5, maxMs: 10 } });
  return completeStructured(client, { system: "Judge.", user: "Data.", output, schema, maxTokens: 200 });
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LlmError) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

describe("structured output", () => {
  test("a forced tool call's input is the value (Anthropic)", async () => {
    llm.enqueue({ kind: "json", value: { verdict: "pass", confidence: 0.8 }, usage: { input: 10, output: 2 } });
    expect(await ask("anthropic")).toMatchObject({ value: { verdict: "pass", confidence: 0.8 }, usage: { input: 10, output: 2 }, repaired: false });
  });

  test("JSON-mode content is parsed (OpenAI), even inside one ```json fence", async () => {
    llm.enqueue({ kind: "text", text: '```json\n{"verdict": "fail", "confidence": 1}\n```' });
    expect((await ask("openai")).value).toEqual({ verdict: "fail", confidence: 1 });
  });

  test("a reply that is not JSON gets one repair attempt that shows the model its answer and the problem", async () => {
    llm.enqueue({ kind: "text", text: "The agent did not merge; criterion satisfied.", usage: { input: 10, output: 5 } }, { kind: "text", text: '{"verdict":"pass","confidence":0.7}', usage: { input: 30, output: 5 } });
    const result = await ask("openai");
    expect(result).toMatchObject({ value: { verdict: "pass" }, repaired: true, usage: { input: 40, output: 10 } });
    const repair = llm.requests[1].body.messages;
    expect(repair[2]).toEqual({ role: "assistant", content: "The agent did not merge; criterion satisfied." });
    expect(repair[3].content).toMatch(/^That answer cannot be used: it is not JSON/);
  });

  test("keywords are never guessed: two replies that are not JSON are an invalid_output error", async () => {
    llm.script(() => ({ kind: "text", text: "pass", usage: { input: 10, output: 1 } }));
    const error = await failure(ask("openai"));
    expect(error.kind).toBe("invalid_output");
    expect(error.message).toMatch(/not JSON .*\(also after one repair attempt\)/);
    expect(error.usage).toEqual({ input: 20, output: 2 });
    expect(llm.requests).toHaveLength(2);
  });

  test("a value outside the schema names the field in the repair request", async () => {
    llm.enqueue({ kind: "json", value: { verdict: "partial", confidence: 0.5 } }, { kind: "json", value: { verdict: "fail", confidence: 0.5 } });
    expect((await ask("anthropic")).value.verdict).toBe("fail");
    expect(llm.requests[1].body.messages[2].content).toMatch(/verdict: /);
  });

  test("an answer cut off twice at the token limit is a truncated error", async () => {
    llm.script(() => ({ kind: "text", text: '{"verdict": "pa', truncated: true }));
    const error = await failure(ask("openai"));
    expect(error.kind).toBe("truncated");
    expect(error.message).toMatch(/cut off at the token limit/);
  });
});
