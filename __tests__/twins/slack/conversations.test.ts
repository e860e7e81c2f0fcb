import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const SEED = {
  users: [{ id: "U_PRIMARY", name: "pome-agent" }, { id: "U_ALICE", name: "alice" }, { id: "U_BOB", name: "bob" }, { id: "U_CARL", name: "carl" }],
  channels: [
    { id: "C_GENERAL", name: "general", members: ["U_PRIMARY", "U_ALICE", "U_BOB"] },
    { id: "C_ENG", name: "eng", members: ["U_PRIMARY"], topic: "builds" },
    { id: "G_SECRET", name: "secret", is_private: true, members: ["U_ALICE"] },
    { id: "G_MINE", name: "mine", is_private: true, members: ["U_PRIMARY", "U_BOB"] },
  ],
};

describe("conversations through WebClient", () => {
  test("list shows public channels by default, private ones only to members; info and members", async () => {
    const { slack } = openWorld(SEED);
    const pub = await slack.conversations.list();
    expect(pub.channels!.map((c) => c.name)).toEqual(["general", "eng"]);
    const all = await slack.conversations.list({ types: "public_channel,private_channel" });
    expect(all.channels!.map((c) => c.name)).toEqual(["general", "eng", "mine"]);
    expect(all.response_metadata?.next_cursor).toBe("");
    const info = await slack.conversations.info({ channel: "C_ENG", include_num_members: true });
    expect(info.channel).toMatchObject({ id: "C_ENG", name: "eng", is_channel: true, is_private: false, is_member: true, num_members: 1, topic: { value: "builds" } });
    expect(await slackErrorOf(slack.conversations.info({ channel: "G_SECRET" }))).toBe("channel_not_found");
    expect((await slack.conversations.members({ channel: "G_MINE" })).members).toEqual(["U_PRIMARY", "U_BOB"]);
    expect(await slackErrorOf(slack.conversations.members({ channel: "G_SECRET" }))).toBe("channel_not_found");
  });

  test("paginate() walks conversations.history by next_cursor; a bad cursor is invalid_cursor", async () => {
    const { slack, calls } = openWorld(SEED);
    for (let i = 0; i < 5; i++) await slack.chat.postMessage({ channel: "C_ENG", text: `m${i}` });
    const texts: string[] = [];
    for await (const page of slack.paginate("conversations.history", { channel: "C_ENG", limit: 2 })) {
      texts.push(...((page as any).messages as any[]).map((m) => m.text));
      expect(typeof (page as any).has_more).toBe("boolean");
    }
    expect(texts).toEqual(["m4", "m3", "m2", "m1", "m0"]);
    expect(calls.filter((c) => c.operation === "conversations_history")).toHaveLength(3);
    const first = await slack.conversations.history({ channel: "C_ENG", limit: 2 });
    expect(first).toMatchObject({ has_more: true, response_metadata: { next_cursor: expect.any(String) } });
    expect(await slackErrorOf(slack.conversations.history({ channel: "C_ENG", cursor: "garbage!" }))).toBe("invalid_cursor");
    const window = await slack.conversations.history({ channel: "C_ENG", oldest: first.messages![1].ts, inclusive: true });
    expect(window.messages!.map((m) => m.text)).toEqual(["m4", "m3"]);
  });

  test("create, rename, setTopic, setPurpose with Slack's name rules", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const created = await slack.conversations.create({ name: "incident-42", is_private: true });
    expect(created.channel).toMatchObject({ name: "incident-42", is_private: true, is_member: true, creator: "U_PRIMARY" });
    const id = created.channel!.id!;
    expect(await slackErrorOf(slack.conversations.create({ name: "eng" }))).toBe("name_taken");
    expect(await slackErrorOf(slack.conversations.create({ name: "Has Spaces" }))).toBe("invalid_name_specials");
    expect(await slackErrorOf(slack.conversations.create({ name: "x".repeat(81) }))).toBe("invalid_name_maxlength");
    expect(await slackErrorOf(slack.conversations.rename({ channel: id, name: "general" }))).toBe("name_taken");
    await slack.conversations.rename({ channel: id, name: "incident-42-resolved" });
    await slack.conversations.setTopic({ channel: id, topic: "Root cause: DNS" });
    await slack.conversations.setPurpose({ channel: id, purpose: "Track the outage" });
    const channel = snapshot().channels.find((c: any) => c.id === id);
    expect(channel).toMatchObject({ name: "incident-42-resolved", topic: { value: "Root cause: DNS", creator: "U_PRIMARY" }, purpose: { value: "Track the outage" }, members: ["U_PRIMARY"] });
    expect(channel.messages.map((m: any) => m.subtype)).toEqual(["channel_join", "channel_name", "channel_topic", "channel_purpose"]);
    expect(await slackErrorOf(slack.conversations.setTopic({ channel: id, topic: "x".repeat(251) }))).toBe("too_long");
  });

  test("join, invite, kick, leave", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const joined = await slack.conversations.join({ channel: "C_GENERAL" });
    expect(joined).toMatchObject({ warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } });
    const eng = () => snapshot().channels.find((c: any) => c.id === "C_ENG");
    await slack.conversations.invite({ channel: "C_ENG", users: "U_ALICE,U_BOB" });
    expect(eng().members).toEqual(["U_PRIMARY", "U_ALICE", "U_BOB"]);
    expect(await slackErrorOf(slack.conversations.invite({ channel: "C_ENG", users: "U_ALICE" }))).toBe("already_in_channel");
    expect(await slackErrorOf(slack.conversations.invite({ channel: "C_ENG", users: "U_GHOST" }))).toBe("user_not_found");
    expect(await slackErrorOf(slack.conversations.invite({ channel: "C_ENG", users: "U_PRIMARY" }))).toBe("cant_invite_self");
    await slack.conversations.kick({ channel: "C_ENG", user: "U_BOB" });
    expect(eng().members).toEqual(["U_PRIMARY", "U_ALICE"]);
    expect(await slackErrorOf(slack.conversations.kick({ channel: "C_ENG", user: "U_BOB" }))).toBe("not_in_channel");
    expect(await slackErrorOf(slack.conversations.kick({ channel: "C_GENERAL", user: "U_ALICE" }))).toBe("cant_kick_from_general");
    await slack.conversations.leave({ channel: "C_ENG" });
    expect(eng().members).toEqual(["U_ALICE"]);
    expect(await slack.conversations.leave({ channel: "C_ENG" })).toMatchObject({ ok: true, not_in_channel: true });
    expect(await slackErrorOf(slack.conversations.invite({ channel: "C_ENG", users: "U_BOB" }))).toBe("not_in_channel");
    expect(await slackErrorOf(slack.conversations.leave({ channel: "C_GENERAL" }))).toBe("cant_leave_general");
    await slack.conversations.join({ channel: "C_ENG" });
    expect(eng().members).toEqual(["U_ALICE", "U_PRIMARY"]);
    expect(await slackErrorOf(slack.conversations.join({ channel: "G_SECRET" }))).toBe("channel_not_found");
  });

  test("archive and unarchive", async () => {
    const { slack, snapshot } = openWorld(SEED);
    await slack.conversations.archive({ channel: "C_ENG" });
    expect(snapshot().channels[1].is_archived).toBe(true);
    expect(await slackErrorOf(slack.conversations.archive({ channel: "C_ENG" }))).toBe("already_archived");
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "C_ENG", text: "x" }))).toBe("is_archived");
    expect(await slackErrorOf(slack.conversations.archive({ channel: "C_GENERAL" }))).toBe("cant_archive_general");
    expect((await slack.conversations.list({ exclude_archived: true })).channels!.map((c) => c.id)).toEqual(["C_GENERAL"]);
    await slack.conversations.unarchive({ channel: "C_ENG" });
    expect(await slackErrorOf(slack.conversations.unarchive({ channel: "C_ENG" }))).toBe("not_archived");
  });

  test("open a DM and a group DM (again: already_open), close and mark", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const dm = await slack.conversations.open({ users: "U_ALICE" });
    expect(dm.channel).toMatchObject({ is_im: true, user: "U_ALICE" });
    expect(dm.channel!.id).toMatch(/^D[0-9A-F]{10}$/);
    expect(await slack.conversations.open({ users: "U_ALICE" })).toMatchObject({ no_op: true, already_open: true, channel: { id: dm.channel!.id } });
    const group = await slack.conversations.open({ users: "U_ALICE,U_BOB", return_im: true });
    expect(group.channel).toMatchObject({ is_mpim: true, name: "mpdm-pome-agent--alice--bob-1" });
    expect(await slackErrorOf(slack.conversations.open({ users: "U_GHOST" }))).toBe("user_not_found");
    expect(await slackErrorOf(slack.conversations.open({} as never))).toBe("users_list_not_supplied");
    const ims = await slack.conversations.list({ types: "im,mpim" });
    expect(ims.channels!.map((c) => c.id).sort()).toEqual([dm.channel!.id, group.channel!.id].sort());
    await slack.conversations.close({ channel: dm.channel!.id! });
    expect(await slack.conversations.close({ channel: dm.channel!.id! })).toMatchObject({ no_op: true, already_closed: true });
    expect(await slackErrorOf(slack.conversations.close({ channel: "C_ENG" }))).toBe("method_not_supported_for_channel_type");
    const sent = await slack.chat.postMessage({ channel: dm.channel!.id!, text: "hello" });
    await slack.conversations.mark({ channel: dm.channel!.id!, ts: sent.ts! });
    expect((await slack.conversations.info({ channel: dm.channel!.id! })).channel).toMatchObject({ last_read: sent.ts, is_open: true });
    expect(snapshot().channels.find((c: any) => c.id === group.channel!.id).members).toEqual(["U_PRIMARY", "U_ALICE", "U_BOB"]);
  });
});
