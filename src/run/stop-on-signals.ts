/**
 * Ctrl-C and SIGTERM for a command that runs agents: the first signal aborts the work (the
 * agents are ended and the run folders finished); a second one, by default, SIGKILLs every
 * live agent and exits at once with the signal's code. Written once for `pome run`,
 * `pome twin start` and the action.
 */
import { exitCodeFor, type StopSignal } from "../errors.js";
import { killLiveAgents } from "./agent-process.js";

const STOP_SIGNALS: readonly StopSignal[] = ["SIGINT", "SIGTERM"];

export interface StopSignals {
  /** Aborted by the first SIGINT or SIGTERM. */
  readonly signal: AbortSignal;
  /** The signal that stopped the work; null while none came. */
  stoppedBy(): StopSignal | null;
  /** Removes the handlers: signals get their default behaviour back. */
  dispose(): void;
}

/** The process surface used (a test seam: tests pass an EventEmitter). */
export interface SignalSource {
  on(event: StopSignal, listener: (signal: StopSignal) => void): unknown;
  off(event: StopSignal, listener: (signal: StopSignal) => void): unknown;
  exit(code: number): void;
}

export interface StopSignalOptions {
  /** Told once, at the first signal (before the abort), e.g. to print what happens next. */
  onStop?: (signal: StopSignal) => void;
  /**
   * A second signal: "quit" kills every live agent and exits with the signal's code;
   * "ignore" lets the work finish (the GitHub runner sends SIGINT then SIGTERM on cancel,
   * and the action still has results to report).
   */
  repeat?: "quit" | "ignore";
  process?: SignalSource;
  /** Test seam for killLiveAgents. */
  killAgents?: () => void;
}

export function onStopSignals(opts: StopSignalOptions = {}): StopSignals {
  const source: SignalSource = opts.process ?? process;
  const controller = new AbortController();
  let stoppedBy: StopSignal | null = null;
  const handle = (signal: StopSignal) => {
    if (stoppedBy) {
      if (opts.repeat === "ignore") return;
      (opts.killAgents ?? killLiveAgents)();
      source.exit(exitCodeFor({ kind: "signal", signal }));
      return;
    }
    stoppedBy = signal;
    opts.onStop?.(signal);
    controller.abort();
  };
  for (const name of STOP_SIGNALS) source.on(name, handle);
  return {
    signal: controller.signal,
    stoppedBy: () => stoppedBy,
    dispose: () => {
      for (const name of STOP_SIGNALS) source.off(name, handle);
    },
  };
}
