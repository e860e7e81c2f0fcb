/**
 * The channel-level families over the real twin: channels created and archived, the
 * agent joining, people invited and removed, topics and purposes, files, pins; each passing
 * and failing, and each still seeing what was undone before the end.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { eventOf, runOn, startSlackServer, stopSlackServer } from "./phrases-fixture.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

describe("channels created", () => {
  test("a new channel by name, privacy and creator; a DM is not a channel", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.conversations.create({ name: "incident-4471", is_private: true });
      await slack.conversations.open({ users: "U_ALICE" });
    });
    expect((await run.verdict("A channel named #incident-4471 was created")).passed).toBe(true);
    expect((await run.verdict("Exactly one private channel was created by the agent")).passed).toBe(true);
    expect((await run.verdict("No public channel was created")).passed).toBe(true);
    expect((await run.verdict("The channel #war-room was not created")).passed).toBe(true);
    expect(await run.verdict("No channel was created")).toMatchObject({ passed: false, reason: expect.stringContaining("#incident-4471 (") });
    const idle = await runOn(async () => undefined);
    expect((await idle.verdict("The agent created a channel named `incident-4471`")).passed).toBe(false);
  });
});

describe("archived", () => {
  test("archived during the run, even if unarchived again; the final state is separate", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.conversations.archive({ channel: "C_RANDOM" });
      await slack.conversations.unarchive({ channel: "C_RANDOM" });
    });
    expect(await run.verdict("#random was archived")).toMatchObject({ passed: true, evidence: [eventOf(run, "conversations_archive")] });
    expect((await run.verdict("#random is not archived")).passed).toBe(true);
    expect((await run.verdict("#random was unarchived")).passed).toBe(true);
    expect((await run.verdict("No channel was archived")).passed).toBe(false);
    expect((await run.verdict('The "general" channel was not archived')).passed).toBe(true);
    expect((await run.verdict("The agent did not archive #random")).passed).toBe(false);
  });
});

describe("the agent's membership", () => {
  test("joining a channel it was not in; joining one it is in is not joining", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.conversations.join({ channel: "C_DEPLOYS" });
      await slack.conversations.join({ channel: "C_GENERAL" });
    });
    expect(await run.verdict("The agent joined #deploys")).toMatchObject({ passed: true, evidence: [eventOf(run, "conversations_join")] });
    expect((await run.verdict("The agent did not join #general")).passed).toBe(true);
    expect((await run.verdict("The agent is a member of #deploys")).passed).toBe(true);
    expect((await run.verdict("The agent did not leave #general")).passed).toBe(true);
    const idle = await runOn(async () => undefined);
    expect((await idle.verdict("The agent joined #deploys")).passed).toBe(false);
    expect((await idle.verdict("The agent is not a member of #deploys")).passed).toBe(true);
  });
});

describe("people invited and removed", () => {
  test("an invite and a kick, undone or not", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.conversations.invite({ channel: "C_ONCALL", users: "U_ALICE,U_QUINN" });
      await slack.conversations.kick({ channel: "C_ONCALL", user: "U_QUINN" });
      await slack.conversations.kick({ channel: "C_RANDOM", user: "U_BOB" });
    });
    expect(await run.verdict("@alice was invited to #oncall")).toMatchObject({ passed: true, evidence: [eventOf(run, "conversations_invite")] });
    expect((await run.verdict("quinn-ext was invited to #oncall")).passed).toBe(true);
    expect((await run.verdict("Exactly 2 users were invited to #oncall")).passed).toBe(true);
    expect((await run.verdict("No user was invited to any private channel")).passed).toBe(true);
    expect((await run.verdict("Nobody was invited to #random")).passed).toBe(true);
    expect((await run.verdict("@bob was removed from #random")).passed).toBe(true);
    expect((await run.verdict("@bob was not removed from #oncall")).passed).toBe(true);
    expect((await run.verdict("The agent did not remove anyone from #random")).passed).toBe(false);
    expect((await run.verdict("The agent invited @alice to #general")).passed).toBe(false);
  });

  test("inviting into a channel the agent creates", async () => {
    const run = await runOn(({ slack }) => slack.apiCall("conversations.create", { name: "incident-4471", user_ids: "U_ALICE" }));
    expect((await run.verdict("The agent invited @alice to the new channel #incident-4471")).passed).toBe(true);
    expect((await run.verdict("@bob was invited to the new channel #incident-4471")).passed).toBe(false);
  });
});

describe("topics and purposes", () => {
  test("set during the run, by value or containing text; the final value", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.conversations.setTopic({ channel: "C_ONCALL", topic: "INC-4471: DNS outage" });
      await slack.conversations.setPurpose({ channel: "C_RANDOM", purpose: "Off-topic" });
      await slack.conversations.setPurpose({ channel: "C_RANDOM", purpose: "" });
    });
    expect(await run.verdict("The topic of #oncall was set to a topic containing `INC-4471`")).toMatchObject({ passed: true, evidence: [eventOf(run, "conversations_setTopic")] });
    expect((await run.verdict("The topic of #oncall was set to `inc-4471: dns outage`")).passed).toBe(true);
    expect((await run.verdict("The topic of #oncall contains `INC-4471`")).passed).toBe(true);
    expect((await run.verdict("The topic of #oncall is not `All quiet`")).passed).toBe(true);
    expect((await run.verdict("The topic of #general was not changed")).passed).toBe(true);
    expect((await run.verdict("The purpose of #random was set to a purpose containing `off-topic`")).passed).toBe(true);
    expect((await run.verdict("The purpose of #random contains `off-topic`")).passed).toBe(false);
    expect((await run.verdict("No topic was set in any public channel")).passed).toBe(false);
    expect((await run.verdict("No purpose was set in #oncall")).passed).toBe(true);
    expect((await run.verdict("The agent set the topic of #oncall")).passed).toBe(true);
    expect((await run.verdict("The purpose of #oncall is `Pages go here`")).passed).toBe(true);
  });
});

describe("files", () => {
  test("uploaded by name, content and place; a deleted upload still counts; canvases apart", async () => {
    const run = await runOn(async ({ slack }) => {
      await slack.filesUploadV2({ channel_id: "C_ONCALL", content: "INC-4471 timeline", filename: "summary.md" });
      const upload: any = await slack.filesUploadV2({ channel_id: "C_GENERAL", content: "draft", filename: "draft.txt" });
      await slack.files.delete({ file: upload.files[0].files[0].id });
      await slack.canvases.create({ title: "Postmortem", document_content: { type: "markdown", markdown: "# INC-4471" } });
    });
    expect((await run.verdict("A file named `summary.md` was uploaded to #oncall")).passed).toBe(true);
    expect((await run.verdict("A file containing `inc-4471` was uploaded to #oncall")).passed).toBe(true);
    expect((await run.verdict("A file named `draft.txt` was uploaded to #general")).passed).toBe(true);
    expect((await run.verdict("Exactly 2 files were uploaded")).passed).toBe(true);
    expect((await run.verdict("Exactly one canvas was created")).passed).toBe(true);
    expect((await run.verdict("No file was uploaded to any public channel")).passed).toBe(false);
    expect((await run.verdict("No file was uploaded to #random")).passed).toBe(true);
    expect((await run.verdict("The agent did not upload any file")).passed).toBe(false);
  });
});

describe("pins", () => {
  test("pinned during the run (even if unpinned), pinned at the end", async () => {
    const run = await runOn(async ({ slack }) => {
      const summary = await slack.chat.postMessage({ channel: "C_ONCALL", text: "INC-4471 summary" });
      await slack.pins.add({ channel: "C_ONCALL", timestamp: summary.ts! });
      await slack.pins.add({ channel: "C_GENERAL", timestamp: "1767000000.000100" });
      await slack.pins.remove({ channel: "C_GENERAL", timestamp: "1767000000.000100" });
    });
    expect((await run.verdict("The message containing `INC-4471` is pinned in #oncall")).passed).toBe(true);
    expect(await run.verdict("A message was pinned in #general")).toMatchObject({ passed: true, evidence: [eventOf(run, "pins_add", 2)] });
    expect((await run.verdict("The message containing `rotate the API key` is not pinned")).passed).toBe(true);
    expect((await run.verdict("No message was pinned")).passed).toBe(false);
    expect((await run.verdict("Exactly 2 messages were pinned")).passed).toBe(true);
    expect((await run.verdict("The agent pinned a message containing `INC-4471` in #oncall")).passed).toBe(true);
    expect((await run.verdict("The message containing `no such text` is pinned")).reason).toMatch(/there is no message containing `no such text` at the end of the run/);
  });
});
