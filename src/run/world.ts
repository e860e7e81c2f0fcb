/**
 * The world of one run: its own loopback twin server and one session holding every twin
 * the scenario names, seeded. Ids and clock derive from the scenario's hash, so the same
 * agent on the same scenario gives the same state in every trial.
 */
import { PomeError } from "../errors.js";
import type { Scenario } from "../scenario/index.js";
import type { TwinCall } from "../trace/index.js";
import { startTwinServer, type DeliveryReport, type Session, type TwinServer } from "../twins/index.js";

export interface World {
  server: TwinServer;
  session: Session;
  /** The session's credentials: redacted wherever they appear in artifacts. */
  secrets: string[];
  close(): Promise<void>;
}

export interface WorldOptions {
  timeoutMs: number;
  onCall: (call: TwinCall) => void;
  /** Each attempt to deliver a message a twin sends out (a signed webhook event). */
  onDelivery?: (report: DeliveryReport) => void;
  /** A twin handler threw: the agent saw a vendor-shaped 500; the run should say so. */
  onTwinError: (message: string) => void;
}

export async function openWorld(scenario: Scenario, opts: WorldOptions): Promise<World> {
  let server: TwinServer;
  try {
    server = await startTwinServer({
      onInternalError: (error, where) =>
        opts.onTwinError(`the ${where.twin} twin failed inside ${where.operation ?? "an unknown route"}: ${(error as Error)?.message ?? String(error)}`),
    });
  } catch (error) {
    throw new PomeError("TWIN_FAILURE", `the twins could not start: ${(error as Error).message}`, { cause: error });
  }
  let session: Session;
  try {
    session = server.openSession({
      twins: scenario.config.twins,
      seeds: scenario.seed,
      // The same key the parser compiled the criteria with: one scenario, one initial world.
      seedKey: scenario.sha256,
      faults: scenario.config.faults,
      onCall: opts.onCall,
      onDelivery: opts.onDelivery,
      // Outlive the agent's whole wall clock with room for preflight, never less than 10 minutes.
      tokenTtlSeconds: Math.max(600, Math.ceil((2 * opts.timeoutMs) / 1000) + 60),
    });
  } catch (error) {
    await server.close().catch(() => undefined);
    throw new PomeError("TWIN_FAILURE", `the twins could not be seeded: ${(error as Error).message}`, { file: scenario.file, cause: error });
  }
  const secrets = [...session.credentials, server.adminToken];
  let closed = false;
  return {
    server,
    session,
    secrets,
    async close() {
      if (closed) return;
      closed = true;
      session.close();
      await server.close();
    },
  };
}
