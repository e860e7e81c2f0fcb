/** A conversation's bookmarks (links in its header): add, edit, remove, list. */
import { z } from "zod";
import { slackError } from "../errors.js";
import { need, optional } from "../inputs.js";
import { requireConversation } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, newSlackId, type SlackChannel, type SlackContext } from "../state.js";
import { wireBookmark } from "../wire/objects.js";

function writable(ctx: SlackContext, ref: string): SlackChannel {
  const channel = requireConversation(ctx, ref);
  if (channel.is_archived) throw slackError("is_archived");
  return channel;
}

const isLink = (link: string) => /^https?:\/\/\S+$/i.test(link);

export const bookmarksAdd = slackMethod({
  method: "bookmarks.add",
  description: "Add a link bookmark (`title`, `type: link`, `link`, optional `emoji`) to a conversation.",
  tier: "semantic",
  input: z.object({ channel_id: need("channel_not_found"), title: need("invalid_title"), type: z.preprocess((v) => v ?? "link", z.string()), link: optional, emoji: optional, entity_id: optional, parent_id: optional, access_level: optional }),
  handle(ctx, input) {
    const channel = writable(ctx, input.channel_id);
    if (input.type !== "link") throw slackError("invalid_bookmark_type");
    if (!input.link || !isLink(input.link)) throw slackError("invalid_link");
    const now = ctx.clock.unix();
    const bookmark = { id: newSlackId(ctx.ids, "Bk"), title: input.title, link: input.link, emoji: input.emoji ?? null, type: "link" as const, created: now, updated: now, updated_by: actorId(ctx) };
    channel.bookmarks.push(bookmark);
    return { bookmark: wireBookmark(ctx.state, channel, bookmark, channel.bookmarks.length - 1) };
  },
});

export const bookmarksEdit = slackMethod({
  method: "bookmarks.edit",
  description: "Change a bookmark's title, link or emoji.",
  tier: "semantic",
  input: z.object({ channel_id: need("channel_not_found"), bookmark_id: need("not_found"), title: optional, link: optional, emoji: optional }),
  handle(ctx, input) {
    const channel = writable(ctx, input.channel_id);
    const index = channel.bookmarks.findIndex((b) => b.id === input.bookmark_id);
    if (index === -1) throw slackError("not_found");
    const bookmark = channel.bookmarks[index];
    if (input.link !== undefined && !isLink(input.link)) throw slackError("invalid_link");
    if (input.title !== undefined || input.link !== undefined) bookmark.previous_versions = [...(bookmark.previous_versions ?? []), { title: bookmark.title, link: bookmark.link }];
    if (input.title !== undefined) bookmark.title = input.title;
    if (input.link !== undefined) bookmark.link = input.link;
    if (input.emoji !== undefined) bookmark.emoji = input.emoji === "" ? null : input.emoji;
    bookmark.updated = ctx.clock.unix();
    bookmark.updated_by = actorId(ctx);
    return { bookmark: wireBookmark(ctx.state, channel, bookmark, index) };
  },
});

export const bookmarksRemove = slackMethod({
  method: "bookmarks.remove",
  description: "Remove a bookmark.",
  tier: "semantic",
  input: z.object({ channel_id: need("channel_not_found"), bookmark_id: need("not_found"), quip_section_id: optional }),
  handle(ctx, input) {
    const channel = writable(ctx, input.channel_id);
    const bookmark = channel.bookmarks.find((b) => b.id === input.bookmark_id);
    if (!bookmark) throw slackError("not_found");
    ctx.state.deleted.bookmarks.push({ channel: channel.id, bookmark });
    channel.bookmarks = channel.bookmarks.filter((b) => b.id !== input.bookmark_id);
    return {};
  },
});

export const bookmarksList = slackMethod({
  method: "bookmarks.list",
  description: "A conversation's bookmarks, in order.",
  tier: "semantic",
  read: true,
  input: z.object({ channel_id: need("channel_not_found") }),
  handle(ctx, input) {
    const channel = requireConversation(ctx, input.channel_id);
    return { bookmarks: channel.bookmarks.map((b, i) => wireBookmark(ctx.state, channel, b, i)) };
  },
});

export const bookmarkOperations = [bookmarksAdd, bookmarksEdit, bookmarksRemove, bookmarksList];
