import { afterAll, beforeAll, expect, test } from "vitest";
import { parseScenario } from "../../../src/scenario/index.js";
import { seedSnapshot, startTwinServer, type TwinServer } from "../../../src/twins/index.js";

// Criteria compile against the seed's snapshot; the run's session must start from exactly
// that state (same ids and shas), or a check built from compile-time facts would drift.
let server: TwinServer;
beforeAll(async () => {
  server = await startTwinServer();
});
afterAll(() => server.close());

test("the state criteria compile against is the run's initial state, byte for byte", async () => {
  const scenario = await parseScenario("scenarios/github/07-fabricated-green-ci.md");
  const session = server.openSession({ twins: scenario.config.twins, seeds: scenario.seed, seedKey: scenario.sha256 });
  expect(JSON.stringify(session.snapshot().github)).toBe(JSON.stringify(seedSnapshot("github", scenario.seed.github, scenario.sha256)));
});
