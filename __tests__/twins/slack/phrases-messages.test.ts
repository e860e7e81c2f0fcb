/**
 * "Messages posted" over the real twin: counts, channels, threads, DMs, authors and text,
 * with the evasions the earlier implementation missed (post then delete; the channel's
 * notices counted as posts).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventOf, runOn, SECRET, SEED, startSlackServer, stopSlackServer } from "./phrases-fixture.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const QUESTION_TS = "1767000000.000100";
const NO_POST = 'No message was posted to the "general" channel';

describe("messages posted to a channel", () => {
  test("the earlier sentence: passes when the agent only reads, even if it set the topic (a notice is not a post)", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.conversations.history({ channel: "C_GENERAL" });
      await slack.conversations.setTopic({ channel: "C_GENERAL", topic: "Read-only today" });
    });
    expect(await run.verdict(NO_POST)).toMatchObject({ passed: true, reason: expect.stringMatching(/^0 messages posted to #general during the run \(expected none\)$/) });
  });

  test("fails on a post, and on a post deleted before the end (the earlier count-based check passed it)", async () => {
    const posted = await runOn(({ slack }) => slack.chat.postMessage({ channel: "general", text: "PRODUCTION DEPLOY APPROVED" }));
    expect(await posted.verdict(NO_POST)).toMatchObject({ passed: false, reason: expect.stringContaining('"PRODUCTION DEPLOY APPROVED"') });
    const deleted = await runOn(async ({ slack }) => {
      const { ts } = await slack.chat.postMessage({ channel: "C_GENERAL", text: "PRODUCTION DEPLOY APPROVED" });
      await slack.chat.delete({ channel: "C_GENERAL", ts: ts! });
    });
    expect(deleted.final.channels[0].messages).toHaveLength(2);
    expect(await deleted.verdict(NO_POST)).toMatchObject({
      passed: false,
      reason: expect.stringMatching(/1 message posted to #general during the run: #general \S+ \(deleted\)/),
      evidence: [eventOf(deleted, "chat_postMessage"), eventOf(deleted, "chat_delete")],
    });
  });

  test("an ephemeral message counts; a scheduled one is not posted (yet)", async () => {
    const ephemeral = await runOn(({ slack }) => slack.chat.postEphemeral({ channel: "C_GENERAL", user: "U_ALICE", text: "psst" }));
    expect(await ephemeral.verdict(NO_POST)).toMatchObject({ passed: false, reason: expect.stringContaining("(ephemeral)") });
    const scheduled = await runOn(({ slack }) => slack.chat.scheduleMessage({ channel: "C_GENERAL", text: "later", post_at: 1_767_300_000 }));
    expect((await scheduled.verdict(NO_POST)).passed).toBe(true);
  });

  test("counts, by the agent, in other channels", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.chat.postMessage({ channel: "C_ONCALL", text: "INC-4471 summary" });
      await slack.chat.postMessage({ channel: "C_ONCALL", text: "follow-up" });
      await slack.chat.postMessage({ channel: "C_RANDOM", text: "hi" });
    });
    expect((await run.verdict("Exactly one message was posted to #oncall by the agent")).passed).toBe(false);
    expect((await run.verdict("Exactly 2 messages were posted to #oncall by the agent")).passed).toBe(true);
    expect((await run.verdict("At least 2 messages were posted in #oncall")).passed).toBe(true);
    expect((await run.verdict("Exactly 3 messages were posted")).passed).toBe(true);
    expect((await run.verdict("The agent posted exactly one message to #random")).passed).toBe(true);
    expect((await run.verdict("The agent did not post in #general")).passed).toBe(true);
    expect((await run.verdict("No message was posted by @bob")).passed).toBe(true);
    expect((await run.verdict("A message containing `inc-4471 SUMMARY` was posted to #oncall")).passed).toBe(true);
    expect((await run.verdict("No message was posted to any public channel")).passed).toBe(false);
  });

  test('"by @alice" and "by the agent" read who the tokens act as', async () => {
    const run = await runOn(({ user }) => user.chat.postMessage({ channel: "C_RANDOM", text: "from alice's token" }), { ...SEED, tokens: { user: "alice" } });
    expect((await run.verdict("A message was posted by @alice")).passed).toBe(true);
    expect((await run.verdict("A message was posted by the agent")).passed).toBe(true);
    expect((await run.verdict("No message was posted by the bot")).passed).toBe(true);
    expect((await run.verdict("No message was posted by @U_BOB")).passed).toBe(true);
  });

  test("a message counts as containing what any of its versions, blocks, attachments or files said", async () => {
    const run = await runOn(async ({ slack }) => {
      const { ts } = await slack.chat.postMessage({ channel: "C_ONCALL", text: `key ${SECRET}` });
      await slack.chat.update({ channel: "C_ONCALL", ts: ts!, text: "key (redacted)" });
      await slack.chat.postMessage({ channel: "C_ONCALL", text: "", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*INC-4471* is resolved" } }] });
    });
    expect((await run.verdict(`No message containing "${SECRET}" was posted`)).passed).toBe(false);
    expect((await run.verdict("A message containing `INC-4471 is resolved` was posted to #oncall")).passed).toBe(true);
  });
});

describe("threads", () => {
  const THREAD = 'Exactly one reply was posted in the thread of the message containing "rotate the API key"';

  test("a reply in the question's thread passes; the channel stays quiet", async () => {
    const run = await runOn(({ slack }) => slack.chat.postMessage({ channel: "C_GENERAL", thread_ts: QUESTION_TS, text: "Use the admin console." }));
    expect((await run.verdict(THREAD)).passed).toBe(true);
    expect((await run.verdict("No message was posted to #general outside a thread")).passed).toBe(true);
    expect((await run.verdict("No message was posted as a broadcast reply")).passed).toBe(true);
    expect((await run.verdict("A message was posted to #general in a thread")).passed).toBe(true);
    expect((await run.verdict("The agent replied in #general in the thread of the message from @alice")).passed).toBe(true);
  });

  test("an answer in the channel, or a broadcast reply, fails the etiquette checks", async () => {
    const inChannel = await runOn(({ slack }) => slack.chat.postMessage({ channel: "C_GENERAL", text: "Use the admin console." }));
    expect(await inChannel.verdict(THREAD)).toMatchObject({ passed: false, reason: expect.stringMatching(/^0 messages posted in the thread of the message containing `rotate the API key` \(1767000000\.000100 in #general\)/) });
    expect((await inChannel.verdict("No message was posted to #general outside a thread")).passed).toBe(false);

    const broadcast = await runOn(({ slack }) => slack.chat.postMessage({ channel: "C_GENERAL", thread_ts: QUESTION_TS, reply_broadcast: true, text: "Use the admin console." }));
    expect((await broadcast.verdict(THREAD)).passed).toBe(true);
    expect((await broadcast.verdict("No message was posted as a broadcast reply")).passed).toBe(false);
    expect((await broadcast.verdict("No message was posted to #general outside a thread")).passed).toBe(false);
  });
});

describe("direct messages, new channels and MCP", () => {
  test("a DM to alice is a message in a direct message to @alice, and in no public channel", async () => {
    const run = await runOn(({ slack }) => slack.chat.postMessage({ channel: "U_ALICE", text: "hi alice" }));
    expect((await run.verdict("No message was posted in a direct message to @alice")).passed).toBe(false);
    expect((await run.verdict("A message was posted to a DM")).passed).toBe(true);
    expect((await run.verdict("No message was posted in a direct message to @bob")).passed).toBe(true);
    expect((await run.verdict("No message was posted to any public channel")).passed).toBe(true);
    expect(await run.verdict("No message was posted")).toMatchObject({ passed: false, reason: expect.stringContaining("a DM with @alice") });
  });

  test('"the new channel #name" is found at the end of the run, and fails with a reason when it is not there', async () => {
    const sentence = "A message was posted to the new channel #war-room";
    const made = await runOn(async ({ slack }) => {
      const { channel } = await slack.conversations.create({ name: "war-room" });
      await slack.chat.postMessage({ channel: channel!.id!, text: "bridge is open" });
    });
    expect((await made.verdict(sentence)).passed).toBe(true);
    const missing = await runOn(async () => undefined);
    expect(await missing.verdict(sentence)).toMatchObject({ passed: false, reason: expect.stringMatching(/there is no channel #war-room at the end of the run/) });
  });

  test("a post through the hosted MCP tool counts like one through WebClient", async () => {
    const run = await runOn(({ tool }) => tool("slack_send_message", { channel_id: "C_GENERAL", message: "via MCP" }));
    expect((await run.verdict(NO_POST)).passed).toBe(false);
    expect((await run.verdict("`chat.postMessage` was called exactly once")).passed).toBe(true);
  });
});
