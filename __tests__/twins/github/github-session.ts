/**
 * Test fixture: one twin server hosting the GitHub twin, a session per test with its own
 * seed, and the clients the shared brief names — Octokit (token or JWT) and the MCP SDK
 * client — configured with nothing but their documented settings.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Octokit } from "@octokit/rest";
import { githubTwin } from "../../../src/twins/github/index.js";
import { createTwinServer, type Session, type TwinServer } from "../../../src/twins/index.js";
import type { TwinCall } from "../../../src/trace/index.js";

export interface GitHubWorld {
  session: Session;
  octokit: Octokit;
  calls: TwinCall[];
  /** Octokit authenticated with the session JWT instead of the ghp_ token. */
  jwtOctokit(): Octokit;
  /** A connected MCP client (closed by `closeAll`). */
  mcp(): Promise<Client>;
  /** The twin state as `state_final.json` would show it. */
  snapshot(): any;
}

let server: TwinServer | undefined;
const clients: Client[] = [];

export async function startGitHubServer(): Promise<void> {
  server ??= await createTwinServer([githubTwin]);
}

export async function stopGitHubServer(): Promise<void> {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
}

export function openWorld(seed?: unknown, seedKey = "test"): GitHubWorld {
  if (!server) throw new Error("call startGitHubServer() in beforeAll");
  const calls: TwinCall[] = [];
  const session = server.openSession({ twins: ["github"], seeds: seed === undefined ? {} : { github: seed }, seedKey, onCall: (c) => calls.push(c) });
  const urls = session.urls.github!;
  return {
    session,
    calls,
    octokit: new Octokit({ auth: session.tokens.github, baseUrl: urls.rest }),
    jwtOctokit: () => new Octokit({ auth: session.jwt, baseUrl: urls.rest }),
    async mcp() {
      const client = new Client({ name: "pome-test", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(urls.mcp), { requestInit: { headers: { authorization: `Bearer ${session.jwt}` } } }));
      clients.push(client);
      return client;
    },
    snapshot: () => session.snapshot().github,
  };
}

/** The vendor JSON a tool call returned (its text content, parsed). */
export function toolJson(result: any): any {
  const text = result.content?.find((c: any) => c.type === "text")?.text;
  return text === undefined || text === "" ? undefined : JSON.parse(text);
}
