import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

/** The bot (`pome-bot`) is in #eng only; the user token acts as alice, who is in #secret too. */
const SEED = {
  users: [{ id: "U_BOT", name: "pome-bot", is_bot: true }, { id: "U_ALICE", name: "alice" }, { id: "U_BOB", name: "bob" }],
  tokens: { bot: "pome-bot", user: "alice" },
  channels: [
    {
      id: "C_ENG",
      name: "eng",
      members: ["U_BOT", "U_ALICE"],
      messages: [
        { ts: "1767000000.000100", user: "alice", text: "Deploy failed: see https://ci.example/1", reactions: [{ name: "eyes", user: "bob" }] },
        { ts: "1767000000.000200", user: "bob", text: "deploy is green again" },
        { ts: "1767000000.000300", user: "bob", text: "lunch?", replies: [{ user: "alice", text: "deploy after lunch" }] },
      ],
    },
    { id: "C_RANDOM", name: "random", members: ["U_BOB"], messages: [{ ts: "1767000000.000400", user: "bob", text: "deploy memes" }] },
    { id: "G_SECRET", name: "secret", is_private: true, members: ["U_ALICE", "U_BOB"], messages: [{ ts: "1767000000.000500", user: "bob", text: "secret deploy plan" }] },
  ],
  dms: [{ users: ["alice", "bob"], messages: [{ ts: "1767000000.000600", user: "bob", text: "deploy DM" }] }],
};

const texts = (res: any) => res.messages.matches.map((m: any) => m.text);

describe("search.messages", () => {
  test("a caller finds messages of public channels and its own private conversations, never others", async () => {
    const { slack, user } = openWorld(SEED);
    // The reply has no ts in the seed, so it gets one from the session clock: the newest.
    expect(texts(await slack.search.messages({ query: "deploy" }))).toEqual(["deploy after lunch", "deploy memes", "deploy is green again", "Deploy failed: see https://ci.example/1"]);
    expect(texts(await user.search.messages({ query: "deploy" }))).toEqual(["deploy after lunch", "deploy DM", "secret deploy plan", "deploy memes", "deploy is green again", "Deploy failed: see https://ci.example/1"]);
    expect(texts(await slack.search.messages({ query: "secret in:#secret" }))).toEqual([]);
    expect(texts(await slack.search.messages({ query: "deploy", only_my_channels: true } as never))).toHaveLength(3);
  });

  test("modifiers: in:, from:, has:link, has:reaction, is:thread, quoted phrases and -word", async () => {
    const { user } = openWorld(SEED);
    expect(texts(await user.search.messages({ query: "deploy in:#random" }))).toEqual(["deploy memes"]);
    expect(texts(await user.search.messages({ query: "deploy in:<#C_ENG|eng> from:@bob" }))).toEqual(["deploy is green again"]);
    expect(texts(await user.search.messages({ query: "from:<@U_ALICE>" }))).toEqual(["deploy after lunch", "Deploy failed: see https://ci.example/1"]);
    expect(texts(await user.search.messages({ query: "deploy has:link" }))).toEqual(["Deploy failed: see https://ci.example/1"]);
    expect(texts(await user.search.messages({ query: "has:reaction" }))).toEqual(["Deploy failed: see https://ci.example/1"]);
    expect(texts(await user.search.messages({ query: "deploy is:thread" }))).toEqual(["deploy after lunch"]);
    expect(texts(await user.search.messages({ query: '"is green"' }))).toEqual(["deploy is green again"]);
    expect(texts(await user.search.messages({ query: "deploy -memes in:#random" }))).toEqual([]);
    expect(texts(await user.search.messages({ query: "deploy in:@bob" }))).toEqual(["deploy DM"]);
  });

  test("pages by count and page with Slack's paging blocks; sort by timestamp ascending; no query is no_query", async () => {
    const { user } = openWorld(SEED);
    const page = await user.search.messages({ query: "deploy", count: 2, page: 2, sort: "timestamp", sort_dir: "asc" });
    expect(texts(page)).toEqual(["deploy memes", "secret deploy plan"]);
    expect(page.messages).toMatchObject({ total: 6, paging: { count: 2, total: 6, page: 2, pages: 3 }, pagination: { first: 3, last: 4, page_count: 3 } });
    expect(page.messages!.matches![0]).toMatchObject({ channel: { id: "C_RANDOM", name: "random" }, user: "U_BOB", username: "bob", permalink: expect.stringContaining("/archives/C_RANDOM/p") });
    expect(await slackErrorOf(user.search.messages({ query: "" }))).toBe("no_query");
  });

  test("search reads messages as they are now: an edit, new blocks, a delete, a new post", async () => {
    const { slack } = openWorld(SEED);
    expect(texts(await slack.search.messages({ query: "rollout" }))).toEqual([]);
    const posted = await slack.chat.postMessage({ channel: "C_ENG", text: "rollout at noon" });
    expect(texts(await slack.search.messages({ query: "rollout" }))).toEqual(["rollout at noon"]);
    await slack.chat.update({ channel: "C_ENG", ts: posted.ts!, text: "release at noon" });
    expect(texts(await slack.search.messages({ query: "rollout" }))).toEqual([]);
    expect(texts(await slack.search.messages({ query: "release" }))).toEqual(["release at noon"]);
    await slack.chat.update({ channel: "C_ENG", ts: posted.ts!, text: "release", blocks: [{ type: "section", text: { type: "mrkdwn", text: "see https://ci.example/9" } }] });
    expect(texts(await slack.search.messages({ query: "release has:link" }))).toEqual(["release"]);
    await slack.chat.delete({ channel: "C_ENG", ts: posted.ts! });
    expect(texts(await slack.search.messages({ query: "release" }))).toEqual([]);
  });
});

