import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, slackErrorOf, startSlackServer, stopSlackServer } from "./slack-session.js";

beforeAll(startSlackServer);
afterAll(stopSlackServer);

const SEED = {
  team: { id: "T_ACME", name: "Acme", domain: "acme" },
  users: [
    { id: "U_PRIMARY", name: "pome-agent", is_admin: true },
    { id: "U_ALICE", name: "alice", real_name: "Alice Liddell", email: "alice@acme.test", title: "SRE" },
    { id: "U_BOT", name: "deploybot", is_bot: true },
  ],
  channels: [{ id: "C_GENERAL", name: "general", members: ["U_PRIMARY", "U_ALICE"] }, { id: "C_OPS", name: "ops", members: ["U_ALICE"] }],
  emoji: { shipit: "https://emoji.example/shipit.png", squirrel: "alias:shipit" },
  usergroups: [{ id: "S_ONCALL", name: "On-call", handle: "oncall", users: ["alice"] }],
};

describe("users through WebClient", () => {
  test("list (no emails), info and lookupByEmail (with them); paginate() walks users.list", async () => {
    const { slack } = openWorld(SEED);
    const list = await slack.users.list({});
    expect(list.members!.map((u) => u.name)).toEqual(["pome-agent", "alice", "deploybot"]);
    expect(list.members![1].profile!.email).toBeUndefined();
    const names: string[] = [];
    for await (const page of slack.paginate("users.list", { limit: 1 })) names.push(...(page as any).members.map((u: any) => u.name));
    expect(names).toEqual(["pome-agent", "alice", "deploybot"]);
    const info = await slack.users.info({ user: "U_ALICE" });
    expect(info.user).toMatchObject({ id: "U_ALICE", team_id: "T_ACME", real_name: "Alice Liddell", profile: { email: "alice@acme.test", title: "SRE" } });
    expect((await slack.users.info({ user: "U_BOT" })).user).toMatchObject({ is_bot: true, profile: { bot_id: expect.stringMatching(/^B/) } });
    expect(await slackErrorOf(slack.users.info({ user: "U_GHOST" }))).toBe("user_not_found");
    expect((await slack.users.lookupByEmail({ email: "ALICE@acme.test" })).user!.id).toBe("U_ALICE");
    expect(await slackErrorOf(slack.users.lookupByEmail({ email: "nobody@acme.test" }))).toBe("users_not_found");
  });

  test("profile.get and profile.set; conversations; presence", async () => {
    const { slack, snapshot } = openWorld(SEED);
    expect((await slack.users.profile.get({ user: "U_ALICE" })).profile).toMatchObject({ real_name: "Alice Liddell", email: "alice@acme.test" });
    expect((await slack.users.profile.get({})).profile).toMatchObject({ real_name: "pome-agent" });
    await slack.users.profile.set({ profile: { status_text: "deploying", title: "Agent" } });
    expect((await slack.users.profile.get({})).profile).toMatchObject({ status_text: "deploying", title: "Agent" });
    expect(await slackErrorOf(slack.users.profile.set({ user: "U_ALICE", name: "title", value: "x" }))).toBe("not_admin");
    expect(snapshot().users[0].title).toBe("Agent");
    expect((await slack.users.conversations({})).channels!.map((c) => c.id)).toEqual(["C_GENERAL"]);
    expect((await slack.users.conversations({ user: "U_ALICE" })).channels!.map((c) => c.id)).toEqual(["C_GENERAL", "C_OPS"]);
    expect(await slack.users.getPresence({ user: "U_ALICE" })).toMatchObject({ presence: "active" });
    await slack.users.setPresence({ presence: "away" });
    expect(await slack.users.getPresence({})).toMatchObject({ presence: "away", manual_away: true });
    expect(snapshot().users[0].presence).toBe("away");
  });
});

describe("the workspace through WebClient", () => {
  test("auth.test says who the bot token acts as; team.info; api.test; bots.info", async () => {
    const { slack } = openWorld({ ...SEED, tokens: { bot: "deploybot", user: "alice" } });
    const me = await slack.auth.test();
    expect(me).toMatchObject({ url: "https://acme.slack.com/", team: "Acme", team_id: "T_ACME", user: "deploybot", user_id: "U_BOT", bot_id: expect.stringMatching(/^B/) });
    expect((await slack.bots.info({ bot: me.bot_id! })).bot).toMatchObject({ id: me.bot_id, user_id: "U_BOT", name: "deploybot" });
    expect(await slackErrorOf(slack.bots.info({ bot: "B_NOPE" }))).toBe("bot_not_found");
    expect((await slack.team.info()).team).toMatchObject({ id: "T_ACME", name: "Acme", domain: "acme", email_domain: "acme.slack.com" });
    expect(await slack.api.test({ foo: "bar" } as never)).toMatchObject({ ok: true, args: { foo: "bar" } });
    expect(await slackErrorOf(slack.api.test({ error: "my_error" } as never))).toBe("my_error");
  });

  test("emoji.list and user groups (list, create, users.list, users.update)", async () => {
    const { slack, snapshot } = openWorld(SEED);
    expect((await slack.emoji.list()).emoji).toEqual({ shipit: "https://emoji.example/shipit.png", squirrel: "alias:shipit" });
    const groups = await slack.usergroups.list({ include_users: true });
    expect(groups.usergroups).toEqual([expect.objectContaining({ id: "S_ONCALL", handle: "oncall", users: ["U_ALICE"], user_count: 1 })]);
    const created = await slack.usergroups.create({ name: "Release", handle: "release" });
    expect(await slackErrorOf(slack.usergroups.create({ name: "Release" }))).toBe("name_already_exists");
    await slack.usergroups.users.update({ usergroup: created.usergroup!.id!, users: "U_PRIMARY,U_ALICE" });
    expect((await slack.usergroups.users.list({ usergroup: created.usergroup!.id! })).users).toEqual(["U_PRIMARY", "U_ALICE"]);
    expect(await slackErrorOf(slack.usergroups.users.list({ usergroup: "S_NOPE" }))).toBe("no_such_subteam");
    expect(snapshot().usergroups.map((g: any) => g.handle)).toEqual(["oncall", "release"]);
  });
});
