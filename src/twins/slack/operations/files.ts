/**
 * Files through Slack's upload flow (what WebClient's `filesUploadV2()` does):
 * files.getUploadURLExternal reserves a file and answers an upload URL this twin serves
 * (`<REST URL>/upload/v1/<file id>`, the twin's stand-in for files.slack.com); the bytes
 * are POSTed there (multipart, raw, or a `content` field); files.completeUploadExternal
 * finishes the file and shares it, with `initial_comment`, to a conversation. Then
 * files.info, files.list and files.delete. A caller sees its own files and those shared in
 * conversations it can see.
 */
import { z } from "zod";
import type { FilePart } from "../../engine/multipart.js";
import { slackError } from "../errors.js";
import { csv, flag, integer, jsonValue, need, optional } from "../inputs.js";
import { slackMethod } from "../method.js";
import { actorId, canSee, newSlackId, type SlackContext, type SlackFile, userIsAdmin } from "../state.js";
import { wireFile } from "../wire/objects.js";
import { appendMessage, postTarget } from "./chat.js";
import { requireConversation } from "../lookup.js";
import type { Operation } from "../../engine/operation.js";
import type { SlackState } from "../state.js";

/** The MIME type Slack gives a file by its extension. */
function mimeOf(filename: string): { mimetype: string; filetype: string } {
  const ext = filename.includes(".") ? filename.split(".").pop()!.toLowerCase() : "";
  const known: Record<string, string> = {
    txt: "text/plain", md: "text/markdown", csv: "text/csv", json: "application/json", log: "text/plain", html: "text/html",
    png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif", pdf: "application/pdf", zip: "application/zip",
  };
  return { mimetype: known[ext] ?? "application/octet-stream", filetype: ext === "" ? "binary" : ext === "txt" ? "text" : ext };
}

export function canSeeFile(ctx: SlackContext, file: SlackFile): boolean {
  const viewer = actorId(ctx);
  return file.user === viewer || file.channels.some((id) => {
    const channel = ctx.state.channels.find((c) => c.id === id);
    return channel !== undefined && canSee(channel, viewer);
  });
}

export function requireFile(ctx: SlackContext, id: string, options: { canvas?: boolean } = {}): SlackFile {
  const file = ctx.state.files.find((f) => f.id === id && f.state === "complete");
  const code = options.canvas ? "canvas_not_found" : "file_not_found";
  if (!file || !canSeeFile(ctx, file) || (options.canvas === true && file.filetype !== "canvas")) throw slackError(code);
  return file;
}

export const filesGetUploadURLExternal = slackMethod({
  method: "files.getUploadURLExternal",
  description: "Reserve a file (`filename`, `length` in bytes) and get the URL to POST its bytes to.",
  tier: "semantic",
  read: false,
  input: z.object({ filename: need("invalid_arguments"), length: integer, alt_txt: optional, alt_text: optional, snippet_type: optional }),
  handle(ctx, input) {
    if (input.length === undefined || !Number.isInteger(input.length) || input.length <= 0) throw slackError("invalid_arguments", { response_metadata: { messages: ["[ERROR] length must be a positive integer [json-pointer:/length]"] } });
    const id = newSlackId(ctx.ids, "F");
    const { mimetype, filetype } = mimeOf(input.filename);
    const alt = input.alt_txt ?? input.alt_text;
    ctx.state.files.push({ id, created: ctx.clock.unix(), name: input.filename, title: input.filename, mimetype, filetype, user: actorId(ctx), size: input.length, content: null, state: "pending", channels: [], ...(alt ? { alt_txt: alt } : {}) });
    return { upload_url: `${ctx.urls.rest}/upload/v1/${id}`, file_id: id };
  },
});

function uploadedText(ctx: SlackContext, input: Record<string, unknown>): string | null {
  const part = Object.values(input).find((v): v is FilePart => typeof v === "object" && v !== null && "filename" in v && "content" in v);
  if (part) return part.content;
  if (typeof input.content === "string") return input.content;
  if (typeof input.body === "string") return input.body;
  const type = (ctx.headers["content-type"] ?? "").toLowerCase();
  if (ctx.rawBody && ctx.rawBody.length > 0 && !type.startsWith("multipart/") && !type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("application/json")) return ctx.rawBody.toString("utf8");
  return null;
}

/** The upload URL files.getUploadURLExternal hands out (not a Web API method; named for what it does). */
export const uploadFileContent: Operation<SlackState, Record<string, unknown> & { file_id: string }> = {
  name: "upload_file_content",
  description: "The upload URL of files.getUploadURLExternal: POST the file's bytes (multipart, raw, or a `content` field) to /upload/v1/{file_id}.",
  rest: [{ method: "POST", path: "/upload/v1/{file_id}" }],
  tier: "semantic",
  mutates: true,
  input: z.looseObject({ file_id: need("file_not_found"), content: optional }),
  handle(ctx, input) {
    const file = ctx.state.files.find((f) => f.id === input.file_id && f.user === actorId(ctx));
    if (!file || file.state === "complete") throw slackError("file_not_found");
    const text = uploadedText(ctx, input);
    if (text === null) throw slackError("invalid_arguments", { response_metadata: { messages: ["[ERROR] no file bytes in the request"] } });
    file.content = text;
    file.state = "uploaded";
    return { file_id: file.id, size: file.size };
  },
};

