import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startSlackServer, stopSlackServer, toolJson } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const SEED = {
  users: [
    { id: "U_PRIMARY", name: "pome-agent", email: "agent@pome.test" },
    { id: "U_ALICE", name: "alice", email: "alice@pome.test" },
    { id: "U_BOT", name: "deploybot", is_bot: true },
  ],
  tokens: { user: "alice" },
  channels: [
    { id: "C_GENERAL", name: "general", members: ["U_PRIMARY", "U_ALICE"], messages: [{ ts: "1767000000.000100", user: "alice", text: "status?" }] },
    { id: "C_ENG", name: "eng", members: ["U_PRIMARY"] },
  ],
  emoji: { shipit: "https://emoji.example/shipit.png" },
  usergroups: [{ id: "S_ONCALL", name: "On-call", handle: "oncall", users: ["alice"] }],
};

/** The hosted Slack MCP server's tools and parameters (reference/vendor-mcp-tools.md), `*` = required. */
const HOSTED: Record<string, string> = {
  slack_add_reaction: "channel_id* message_ts* emoji*",
  slack_create_canvas: "title* content*",
  slack_create_conversation: "user_ids channel_name is_private",
  slack_get_reactions: "channel_id* message_ts*",
  slack_list_channel_members: "channel_id* limit cursor response_format include_deleted include_bots",
  slack_read_canvas: "canvas_id*",
  slack_read_channel: "channel_id* limit cursor latest oldest response_format",
  slack_read_file: "file_id*",
  slack_read_thread: "channel_id* message_ts* limit cursor latest oldest response_format",
  slack_read_user_profile: "user_id include_locale response_format",
  slack_schedule_message: "channel_id* message* post_at* thread_ts reply_broadcast",
  slack_search_channels: "query* channel_types cursor limit response_format include_archived",
  slack_search_emojis: "query*",
  slack_search_public: "query* content_types context_channel_id cursor limit after before include_bots sort sort_dir response_format include_context max_context_length only_my_channels",
  slack_search_public_and_private: "query* channel_types content_types context_channel_id cursor limit after before include_bots sort sort_dir response_format include_context max_context_length only_my_channels",
  slack_search_users: "query* cursor limit response_format",
  slack_send_message: "channel_id* message* thread_ts reply_broadcast draft_id unfurl_app_links",
  slack_send_message_draft: "channel_id* message* thread_ts",
  slack_update_canvas: "canvas_id* sections action content section_id",
};