describe("bot token and user token see what their user sees", () => {
  test("auth.test, conversations.list and history differ by token", async () => {
    const { slack, user, session } = openWorld(SEED);
    expect(session.env.POME_SLACK_TOKEN).toMatch(/^xoxb-\d+-\d+-[A-Za-z0-9]+$/);
    expect(session.env.POME_SLACK_USER_TOKEN).toMatch(/^xoxp-\d+-\d+-\d+-[a-f0-9]{32}$/);
    expect(await slack.auth.test()).toMatchObject({ user_id: "U_BOT", bot_id: expect.any(String) });
    expect(await user.auth.test()).toMatchObject({ user_id: "U_ALICE" });
    expect((await user.auth.test()).bot_id).toBeUndefined();
    const types = "public_channel,private_channel,im";
    expect((await slack.conversations.list({ types })).channels!.map((c) => c.id)).toEqual(["C_ENG", "C_RANDOM"]);
    expect((await user.conversations.list({ types })).channels!.map((c) => c.id)).toEqual(["C_ENG", "C_RANDOM", "G_SECRET", expect.stringMatching(/^D/)]);
    expect((await user.conversations.history({ channel: "G_SECRET" })).messages).toHaveLength(1);
    expect(await slackErrorOf(slack.conversations.history({ channel: "G_SECRET" }))).toBe("channel_not_found");
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "G_SECRET", text: "peek" }))).toBe("channel_not_found");
    const posted = await user.chat.postMessage({ channel: "G_SECRET", text: "from alice" });
    expect(posted.message).toMatchObject({ user: "U_ALICE" });
  });

  test("the session JWT acts as the bot, like the bot token", async () => {
    const { session } = openWorld(SEED);
    const res = await fetch(`${session.env.POME_SLACK_REST_URL}/auth.test`, { method: "POST", headers: { authorization: `Bearer ${session.env.POME_AUTH_TOKEN}` } });
    expect(await res.json()).toMatchObject({ ok: true, user_id: "U_BOT" });
  });
});