const completedFiles = z.preprocess((value) => {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}, z.array(z.object({ id: z.string(), title: z.string().optional() }), { error: "invalid_arguments" }).min(1, { error: "invalid_arguments" }));

export const filesCompleteUploadExternal = slackMethod({
  method: "files.completeUploadExternal",
  description: "Finish uploaded files (`files`: [{id, title}]) and share them to `channel_id` (or `channels`) with an `initial_comment`, in a thread with `thread_ts`.",
  tier: "semantic",
  input: z.object({ files: completedFiles, channel_id: optional, channels: csv, initial_comment: optional, thread_ts: optional, blocks: jsonValue }),
  handle(ctx, input) {
    const actor = actorId(ctx);
    const files = input.files.map(({ id, title }) => {
      const file = ctx.state.files.find((f) => f.id === id && f.user === actor);
      if (!file || file.state !== "uploaded") throw slackError("file_not_found");
      return { file, title };
    });
    const targets = [input.channel_id, ...(input.channels ?? [])].filter((c): c is string => c !== undefined && c !== "");
    if (targets.length > 1) throw slackError("invalid_arguments", { response_metadata: { messages: ["[ERROR] share to one conversation per call"] } });
    const channel = targets.length === 1 ? postTarget(ctx, targets[0]) : undefined;
    for (const { file, title } of files) {
      if (title) file.title = title;
      file.state = "complete";
      if (channel && !file.channels.includes(channel.id)) file.channels.push(channel.id);
    }
    if (channel) {
      if ((input.initial_comment ?? "").length > 40_000) throw slackError("msg_too_long");
      appendMessage(ctx, channel, { text: input.initial_comment ?? "", files: files.map(({ file }) => file.id), ...(input.thread_ts ? { thread_ts: input.thread_ts } : {}) });
    }
    return { files: files.map(({ file }) => wireFile(ctx.state, file)) };
  },
});

export const filesInfo = slackMethod({
  method: "files.info",
  description: "A file the caller can see, with its text content when it has one (a canvas's markdown).",
  tier: "semantic",
  read: true,
  input: z.object({ file: need("file_not_found"), count: integer, page: integer, cursor: optional, limit: integer }),
  handle(ctx, input) {
    const file = requireFile(ctx, input.file);
    return { file: wireFile(ctx.state, file, { content: true }), content: file.content ?? "", comments: [], response_metadata: { next_cursor: "" } };
  },
});

const TYPE_TESTS: Record<string, (f: SlackFile) => boolean> = {
  all: () => true,
  images: (f) => f.mimetype.startsWith("image/"),
  snippets: (f) => f.mimetype.startsWith("text/"),
  pdfs: (f) => f.filetype === "pdf",
  zips: (f) => f.filetype === "zip",
  canvas: (f) => f.filetype === "canvas",
  spaces: () => false,
  gdocs: () => false,
};

export const filesList = slackMethod({
  method: "files.list",
  description: "Files the caller can see, newest first, by `channel`, `user`, `types`, `ts_from`/`ts_to`; paged by `count`/`page`.",
  tier: "semantic",
  read: true,
  input: z.object({ channel: optional, user: optional, types: csv, ts_from: integer, ts_to: integer, count: integer, page: integer, show_files_hidden_by_limit: flag, team_id: optional }),
  handle(ctx, input) {
    const channel = input.channel ? requireConversation(ctx, input.channel) : undefined;
    const tests = (input.types ?? ["all"]).map((type) => TYPE_TESTS[type]);
    if (tests.some((t) => t === undefined)) throw slackError("invalid_types");
    const found = ctx.state.files
      .filter((f) => f.state === "complete" && canSeeFile(ctx, f))
      .filter((f) => (!channel || f.channels.includes(channel.id)) && (!input.user || f.user === input.user))
      .filter((f) => (input.ts_from === undefined || f.created >= input.ts_from) && (input.ts_to === undefined || f.created <= input.ts_to))
      .filter((f) => tests.some((t) => t!(f)))
      .reverse();
    const count = Math.min(1000, Math.max(1, Math.floor(input.count ?? 100)));
    const page = Math.max(1, Math.floor(input.page ?? 1));
    return {
      files: found.slice((page - 1) * count, page * count).map((f) => wireFile(ctx.state, f)),
      paging: { count, total: found.length, page, pages: Math.max(1, Math.ceil(found.length / count)) },
    };
  },
});

export const filesDelete = slackMethod({
  method: "files.delete",
  description: "Delete a file the caller uploaded (an admin's user token may delete any); it leaves the messages it was shared in.",
  tier: "semantic",
  input: z.object({ file: need("file_not_found") }),
  handle(ctx, input) {
    const file = requireFile(ctx, input.file);
    if (file.user !== actorId(ctx) && !(ctx.credential === "user" && userIsAdmin(ctx.state, actorId(ctx)))) throw slackError("cant_delete_file");
    ctx.state.files = ctx.state.files.filter((f) => f !== file);
    ctx.state.deleted.files.push({ ...structuredClone(file), deleted_by: actorId(ctx) });
    for (const channel of ctx.state.channels) {
      for (const message of channel.messages) if (message.files?.includes(file.id)) message.files = message.files.filter((id) => id !== file.id);
    }
    return {};
  },
});

export const fileOperations = [filesGetUploadURLExternal, uploadFileContent, filesCompleteUploadExternal, filesInfo, filesList, filesDelete];
