/** Child of world-boot.ts: one three-twin world booted in a fresh process; prints its time as JSON. */
import { bootOnce, bootScenario } from "./world-boot.js";

const scenario = bootScenario(["github", "stripe", "slack"]);
const ms = await bootOnce(scenario);
process.stdout.write(`${JSON.stringify({ first_boot_ms: ms })}\n`);
