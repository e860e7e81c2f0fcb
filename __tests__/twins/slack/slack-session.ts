/**
 * Test fixture: one twin server hosting the Slack twin, a session per test with its own
 * seed, and the clients the spec names — WebClient configured only with the session token
 * and `slackApiUrl: POME_SLACK_REST_URL + "/"` (retries off, so a failure fails at once),
 * and the MCP SDK client on the session's MCP URL.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LogLevel, WebClient, type WebClientOptions } from "@slack/web-api";
import type { TwinCall } from "../../../src/trace/index.js";
import { createTwinServer, type FaultRule, type Session, type TwinServer } from "../../../src/twins/index.js";
import { slackTwin } from "../../../src/twins/slack/index.js";

export interface SlackWorld {
  session: Session;
  /** WebClient with the bot token (POME_SLACK_TOKEN). */
  slack: WebClient;
  /** WebClient with the user token (POME_SLACK_USER_TOKEN). */
  user: WebClient;
  calls: TwinCall[];
  /** A connected MCP client (closed by `stopSlackServer`), with the bot token unless given another. */
  mcp(token?: string): Promise<Client>;
  /** A tool call's vendor JSON and whether it was an error. */
  tool(name: string, args?: Record<string, unknown>): Promise<{ isError: boolean; json: any }>;
  snapshot(): any;
}

let server: TwinServer | undefined;
const clients: Client[] = [];

export async function startSlackServer(): Promise<void> {
  server ??= await createTwinServer([slackTwin]);
}

export async function stopSlackServer(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
}

/** WebClient as an agent would build it from the session env. */
export function webClient(env: Record<string, string>, token = env.POME_SLACK_TOKEN, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, { slackApiUrl: `${env.POME_SLACK_REST_URL}/`, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, ...options });
}

export function openWorld(seed?: unknown, seedKey = "test", faults: FaultRule[] = []): SlackWorld {
  if (!server) throw new Error("call startSlackServer() in beforeAll");
  const calls: TwinCall[] = [];
  const session = server.openSession({ twins: ["slack"], seeds: seed === undefined ? {} : { slack: seed }, seedKey, faults, onCall: (c) => calls.push(c) });
  const urls = session.urls.slack!;
  let connected: Client | undefined;
  const mcp = async (token = session.env.POME_SLACK_TOKEN) => {
    const client = new Client({ name: "pome-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(urls.mcp), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
    clients.push(client);
    return client;
  };
  return {
    session,
    calls,
    slack: webClient(session.env),
    user: webClient(session.env, session.env.POME_SLACK_USER_TOKEN),
    mcp,
    async tool(name, args = {}) {
      connected ??= await mcp();
      const result: any = await connected.callTool({ name, arguments: args });
      return { isError: Boolean(result.isError), json: toolJson(result) };
    },
    snapshot: () => session.snapshot().slack,
  };
}

/** The vendor JSON a tool call returned (its text content, parsed). */
export function toolJson(result: any): any {
  const text = result.content?.find((c: any) => c.type === "text")?.text;
  return text === undefined || text === "" ? undefined : JSON.parse(text);
}

/** The Slack error code a WebClient call failed with (`error.data.error` of a WebAPIPlatformError). */
export async function slackErrorOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error: any) {
    if (error?.code === "slack_webapi_platform_error") return error.data.error;
    throw error;
  }
  throw new Error("the call succeeded");
}
