/**
 * No process the agent started outlives its run, however it detached: a new session, an
 * empty environment, a double fork, SIGTERM ignored, argv rewritten (fixtures/agents/
 * escaper-agent.mjs). Checked in /proc after the run, for every way the run can end, under
 * every containment mechanism this machine allows; meta.json names the one that held.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { availableContainments } from "../../src/run/containment/index.js";
import { agent, AGENTS, CLEAN_ENV, isAlive, onlyRun, readJson, REPO_ROOT, run, tempDir, TRIAGE } from "./fixtures.js";

const ESCAPEES = ["setsid", "daemon", "deaf", "renamed"];
const started: string[] = [];
const artifacts = tempDir();

/** The escapees a run reported, by name → pid. */
function escapees(runDir: string): Record<string, number> {
  const dir = join(runDir, "escapees");
  started.push(dir);
  return Object.fromEntries(readdirSync(dir).map((f) => [f.replace(/\.pid$/, ""), Number(readFileSync(join(dir, f), "utf8").trim())]));
}

/** Alive and still the `sleep 1003` it was (not a recycled pid). */
function stillOurs(pid: number): boolean {
  try {
    return isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").includes("1003");
  } catch {
    return false;
  }
}

// Whatever a failing test leaves, it is not left running.
afterEach(() => {
  for (const dir of started.splice(0)) {
    let files: string[] = [];
    try {
      files = readdirSync(dir);
    } catch {
      continue;
    }
    for (const f of files) {
      const pid = Number(readFileSync(join(dir, f), "utf8").trim());
      if (pid > 1 && stillOurs(pid)) process.kill(pid, "SIGKILL");
    }
  }
  artifacts.remove();
});


async function runEscaper(mode: string, opts: { timeout?: number; containment?: string; pace?: string } = {}) {
  const env = opts.containment ? { ...CLEAN_ENV, POME_CONTAINMENT: opts.containment } : CLEAN_ENV;
  const args = opts.pace ? [mode, opts.pace] : [mode];
  const result = onlyRun(await run({ path: TRIAGE, agent: agent("escaper-agent.mjs", ...args), artifactsDir: artifacts.path, env, timeout: opts.timeout }));
  const pids = escapees(result.run_dir!);
  return { result, pids, meta: readJson(result.run_dir!, "meta.json") };
}

describe("every process the agent started is gone when the run ends", () => {
  test("after a normal exit", async () => {
    const { result, pids, meta } = await runEscaper("exit");
    expect(Object.keys(pids).sort()).toEqual([...ESCAPEES].sort());
    expect(result.agent).toMatchObject({ code: 0, timed_out: false });
    expect(Object.entries(pids).filter(([, pid]) => stillOurs(pid))).toEqual([]);
    expect(meta.containment).toMatch(/^(cgroup|subreaper|process-tree|marker-sweep)$/);
  });
});

const here = availableContainments().filter((kind) => kind !== "marker-sweep");

test("this machine offers a complete mechanism, and auto picks the strongest", async () => {
  // CI for pome runs where pome can contain its agents; the weaker ones are tested below too.
  expect(here[0]).toMatch(/^(cgroup|subreaper)$/);
  const { meta } = await runEscaper("exit");
  expect(meta.containment).toBe(here[0]);
});

describe.each(here)("POME_CONTAINMENT=%s", (containment) => {
  // Polling only sees what lives across a poll: its escapees linger a moment (process-tree.ts).
  const pace = containment === "process-tree" ? "slow" : undefined;
  const gone = (pids: Record<string, number>) => Object.entries(pids).filter(([, pid]) => stillOurs(pid));

  test("after a normal exit", async () => {
    const { result, pids, meta } = await runEscaper("exit", { containment, pace });
    expect(result.agent).toMatchObject({ code: 0, signal: null, timed_out: false });
    expect(Object.keys(pids).sort()).toEqual([...ESCAPEES].sort());
    expect(gone(pids)).toEqual([]);
    expect(meta.containment).toBe(containment);
    expect(meta.leftover_processes).toBeGreaterThanOrEqual(4);
    expect(result.warnings).toEqual([]);
  });

  test("after a crash", async () => {
    const { result, pids, meta } = await runEscaper("crash", { containment, pace });
    expect(result.agent).toMatchObject({ code: 1, signal: null, timed_out: false });
    expect(result.exit_code).toBe(3);
    expect(gone(pids)).toEqual([]);
    expect(meta.containment).toBe(containment);
  });

  test("after a timeout: the agent still gets SIGTERM", async () => {
    const { result, pids, meta } = await runEscaper("hang", { containment, pace, timeout: 2 });
    expect(result.agent).toMatchObject({ code: null, signal: "SIGTERM", timed_out: true });
    expect(result.agent!.duration_ms).toBeGreaterThanOrEqual(2_000);
    expect(gone(pids)).toEqual([]);
    expect(meta.containment).toBe(containment);
  });

  test("after a timeout an agent ignoring SIGTERM is SIGKILLed after the grace", async () => {
    const { result, pids } = await runEscaper("stubborn", { containment, pace, timeout: 2 });
    expect(result.agent).toMatchObject({ code: null, signal: "SIGKILL", timed_out: true });
    expect(result.agent!.duration_ms).toBeGreaterThanOrEqual(3_900);
    expect(gone(pids)).toEqual([]);
  });

  test("an agent that cannot be started is still reported as before", async () => {
    const result = onlyRun(await run({ path: TRIAGE, agent: "./no-such-agent --flag", artifactsDir: artifacts.path, env: { ...CLEAN_ENV, POME_CONTAINMENT: containment } }));
    expect(result.exit_code).toBe(3);
    expect(result.error).toMatch(/could not be started: .*ENOENT.*check the agent command/);
  });
});

