/**
 * Test fixture: one twin server hosting the Stripe twin, a session per test with its own
 * seed, and the clients the spec names — stripe-node configured only with the host, port
 * and protocol of POME_STRIPE_API_BASE, and the MCP SDK client on the session's MCP URL.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import Stripe from "stripe";
import { stripeTwin } from "../../../src/twins/stripe/index.js";
import { createTwinServer, type Session, type SessionSpec, type TwinServer } from "../../../src/twins/index.js";
import type { TwinCall } from "../../../src/trace/index.js";

export interface StripeWorld {
  session: Session;
  stripe: Stripe;
  calls: TwinCall[];
  /** A connected MCP client (closed by `stopStripeServer`). */
  mcp(): Promise<Client>;
  /** A tool call's vendor JSON and whether it was an error. */
  tool(name: string, args?: Record<string, unknown>): Promise<{ isError: boolean; json: any }>;
  snapshot(): any;
}

let server: TwinServer | undefined;
const clients: Client[] = [];

export async function startStripeServer(): Promise<void> {
  server ??= await createTwinServer([stripeTwin]);
}

export async function stopStripeServer(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
}

/** stripe-node as an agent would build it from the session env. */
export function stripeClient(env: Record<string, string>): Stripe {
  const base = new URL(env.POME_STRIPE_API_BASE!);
  return new Stripe(env.POME_STRIPE_API_KEY!, { host: base.hostname, port: Number(base.port), protocol: base.protocol.replace(":", "") as "http", maxNetworkRetries: 0 });
}

export function openWorld(seed?: unknown, seedKey = "test", spec: Partial<SessionSpec> = {}): StripeWorld {
  if (!server) throw new Error("call startStripeServer() in beforeAll");
  const calls: TwinCall[] = [];
  const session = server.openSession({ twins: ["stripe"], seeds: seed === undefined ? {} : { stripe: seed }, seedKey, onCall: (c) => calls.push(c), ...spec });
  const urls = session.urls.stripe!;
  let connected: Client | undefined;
  const mcp = async () => {
    const client = new Client({ name: "pome-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(urls.mcp), { requestInit: { headers: { authorization: `Bearer ${session.jwt}` } } }));
    clients.push(client);
    return client;
  };
  return {
    session,
    calls,
    stripe: stripeClient(session.env),
    mcp,
    async tool(name, args = {}) {
      connected ??= await mcp();
      const result: any = await connected.callTool({ name, arguments: args });
      return { isError: Boolean(result.isError), json: toolJson(result) };
    },
    snapshot: () => session.snapshot().stripe,
  };
}

/** The vendor JSON a tool call returned (its text content, parsed). */
export function toolJson(result: any): any {
  const text = result.content?.find((c: any) => c.type === "text")?.text;
  return text === undefined || text === "" ? undefined : JSON.parse(text);
}
