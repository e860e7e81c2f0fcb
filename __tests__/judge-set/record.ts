/**
 * Re-records the judge set's traces: runs every case's agent on its scenario (no judge, no
 * fix prompt), then keeps the redacted artifacts the judge reads. Run it after changing a
 * scenario or an agent, then check the labels in cases.json still hold:
 *
 *   node --import tsx __tests__/judge-set/record.ts
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenarios } from "../../src/run/index.js";
import { parseScenario } from "../../src/scenario/index.js";
import { JUDGE_SET_DIR, readCases, REPO_ROOT } from "./judge-set.js";

const artifacts = mkdtempSync(join(tmpdir(), "pome-judge-set-"));
try {
  for (const c of readCases()) {
    const batch = await runScenarios({
      path: join(REPO_ROOT, c.scenario),
      agent: [process.execPath, join(REPO_ROOT, c.agent)].map((w) => JSON.stringify(w)).join(" "),
      artifactsDir: artifacts,
      judge: "off",
      fixPrompt: false,
      capture: false,
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    });
    const run = batch.scenarios[0]?.runs[0];
    if (!run?.run_dir || !run.score) throw new Error(`${c.id}: the run did not finish: ${run?.error ?? "no result"}`);
    const folder = join(JUDGE_SET_DIR, "cases", c.id);
    mkdirSync(folder, { recursive: true });
    for (const name of ["events.jsonl", "state_initial.json", "state_final.json"]) copyFileSync(join(run.run_dir, name), join(folder, name));
    const meta = JSON.parse(readFileSync(join(run.run_dir, "meta.json"), "utf8")) as { agent_summary: string | null };
    const scenario = await parseScenario(join(REPO_ROOT, c.scenario));
    const criterion = scenario.criteria.find((x) => x.id === c.criterion);
    writeFileSync(
      join(folder, "run.json"),
      `${JSON.stringify({ agent_summary: meta.agent_summary, scenario_sha256: scenario.sha256, criterion_text: criterion?.text ?? null, status_without_judge: run.score.status }, null, 2)}\n`,
    );
    process.stdout.write(`${c.id}: recorded (${run.calls} calls, [D] status without the judge: ${run.score.status})\n`);
  }
} finally {
  rmSync(artifacts, { recursive: true, force: true });
}
