/**
 * `pome run <path>`: a thin shell over runScenarios. Human output on stderr, `--reporter
 * json` on stdout, files next to the artifacts, and the batch's exit code. Ctrl-C ends the
 * agents, finishes the run folders and exits 130; a second Ctrl-C quits at once. Every byte
 * written goes through the output redactor: the results arrive redacted, and whatever the
 * shell adds around them is held to the same rule.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import {
  exitCodeFor,
  onStopSignals,
  outputRedactor,
  renderJson,
  renderJunit,
  renderScenarioBlock,
  renderTally,
  runScenarios,
  stripControls,
  type BatchResult,
  type Redactor,
  type RunProgress,
} from "../../index.js";
import { declareRunFlags, parseReporters, toRunOptions, type Reporter } from "../run-flags.js";
import { Terminal } from "../terminal.js";

export function registerRunCommand(program: Command): void {
  const command = program
    .command("run")
    .description("Run scenarios against an agent: boot the twins, spawn the agent, record, score, write artifacts.")
    .argument("<path>", "a scenario .md file or a directory of them");
  const attributes = declareRunFlags(command);
  command.option("--reporter <list>", "extra outputs: json (stdout + results.json), junit (junit.xml); plain disables the live TTY output", parseReporters);

  command.action(async (path: string, values: Record<string, unknown>) => {
    const reporters = (values.reporter as Reporter[] | undefined) ?? [];
    const redactor = outputRedactor(process.env);
    const terminal = new Terminal(redacting(process.stderr, redactor), process.env, { plain: reporters.includes("plain") });
    const stop = onStopSignals({
      onStop: (signal) =>
        terminal.print(`${signal === "SIGINT" ? "interrupted" : "terminated"}: stopping the agents and finishing the run folders (Ctrl-C again to quit at once)`),
    });

    let batch: BatchResult;
    try {
      batch = await runScenarios({
        ...toRunOptions(path, values, attributes),
        onProgress: progressPrinter(terminal),
        signal: stop.signal,
      });
    } finally {
      stop.dispose();
    }

    terminal.print(renderTally(batch, { color: terminal.color }));
    writeReports(batch, reporters, terminal, redactor);
    const stoppedBy = stop.stoppedBy();
    if (stoppedBy) {
      const code = exitCodeFor({ kind: "signal", signal: stoppedBy });
      terminal.print(`exit ${code}: stopped by ${stoppedBy}; the runs above were cut short`);
      process.exitCode = code;
    } else {
      process.exitCode = batch.exit_code;
    }
  });
}

function progressPrinter(terminal: Terminal): (event: RunProgress) => void {
  const running = new Map<string, string>();
  const showRunning = () => {
    const labels = [...running.values()];
    if (labels.length === 0) return terminal.clearProgress();
    terminal.progress(`running ${labels[labels.length - 1]}${labels.length > 1 ? ` (+${labels.length - 1} more)` : ""} …`);
  };
  return (event) => {
    switch (event.type) {
      case "notice":
        terminal.print(`note: ${stripControls(event.message)}`);
        break;
      case "scenario-started":
        break;
      case "trial-started":
        running.set(event.run_id, stripControls(event.trials > 1 ? `${event.title} (trial ${event.trial + 1}/${event.trials})` : event.title));
        showRunning();
        break;
      case "run-finished":
        running.delete(event.result.run_id);
        showRunning();
        break;
      case "scenario-finished":
        terminal.block(renderScenarioBlock(event.result, { color: terminal.color, cwd: process.cwd() }));
        showRunning();
        break;
    }
  };
}

/** A stream whose every write is redacted first (the terminal's colours pass untouched). */
function redacting(stream: NodeJS.WriteStream, redactor: Redactor): { write(text: string): unknown; isTTY?: boolean } {
  return { write: (text: string) => stream.write(redactor.text(text)), isTTY: stream.isTTY };
}

function writeReports(batch: BatchResult, reporters: readonly Reporter[], terminal: Terminal, redactor: Redactor): void {
  const write = (name: string, text: string) => {
    mkdirSync(batch.artifacts_dir, { recursive: true });
    const file = join(batch.artifacts_dir, name);
    const clean = redactor.text(text);
    writeFileSync(file, clean.endsWith("\n") ? clean : `${clean}\n`);
    terminal.print(`wrote ${file}`);
  };
  if (reporters.includes("json")) {
    const json = redactor.text(renderJson(batch));
    process.stdout.write(json.endsWith("\n") ? json : `${json}\n`);
    write("results.json", json);
  }
  if (reporters.includes("junit")) write("junit.xml", renderJunit(batch));
}
