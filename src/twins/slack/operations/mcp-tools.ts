/**
 * MCP tools beside the table's own (`chat_postMessage` …): the hosted Slack MCP server's
 * 19 tools with its exact parameters, and the older reference server's names
 * (`slack_post_message`, `slack_get_channel_history` …). Each leads to an operation of the
 * table and is recorded as it. `slack_add_reaction` is in both servers with different
 * parameters (`message_ts`/`emoji` and `timestamp`/`reaction`); it takes either.
 */
import { z } from "zod";
import type { ToolRoute } from "../../engine/tool-routes.js";
import { slackError } from "../errors.js";

const str = z.string();
const num = z.union([z.number(), z.string()]);
const bool = z.union([z.boolean(), z.string()]);
const responseFormat = z.string().optional().describe("concise or detailed (the twin always answers Slack's full JSON)");

function route<S extends z.ZodRawShape>(name: string, description: string, shape: S, mutates: boolean, to: (input: z.infer<z.ZodObject<S>>) => { operation: string; input: Record<string, unknown> }): ToolRoute<z.infer<z.ZodObject<S>>> {
  return { name, description, input: z.object(shape), mutates, to: (input) => to(input) };
}

/** Drop undefined fields, so the operation's defaults apply. */
const defined = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));

const searchShape = {
  query: str,
  content_types: str.optional(),
  context_channel_id: str.optional(),
  cursor: str.optional(),
  limit: num.optional(),
  after: str.optional(),
  before: str.optional(),
  include_bots: bool.optional(),
  sort: str.optional(),
  sort_dir: str.optional(),
  response_format: responseFormat,
  include_context: bool.optional(),
  max_context_length: num.optional(),
  only_my_channels: bool.optional(),
};

type SearchInput = { query: string; limit?: string | number; after?: string; before?: string; sort?: string; sort_dir?: string; only_my_channels?: string | boolean; cursor?: string };

/** A search tool's call as search.messages: dates become `after:`/`before:` modifiers, `limit` the page size, `cursor` the page. */
function searchCall(input: SearchInput, channelTypes: string) {
  const modifiers = [input.after ? `after:${input.after}` : "", input.before ? `before:${input.before}` : ""].filter(Boolean).join(" ");
  const page = input.cursor && /^\d+$/.test(input.cursor) ? input.cursor : undefined;
  return {
    operation: "search_messages",
    input: defined({ query: modifiers ? `${input.query} ${modifiers}` : input.query, count: input.limit, page, sort: input.sort, sort_dir: input.sort_dir, channel_types: channelTypes, only_my_channels: input.only_my_channels }),
  };
}

const ACTIONS: Record<string, string> = { append: "insert_at_end", prepend: "insert_at_start", replace: "replace" };

