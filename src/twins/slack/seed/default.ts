/** The world when a scenario gives no Slack seed: the earlier twin's default workspace. */
import { type SlackSeed, slackSeedSchema } from "./schema.js";

export const defaultSlackSeed: SlackSeed = slackSeedSchema.parse({
  team: { id: "T_POME", name: "Pome Twin Workspace", domain: "pome-twin" },
  users: [
    { id: "U_PRIMARY", name: "pome-agent", real_name: "Pome Agent", email: "pome-agent@pome-twin.slack.com", is_admin: true },
    { id: "U_ALICE", name: "alice", real_name: "Alice Example", email: "alice@pome-twin.slack.com" },
    { id: "U_BOB", name: "bob", real_name: "Bob Example", email: "bob@pome-twin.slack.com" },
  ],
  channels: [
    {
      id: "C_GENERAL",
      name: "general",
      members: ["U_PRIMARY", "U_ALICE", "U_BOB"],
      messages: [
        { user: "U_ALICE", text: "morning team" },
        { user: "U_BOB", text: "morning :wave:" },
      ],
    },
    { id: "C_RANDOM", name: "random" },
  ],
});
