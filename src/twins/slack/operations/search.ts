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
import { actorId, canSee, searchableText, tsParts, type SlackChannel, type SlackMessage } from "../state.js";
import { permalink, wireMessage } from "../wire/objects.js";
import { DAY, parseSearchQuery } from "../wire/search-query.js";
import { requestedTypes, typeOf } from "./conversations.js";

const SEARCHABLE_SUBTYPES = new Set([undefined, "thread_broadcast", "me_message", "bot_message", "file_share"]);
const LINK = /https?:\/\/|<https?:/i;

/**
 * What a search reads of a message, for the ts, text, blocks and attachments it had then:
 * its searchable text lower-cased, whether that holds a link, and its ts as numbers.
 */
interface Indexed {
  message: SlackMessage;
  ts: string;
  text: string;
  blocks: unknown;
  attachments: unknown;
  lower: string;
  link: boolean;
  seconds: number;
  micros: number;
}

/**
 * Each conversation's messages as searches read them, kept between searches in a list
 * beside the conversation's: building an entry (walking blocks and attachments,
 * lower-casing, parsing the ts) for every message on every query was most of a search over
 * thousands of messages. An entry is built again when it is not of the message now at its
 * place (a post appends, a delete makes a new list) or the message was edited since (an
 * edit replaces `text`, `blocks` or `attachments`).
 */
const indexes = new WeakMap<SlackMessage[], Array<Indexed | undefined>>();

function indexFor(messages: SlackMessage[]): Array<Indexed | undefined> {
  let index = indexes.get(messages);
  if (!index) indexes.set(messages, (index = []));
  return index;
}

function indexed(index: Array<Indexed | undefined>, at: number, message: SlackMessage): Indexed {
  const known = index[at];
  if (known && known.message === message && known.ts === message.ts && known.text === message.text && known.blocks === message.blocks && known.attachments === message.attachments) return known;
  const raw = searchableText(message);
  const [seconds, micros] = tsParts(message.ts);
  const entry = { message, ts: message.ts, text: message.text, blocks: message.blocks, attachments: message.attachments, lower: raw.toLowerCase(), link: LINK.test(raw), seconds, micros };
  index[at] = entry;
  return entry;
}

interface Match {
  channel: SlackChannel;
  message: SlackMessage;
  /** The ts as numbers (from the index), for the sort. */
  seconds: number;
  micros: number;
}

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

    const hasLink = query.has.includes("link");
    const hasReaction = query.has.includes("reaction");
    const hasPin = query.has.includes("pin");
    const isThread = query.is.includes("thread");
    // Every test is a filter of its own, so their order changes nothing but the cost: the cheap ones first.
    const matches: Match[] = [];
    for (const channel of conversations) {
      const messages = channel.messages;
      const index = indexFor(messages);
      for (let at = 0; at < messages.length; at++) {
        const message = messages[at];
        if (!SEARCHABLE_SUBTYPES.has(message.subtype)) continue;
        if (authors.length > 0 && !authors.includes(message.user)) continue;
        if (hasReaction && message.reactions.length === 0) continue;
        if (isThread && !message.thread_ts) continue;
        const seen = indexed(index, at, message);
        if (query.before !== undefined && seen.seconds >= query.before) continue;
        if (query.after !== undefined && seen.seconds < query.after) continue;
        if (query.on !== undefined && (seen.seconds < query.on || seen.seconds >= query.on + DAY)) continue;
        if (!query.words.every((w) => seen.lower.includes(w)) || query.excluded.some((w) => seen.lower.includes(w))) continue;
        if (hasLink && !seen.link) continue;
        if (hasPin && !channel.pins.some((p) => p.ts === message.ts)) continue;
        matches.push({ channel, message, seconds: seen.seconds, micros: seen.micros });
      }
    }
    const direction = input.sort === "timestamp" && input.sort_dir === "asc" ? 1 : -1;
    matches.sort((a, b) => direction * (a.seconds - b.seconds || a.micros - b.micros));

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
