/**
 * Slack-shaped session tokens: a bot token `xoxb-…` (POME_SLACK_TOKEN) and a user token
 * `xoxp-…` (POME_SLACK_USER_TOKEN), shaped like Slack's (`xoxb-<team>-<user>-<secret>`).
 * The bot token and the session JWT act as the seed's bot user, the user token as its
 * human user (`SlackState.actors`). WebClient takes the REST URL with a trailing slash as
 * `slackApiUrl` and posts to `<slackApiUrl><method>`.
 */
import type { TwinAuth } from "../engine/twin.js";

export const SLACK_BOT_TOKEN_PATTERN = /^xoxb-\d{13}-\d{13}-[A-Za-z0-9]{24}$/;
export const SLACK_USER_TOKEN_PATTERN = /^xoxp-\d{13}-\d{13}-\d{13}-[a-f0-9]{32}$/;

function characters(random: () => string, length: number, allowed: RegExp): string {
  let out = "";
  while (out.length < length) {
    const chunk = random().replace(allowed, "");
    if (chunk === "") throw new Error("token randomness produced no usable characters");
    out += chunk;
  }
  return out.slice(0, length);
}

const digits = (random: () => string) => `${1 + (random().charCodeAt(0) % 9)}${characters(() => [...random()].map((c) => String(c.charCodeAt(0) % 10)).join(""), 12, /[^0-9]/g)}`;

export const slackAuth: TwinAuth = {
  mintToken(random) {
    return `xoxb-${digits(random)}-${digits(random)}-${characters(random, 24, /[^A-Za-z0-9]/g)}`;
  },
  extraTokens: {
    user: (random) => `xoxp-${digits(random)}-${digits(random)}-${digits(random)}-${characters(() => [...random()].map((c) => (c.charCodeAt(0) % 16).toString(16)).join(""), 32, /[^a-f0-9]/g)}`,
  },
  env(token, _restUrl, extra) {
    return { POME_SLACK_TOKEN: token, ...(extra.user ? { POME_SLACK_USER_TOKEN: extra.user } : {}) };
  },
  tokenParameter: "token",
};
