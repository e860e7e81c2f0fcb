import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { describe, expect, test } from "vitest";
import { githubTwin } from "../../../src/twins/github/index.js";

/**
 * spec/twins.md "Fidelity": a test fails if an operation lacks a test through its SDK.
 * For every operation of the table, some GitHub twin test must call one of its REST routes
 * through Octokit (a `rest.<scope>.<method>` call or paginate, or `request("<METHOD> <route>")` for
 * routes Octokit has no method for), and must call it as an MCP tool: `callTool({ name: "<tool>" …`,
 * or a local wrapper whose `name` parameter goes to `callTool` called with the tool's name.
 * A tool name merely mentioned somewhere is not coverage.
 */
const DIR = __dirname;
const files = readdirSync(DIR)
  .filter((name) => name.endsWith(".ts") && name !== "sdk-coverage.test.ts")
  .map((name) => readFileSync(join(DIR, name), "utf8"));
const sources = files.join("\n");

/** Tools a test source really calls through the MCP client. */
export function mcpToolsCalled(source: string): Set<string> {
  const called = new Set<string>();
  for (const m of source.matchAll(/callTool\(\s*\{\s*name:\s*["'`](\w+)["'`]/g)) called.add(m[1]);
  // `const call = async (name: string, …) => … callTool({ name, … })`, then `call("create_branch", …)` after it.
  const wrapper = /const (\w+) = (?:async )?\(name: string[^)]*\)[^=]*=>\s*(?:\{[\s\S]{0,300}?|[^\n]{0,200}?)callTool\(\s*\{\s*name\s*[,}]/g;
  for (const definition of source.matchAll(wrapper)) {
    const id = definition[1];
    const start = definition.index! + definition[0].length;
    const redefined = source.indexOf(`const ${id} =`, start);
    const scope = source.slice(start, redefined === -1 ? undefined : redefined);
    for (const use of scope.matchAll(new RegExp(`\\b${id}\\(\\s*["'\`](\\w+)["'\`]`, "g"))) called.add(use[1]);
  }
  return called;
}
const toolsCalled = new Set(files.flatMap((source) => [...mcpToolsCalled(source)]));

/** Route shape with parameter names erased: `GET /repos/{}/{}/issues/{}`. */
const shape = (method: string, url: string) => `${method.toUpperCase()} ${url.replace(/\{[^}]+\}/g, "{}")}`;

/** Octokit's own endpoint table, read from a real client: route shape → `scope.method` names. */
function octokitMethods(): Map<string, string[]> {
  const octokit = new Octokit();
  const byRoute = new Map<string, string[]>();
  for (const [scope, methods] of Object.entries(octokit.rest)) {
    for (const [name, fn] of Object.entries(methods as Record<string, { endpoint?: { DEFAULTS: { method: string; url: string } } }>)) {
      const defaults = fn.endpoint?.DEFAULTS;
      if (!defaults) continue;
      const key = shape(defaults.method, defaults.url);
      byRoute.set(key, [...(byRoute.get(key) ?? []), `${scope}.${name}`]);
    }
  }
  return byRoute;
}

function calledThroughOctokit(routes: { method: string; path: string }[], table: Map<string, string[]>): boolean {
  return routes.some((route) => {
    const key = shape(route.method, route.path.replace("{path+}", "{path}").replace(/\{(\w+)\+\}/g, "{$1}"));
    const methods = table.get(key) ?? [];
    // A call, or the method handed to octokit.paginate(octokit.rest.x.y, …).
    if (methods.some((m) => new RegExp(`\\.${m.replace(".", "\\.")}\\s*[(,]`).test(sources))) return true;
    // octokit.request("GET /repos/{owner}/{repo}/…") with any parameter names.
    return [...sources.matchAll(/request\(\s*["'`]([A-Z]+ \/[^"'`]*)["'`]/g)].some((m) => {
      const [method, url] = m[1].split(" ");
      return shape(method, url) === key;
    });
  });
}

describe("every GitHub operation is driven by the vendor's SDK and by the MCP client", () => {
  const table = octokitMethods();

  test.each(githubTwin.operations.map((op) => [op.name, op] as const))("%s", (name, op) => {
    // A tool GitHub's MCP server has and its REST API does not (push_files) has no route to call through Octokit.
    if (!op.mcpOnly) expect(calledThroughOctokit(op.rest, table), `${name}: no test calls ${op.rest.map((r) => `${r.method} ${r.path}`).join(" or ")} through Octokit`).toBe(true);
    expect(toolsCalled.has(name), `${name}: no test calls it through the MCP client`).toBe(true);
  });

  test("a tool name that is only mentioned, or called over REST, is not MCP coverage", () => {
    expect([...mcpToolsCalled('expect(calls).toContain("create_issue"); octokit.request("create_issue");')]).toEqual([]);
    expect([...mcpToolsCalled('await client.callTool({ name: "get_issue", arguments: {} });')]).toEqual(["get_issue"]);
    const wrapped = 'const call = async (name: string, args: object) => {\n  const r = await mcp.callTool({ name, arguments: args });\n  return r;\n};\nawait call("merge_pull_request", {});\nconst call = (x: string) => rest(x);\ncall("delete_label");';
    expect([...mcpToolsCalled(wrapped)]).toEqual(["merge_pull_request"]);
  });
});
