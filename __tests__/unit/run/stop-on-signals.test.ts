import { EventEmitter } from "node:events";
import { describe, expect, test } from "vitest";
import { onStopSignals, type SignalSource } from "../../../src/run/stop-on-signals.js";

/** A process stand-in: signals are emitted by hand, exits and agent kills are recorded. */
function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  const source: SignalSource = {
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    exit: (code) => void exits.push(code),
  };
  let kills = 0;
  return {
    source,
    exits,
    kills: () => kills,
    killAgents: () => void kills++,
    send: (signal: "SIGINT" | "SIGTERM") => emitter.emit(signal, signal),
    listeners: () => emitter.listenerCount("SIGINT") + emitter.listenerCount("SIGTERM"),
  };
}

describe("onStopSignals", () => {
  test("nothing is stopped until a signal comes", () => {
    const p = fakeProcess();
    const stop = onStopSignals({ process: p.source });
    expect(stop.signal.aborted).toBe(false);
    expect(stop.stoppedBy()).toBeNull();
  });

  test("the first SIGINT or SIGTERM aborts the work and is remembered", () => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      const p = fakeProcess();
      const told: string[] = [];
      const stop = onStopSignals({ process: p.source, onStop: (s) => told.push(s) });
      p.send(signal);
      expect(stop.signal.aborted).toBe(true);
      expect(stop.stoppedBy()).toBe(signal);
      expect(told).toEqual([signal]);
      expect(p.exits).toEqual([]);
    }
  });

  test("a second signal kills the live agents and exits with that signal's code", () => {
    const p = fakeProcess();
    const stop = onStopSignals({ process: p.source, killAgents: p.killAgents });
    p.send("SIGINT");
    p.send("SIGTERM");
    expect(p.kills()).toBe(1);
    expect(p.exits).toEqual([143]);
    expect(stop.stoppedBy()).toBe("SIGINT");
  });

  test("a second Ctrl-C exits 130", () => {
    const p = fakeProcess();
    onStopSignals({ process: p.source, killAgents: p.killAgents });
    p.send("SIGINT");
    p.send("SIGINT");
    expect(p.exits).toEqual([130]);
  });

  test("with repeat: ignore, later signals change nothing (the action still reports)", () => {
    const p = fakeProcess();
    const told: string[] = [];
    const stop = onStopSignals({ process: p.source, killAgents: p.killAgents, repeat: "ignore", onStop: (s) => told.push(s) });
    p.send("SIGINT");
    p.send("SIGTERM");
    expect([p.kills(), p.exits, told, stop.stoppedBy()]).toEqual([0, [], ["SIGINT"], "SIGINT"]);
  });

  test("dispose removes the handlers", () => {
    const p = fakeProcess();
    const stop = onStopSignals({ process: p.source });
    expect(p.listeners()).toBe(2);
    stop.dispose();
    expect(p.listeners()).toBe(0);
    p.send("SIGINT");
    expect(stop.signal.aborted).toBe(false);
  });
});
