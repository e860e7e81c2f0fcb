/** The session clock: a fixed epoch that only moves when the engine says so. */
import type { Clock } from "./operation.js";

/** Every session starts here, so timestamps in snapshots never depend on when a run happened. */
export const SESSION_EPOCH = "2026-01-01T09:00:00Z";

export function createClock(epoch: string = SESSION_EPOCH): Clock {
  let seconds = Math.floor(Date.parse(epoch) / 1000);
  if (!Number.isFinite(seconds)) throw new TypeError(`invalid clock epoch: ${epoch}`);
  return {
    now: () => new Date(seconds * 1000).toISOString().replace(".000Z", "Z"),
    unix: () => seconds,
    advance(by: number) {
      seconds += Math.floor(by);
    },
  };
}
