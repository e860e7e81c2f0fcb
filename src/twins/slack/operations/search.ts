/**
 * search.messages over the conversations the caller can see — public channels, and the
 * private channels, DMs and group DMs it is a member of — never others, whatever the query
 * names. Query syntax in wire/search-query.ts; results newest first (`sort=score` too),
 * paged by `count`/`page` with Slack's `pagination` and `paging` blocks.
 */
import { z } from "zod";
import { slackError } from "../errors.js";
import { csv, flag, integer, need, optional } from "../inputs.js";
import { findConversation, findUser } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId, canSee, compareTs, searchableText, tsParts, type SlackChannel, type SlackMessage } from "../state.js";
import { permalink, wireMessage } from "../wire/objects.js";
import { DAY, parseSearchQuery } from "../wire/search-query.js";
import { requestedTypes, typeOf } from "./conversations.js";

const SEARCHABLE_SUBTYPES = new Set([undefined, "thread_broadcast", "me_message", "bot_message", "file_share"]);
const LINK = /https?:\/\/|<https?:/i;

export const searchMessages = slackMethod({
  method: "search.messages",
  description:
    "Search messages the caller can see. Query: words, \"phrases\", -word, in:#channel, in:@user, from:@user or from:<@U…>, has:link, has:reaction, has:pin, is:thread, before:/after:/on: YYYY-MM-DD. `count` (≤100) and `page`; `sort` score|timestamp, `sort_dir`. pome also takes `channel_types` and `only_my_channels` (the hosted MCP search tools' filters).",
  tier: "semantic",
  read: true,
  input: z.object({
    query: need("no_query"),
    count: integer,
    page: integer,
    sort: optional,
    sort_dir: optional,
    highlight: flag,
    team_id: optional,
    channel_types: csv,
    only_my_channels: flag,
  }),
  handle(ctx, input) {
    const viewer = actorId(ctx);
    const query = parseSearchQuery(input.query);
    const types = input.channel_types && input.channel_types.length > 0 ? requestedTypes(input.channel_types) : null;
    let conversations = ctx.state.channels.filter((c) => canSee(c, viewer) && (!types || types.has(typeOf(c))) && (!input.only_my_channels || c.members.includes(viewer)));

    if (query.in.length > 0) {
      const targets = query.in.map((ref): SlackChannel | undefined => {
        if (ref.startsWith("@") || /^[UW][A-Z0-9_]+$/.test(ref)) {
          const user = findUser(ctx.state, ref);
          return user ? ctx.state.channels.find((c) => c.is_im && c.members.includes(viewer) && c.members.includes(user.id)) : undefined;
        }
        return findConversation(ctx.state, ref);
      });
      conversations = conversations.filter((c) => targets.includes(c));
    }
    const authors = query.from.map((ref) => findUser(ctx.state, ref)?.id ?? null);

    const matches: Array<{ channel: SlackChannel; message: SlackMessage }> = [];
    for (const channel of conversations) {
      for (const message of channel.messages) {
        if (!SEARCHABLE_SUBTYPES.has(message.subtype)) continue;
        if (authors.length > 0 && !authors.includes(message.user)) continue;
        const text = searchableText(message).toLowerCase();
        if (!query.words.every((w) => text.includes(w)) || query.excluded.some((w) => text.includes(w))) continue;
        if (query.has.includes("link") && !LINK.test(searchableText(message))) continue;
        if (query.has.includes("reaction") && message.reactions.length === 0) continue;
        if (query.has.includes("pin") && !channel.pins.some((p) => p.ts === message.ts)) continue;
        if (query.is.includes("thread") && !message.thread_ts) continue;
        const [seconds] = tsParts(message.ts);
        if (query.before !== undefined && seconds >= query.before) continue;
        if (query.after !== undefined && seconds < query.after) continue;
        if (query.on !== undefined && (seconds < query.on || seconds >= query.on + DAY)) continue;
        matches.push({ channel, message });
      }
    }
    const ascending = input.sort === "timestamp" && input.sort_dir === "asc";
    matches.sort((a, b) => (ascending ? 1 : -1) * compareTs(a.message.ts, b.message.ts));

    const count = Math.min(100, Math.max(1, Math.floor(input.count ?? 20)));
    const page = Math.max(1, Math.floor(input.page ?? 1));
    const pages = Math.max(1, Math.ceil(matches.length / count));
    if (page > 100) throw slackError("invalid_page");
    const slice = matches.slice((page - 1) * count, page * count);
    return {
      query: input.query,
      messages: {
        total: matches.length,
        pagination: { total_count: matches.length, page, per_page: count, page_count: pages, first: slice.length ? (page - 1) * count + 1 : 0, last: (page - 1) * count + slice.length },
        paging: { count, total: matches.length, page, pages },
        matches: slice.map(({ channel, message }, i) => {
          const wire = wireMessage(ctx.state, channel, message);
          const author = ctx.state.users.find((u) => u.id === message.user);
          return {
            iid: `${channel.id}-${message.ts}`,
            team: ctx.state.team.id,
            score: matches.length - ((page - 1) * count + i),
            channel: { id: channel.id, is_channel: channel.is_channel, is_group: channel.is_group, is_im: channel.is_im, is_mpim: channel.is_mpim, is_private: channel.is_private, is_shared: false, name: channel.is_im ? (channel.members.find((m) => m !== viewer) ?? viewer) : channel.name },
            type: "message",
            user: message.user,
            username: author?.name ?? "",
            ts: message.ts,
            text: message.text,
            ...(wire.blocks ? { blocks: wire.blocks } : {}),
            ...(wire.attachments ? { attachments: wire.attachments } : {}),
            ...(wire.files ? { files: wire.files } : {}),
            ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
            permalink: permalink(ctx.state, channel, message),
          };
        }),
      },
    };
  },
});

export const searchOperations = [searchMessages];