/** The hosted Slack MCP server's tools (mcp.slack.com). */
export const hostedSlackTools: ToolRoute[] = [
  route("slack_send_message", "Send a message to a channel or DM (`channel_id`), or a thread reply (`thread_ts`).", { channel_id: str, message: str, thread_ts: str.optional(), reply_broadcast: bool.optional(), draft_id: str.optional(), unfurl_app_links: bool.optional() }, true, (i) => ({
    operation: "chat_postMessage",
    input: defined({ channel: i.channel_id, text: i.message, thread_ts: i.thread_ts, reply_broadcast: i.reply_broadcast }),
  })),
  route("slack_send_message_draft", "Save a message draft in a conversation for a person to send.", { channel_id: str, message: str, thread_ts: str.optional() }, true, (i) => ({
    operation: "drafts_create",
    input: defined({ channel: i.channel_id, text: i.message, thread_ts: i.thread_ts }),
  })),
  route("slack_schedule_message", "Schedule a message for `post_at` (Unix seconds).", { channel_id: str, message: str, post_at: num, thread_ts: str.optional(), reply_broadcast: bool.optional() }, true, (i) => ({
    operation: "chat_scheduleMessage",
    input: defined({ channel: i.channel_id, text: i.message, post_at: i.post_at, thread_ts: i.thread_ts, reply_broadcast: i.reply_broadcast }),
  })),
  route(
    "slack_add_reaction",
    "Add an emoji reaction to a message: `channel_id`, `message_ts` and `emoji` (the older server's `timestamp` and `reaction` are taken too).",
    { channel_id: str, message_ts: str.optional(), emoji: str.optional(), timestamp: str.optional(), reaction: str.optional() },
    true,
    (i) => {
      const timestamp = i.message_ts ?? i.timestamp;
      const name = i.emoji ?? i.reaction;
      if (timestamp === undefined || name === undefined) throw slackError("invalid_arguments", { response_metadata: { messages: ["[ERROR] message_ts and emoji are required"] } });
      return { operation: "reactions_add", input: { channel: i.channel_id, timestamp, name } };
    },
  ),
  route("slack_get_reactions", "A message's reactions.", { channel_id: str, message_ts: str }, false, (i) => ({ operation: "reactions_get", input: { channel: i.channel_id, timestamp: i.message_ts } })),
  route("slack_create_conversation", "Create a channel (`channel_name`, `is_private`, inviting `user_ids`), or open a DM / group DM with `user_ids` when no name is given.", { user_ids: str.optional(), channel_name: str.optional(), is_private: bool.optional() }, true, (i) =>
    i.channel_name ? { operation: "conversations_create", input: defined({ name: i.channel_name, is_private: i.is_private, user_ids: i.user_ids }) } : { operation: "conversations_open", input: defined({ users: i.user_ids, return_im: true }) },
  ),
  route("slack_list_channel_members", "A conversation's member ids.", { channel_id: str, limit: num.optional(), cursor: str.optional(), response_format: responseFormat, include_deleted: bool.optional(), include_bots: bool.optional() }, false, (i) => ({
    operation: "conversations_members",
    input: defined({ channel: i.channel_id, limit: i.limit, cursor: i.cursor }),
  })),
  route("slack_read_channel", "A conversation's messages, newest first.", { channel_id: str, limit: num.optional(), cursor: str.optional(), latest: str.optional(), oldest: str.optional(), response_format: responseFormat }, false, (i) => ({
    operation: "conversations_history",
    input: defined({ channel: i.channel_id, limit: i.limit, cursor: i.cursor, latest: i.latest, oldest: i.oldest }),
  })),
  route("slack_read_thread", "A thread: parent and replies.", { channel_id: str, message_ts: str, limit: num.optional(), cursor: str.optional(), latest: str.optional(), oldest: str.optional(), response_format: responseFormat }, false, (i) => ({
    operation: "conversations_replies",
    input: defined({ channel: i.channel_id, ts: i.message_ts, limit: i.limit, cursor: i.cursor, latest: i.latest, oldest: i.oldest }),
  })),
  route("slack_read_user_profile", "A user's profile (default: the caller's).", { user_id: str.optional(), include_locale: bool.optional(), response_format: responseFormat }, false, (i) => ({
    operation: "users_profile_get",
    input: defined({ user: i.user_id }),
  })),
  route("slack_read_file", "A file's details and text content.", { file_id: str }, false, (i) => ({ operation: "files_info", input: { file: i.file_id } })),
  route("slack_search_channels", "Channels whose name contains `query`.", { query: str, channel_types: str.optional(), cursor: str.optional(), limit: num.optional(), response_format: responseFormat, include_archived: bool.optional() }, false, (i) => ({
    operation: "conversations_list",
    input: defined({ query: i.query, types: i.channel_types ?? "public_channel,private_channel", cursor: i.cursor, limit: i.limit, exclude_archived: i.include_archived === true || i.include_archived === "true" ? false : true }),
  })),
  route("slack_search_users", "Users whose name, real name or email contains `query`.", { query: str, cursor: str.optional(), limit: num.optional(), response_format: responseFormat }, false, (i) => ({
    operation: "users_list",
    input: defined({ query: i.query, cursor: i.cursor, limit: i.limit }),
  })),
  route("slack_search_emojis", "Custom emoji whose name contains `query`.", { query: str }, false, (i) => ({ operation: "emoji_list", input: { query: i.query } })),
  route("slack_search_public", "Search messages in public channels.", searchShape, false, (i) => searchCall(i, "public_channel")),
  route("slack_search_public_and_private", "Search messages in every conversation the caller can see.", { ...searchShape, channel_types: str.optional() }, false, (i) =>
    searchCall(i, i.channel_types ?? "public_channel,private_channel,mpim,im"),
  ),
  route("slack_create_canvas", "Create a canvas from markdown.", { title: str, content: str }, true, (i) => ({
    operation: "canvases_create",
    input: { title: i.title, document_content: { type: "markdown", markdown: i.content } },
  })),
  route("slack_read_canvas", "A canvas's markdown.", { canvas_id: str }, false, (i) => ({ operation: "files_info", input: { file: i.canvas_id } })),
  route(
    "slack_update_canvas",
    "Append, prepend or replace (the whole canvas, or `section_id`) markdown `content`.",
    { canvas_id: str, sections: z.unknown().optional(), action: z.enum(["append", "prepend", "replace"]).optional(), content: str.optional(), section_id: str.optional() },
    true,
    (i) => ({
      operation: "canvases_edit",
      input: {
        canvas_id: i.canvas_id,
        changes: [{ operation: ACTIONS[i.action ?? "append"], ...(i.section_id ? { section_id: i.section_id } : {}), document_content: { type: "markdown", markdown: i.content ?? "" } }],
      },
    }),
  ),
];

/** The older reference server's tools (`@modelcontextprotocol/server-slack`), but its `slack_add_reaction`, served above. */
export const referenceSlackTools: ToolRoute[] = [
  route("slack_list_channels", "Public channels of the workspace.", { limit: num.optional(), cursor: str.optional() }, false, (i) => ({
    operation: "conversations_list",
    input: defined({ types: "public_channel", exclude_archived: true, limit: i.limit, cursor: i.cursor }),
  })),
  route("slack_post_message", "Post a message to a channel.", { channel_id: str, text: str }, true, (i) => ({ operation: "chat_postMessage", input: { channel: i.channel_id, text: i.text } })),
  route("slack_reply_to_thread", "Reply in a thread.", { channel_id: str, thread_ts: str, text: str }, true, (i) => ({
    operation: "chat_postMessage",
    input: { channel: i.channel_id, thread_ts: i.thread_ts, text: i.text },
  })),
  route("slack_get_channel_history", "Recent messages of a channel.", { channel_id: str, limit: num.optional() }, false, (i) => ({ operation: "conversations_history", input: defined({ channel: i.channel_id, limit: i.limit ?? 10 }) })),
  route("slack_get_thread_replies", "A thread's messages.", { channel_id: str, thread_ts: str }, false, (i) => ({ operation: "conversations_replies", input: { channel: i.channel_id, ts: i.thread_ts } })),
  route("slack_get_users", "Users of the workspace.", { cursor: str.optional(), limit: num.optional() }, false, (i) => ({ operation: "users_list", input: defined({ cursor: i.cursor, limit: i.limit ?? 100 }) })),
  route("slack_get_user_profile", "A user's profile.", { user_id: str }, false, (i) => ({ operation: "users_profile_get", input: { user: i.user_id } })),
];

export const slackToolRoutes: ToolRoute[] = [...hostedSlackTools, ...referenceSlackTools];
