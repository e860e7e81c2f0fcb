/**
 * Twin throughput on loopback, 10 connections: GET an issue, POST a comment, MCP
 * tools/call — next to a bare node:http server answering a fixed body (the ceiling).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startTwinServer } from "../src/twins/index.js";
import { load, type LoadResult } from "./load.js";
import { round } from "./stats.js";

const CONNECTIONS = 10;

export async function ceiling(total: number): Promise<LoadResult> {
  const body = JSON.stringify({ number: 1, title: "500 error on POST /orders after deploy", state: "open" });
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    return await load(origin, () => ({ method: "GET", path: "/repos/acme/api/issues/1" }), { total, connections: CONNECTIONS });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

export function compare(result: LoadResult, bare: LoadResult) {
  return {
    ...result,
    share_of_ceiling: round(result.req_per_s / bare.req_per_s),
    p99_added_ms: round(result.p99_ms - bare.p99_ms),
  };
}

export async function twinThroughput(total: number) {
  const bare = await ceiling(total);
  const server = await startTwinServer();
  try {
    const session = server.openSession({ twins: ["github"] });
    const rest = new URL(session.urls.github!.rest);
    const mcp = new URL(session.urls.github!.mcp);
    const auth = { authorization: `token ${session.tokens.github}` };
    const getIssue = await load(server.origin, () => ({ method: "GET", path: `${rest.pathname}/repos/acme/api/issues/1`, headers: auth }), {
      total,
      connections: CONNECTIONS,
    });
    const postComment = await load(
      server.origin,
      () => ({
        method: "POST",
        path: `${rest.pathname}/repos/acme/api/issues/1/comments`,
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ body: "Looking into it." }),
      }),
      { total, connections: CONNECTIONS },
    );
    let id = 0;
    const mcpCall = await load(
      server.origin,
      () => ({
        method: "POST",
        path: mcp.pathname,
        headers: {
          authorization: `Bearer ${session.jwt}`,
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": "2025-06-18",
        },
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: ++id,
          method: "tools/call",
          params: { name: "get_issue", arguments: { owner: "acme", repo: "api", issue_number: 1 } },
        }),
      }),
      { total, connections: CONNECTIONS },
    );
    return {
      connections: CONNECTIONS,
      ceiling_bare_http: bare,
      get_issue: compare(getIssue, bare),
      post_comment: compare(postComment, bare),
      mcp_tools_call: compare(mcpCall, bare),
      // p99 is judged as time added over the bare server: on a 2-core machine the load
      // generator shares the cores, so the ceiling's own p99 is already several ms.
      goals: { get_issue_share_of_ceiling_min: 0.5, get_issue_p99_added_ms_max: 5 },
    };
  } finally {
    await server.close();
  }
}
