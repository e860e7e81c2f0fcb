/**
 * Child of world-boot.ts: one world booted in a fresh process, its time printed as JSON.
 * The scenario comes parsed from the parent (the part openWorld reads), so this process
 * loads the run's world and the twins only, not the scenario parser.
 */
import { openWorld } from "../src/run/world.js";
import type { Scenario } from "../src/scenario/index.js";

const scenario = JSON.parse(process.argv[2] ?? "") as Scenario;
const start = performance.now();
const world = await openWorld(scenario, { timeoutMs: 60_000, onCall: () => undefined, onTwinError: (message) => process.stderr.write(`${message}\n`) });
const ms = performance.now() - start;
await world.close();
process.stdout.write(`${JSON.stringify({ first_boot_ms: ms })}\n`);