describe("MCP", () => {
  test("tools/list has the hosted server's 19 tools with their exact parameters, the reference server's names, and every operation", async () => {
    const { mcp } = openWorld(SEED);
    const { tools } = await (await mcp()).listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    for (const [name, spec] of Object.entries(HOSTED)) {
      const tool = byName.get(name);
      expect(tool, name).toBeDefined();
      const params = spec.split(" ");
      const properties = Object.keys(tool!.inputSchema.properties ?? {});
      // slack_add_reaction also takes the reference server's spellings.
      expect(properties.filter((p) => !(name === "slack_add_reaction" && (p === "timestamp" || p === "reaction"))).sort(), name).toEqual(params.map((p) => p.replace("*", "")).sort());
      const required = params.filter((p) => p.endsWith("*")).map((p) => p.slice(0, -1));
      expect((tool!.inputSchema.required ?? []).slice().sort(), name).toEqual(name === "slack_add_reaction" ? ["channel_id"] : required.sort());
    }
    for (const name of ["slack_post_message", "slack_get_channel_history", "slack_list_channels", "slack_reply_to_thread", "slack_get_thread_replies", "slack_get_users", "slack_get_user_profile"]) expect(byName.has(name), name).toBe(true);
    expect(byName.get("chat_postMessage")!.annotations).toEqual({ readOnlyHint: false });
    expect(byName.get("conversations_history")!.annotations).toEqual({ readOnlyHint: true });
  });

  test("every operation is a tool of its own name, recorded under that name", async () => {
    const { tool, calls, snapshot } = openWorld(SEED);
    const ok = async (name: string, args: Record<string, unknown> = {}) => {
      const result = await tool(name, args);
      expect(result.isError, `${name}: ${JSON.stringify(result.json)}`).toBe(false);
      expect(result.json.ok).toBe(true);
      expect(calls.at(-1)).toMatchObject({ operation: name, transport: "mcp" });
      return result.json;
    };
    expect((await ok("auth_test")).user_id).toBe("U_PRIMARY");
    expect((await ok("api_test", { hello: "world" })).args).toEqual({ hello: "world" });
    expect((await ok("team_info")).team.id).toMatch(/^T/);
    const bot = (await ok("users_info", { user: "U_BOT" })).user.profile.bot_id;
    expect((await ok("bots_info", { bot })).bot.user_id).toBe("U_BOT");
    expect((await ok("emoji_list")).emoji).toEqual({ shipit: "https://emoji.example/shipit.png" });
    expect((await ok("conversations_list", { limit: 1 })).response_metadata.next_cursor).not.toBe("");
    expect((await ok("conversations_info", { channel: "C_ENG" })).channel.name).toBe("eng");
    expect((await ok("conversations_members", { channel: "C_GENERAL" })).members).toEqual(["U_PRIMARY", "U_ALICE"]);
    expect((await ok("conversations_history", { channel: "C_GENERAL" })).messages[0].text).toBe("status?");
    const posted = await ok("chat_postMessage", { channel: "C_GENERAL", text: "all good", thread_ts: "1767000000.000100" });
    expect((await ok("conversations_replies", { channel: "C_GENERAL", ts: "1767000000.000100" })).messages).toHaveLength(2);
    const dm = (await ok("conversations_open", { users: "U_ALICE" })).channel.id;
    await ok("conversations_mark", { channel: dm, ts: posted.ts });
    await ok("conversations_close", { channel: dm });
    const created = (await ok("conversations_create", { name: "war-room" })).channel.id;
    await ok("conversations_invite", { channel: created, users: "U_ALICE" });
    await ok("conversations_kick", { channel: created, user: "U_ALICE" });
    await ok("conversations_rename", { channel: created, name: "war-room-2" });
    await ok("conversations_setTopic", { channel: created, topic: "Outage" });
    await ok("conversations_setPurpose", { channel: created, purpose: "Fix it" });
    await ok("conversations_leave", { channel: created });
    await ok("conversations_join", { channel: created });
    await ok("conversations_archive", { channel: created });
    await ok("conversations_unarchive", { channel: created });
    const me = await ok("chat_meMessage", { channel: "C_ENG", text: "is on it" });
    await ok("chat_update", { channel: "C_ENG", ts: me.ts, text: "is still on it" });
    expect((await ok("chat_getPermalink", { channel: "C_ENG", message_ts: me.ts })).permalink).toContain("/archives/C_ENG/p");
    await ok("chat_delete", { channel: "C_ENG", ts: me.ts });
    expect((await ok("chat_postEphemeral", { channel: "C_GENERAL", user: "U_ALICE", text: "psst" })).message_ts).toBeDefined();
    const scheduled = await ok("chat_scheduleMessage", { channel: "C_GENERAL", text: "later", post_at: 1_767_300_000 });
    expect((await ok("chat_scheduledMessages_list")).scheduled_messages).toHaveLength(1);
    await ok("chat_deleteScheduledMessage", { channel: "C_GENERAL", scheduled_message_id: scheduled.scheduled_message_id });
    await ok("drafts_create", { channel: "C_GENERAL", text: "draft" });
    await ok("reactions_add", { channel: "C_GENERAL", timestamp: "1767000000.000100", name: "eyes" });
    expect((await ok("reactions_get", { channel: "C_GENERAL", timestamp: "1767000000.000100" })).message.reactions[0].name).toBe("eyes");
    expect((await ok("reactions_list")).items).toHaveLength(1);
    await ok("reactions_remove", { channel: "C_GENERAL", timestamp: "1767000000.000100", name: "eyes" });
    await ok("pins_add", { channel: "C_GENERAL", timestamp: "1767000000.000100" });
    expect((await ok("pins_list", { channel: "C_GENERAL" })).items).toHaveLength(1);
    await ok("pins_remove", { channel: "C_GENERAL", timestamp: "1767000000.000100" });
    const bookmark = (await ok("bookmarks_add", { channel_id: "C_GENERAL", title: "Docs", type: "link", link: "https://docs.example" })).bookmark.id;
    await ok("bookmarks_edit", { channel_id: "C_GENERAL", bookmark_id: bookmark, title: "Docs 2" });
    expect((await ok("bookmarks_list", { channel_id: "C_GENERAL" })).bookmarks[0].title).toBe("Docs 2");
    await ok("bookmarks_remove", { channel_id: "C_GENERAL", bookmark_id: bookmark });
    expect((await ok("users_list")).members).toHaveLength(3);
    expect((await ok("users_lookupByEmail", { email: "alice@pome.test" })).user.id).toBe("U_ALICE");
    expect((await ok("users_profile_get", { user: "U_ALICE" })).profile.email).toBe("alice@pome.test");
    await ok("users_profile_set", { profile: { status_text: "on call" } });
    expect((await ok("users_conversations")).channels.map((c: any) => c.id)).toContain("C_ENG");
    await ok("users_setPresence", { presence: "away" });
    expect((await ok("users_getPresence")).presence).toBe("away");
    expect((await ok("usergroups_list")).usergroups).toHaveLength(1);
    const group = (await ok("usergroups_create", { name: "Release", handle: "release" })).usergroup.id;
    await ok("usergroups_users_update", { usergroup: group, users: ["U_PRIMARY"] });
    expect((await ok("usergroups_users_list", { usergroup: group })).users).toEqual(["U_PRIMARY"]);
    expect((await ok("search_messages", { query: "status" })).messages.total).toBe(1);
    const reserved = await ok("files_getUploadURLExternal", { filename: "n.txt", length: 5 });
    await ok("upload_file_content", { file_id: reserved.file_id, content: "hello" });
    await ok("files_completeUploadExternal", { files: [{ id: reserved.file_id }], channel_id: "C_ENG" });
    expect((await ok("files_info", { file: reserved.file_id })).content).toBe("hello");
    expect((await ok("files_list")).files).toHaveLength(1);
    await ok("files_delete", { file: reserved.file_id });
    const canvas = (await ok("canvases_create", { title: "Plan", document_content: { type: "markdown", markdown: "# Plan" } })).canvas_id;
    await ok("canvases_edit", { canvas_id: canvas, changes: [{ operation: "insert_at_end", document_content: { type: "markdown", markdown: "- step" } }] });
    expect((await ok("canvases_sections_lookup", { canvas_id: canvas, criteria: { contains_text: "step" } })).sections).toHaveLength(1);
    await ok("canvases_delete", { canvas_id: canvas });
    expect(snapshot().channels.find((c: any) => c.name === "war-room-2").topic.value).toBe("Outage");
  });

  test("a failed tool call is an isError result with Slack's body, recorded as that error", async () => {
    const { tool, calls } = openWorld(SEED);
    expect(await tool("chat_postMessage", { channel: "C_NOPE", text: "x" })).toEqual({ isError: true, json: { ok: false, error: "channel_not_found" } });
    expect(await tool("slack_send_message", { channel_id: "C_GENERAL" })).toMatchObject({ isError: true, json: { ok: false, error: "invalid_arguments" } });
    expect(await tool("no_such_tool", {})).toMatchObject({ isError: true, json: { ok: false, error: "unknown_method" } });
    expect(calls.at(0)).toMatchObject({ operation: "chat_postMessage", error: { code: "channel_not_found" } });
  });

  test("the hosted server's tools lead to the table's operations", async () => {
    const { tool, calls, snapshot } = openWorld(SEED);
    const via = async (name: string, args: Record<string, unknown>, operation: string) => {
      const result = await tool(name, args);
      expect(result.isError, `${name}: ${JSON.stringify(result.json)}`).toBe(false);
      expect(calls.at(-1)).toMatchObject({ operation, transport: "mcp" });
      return result.json;
    };
    const sent = await via("slack_send_message", { channel_id: "C_GENERAL", message: "on it" }, "chat_postMessage");
    await via("slack_send_message", { channel_id: "C_GENERAL", message: "in thread", thread_ts: sent.ts, reply_broadcast: true }, "chat_postMessage");
    await via("slack_send_message_draft", { channel_id: "C_GENERAL", message: "draft" }, "drafts_create");
    await via("slack_schedule_message", { channel_id: "C_GENERAL", message: "later", post_at: 1_767_300_000 }, "chat_scheduleMessage");
    await via("slack_add_reaction", { channel_id: "C_GENERAL", message_ts: sent.ts, emoji: "white_check_mark" }, "reactions_add");
    expect((await via("slack_get_reactions", { channel_id: "C_GENERAL", message_ts: sent.ts }, "reactions_get")).message.reactions[0].name).toBe("white_check_mark");
    expect((await via("slack_create_conversation", { channel_name: "ops-war-room", is_private: true, user_ids: "U_ALICE" }, "conversations_create")).channel.is_private).toBe(true);
    expect((await via("slack_create_conversation", { user_ids: "U_ALICE" }, "conversations_open")).channel.is_im).toBe(true);
    expect((await via("slack_list_channel_members", { channel_id: "C_GENERAL", limit: 1 }, "conversations_members")).members).toEqual(["U_PRIMARY"]);
    expect((await via("slack_read_channel", { channel_id: "C_GENERAL", limit: 10 }, "conversations_history")).messages[0].text).toBe("in thread");
    expect((await via("slack_read_thread", { channel_id: "C_GENERAL", message_ts: sent.ts }, "conversations_replies")).messages).toHaveLength(2);
    expect((await via("slack_read_user_profile", { user_id: "U_ALICE" }, "users_profile_get")).profile.email).toBe("alice@pome.test");
    expect((await via("slack_search_channels", { query: "war" }, "conversations_list")).channels.map((c: any) => c.name)).toEqual(["ops-war-room"]);
    expect((await via("slack_search_users", { query: "ali" }, "users_list")).members.map((u: any) => u.name)).toEqual(["alice"]);
    expect(Object.keys((await via("slack_search_emojis", { query: "ship" }, "emoji_list")).emoji)).toEqual(["shipit"]);
    expect((await via("slack_search_public", { query: "status", limit: 5 }, "search_messages")).messages.total).toBe(1);
    expect((await via("slack_search_public_and_private", { query: "on it" }, "search_messages")).messages.total).toBe(1);
    const canvas = (await via("slack_create_canvas", { title: "Notes", content: "# Notes" }, "canvases_create")).canvas_id;
    await via("slack_update_canvas", { canvas_id: canvas, action: "append", content: "more" }, "canvases_edit");
    expect((await via("slack_read_canvas", { canvas_id: canvas }, "files_info")).content).toBe("# Notes\n\nmore");
    expect((await via("slack_read_file", { file_id: canvas }, "files_info")).file.id).toBe(canvas);
    expect(snapshot().drafts).toHaveLength(1);
  });

  test("the older reference server's tools lead to the same operations", async () => {
    const { tool, calls } = openWorld(SEED);
    const via = async (name: string, args: Record<string, unknown>, operation: string) => {
      const result = await tool(name, args);
      expect(result.isError, `${name}: ${JSON.stringify(result.json)}`).toBe(false);
      expect(calls.at(-1)).toMatchObject({ operation, transport: "mcp" });
      return result.json;
    };
    expect((await via("slack_list_channels", {}, "conversations_list")).channels.map((c: any) => c.id)).toEqual(["C_GENERAL", "C_ENG"]);
    const sent = await via("slack_post_message", { channel_id: "C_GENERAL", text: "hello" }, "chat_postMessage");
    await via("slack_reply_to_thread", { channel_id: "C_GENERAL", thread_ts: sent.ts, text: "reply" }, "chat_postMessage");
    await via("slack_add_reaction", { channel_id: "C_GENERAL", timestamp: sent.ts, reaction: "thumbsup" }, "reactions_add");
    expect((await via("slack_get_channel_history", { channel_id: "C_GENERAL", limit: 1 }, "conversations_history")).messages).toHaveLength(1);
    expect((await via("slack_get_thread_replies", { channel_id: "C_GENERAL", thread_ts: sent.ts }, "conversations_replies")).messages).toHaveLength(2);
    expect((await via("slack_get_users", {}, "users_list")).members).toHaveLength(3);
    expect((await via("slack_get_user_profile", { user_id: "U_ALICE" }, "users_profile_get")).profile.email).toBe("alice@pome.test");
  });

  test("an MCP client with the user token acts as the user", async () => {
    const { mcp, session } = openWorld(SEED);
    const client = await mcp(session.env.POME_SLACK_USER_TOKEN);
    expect(toolJson(await client.callTool({ name: "auth_test", arguments: {} }))).toMatchObject({ ok: true, user_id: "U_ALICE" });
  });
});
