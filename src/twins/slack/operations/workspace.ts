/** Who am I and where: auth.test, team.info, bots.info, api.test, emoji.list. */
import { z } from "zod";
import { slackError } from "../errors.js";
import { need, optional, flag } from "../inputs.js";
import { userById } from "../lookup.js";
import { slackMethod } from "../method.js";
import { actorId } from "../state.js";
import { workspaceUrl } from "../wire/objects.js";

export const authTest = slackMethod({
  method: "auth.test",
  description: "Check the token and say who it acts as (team, user, bot_id for a bot user).",
  tier: "semantic",
  read: true,
  input: z.object({}),
  handle(ctx) {
    const user = userById(ctx.state, actorId(ctx));
    if (!user) throw slackError("user_not_found");
    return {
      url: workspaceUrl(ctx.state),
      team: ctx.state.team.name,
      user: user.name,
      team_id: ctx.state.team.id,
      user_id: user.id,
      ...(user.bot_id ? { bot_id: user.bot_id } : {}),
      is_enterprise_install: false,
    };
  },
});

export const apiTest = slackMethod({
  method: "api.test",
  description: "Echo the arguments back; `error` makes it answer that error.",
  tier: "semantic",
  read: true,
  input: z.looseObject({ error: optional }),
  handle(_ctx, input) {
    const { error, ...args } = input;
    if (error !== undefined && error !== "") throw slackError(error.replace(/[^a-z0-9_]/gi, "_").toLowerCase(), { args: { error, ...args } });
    return Object.keys(args).length > 0 ? { args } : {};
  },
});

export const teamInfo = slackMethod({
  method: "team.info",
  description: "The workspace: id, name, domain, email domain and icon.",
  tier: "semantic",
  read: true,
  input: z.object({ team: optional }),
  handle(ctx, input) {
    const { team } = ctx.state;
    if (input.team !== undefined && input.team !== team.id) throw slackError("team_not_found");
    return {
      team: {
        id: team.id,
        name: team.name,
        url: workspaceUrl(ctx.state),
        domain: team.domain,
        email_domain: `${team.domain}.slack.com`,
        icon: { image_default: true, image_34: "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png", image_44: "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-44.png" },
        avatar_base_url: "https://ca.slack-edge.com/",
        is_verified: false,
        lob_sales_home_enabled: false,
      },
    };
  },
});

export const botsInfo = slackMethod({
  method: "bots.info",
  description: "A bot user's bot: id, name, user_id (by its B… id).",
  tier: "semantic",
  read: true,
  input: z.object({ bot: need("bot_not_found") }),
  handle(ctx, input) {
    const user = ctx.state.users.find((u) => u.bot_id === input.bot);
    if (!user) throw slackError("bot_not_found");
    return { bot: { id: user.bot_id, deleted: user.deleted, name: user.name, updated: user.updated, app_id: "A0POMETWIN", user_id: user.id, icons: { image_36: "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png" } } };
  },
});

export const emojiList = slackMethod({
  method: "emoji.list",
  description: "The workspace's custom emoji (name → image URL or `alias:<name>`). `query` (pome: the hosted MCP emoji search) keeps names containing it.",
  tier: "semantic",
  read: true,
  input: z.object({ include_categories: flag, query: optional }),
  handle(ctx, input) {
    const query = input.query?.replace(/:/g, "").toLowerCase();
    const emoji = Object.fromEntries(Object.entries(ctx.state.emoji).filter(([name]) => !query || name.includes(query)));
    return { emoji, cache_ts: `${ctx.clock.unix()}.000000` };
  },
});

export const workspaceOperations = [authTest, apiTest, teamInfo, botsInfo, emojiList];
