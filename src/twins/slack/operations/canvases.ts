/**
 * Canvases (markdown documents stored as files of type `canvas`): create, edit, delete and
 * sections.lookup. A canvas is a list of sections, one per inserted piece of markdown;
 * files.info answers its markdown. Shape tier: Slack's rich-document model (headers as
 * sections, mentions, checklists) is flattened to markdown sections.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { jsonValue, need, optional } from "../inputs.js";
import { slackMethod } from "../method.js";
import { actorId, type SlackContext, type SlackFile } from "../state.js";
import { newSlackId } from "../state.js";
import { postTarget } from "./chat.js";
import { requireFile } from "./files.js";

function parseJson(value: unknown, code: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw slackError(code);
  }
}

const documentContent = z.object({ type: z.literal("markdown"), markdown: z.string() });

function markdownOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const parsed = documentContent.safeParse(parseJson(value, "invalid_arguments"));
  if (!parsed.success) throw slackError("invalid_arguments", { response_metadata: { messages: ["[ERROR] document_content must be {type: \"markdown\", markdown}"] } });
  return parsed.data.markdown;
}

const sectionId = (ctx: SlackContext) => `temp:C:${ctx.ids.hex("canvas-section", 24)}`;

function syncContent(file: SlackFile): void {
  file.content = (file.sections ?? []).map((s) => s.markdown).join("\n\n");
  file.size = Buffer.byteLength(file.content);
}

export const canvasesCreate = slackMethod({
  method: "canvases.create",
  description: "Create a canvas (`title`, `document_content: {type: \"markdown\", markdown}`), in a conversation with `channel_id`.",
  tier: "shape",
  input: z.object({ title: optional, document_content: jsonValue, channel_id: optional }),
  handle(ctx, input) {
    const markdown = markdownOf(input.document_content);
    const channel = input.channel_id ? postTarget(ctx, input.channel_id) : undefined;
    const title = input.title ?? "Untitled";
    const file: SlackFile = {
      id: newSlackId(ctx.ids, "F"),
      created: ctx.clock.unix(),
      name: title,
      title,
      mimetype: "application/vnd.slack-docs",
      filetype: "canvas",
      user: actorId(ctx),
      size: 0,
      content: "",
      state: "complete",
      channels: channel ? [channel.id] : [],
      sections: markdown === undefined ? [] : [{ id: sectionId(ctx), markdown }],
    };
    syncContent(file);
    ctx.state.files.push(file);
    return { canvas_id: file.id };
  },
});

const change = z.object({
  operation: z.enum(["insert_after", "insert_before", "insert_at_start", "insert_at_end", "replace", "delete", "rename"]),
  section_id: z.string().optional(),
  document_content: z.unknown().optional(),
  title_content: z.unknown().optional(),
});

export const canvasesEdit = slackMethod({
  method: "canvases.edit",
  description: "Edit a canvas: `changes` of insert_at_start / insert_at_end / insert_after / insert_before / replace / delete (by `section_id`) / rename.",
  tier: "shape",
  input: z.object({ canvas_id: need("canvas_not_found"), changes: jsonValue }),
  handle(ctx, input) {
    const file = requireFile(ctx, input.canvas_id, { canvas: true });
    const parsed = z.array(change).min(1).safeParse(parseJson(input.changes, "invalid_arguments"));
    if (!parsed.success) throw slackError("invalid_arguments", { response_metadata: { messages: ["[ERROR] changes must be a list of {operation, section_id?, document_content?}"] } });
    const before = { title: file.title, content: file.content ?? "" };
    const sections = file.sections ?? (file.sections = []);
    for (const edit of parsed.data) {
      const at = edit.section_id === undefined ? -1 : sections.findIndex((s) => s.id === edit.section_id);
      const needsSection = ["insert_after", "insert_before", "delete"].includes(edit.operation) || (edit.operation === "replace" && edit.section_id !== undefined);
      if (needsSection && at === -1) throw slackError("canvas_editing_failed", { detail: `no section ${edit.section_id ?? "(none given)"}` });
      if (edit.operation === "rename") {
        const title = markdownOf(edit.title_content);
        if (title === undefined) throw slackError("invalid_arguments");
        file.title = title;
        file.name = title;
        continue;
      }
      if (edit.operation === "delete") {
        sections.splice(at, 1);
        continue;
      }
      const markdown = markdownOf(edit.document_content);
      if (markdown === undefined) throw slackError("invalid_arguments");
      const section = { id: sectionId(ctx), markdown };
      if (edit.operation === "insert_at_start") sections.unshift(section);
      else if (edit.operation === "insert_at_end") sections.push(section);
      else if (edit.operation === "insert_after") sections.splice(at + 1, 0, section);
      else if (edit.operation === "insert_before") sections.splice(at, 0, section);
      else if (at === -1) sections.splice(0, sections.length, section);
      else sections[at] = { id: sections[at].id, markdown };
    }
    syncContent(file);
    // What the edit replaced stays readable to criteria (a canvas is shared content).
    if (before.title !== file.title || before.content !== file.content) file.previous_versions = [...(file.previous_versions ?? []), before];
    return {};
  },
});

export const canvasesDelete = slackMethod({
  method: "canvases.delete",
  description: "Delete a canvas the caller created.",
  tier: "shape",
  input: z.object({ canvas_id: need("canvas_not_found") }),
  handle(ctx, input) {
    const file = requireFile(ctx, input.canvas_id, { canvas: true });
    if (file.user !== actorId(ctx)) throw slackError("canvas_deleting_failed");
    ctx.state.files = ctx.state.files.filter((f) => f !== file);
    ctx.state.deleted.files.push({ ...structuredClone(file), deleted_by: actorId(ctx) });
    return {};
  },
});

export const canvasesSectionsLookup = slackMethod({
  method: "canvases.sections.lookup",
  description: "Ids of a canvas's sections whose markdown contains `criteria.contains_text` (and, with `section_types` [\"h1\"…], starts with that header level).",
  tier: "shape",
  read: true,
  input: z.object({ canvas_id: need("canvas_not_found"), criteria: jsonValue }),
  handle(ctx, input) {
    const file = requireFile(ctx, input.canvas_id, { canvas: true });
    const parsed = z.object({ contains_text: z.string().optional(), section_types: z.array(z.string()).optional() }).safeParse(parseJson(input.criteria ?? {}, "invalid_arguments"));
    if (!parsed.success) throw slackError("invalid_arguments");
    const { contains_text, section_types } = parsed.data;
    const level = (markdown: string) => {
      const match = /^(#{1,3})\s/.exec(markdown);
      return match ? `h${match[1].length}` : "any_header";
    };
    const sections = (file.sections ?? []).filter(
      (s) => (!contains_text || s.markdown.toLowerCase().includes(contains_text.toLowerCase())) && (!section_types || section_types.some((t) => t === level(s.markdown) || (t === "any_header" && level(s.markdown) !== "any_header"))),
    );
    return { sections: sections.map((s) => ({ id: s.id })) };
  },
});

export const canvasOperations = [canvasesCreate, canvasesEdit, canvasesDelete, canvasesSectionsLookup];
