/**
 * The Slack twin: the Web API (`POST /<method>`, read methods also GET; what WebClient
 * calls with `slackApiUrl: POME_SLACK_REST_URL + "/"`) and MCP (the table's operations,
 * the hosted Slack MCP server's tools and the older reference server's) over one
 * operation table, seeded from the scenario (the earlier twin's format, extended),
 * snapshotted with Slack's field names. Operation names are method names with `_` for `.`.
 */
import type { Operation } from "../engine/operation.js";
import { reply } from "../engine/operation.js";
import { readBodyByContentType } from "../engine/request-body.js";
import type { TwinDefinition } from "../engine/twin.js";
import { POME_VERSION } from "../../version.js";
import { slackAuth } from "./auth.js";
import { slackErrors } from "./errors.js";
import { bookmarkOperations } from "./operations/bookmarks.js";
import { canvasOperations } from "./operations/canvases.js";
import { channelAdminOperations } from "./operations/channel-admin.js";
import { chatOperations } from "./operations/chat.js";
import { conversationReadOperations } from "./operations/conversations.js";
import { fileOperations } from "./operations/files.js";
import { slackToolRoutes } from "./operations/mcp-tools.js";
import { reactionAndPinOperations } from "./operations/reactions-pins.js";
import { scheduledOperations } from "./operations/scheduled.js";
import { searchOperations } from "./operations/search.js";
import { usergroupOperations } from "./operations/usergroups.js";
import { userOperations } from "./operations/users.js";
import { workspaceOperations } from "./operations/workspace.js";
import { slackPhrases } from "./phrases/index.js";
import { createSlackState, defaultSlackSeed, slackSeedSchema, type SlackSeed } from "./seed/index.js";
import { slackSnapshot } from "./snapshot.js";
import type { SlackState } from "./state.js";
import { slackPagination } from "./wire/pagination.js";

export const slackOperations: Operation<SlackState, any>[] = [
  ...workspaceOperations,
  ...conversationReadOperations,
  ...channelAdminOperations,
  ...chatOperations,
  ...scheduledOperations,
  ...reactionAndPinOperations,
  ...bookmarkOperations,
  ...userOperations,
  ...usergroupOperations,
  ...searchOperations,
  ...fileOperations,
  ...canvasOperations,
];

/**
 * `{ok: true, …}` around every result. A result that declares `has_more` gets it from the
 * page (`response_metadata.next_cursor`); a `warning` is mirrored in
 * `response_metadata.warnings`, as Slack does.
 */
function slackSuccess(out: ReturnType<typeof reply>) {
  const body: Record<string, unknown> = { ok: true, ...(Object(out.body) as Record<string, unknown>) };
  const metadata = typeof body.response_metadata === "object" && body.response_metadata !== null ? (body.response_metadata as Record<string, unknown>) : undefined;
  if ("has_more" in body) body.has_more = typeof metadata?.next_cursor === "string" && metadata.next_cursor !== "";
  if (typeof body.warning === "string") {
    const warnings = body.warning.split(",");
    body.response_metadata = { ...metadata, warnings: [...new Set([...((metadata?.warnings as string[] | undefined) ?? []), ...warnings])] };
  }
  return reply(out.status, body, out.headers);
}

export const slackTwin: TwinDefinition<SlackState, SlackSeed> = {
  name: "slack",
  version: POME_VERSION,
  operations: slackOperations,
  toolRoutes: slackToolRoutes,
  seed: { schema: slackSeedSchema, default: defaultSlackSeed },
  createState: createSlackState,
  snapshot: slackSnapshot,
  defaultActor: "pome-agent",
  errors: slackErrors,
  auth: slackAuth,
  phrases: slackPhrases,
  // WebClient posts forms (multipart for uploads); agents also post JSON with a Bearer header.
  bodyReader: readBodyByContentType,
  pagination: slackPagination,
  success: slackSuccess,
  // Channels, users and files by id, messages by ts, reactions and emoji by name.
  identityKeys: [["id"], ["ts"], ["name"]],
};

export type { SlackState } from "./state.js";
export type { SlackSeed, SlackSeedInput } from "./seed/index.js";
export type { SlackSnapshot } from "./snapshot.js";
