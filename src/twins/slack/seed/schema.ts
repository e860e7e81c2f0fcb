/**
 * The Slack seed: the earlier twin's format unchanged (`team`, `users`, `channels` with
 * `members` and `messages` whose `reactions` are `{name, user}`; users referenced by name
 * or id; unknown top-level keys such as `_meta` ignored), extended with what scenarios
 * need: threads (`replies` under a message, or `thread_ts`), Slack-shaped reactions
 * (`{name, users}`), blocks and attachments, pins, bookmarks, archived and private
 * channels, DMs and group DMs (`dms`), files, custom emoji, user groups, and which user
 * each token acts as (`tokens: {bot, user}`). Every reference to a user is checked, and an
 * error names its JSON path.
 */
import { z } from "zod";

const userRef = z.string().min(1);

const reactionSeed = z.union([
  z.object({ name: z.string().min(1), user: userRef }),
  z.object({ name: z.string().min(1), users: z.array(userRef).min(1) }),
]);

const tsString = z.union([z.string().regex(/^\d{1,10}(\.\d{1,6})?$/, "a Slack ts like 1767258000.000100"), z.number().nonnegative()]).transform(String);

const messageFields = {
  ts: tsString.optional(),
  user: userRef,
  text: z.string().default(""),
  subtype: z.string().optional(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  /** File ids (of `files`) shared with the message. */
  files: z.array(z.string()).optional(),
  reactions: z.array(reactionSeed).default([]),
  pinned: z.boolean().default(false),
  edited: z.object({ user: userRef, ts: tsString }).optional(),
};

const replySeed = z.object({ ...messageFields, reply_broadcast: z.boolean().default(false) });

const messageSeed = z.object({
  ...messageFields,
  thread_ts: tsString.optional(),
  replies: z.array(replySeed).default([]),
});

export const CHANNEL_NAME = /^[a-z0-9_-]{1,80}$/;

const channelSeed = z.object({
  id: z.string().regex(/^[CGDM][A-Z0-9_]+$/, "a Slack conversation id (C…, G…)").optional(),
  name: z.string().regex(CHANNEL_NAME, "lower-case letters, digits, - and _, at most 80 characters"),
  is_private: z.boolean().default(false),
  is_archived: z.boolean().default(false),
  topic: z.string().default(""),
  purpose: z.string().default(""),
  creator: userRef.optional(),
  created: z.number().int().nonnegative().optional(),
  members: z.array(userRef).default([]),
  messages: z.array(messageSeed).default([]),
  bookmarks: z.array(z.object({ id: z.string().optional(), title: z.string().min(1), link: z.string().min(1), emoji: z.string().optional() })).default([]),
});

const dmSeed = z.object({
  id: z.string().regex(/^[DGCM][A-Z0-9_]+$/, "a Slack conversation id (D…)").optional(),
  /** Two users: a DM; three to eight: a group DM. */
  users: z.array(userRef).min(2).max(8),
  messages: z.array(messageSeed).default([]),
});

const userSeed = z.object({
  id: z.string().regex(/^[UBW][A-Z0-9_]+$/, "a Slack user id (U…)").optional(),
  name: z.string().min(1),
  real_name: z.string().default(""),
  display_name: z.string().default(""),
  title: z.string().default(""),
  email: z.string().optional(),
  is_bot: z.boolean().default(false),
  is_admin: z.boolean().default(false),
  is_owner: z.boolean().default(false),
  deleted: z.boolean().default(false),
  presence: z.enum(["active", "away"]).default("active"),
  tz: z.string().default("America/Los_Angeles"),
  profile: z.record(z.string(), z.unknown()).default({}),
});

const fileSeed = z.object({
  id: z.string().regex(/^F[A-Z0-9_]+$/, "a Slack file id (F…)").optional(),
  name: z.string().min(1),
  title: z.string().optional(),
  filetype: z.string().optional(),
  mimetype: z.string().optional(),
  user: userRef,
  content: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  /** Conversations (ids or names) the file is shared in. */
  channels: z.array(z.string()).default([]),
  created: z.number().int().nonnegative().optional(),
});

const usergroupSeed = z.object({
  id: z.string().regex(/^S[A-Z0-9_]+$/, "a Slack user group id (S…)").optional(),
  name: z.string().min(1),
  handle: z.string().regex(/^[a-z0-9._-]+$/, "lower-case letters, digits, ., - and _"),
  description: z.string().default(""),
  users: z.array(userRef).default([]),
});

export const slackSeedSchema = z
  .object({
    team: z
      .object({
        id: z.string().regex(/^T[A-Z0-9_]+$/, "a Slack team id (T…)").optional(),
        name: z.string().default("Pome Twin Workspace"),
        domain: z.string().default("pome-twin"),
      })
      .default({ name: "Pome Twin Workspace", domain: "pome-twin" }),
    users: z.array(userSeed).default([]),
    channels: z.array(channelSeed).default([]),
    dms: z.array(dmSeed).default([]),
    files: z.array(fileSeed).default([]),
    emoji: z.record(z.string().regex(/^[a-z0-9_+'-]+$/), z.string()).default({}),
    usergroups: z.array(usergroupSeed).default([]),
    /** Who the bot token (and the session JWT) and the user token act as; default `pome-agent` for both. */
    tokens: z.object({ bot: userRef.optional(), user: userRef.optional() }).default({}),
  })
  .superRefine((seed, ctx) => {
    const known = new Set<string>(["pome-agent", "U_PRIMARY"]);
    for (const user of seed.users) {
      known.add(user.name.toLowerCase());
      if (user.id) known.add(user.id);
    }
    const check = (ref: string | undefined, path: PropertyKey[]) => {
      if (ref !== undefined && !known.has(ref) && !known.has(ref.toLowerCase())) ctx.addIssue({ code: "custom", path, message: `unknown user "${ref}" (name or id of one of users[])` });
    };
    const checkMessages = (messages: z.infer<typeof messageSeed>[], base: PropertyKey[]) =>
      messages.forEach((m, i) => {
        check(m.user, [...base, i, "user"]);
        m.reactions.forEach((r, j) => ("user" in r ? check(r.user, [...base, i, "reactions", j, "user"]) : r.users.forEach((u, k) => check(u, [...base, i, "reactions", j, "users", k]))));
        m.replies.forEach((reply, j) => {
          check(reply.user, [...base, i, "replies", j, "user"]);
          reply.reactions.forEach((r, k) => ("user" in r ? check(r.user, [...base, i, "replies", j, "reactions", k, "user"]) : undefined));
        });
      });
    const names = new Set<string>();
    seed.channels.forEach((channel, i) => {
      if (names.has(channel.name)) ctx.addIssue({ code: "custom", path: ["channels", i, "name"], message: `channel name "${channel.name}" is given twice` });
      names.add(channel.name);
      check(channel.creator, ["channels", i, "creator"]);
      channel.members.forEach((m, j) => check(m, ["channels", i, "members", j]));
      checkMessages(channel.messages, ["channels", i, "messages"]);
    });
    seed.dms.forEach((dm, i) => {
      dm.users.forEach((u, j) => check(u, ["dms", i, "users", j]));
      checkMessages(dm.messages, ["dms", i, "messages"]);
    });
    seed.files.forEach((file, i) => check(file.user, ["files", i, "user"]));
    seed.usergroups.forEach((group, i) => group.users.forEach((u, j) => check(u, ["usergroups", i, "users", j])));
    check(seed.tokens.bot, ["tokens", "bot"]);
    check(seed.tokens.user, ["tokens", "user"]);
  });

export type SlackSeed = z.output<typeof slackSeedSchema>;
export type SlackSeedInput = z.input<typeof slackSeedSchema>;
export type MessageSeed = z.output<typeof messageSeed>;