test("the POME_RUN_ID sweep alone (the fallback, and all pome had before) misses every one of them", async () => {
  // The escapees above are a real test: without containment they survive the run (cleaned up by afterEach).
  const { pids, meta } = await runEscaper("exit", { containment: "marker-sweep" });
  expect(meta.containment).toBe("marker-sweep");
  expect(Object.keys(pids).filter((name) => stillOurs(pids[name])).sort()).toEqual([...ESCAPEES].sort());
});

test("an unknown POME_CONTAINMENT is a warning, and the strongest mechanism is used", async () => {
  const { result, meta } = await runEscaper("exit", { containment: "jail" });
  expect(meta.containment).toBe(here[0]);
  expect(result.warnings.join("\n")).toMatch(/POME_CONTAINMENT=jail is not one of auto, cgroup, subreaper, process-tree, marker-sweep/);
});

test("the agent sees itself the same under every mechanism: environment, argv, stdin, session, signals", async () => {
  const views = [];
  for (const containment of [...here, "marker-sweep"]) {
    const result = onlyRun(await run({ path: TRIAGE, agent: agent("self-view-agent.mjs", "--flag", "a b"), artifactsDir: artifacts.path, env: { ...CLEAN_ENV, POME_CONTAINMENT: containment } }));
    expect(result.agent).toMatchObject({ code: 0 });
    expect(readJson(result.run_dir!, "meta.json").containment).toBe(containment);
    views.push(readJson(result.run_dir!, "self.json"));
  }
  expect(views[0]).toMatchObject({ argv: [join(AGENTS, "self-view-agent.mjs"), "--flag", "a b"], stdin: "/dev/null", leader: { group: true, session: true } });
  for (const view of views.slice(1)) expect(view).toEqual(views[0]);
});

describe("when pome itself is stopped hard", () => {
  const CLI = join(REPO_ROOT, "src/cli/index.ts");

  /** `pome run` with the escaper in a real process, resolved once its four escapees are up (and seen by a poll). */
  async function pomeWithEscapees(mode: string, containment: string) {
    const dir = join(artifacts.path, `hard-${containment}-${Date.now()}`);
    const args = containment === "process-tree" ? [mode, "slow"] : [mode];
    const child = spawn(process.execPath, ["--import", "tsx", CLI, "run", TRIAGE, "--agent", agent("escaper-agent.mjs", ...args), "--artifacts-dir", dir, "--timeout", "60"], {
      cwd: REPO_ROOT,
      env: { ...CLEAN_ENV, POME_CONTAINMENT: containment },
      stdio: ["ignore", "ignore", "ignore"],
    });
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const deadline = Date.now() + 20_000;
    for (;;) {
      const runs = existsSync(join(dir, "triage")) ? readdirSync(join(dir, "triage")) : [];
      const esc = runs.length ? join(dir, "triage", runs[0], "escapees") : "";
      if (esc && existsSync(esc) && readdirSync(esc).length === ESCAPEES.length) {
        const pids = escapees(join(dir, "triage", runs[0]));
        await new Promise((r) => setTimeout(r, 400));
        return { child, closed, pids };
      }
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        throw new Error("the escapees never came up");
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function allGone(pids: Record<string, number>, withinMs = 3_000): Promise<Array<[string, number]>> {
    const until = Date.now() + withinMs;
    let left = Object.entries(pids).filter(([, pid]) => stillOurs(pid));
    while (left.length > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      left = left.filter(([, pid]) => stillOurs(pid));
    }
    return left;
  }

  test.each(here)("a second Ctrl-C still ends everything the agent started (%s)", async (containment) => {
    // The agent ignores SIGTERM, so it is still running (for the grace) when the second signal comes.
    const { child, closed, pids } = await pomeWithEscapees("stubborn", containment);
    child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 300));
    child.kill("SIGINT");
    expect(await closed).toBe(130);
    expect(await allGone(pids)).toEqual([]);
  });

  test.runIf(here.includes("subreaper"))("subreaper: SIGKILL to pome ends everything too (the supervisor sees pome go)", async () => {
    const { child, closed, pids } = await pomeWithEscapees("hang", "subreaper");
    child.kill("SIGKILL");
    await closed;
    expect(await allGone(pids)).toEqual([]);
  });

  test.runIf(here.includes("cgroup"))("cgroup: after SIGKILL to pome, the next pome on the machine ends what was left", async () => {
    const { child, closed, pids } = await pomeWithEscapees("hang", "cgroup");
    child.kill("SIGKILL");
    await closed;
    // Nothing ended them yet: the run's cgroup holds them.
    expect(Object.values(pids).filter(stillOurs)).toHaveLength(ESCAPEES.length);
    const next = spawn(process.execPath, ["--import", "tsx", CLI, "run", TRIAGE, "--agent", agent("good-agent.mjs"), "--artifacts-dir", join(artifacts.path, "next")], {
      cwd: REPO_ROOT,
      env: CLEAN_ENV,
      stdio: "ignore",
    });
    expect(await new Promise((resolve) => next.on("close", resolve))).toBe(0);
    expect(await allGone(pids)).toEqual([]);
  });
});
