import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer, webClient } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const SEED = {
  users: [{ id: "U_PRIMARY", name: "pome-agent" }, { id: "U_ALICE", name: "alice" }],
  tokens: { user: "alice" },
  channels: [
    { id: "C_GENERAL", name: "general", members: ["U_PRIMARY", "U_ALICE"] },
    { id: "G_SECRET", name: "secret", is_private: true, members: ["U_ALICE"] },
  ],
  files: [{ id: "F_NOTES", name: "notes.txt", user: "alice", content: "private notes", channels: ["secret"] }],
};

describe("files through WebClient", () => {
  test("filesUploadV2 end to end: getUploadURLExternal, the upload URL, completeUploadExternal with a comment", async () => {
    const { slack, snapshot, calls, session } = openWorld(SEED);
    const res: any = await slack.filesUploadV2({ channel_id: "C_GENERAL", content: "line one\nline two", filename: "report.txt", title: "Report", initial_comment: "Here is the report" });
    expect(res.ok).toBe(true);
    const file = res.files[0].files[0];
    expect(file).toMatchObject({ name: "report.txt", title: "Report", mimetype: "text/plain", size: 17, user: "U_PRIMARY", channels: ["C_GENERAL"] });
    expect(calls.map((c) => c.operation)).toEqual(["files_getUploadURLExternal", "upload_file_content", "files_completeUploadExternal"]);
    expect(calls[1].path).toBe(`/upload/v1/${file.id}`);
    expect(calls[0].response_body).toMatchObject({ upload_url: `${session.urls.slack!.rest}/upload/v1/${file.id}` });
    const state = snapshot();
    expect(state.files.find((f: any) => f.id === file.id)).toMatchObject({ content: "line one\nline two", channels: ["C_GENERAL"] });
    expect(state.channels[0].messages.at(-1)).toMatchObject({ text: "Here is the report", files: [file.id] });
    const info = await slack.files.info({ file: file.id });
    expect(info).toMatchObject({ file: { id: file.id, content: "line one\nline two" }, content: "line one\nline two" });
    const history = await slack.conversations.history({ channel: "C_GENERAL" });
    expect(history.messages![0].files![0]).toMatchObject({ id: file.id, name: "report.txt" });
  });

  test("the flow by hand: bytes to the upload URL as a raw body; completing a file never uploaded is file_not_found", async () => {
    const { slack, session } = openWorld(SEED);
    const reserved = await slack.files.getUploadURLExternal({ filename: "data.csv", length: 6 });
    expect(reserved.file_id).toMatch(/^F[0-9A-F]{10}$/);
    expect(await slackErrorOf(slack.files.completeUploadExternal({ files: [{ id: reserved.file_id! }], channel_id: "C_GENERAL" }))).toBe("file_not_found");
    const up = await fetch(reserved.upload_url!, { method: "POST", headers: { authorization: `Bearer ${session.env.POME_SLACK_TOKEN}`, "content-type": "application/octet-stream" }, body: "a,b\n1," });
    expect(up.status).toBe(200);
    const done = await slack.files.completeUploadExternal({ files: [{ id: reserved.file_id!, title: "Data" }] });
    expect(done.files![0]).toMatchObject({ id: reserved.file_id, title: "Data", channels: [] });
    expect(await slackErrorOf(slack.files.getUploadURLExternal({ filename: "x.txt", length: 0 }))).toBe("invalid_arguments");
  });

  test("files.list and files.info show only files the caller can see; files.delete only the uploader's", async () => {
    const { slack, user, snapshot } = openWorld(SEED);
    await slack.filesUploadV2({ channel_id: "C_GENERAL", content: "public", filename: "pub.txt" });
    expect((await slack.files.list({})).files!.map((f) => f.name)).toEqual(["pub.txt"]);
    expect((await user.files.list({})).files!.map((f) => f.name)).toEqual(["pub.txt", "notes.txt"]);
    expect((await user.files.list({ channel: "G_SECRET" })).paging).toMatchObject({ total: 1, page: 1, pages: 1 });
    expect(await slackErrorOf(slack.files.info({ file: "F_NOTES" }))).toBe("file_not_found");
    const pub = (await slack.files.list({})).files![0];
    expect(await slackErrorOf(user.files.delete({ file: pub.id! }))).toBe("cant_delete_file");
    await slack.files.delete({ file: pub.id! });
    expect(snapshot().files.map((f: any) => f.id)).toEqual(["F_NOTES"]);
    expect(snapshot().channels[0].messages.at(-1).files).toBeUndefined();
    expect(snapshot().deleted_files).toEqual([expect.objectContaining({ id: pub.id, name: "pub.txt", channels: ["C_GENERAL"], content: "public", deleted_by: "U_PRIMARY" })]);
    expect(await slackErrorOf(slack.files.delete({ file: pub.id! }))).toBe("file_not_found");
  });
});

describe("canvases through WebClient", () => {
  test("create, edit (append, replace a section, rename), sections.lookup, delete; files.info reads the markdown", async () => {
    const { slack, snapshot } = openWorld(SEED);
    const created = await slack.canvases.create({ title: "Postmortem", document_content: { type: "markdown", markdown: "# Summary\nDNS broke." } });
    const id = created.canvas_id!;
    await slack.canvases.edit({ canvas_id: id, changes: [{ operation: "insert_at_end", document_content: { type: "markdown", markdown: "## Actions\n- add alerts" } }] });
    const found = await slack.canvases.sections.lookup({ canvas_id: id, criteria: { contains_text: "Actions" } });
    expect(found.sections).toHaveLength(1);
    await slack.canvases.edit({ canvas_id: id, changes: [{ operation: "replace", section_id: found.sections![0].id, document_content: { type: "markdown", markdown: "## Actions\n- add DNS alerts" } }] });
    await slack.canvases.edit({ canvas_id: id, changes: [{ operation: "rename", title_content: { type: "markdown", markdown: "Postmortem: DNS" } } as never] });
    expect((await slack.canvases.sections.lookup({ canvas_id: id, criteria: { section_types: ["h1"] } })).sections).toHaveLength(1);
    const info = await slack.files.info({ file: id });
    expect(info.file).toMatchObject({ title: "Postmortem: DNS", filetype: "canvas", content: "# Summary\nDNS broke.\n\n## Actions\n- add DNS alerts" });
    expect(snapshot().files.find((f: any) => f.id === id)).toMatchObject({
      filetype: "canvas",
      content: "# Summary\nDNS broke.\n\n## Actions\n- add DNS alerts",
      previous_versions: [
        { title: "Postmortem", content: "# Summary\nDNS broke." },
        { title: "Postmortem", content: "# Summary\nDNS broke.\n\n## Actions\n- add alerts" },
        { title: "Postmortem", content: "# Summary\nDNS broke.\n\n## Actions\n- add DNS alerts" },
      ],
    });
    expect(await slackErrorOf(slack.canvases.edit({ canvas_id: id, changes: [{ operation: "delete", section_id: "temp:C:nope" }] }))).toBe("canvas_editing_failed");
    await slack.canvases.delete({ canvas_id: id });
    expect(await slackErrorOf(slack.canvases.delete({ canvas_id: id }))).toBe("canvas_not_found");
  });

  test("a client with only the documented settings works from the env alone", async () => {
    const { session } = openWorld(SEED);
    const client = webClient(session.env);
    expect((await client.canvases.create({ title: "t" })).canvas_id).toMatch(/^F/);
  });
});
