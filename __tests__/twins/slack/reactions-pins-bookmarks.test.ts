import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const SEED = {
  users: [{ id: "U_PRIMARY", name: "pome-agent" }, { id: "U_ALICE", name: "alice" }],
  channels: [
    { id: "C_GENERAL", name: "general", members: ["U_PRIMARY", "U_ALICE"], messages: [{ ts: "1767000000.000100", user: "alice", text: "ship it", reactions: [{ name: "eyes", user: "alice" }] }] },
    { id: "G_SECRET", name: "secret", is_private: true, members: ["U_ALICE"], messages: [{ ts: "1767000000.000200", user: "alice", text: "hidden" }] },
  ],
};
const TS = "1767000000.000100";

describe("reactions through WebClient", () => {
  test("add (with or without colons), get, list, remove; already_reacted and no_reaction", async () => {
    const { slack, snapshot } = openWorld(SEED);
    await slack.reactions.add({ channel: "C_GENERAL", timestamp: TS, name: ":tada:" });
    await slack.reactions.add({ channel: "C_GENERAL", timestamp: TS, name: "eyes" });
    expect(await slackErrorOf(slack.reactions.add({ channel: "C_GENERAL", timestamp: TS, name: "tada" }))).toBe("already_reacted");
    expect(await slackErrorOf(slack.reactions.add({ channel: "C_GENERAL", timestamp: TS, name: "not an emoji" }))).toBe("invalid_name");
    expect(await slackErrorOf(slack.reactions.add({ channel: "C_GENERAL", timestamp: "1.000001", name: "tada" }))).toBe("message_not_found");
    expect(await slackErrorOf(slack.reactions.add({ channel: "G_SECRET", timestamp: "1767000000.000200", name: "tada" }))).toBe("channel_not_found");
    const got = await slack.reactions.get({ channel: "C_GENERAL", timestamp: TS });
    expect(got).toMatchObject({ type: "message", channel: "C_GENERAL", message: { text: "ship it" } });
    expect(got.message!.reactions).toEqual([
      { name: "eyes", users: ["U_ALICE", "U_PRIMARY"], count: 2 },
      { name: "tada", users: ["U_PRIMARY"], count: 1 },
    ]);
    const listed = await slack.reactions.list({});
    expect(listed.items).toEqual([expect.objectContaining({ type: "message", channel: "C_GENERAL", message: expect.objectContaining({ ts: TS }) })]);
    expect((await slack.reactions.list({ user: "U_ALICE" })).items).toHaveLength(1);
    await slack.reactions.remove({ channel: "C_GENERAL", timestamp: TS, name: "tada" });
    expect(await slackErrorOf(slack.reactions.remove({ channel: "C_GENERAL", timestamp: TS, name: "tada" }))).toBe("no_reaction");
    expect(snapshot().channels[0].messages[0].reactions).toEqual([{ name: "eyes", users: ["U_ALICE", "U_PRIMARY"], count: 2 }]);
  });
});

describe("pins through WebClient", () => {
  test("add, list, remove; already_pinned and no_pin", async () => {
    const { slack, snapshot } = openWorld(SEED);
    await slack.pins.add({ channel: "C_GENERAL", timestamp: TS });
    expect(await slackErrorOf(slack.pins.add({ channel: "C_GENERAL", timestamp: TS }))).toBe("already_pinned");
    const listed = await slack.pins.list({ channel: "C_GENERAL" });
    expect(listed.items).toEqual([expect.objectContaining({ type: "message", channel: "C_GENERAL", created_by: "U_PRIMARY", message: expect.objectContaining({ ts: TS, pinned_to: ["C_GENERAL"] }) })]);
    expect(snapshot().channels[0].messages[0].pinned).toBe(true);
    await slack.pins.remove({ channel: "C_GENERAL", timestamp: TS });
    expect(await slackErrorOf(slack.pins.remove({ channel: "C_GENERAL", timestamp: TS }))).toBe("no_pin");
    expect((await slack.pins.list({ channel: "C_GENERAL" })).items).toEqual([]);
  });
});

describe("bookmarks through WebClient", () => {
  test("add, edit, list, remove", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const added = await slack.bookmarks.add({ channel_id: "C_GENERAL", title: "Runbook", type: "link", link: "https://example.com/runbook", emoji: ":book:" });
    expect(added.bookmark).toMatchObject({ channel_id: "C_GENERAL", title: "Runbook", link: "https://example.com/runbook", type: "link" });
    const id = added.bookmark!.id!;
    expect(await slackErrorOf(slack.bookmarks.add({ channel_id: "C_GENERAL", title: "x", type: "link", link: "not a url" }))).toBe("invalid_link");
    await slack.bookmarks.edit({ channel_id: "C_GENERAL", bookmark_id: id, title: "Runbook v2" });
    expect((await slack.bookmarks.list({ channel_id: "C_GENERAL" })).bookmarks).toEqual([expect.objectContaining({ id, title: "Runbook v2" })]);
    expect(snapshot().channels[0].bookmarks).toEqual([
      { id, title: "Runbook v2", link: "https://example.com/runbook", emoji: ":book:", previous_versions: [{ title: "Runbook", link: "https://example.com/runbook" }] },
    ]);
    await slack.bookmarks.remove({ channel_id: "C_GENERAL", bookmark_id: id });
    expect(snapshot().deleted_bookmarks).toEqual([expect.objectContaining({ channel: "C_GENERAL", id, title: "Runbook v2" })]);
    expect(await slackErrorOf(slack.bookmarks.remove({ channel_id: "C_GENERAL", bookmark_id: id }))).toBe("not_found");
    expect((await slack.bookmarks.list({ channel_id: "C_GENERAL" })).bookmarks).toEqual([]);
  });
});
