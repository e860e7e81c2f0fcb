import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { slackTwin } from "../../../src/twins/slack/index.js";

/**
 * spec/twins.md "Fidelity": every operation of the Slack table is driven by a test through
 * WebClient — its method (`.chat.postMessage(`), `apiCall("<method>"` for a method
 * WebClient has no function for, or `filesUploadV2(` for the upload URL — and through a
 * real MCP tool call (`callTool`, or the session's `tool("<name>", …)`, checked below).
 */
const DIR = __dirname;
const sources = readdirSync(DIR)
  .filter((name) => name.endsWith(".ts") && name !== "sdk-coverage.test.ts")
  .map((name) => readFileSync(join(DIR, name), "utf8"))
  .join("\n");

/** Operations that are not a Web API method, and the WebClient call that drives them. */
const DRIVEN_BY: Record<string, RegExp> = { upload_file_content: /\.filesUploadV2\(/ };

function calledThroughWebClient(name: string, routes: { path: string }[]): boolean {
  const special = DRIVEN_BY[name];
  if (special) return special.test(sources);
  const method = routes[0].path.slice(1);
  const escaped = method.replace(/\./g, "\\.");
  return new RegExp(`\\.${escaped}\\(`).test(sources) || new RegExp(`apiCall\\(\\s*"${escaped}"`).test(sources);
}

function toolsCalled(): Set<string> {
  const called = new Set<string>();
  for (const m of sources.matchAll(/callTool\(\s*\{\s*name:\s*["'`](\w+)["'`]/g)) called.add(m[1]);
  for (const m of sources.matchAll(/(?:\.tool|\bok|\bvia)\(\s*["'`](\w+)["'`]/g)) called.add(m[1]);
  return called;
}

describe("every Slack operation is driven by WebClient and by the MCP client", () => {
  const tools = toolsCalled();

  test("the session's tool() helper is a real MCP callTool, and ok()/via() call it", () => {
    const session = readFileSync(join(DIR, "slack-session.ts"), "utf8");
    expect(session).toMatch(/async tool\(name, args = \{\}\) \{[\s\S]{0,200}callTool\(\{ name, arguments: args \}\)/);
    const mcp = readFileSync(join(DIR, "mcp.test.ts"), "utf8");
    expect(mcp.match(/const (ok|via) = async \(name: string[^)]*\) => \{\s*const result = await tool\(name, args\);/g)).toHaveLength(3);
  });

  test("at least 60 Web API methods", () => {
    expect(slackTwin.operations.length).toBeGreaterThanOrEqual(60);
  });

  test.each(slackTwin.operations.map((op) => [op.name, op] as const))("%s", (name, op) => {
    expect(calledThroughWebClient(name, op.rest), `${name}: no test calls it through WebClient`).toBe(true);
    expect(tools.has(name), `${name}: no test calls it through the MCP client`).toBe(true);
  });

  test("every tool route is called too", () => {
    for (const route of slackTwin.toolRoutes ?? []) expect(tools.has(route.name), route.name).toBe(true);
  });
});
