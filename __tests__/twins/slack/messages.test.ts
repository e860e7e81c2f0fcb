import { ErrorCode, type WebAPIPlatformError } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const SEED = {
  users: [{ id: "U_PRIMARY", name: "pome-agent" }, { id: "U_ALICE", name: "alice" }],
  channels: [
    { id: "C_GENERAL", name: "general", members: ["U_PRIMARY", "U_ALICE"], messages: [{ user: "alice", text: "deploy today?" }] },
    { id: "C_OLD", name: "old", is_archived: true },
  ],
};

describe("chat through WebClient", () => {
  test("postMessage with text, blocks and attachments; ts strictly increases in the channel", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const a = await slack.chat.postMessage({ channel: "C_GENERAL", text: "one" });
    const b = await slack.chat.postMessage({ channel: "#general", text: "two", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*two*" } }] });
    const c = await slack.chat.postMessage({ channel: "C_GENERAL", text: "", attachments: [{ fallback: "three", text: "three" }] });
    expect(a).toMatchObject({ ok: true, channel: "C_GENERAL", message: { type: "message", user: "U_PRIMARY", text: "one" } });
    expect(Number(a.ts) < Number(b.ts) && Number(b.ts) < Number(c.ts)).toBe(true);
    const messages = snapshot().channels[0].messages;
    expect(messages.map((m: any) => m.text)).toEqual(["deploy today?", "one", "two", ""]);
    expect(messages[2].blocks[0].text.text).toBe("*two*");
    expect(messages[3].attachments[0].fallback).toBe("three");
  });

  test("a thread reply updates its parent; reply_broadcast shows it in history", async () => {
    const { slack } = openWorld(SEED);
    const parent = (await slack.conversations.history({ channel: "C_GENERAL" })).messages![0];
    const reply = await slack.chat.postMessage({ channel: "C_GENERAL", text: "yes", thread_ts: parent.ts! });
    await slack.chat.postMessage({ channel: "C_GENERAL", text: "shipping at 5", thread_ts: reply.ts!, reply_broadcast: true });
    const thread = await slack.conversations.replies({ channel: "C_GENERAL", ts: parent.ts! });
    expect(thread.messages!.map((m) => m.text)).toEqual(["deploy today?", "yes", "shipping at 5"]);
    expect(thread.messages![0]).toMatchObject({ reply_count: 2, reply_users: ["U_PRIMARY"], thread_ts: parent.ts });
    const history = await slack.conversations.history({ channel: "C_GENERAL" });
    expect(history.messages!.map((m) => m.text)).toEqual(["shipping at 5", "deploy today?"]);
    expect(history.messages![0]).toMatchObject({ subtype: "thread_broadcast", thread_ts: parent.ts });
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "C_GENERAL", text: "x", thread_ts: "1.000001" }))).toBe("thread_not_found");
  });

  test("ok:false surfaces as WebAPIPlatformError with Slack's codes", async () => {
    const { slack, snapshot, calls } = openWorld(SEED);
    const error = (await slack.chat.postMessage({ channel: "C_NOPE", text: "x" }).catch((e) => e)) as WebAPIPlatformError;
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data).toMatchObject({ ok: false, error: "channel_not_found" });
    expect(calls.at(-1)).toMatchObject({ operation: "chat_postMessage", status: 200, error: { code: "channel_not_found" }, state_mutation: false });
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "C_GENERAL", text: "x".repeat(40_001) }))).toBe("msg_too_long");
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "C_GENERAL", text: " " }))).toBe("no_text");
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "C_OLD", text: "x" }))).toBe("is_archived");
    expect(await slackErrorOf(slack.chat.postMessage({ channel: "C_GENERAL", text: "x", blocks: "not json" as never }))).toBe("invalid_blocks");
    expect(snapshot().channels[0].messages).toHaveLength(1);
  });

  test("update and delete: only the author; edited carries who and when; a parent with replies leaves a tombstone", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const alices = snapshot().channels[0].messages[0].ts;
    expect(await slackErrorOf(slack.chat.update({ channel: "C_GENERAL", ts: alices, text: "hijack" }))).toBe("cant_update_message");
    expect(await slackErrorOf(slack.chat.delete({ channel: "C_GENERAL", ts: alices }))).toBe("cant_delete_message");
    const mine = await slack.chat.postMessage({ channel: "C_GENERAL", text: "draft" });
    const updated = await slack.chat.update({ channel: "C_GENERAL", ts: mine.ts!, text: "final" });
    expect(updated).toMatchObject({ text: "final", message: { text: "final", edited: { user: "U_PRIMARY" } } });
    await slack.chat.postMessage({ channel: "C_GENERAL", text: "reply", thread_ts: mine.ts! });
    await slack.chat.delete({ channel: "C_GENERAL", ts: mine.ts! });
    const tombstone = snapshot().channels[0].messages.find((m: any) => m.ts === mine.ts);
    expect(tombstone).toMatchObject({ subtype: "tombstone", text: "This message was deleted." });
    const lone = await slack.chat.postMessage({ channel: "C_GENERAL", text: "oops" });
    expect(await slack.chat.delete({ channel: "C_GENERAL", ts: lone.ts! })).toMatchObject({ ok: true, channel: "C_GENERAL", ts: lone.ts });
    expect(snapshot().channels[0].messages.some((m: any) => m.ts === lone.ts)).toBe(false);
    expect(await slackErrorOf(slack.chat.delete({ channel: "C_GENERAL", ts: lone.ts! }))).toBe("message_not_found");
  });

  test("what an edit replaced and what a delete removed stay in the snapshot, never in an answer", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const posted = await slack.chat.postMessage({ channel: "C_GENERAL", text: "key: sk-123", attachments: [{ fallback: "sk-123" }] });
    await slack.chat.update({ channel: "C_GENERAL", ts: posted.ts!, text: "key: (redacted)", attachments: [] });
    const edited = snapshot().channels[0].messages.find((m: any) => m.ts === posted.ts);
    expect(edited).toMatchObject({ text: "key: (redacted)", previous_versions: [{ text: "key: sk-123", attachments: [{ fallback: "sk-123" }], replaced_at: edited.edited.ts }] });
    expect(JSON.stringify(await slack.conversations.history({ channel: "C_GENERAL" }))).not.toContain("sk-123");

    await slack.chat.postMessage({ channel: "C_GENERAL", text: "reply", thread_ts: posted.ts! });
    await slack.chat.delete({ channel: "C_GENERAL", ts: posted.ts! });
    const lone = await slack.chat.postMessage({ channel: "C_GENERAL", text: "oops sk-456" });
    await slack.chat.delete({ channel: "C_GENERAL", ts: lone.ts! });
    const state = snapshot();
    expect(state.channels[0].messages.find((m: any) => m.ts === posted.ts)).not.toHaveProperty("previous_versions");
    expect(state.deleted_messages).toEqual([
      expect.objectContaining({ channel: "C_GENERAL", ts: posted.ts, text: "key: (redacted)", reply_count: 1, previous_versions: [expect.objectContaining({ text: "key: sk-123" })], deleted_by: "U_PRIMARY" }),
      expect.objectContaining({ channel: "C_GENERAL", ts: lone.ts, text: "oops sk-456", deleted_by: "U_PRIMARY" }),
    ]);
    expect(JSON.stringify(await slack.conversations.history({ channel: "C_GENERAL" }))).not.toContain("sk-456");
  });

  test("postEphemeral reaches one member only, meMessage is a me_message, getPermalink links the message", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const eph = await slack.chat.postEphemeral({ channel: "C_GENERAL", user: "U_ALICE", text: "psst" });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(snapshot().ephemeral_messages).toEqual([expect.objectContaining({ channel: "C_GENERAL", user: "U_ALICE", from: "U_PRIMARY", text: "psst" })]);
    expect(snapshot().channels[0].messages).toHaveLength(1);
    expect(await slackErrorOf(slack.chat.postEphemeral({ channel: "C_GENERAL", user: "U_NOBODY", text: "x" }))).toBe("user_not_found");
    const me = await slack.chat.meMessage({ channel: "C_GENERAL", text: "waves" });
    expect(snapshot().channels[0].messages.at(-1)).toMatchObject({ ts: me.ts, subtype: "me_message", text: "waves" });
    const link = await slack.chat.getPermalink({ channel: "C_GENERAL", message_ts: me.ts! });
    expect(link.permalink).toBe(`https://pome-twin.slack.com/archives/C_GENERAL/p${me.ts!.replace(".", "")}`);
  });

  test("a user id as channel posts to the DM with that user", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const sent = await slack.chat.postMessage({ channel: "U_ALICE", text: "hi alice" });
    const dm = snapshot().channels.find((c: any) => c.is_im);
    expect(sent.channel).toBe(dm.id);
    expect(dm).toMatchObject({ members: ["U_PRIMARY", "U_ALICE"], messages: [expect.objectContaining({ text: "hi alice" })] });
  });

  test("scheduled messages: schedule, list, delete; the past and unknown ids are refused", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const now = (await slack.chat.postMessage({ channel: "C_GENERAL", text: "clock" })).ts!.split(".")[0];
    const scheduled = await slack.chat.scheduleMessage({ channel: "C_GENERAL", text: "later", post_at: Number(now) + 3600 });
    expect(scheduled).toMatchObject({ channel: "C_GENERAL", post_at: Number(now) + 3600, message: { type: "delayed_message", text: "later" } });
    expect(scheduled.scheduled_message_id).toMatch(/^Q[0-9A-F]{10}$/);
    const listed = await slack.chat.scheduledMessages.list({ channel: "C_GENERAL" });
    expect(listed.scheduled_messages).toEqual([expect.objectContaining({ id: scheduled.scheduled_message_id, channel_id: "C_GENERAL", text: "later" })]);
    expect(await slackErrorOf(slack.chat.scheduleMessage({ channel: "C_GENERAL", text: "late", post_at: 1000 }))).toBe("time_in_past");
    await slack.chat.deleteScheduledMessage({ channel: "C_GENERAL", scheduled_message_id: scheduled.scheduled_message_id! });
    expect(snapshot().scheduled_messages).toEqual([]);
    expect(snapshot().deleted_scheduled_messages).toEqual([expect.objectContaining({ id: scheduled.scheduled_message_id, channel: "C_GENERAL", text: "later" })]);
    expect(await slackErrorOf(slack.chat.deleteScheduledMessage({ channel: "C_GENERAL", scheduled_message_id: "Q0000000000" }))).toBe("invalid_scheduled_message_id");
  });

  test("drafts.create (the hosted MCP server's drafts) saves a draft and posts nothing", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const res = await slack.apiCall("drafts.create", { channel: "C_GENERAL", text: "for review" });
    expect(res).toMatchObject({ ok: true, draft: { channel_id: "C_GENERAL", text: "for review" } });
    expect(snapshot().drafts).toEqual([expect.objectContaining({ channel: "C_GENERAL", user: "U_PRIMARY", text: "for review" })]);
    expect(snapshot().channels[0].messages).toHaveLength(1);
  });
});
