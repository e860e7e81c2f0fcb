/**
 * `runScenarios` with real agent processes (fixtures/agents/*.mjs) against the real GitHub
 * twin: what each kind of agent behaviour leaves in the result and the run folder.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { agent, isAlive, onlyRun, processesWithRunId, readEvents, readJson, run, tempDir, TRIAGE } from "./fixtures.js";

const artifacts = tempDir();
afterAll(() => artifacts.remove());
const runTriage = (agentCommand: string, extra: { timeout?: number } = {}) => run({ path: TRIAGE, agent: agentCommand, artifactsDir: artifacts.path, ...extra });

describe("a good agent", () => {
  test("passes with exit 0 and a complete run folder", async () => {
    const batch = await runTriage(agent("good-agent.mjs"));
    const result = onlyRun(batch);
    expect(batch.exit_code).toBe(0);
    expect(result.score?.status).toBe("pass");
    expect(result.calls).toBe(2);
    expect(result.agent_summary).toBe("Labelled #1 bug and assigned alice.");
    for (const file of ["meta.json", "events.jsonl", "tool_calls.jsonl", "state_initial.json", "state_final.json", "score.json", "stdout.txt", "stderr.log", "signals.jsonl"]) {
      expect(existsSync(join(result.run_dir!, file)), file).toBe(true);
    }
  });

  test("its events run from RunStarted through the twin calls and both agent exits to RunFinished", async () => {
    const result = onlyRun(await runTriage(agent("good-agent.mjs")));
    const events = readEvents(result.run_dir!);
    expect(events.map((e) => e.kind)).toEqual(["RunStartedEvent", "AgentExitEvent", "TwinHttpEvent", "TwinHttpEvent", "AgentExitEvent", "RunFinishedEvent"]);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(events.every((e) => e.run_id === result.run_id)).toBe(true);
    expect(events.filter((e) => e.kind === "TwinHttpEvent").map((e) => (e as { operation: string }).operation)).toEqual(["add_issue_labels", "add_assignees"]);
  });

  test("tool_calls.jsonl holds the twin calls and latest.json points at the run", async () => {
    const result = onlyRun(await runTriage(agent("good-agent.mjs")));
    expect(readFileSync(join(result.run_dir!, "tool_calls.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
    expect(readJson(artifacts.path, "latest.json")).toEqual({ run_id: result.run_id, scenario: "triage", run_dir: result.run_dir });
  });

  test("meta.json records the scenario, the agent and its exit", async () => {
    const result = onlyRun(await runTriage(agent("good-agent.mjs")));
    const meta = readJson(result.run_dir!, "meta.json");
    expect(meta).toMatchObject({
      run_id: result.run_id,
      scenario: { slug: "triage", title: "Triage a fresh bug report", path: TRIAGE },
      mode: "local",
      agent_model: "unknown",
      exit: { code: 0, signal: null, timed_out: false },
      preflight: { code: 0, timed_out: false },
      twins: ["github"],
      trial: 0,
    });
    expect(meta.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("an agent that crashes", () => {
  test("exits 3 and its criteria are still evaluated", async () => {
    const batch = await runTriage(agent("crash-agent.mjs"));
    const result = onlyRun(batch);
    expect(batch.exit_code).toBe(3);
    expect(result.agent).toMatchObject({ code: 1, timed_out: false });
    expect(result.error).toMatch(/the agent exited with code 1/);
    expect(result.score?.results.map((v) => v.outcome)).toEqual(["passed", "failed", "passed"]);
    expect(readJson(result.run_dir!, "score.json").exit_code).toBe(3);
    expect(readFileSync(join(result.run_dir!, "stderr.log"), "utf8")).toContain("fatal: the model returned an empty completion");
  });
});

describe("an agent that hangs", () => {
  test("is stopped at the timeout with SIGTERM and marked timed out", async () => {
    const result = onlyRun(await runTriage(agent("hang-agent.mjs"), { timeout: 1 }));
    expect(result.exit_code).toBe(3);
    expect(result.agent).toMatchObject({ signal: "SIGTERM", timed_out: true });
    expect(result.agent!.duration_ms).toBeGreaterThanOrEqual(1_000);
    expect(result.score?.status_reason).toBe("the agent timed out after 1 s");
  });

  test("one that ignores SIGTERM is killed 2 s later", async () => {
    const result = onlyRun(await runTriage(agent("stubborn-agent.mjs"), { timeout: 1 }));
    expect(result.agent).toMatchObject({ signal: "SIGKILL", timed_out: true });
    expect(result.agent!.duration_ms).toBeGreaterThanOrEqual(2_900);
  });
});

describe("an agent that leaves processes behind", () => {
  test("no process of the run survives: neither its child nor a setsid() daemon", async () => {
    const result = onlyRun(await runTriage(agent("spawner-agent.mjs")));
    const pids = readJson<{ child: number; daemon: number }>(result.run_dir!, "pids.json");
    expect(isAlive(pids.child)).toBe(false);
    expect(isAlive(pids.daemon)).toBe(false);
    expect(processesWithRunId(result.run_id).filter(isAlive)).toEqual([]);
  });
});

describe("preflight", () => {
  test("an agent failing its preflight ends the run with exit 3 and says what POME_PREFLIGHT=1 requires", async () => {
    const result = onlyRun(await runTriage(agent("preflight-fail-agent.mjs")));
    expect(result.exit_code).toBe(3);
    expect(result.score).toBeNull();
    expect(result.error).toMatch(/preflight.*exited with code 1.*POME_PREFLIGHT=1.*must exit 0/);
    expect(result.error).toMatch(/preflight\.stderr\.log, which begins:\n {2}error: AGENT_CONFIG is not set$/);
    expect(readFileSync(join(result.run_dir!, "preflight.stderr.log"), "utf8")).toContain("AGENT_CONFIG is not set");
    expect(readJson(result.run_dir!, "meta.json")).toMatchObject({ exit: null, preflight: { code: 1 }, exit_code: 3 });
    expect(existsSync(join(result.run_dir!, "stdout.txt"))).toBe(false);
  });

  test("an agent that cannot even load (a syntax error) is said to have crashed, with the start of its stderr, escapes stripped", async () => {
    const result = onlyRun(await runTriage(agent("syntax-error-agent.mjs")));
    expect(result.exit_code).toBe(3);
    const [first, ...excerpt] = result.error!.split("\n");
    expect(first).toMatch(/^preflight failed: the agent crashed on start \(exit code 1, during its preflight with POME_PREFLIGHT=1\), so it never reached the run; see .*preflight\.stderr\.log, which begins:$/);
    expect(first).not.toMatch(/must exit 0/);
    expect(excerpt).toContain("  SyntaxError: Unexpected token ';'");
    expect(excerpt).toContain('  const broken = "" + ;');
    expect(excerpt.join("\n")).not.toMatch(/[\u0000-\u0009\u000b-\u001f]|\s+at /);
  });

  test("an agent missing a module is said to have crashed, with the error line", async () => {
    const result = onlyRun(await runTriage(agent("missing-module-agent.mjs")));
    expect(result.exit_code).toBe(3);
    expect(result.error).toMatch(/^preflight failed: the agent crashed on start/);
    expect(result.error).toMatch(/\n {2}Error \[ERR_MODULE_NOT_FOUND\]: Cannot find package 'pome-no-such-package'/);
  });

  test("work done during preflight is recorded as preflight, re-seeded, and warned about", async () => {
    const result = onlyRun(await runTriage(agent("eager-agent.mjs")));
    expect(result.exit_code).toBe(0);
    expect(result.warnings.join("\n")).toMatch(/changed twin state during preflight.*re-seeded/);
    const calls = readEvents(result.run_dir!).filter((e) => e.kind === "TwinHttpEvent") as Array<{ preflight: boolean }>;
    expect(calls.map((c) => c.preflight)).toEqual([true, true, false, false]);
    expect(result.calls).toBe(2);
  });
});

describe("agent output", () => {
  test("stdout past 10 MiB is cut with a marker, and the summary on its last line still counts", async () => {
    const result = onlyRun(await runTriage(agent("loud-agent.mjs"), { timeout: 30 }));
    const file = join(result.run_dir!, "stdout.txt");
    expect(statSync(file).size).toBeLessThan(10 * 1024 * 1024 + 200);
    expect(readFileSync(file, "utf8")).toMatch(/\[pome: output truncated at 10 MiB; \d+ more bytes were discarded\]\n$/);
    expect(result.agent_summary).toBe("printed 20 MiB");
    expect(result.warnings).toContain("the agent's stdout exceeded 10 MiB and was truncated");
  });

  test("a token the agent prints is redacted in stdout.txt and stderr.log", async () => {
    const result = onlyRun(await runTriage(agent("leaky-agent.mjs")));
    const stdout = readFileSync(join(result.run_dir!, "stdout.txt"), "utf8");
    const stderr = readFileSync(join(result.run_dir!, "stderr.log"), "utf8");
    const inStdout = /^my token is (\[REDACTED:[0-9a-f]{8}\]) and my jwt is \[REDACTED:[0-9a-f]{8}\]\n$/.exec(stdout);
    const inStderr = /^debug: POME_GITHUB_TOKEN=(\[REDACTED:[0-9a-f]{8}\])\n$/.exec(stderr);
    expect(inStdout).not.toBeNull();
    // Equal secrets keep equal placeholders across files.
    expect(inStderr?.[1]).toBe(inStdout?.[1]);
  });

  test("adapter signals are merged into events, bad lines are counted, and a RunSummary is the summary", async () => {
    const result = onlyRun(await runTriage(agent("signals-agent.mjs")));
    expect(readEvents(result.run_dir!).filter((e) => e.kind === "ToolUseEvent")).toMatchObject([{ tool_use_id: "tu_1", tool_name: "add_labels" }]);
    expect(result.warnings.join("\n")).toMatch(/signals\.jsonl: 1 invalid line ignored \(line 2/);
    expect(result.agent_summary).toBe("summary from a signal");
  });
});

describe("an agent that cannot be started", () => {
  test("fails its preflight with exit 3 and names the problem", async () => {
    const result = onlyRun(await runTriage("./no-such-agent --flag"));
    expect(result.exit_code).toBe(3);
    expect(result.error).toMatch(/could not be started: .*ENOENT.*check the agent command/);
  });
});
