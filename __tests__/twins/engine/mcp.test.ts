import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

let world: NotesWorld;
let client: Client;
const mcpUrl = () => world.session.urls[NOTES]!.mcp;

async function connect(token: string): Promise<Client> {
  const c = new Client({ name: "engine-test", version: "1.0.0" });
  await c.connect(new StreamableHTTPClientTransport(new URL(mcpUrl()), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return c;
}

beforeEach(async () => {
  world = await notesWorld();
  client = await connect(world.session.jwt);
});
afterEach(async () => {
  await client.close();
  await world.close();
});

const rpc = (body: unknown, accept: string, token = world.session.jwt) =>
  fetch(mcpUrl(), {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, accept, "content-type": "application/json", "mcp-protocol-version": "2025-06-18" },
    body: JSON.stringify(body),
  });

describe("MCP", () => {
  test("initialize names the twin", () => {
    expect(client.getServerVersion()).toEqual({ name: "pome-notes", version: "1.0.0" });
    expect(client.getServerCapabilities()?.tools).toBeDefined();
  });

  test("ping answers", async () => {
    await expect(client.ping()).resolves.toEqual({});
  });

  test("tools/list has one tool per operation with its input schema and read-only hint", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["list_notes", "search_notes", "get_note", "create_note", "update_note", "delete_note", "archive_note", "get_file", "echo", "crash"]);
    const create = tools.find((t) => t.name === "create_note")!;
    expect(create.inputSchema).toMatchObject({ type: "object", properties: { title: { type: "string" } }, required: ["title"] });
    expect(create.annotations?.readOnlyHint).toBe(false);
    expect(tools.find((t) => t.name === "get_note")!.annotations?.readOnlyHint).toBe(true);
  });

  test("tools/call runs the operation: text and structured content, recorded like REST", async () => {
    const result = await client.callTool({ name: "create_note", arguments: { title: "Via MCP" } });
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toMatchObject({ id: 102, title: "Via MCP" });
    expect(JSON.parse((result.content as Array<{ text: string }>)[0].text)).toMatchObject({ id: 102 });
    expect(world.calls).toHaveLength(1);
    expect(world.calls[0]).toMatchObject({
      transport: "mcp",
      operation: "create_note",
      args: { title: "Via MCP", body: "", tags: [] },
      method: "POST",
      path: "/mcp",
      request_body: { name: "create_note", arguments: { title: "Via MCP" } },
      status: 201,
      state_mutation: true,
    });
  });

  test("list results are wrapped as { items } and paginated with page/perPage", async () => {
    for (const title of ["b", "c", "d"]) await client.callTool({ name: "create_note", arguments: { title } });
    const result = await client.callTool({ name: "list_notes", arguments: { page: 2, perPage: 3 } });
    expect(result.structuredContent).toEqual({ items: [expect.objectContaining({ title: "d" })] });
  });

  test("a vendor error is an isError result carrying the vendor body", async () => {
    const result = await client.callTool({ name: "get_note", arguments: { note_id: 999 } });
    expect(result.isError).toBe(true);
    expect(JSON.parse((result.content as Array<{ text: string }>)[0].text)).toEqual({ error: { code: "note_not_found", message: "note 999 not found" } });
    expect(world.calls[0]).toMatchObject({ status: 404, error: { code: "note_not_found" } });
  });

  test("invalid arguments are an isError result with the twin's validation error", async () => {
    const result = await client.callTool({ name: "create_note", arguments: { title: 5 } });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toMatchObject({ error: { code: "invalid_input" } });
  });

  test("an unknown tool is an isError result, recorded as unsupported", async () => {
    const result = await client.callTool({ name: "fly_to_moon", arguments: {} });
    expect(result.isError).toBe(true);
    expect(world.calls[0]).toMatchObject({ operation: null, fidelity: "unsupported", status: 501 });
  });

  test("initialize, tools/list and ping are not recorded", async () => {
    await client.listTools();
    await client.ping();
    expect(world.calls).toEqual([]);
  });

  test("the vendor token works too", async () => {
    const other = await connect(world.session.tokens[NOTES]!);
    await expect(other.callTool({ name: "list_notes", arguments: {} })).resolves.toMatchObject({ structuredContent: { items: [expect.anything()] } });
    await other.close();
  });

  test("missing or foreign credentials are refused with the twin's 401/403", async () => {
    const missing = await fetch(mcpUrl(), { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: "{}" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: { code: "unauthorized", message: "Authentication required" } });
    const foreign = world.server.openSession({ twins: [NOTES] });
    const refused = await rpc({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "list_notes", arguments: {} } }, "application/json", foreign.jwt);
    expect(refused.status).toBe(403);
    expect(world.calls[0]).toMatchObject({ transport: "mcp", operation: "list_notes", status: 403 });
  });

  test("a client that accepts only JSON gets JSON", async () => {
    const res = await rpc({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "get_note", arguments: { note_id: 101 } } }, "application/json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as { id: number; result: { structuredContent: { title: string } } };
    expect(body.id).toBe(7);
    expect(body.result.structuredContent.title).toBe("Welcome");
  });

  test("a client that accepts only SSE gets an event stream", async () => {
    const res = await rpc({ jsonrpc: "2.0", id: 8, method: "tools/list" }, "text/event-stream");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const text = await res.text();
    const data = text.split("\n").find((line) => line.startsWith("data: {"))!;
    expect(JSON.parse(data.slice(6)).result.tools.length).toBe(10);
  });

  test("malformed JSON is a JSON-RPC parse error", async () => {
    const res = await fetch(mcpUrl(), { method: "POST", headers: { authorization: `Bearer ${world.session.jwt}`, accept: "application/json" }, body: "{" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32700);
  });

  test("GET and DELETE answer 405", async () => {
    for (const method of ["GET", "DELETE"]) {
      const res = await fetch(mcpUrl(), { method, headers: { authorization: `Bearer ${world.session.jwt}` } });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("POST");
    }
  });
});
