/**
 * Channels created during the run: "A channel named #incident-4471 was created", "No
 * channel was created", "Exactly one private channel was created by the agent". A channel
 * is new when the seed did not have it (a DM the agent opened is not a channel); a name
 * the seed already has is a scenario error (it cannot be created again).
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, definePhraseFamily, noneAtAll, PhraseError, plural, type PhraseMatch } from "../../../criteria/index.js";
import { ACTOR, actorOf, by, isBy, OPTIONS, seedOf, stateOf, userName, type Who, whoOf } from "./world.js";

interface Created {
  name?: string;
  kind?: "public" | "private";
  who?: Who;
  quantity: Quantity;
}

function createdCheck(c: Created) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const seeded = new Set(initial.channels.map((channel) => channel.id));
    const made = final.channels.filter((channel) => !seeded.has(channel.id) && !channel.is_im && !channel.is_mpim);
    const found = made.filter(
      (channel) =>
        (c.name === undefined || channel.name === c.name) &&
        (c.kind === undefined || channel.is_private === (c.kind === "private")) &&
        isBy(c.who, channel.creator, final),
    );
    const what = `${plural(found.length, `${c.kind ? `${c.kind} ` : ""}channel`)}${c.name ? ` named #${c.name}` : ""}${c.who ? ` by ${c.who.label}` : ""}`;
    const listed = made.map((channel) => `#${channel.name} (${channel.id}, ${channel.is_private ? "private" : "public"}, by @${userName(final, channel.creator)})`);
    return {
      passed: c.quantity.test(found.length),
      reason: `${what} created during the run (channels created: ${listed.join(", ") || "none"}); expected ${c.quantity.describe}`,
    };
  };
}

function nameOf(m: PhraseMatch, ctx: CompileContext): string | undefined {
  const raw = m.value("name");
  if (raw === undefined) return undefined;
  const token = m.token("name");
  if (token && token.kind !== "quoted" && token.kind !== "hashtag") throw new PhraseError(`${token.raw} is not a channel name`);
  const name = raw.trim().replace(/^#/, "").toLowerCase();
  if (seedOf(ctx).channels.some((channel) => !channel.is_im && !channel.is_mpim && channel.name === name)) {
    throw new PhraseError(`#${name} is already in the seed, so it cannot be created during the run`);
  }
  return name;
}

const kindOf = (m: PhraseMatch) => (m.word("kind") as "public" | "private" | undefined);
const NAMED = "[(named | called)] {name:chan}";

export const channelCreatedFamily: PhraseFamily = definePhraseFamily({
  id: "slack.channels-created",
  summary: 'Channels created during the run (DMs are not channels), by name, public or private, by whom: "A channel named #incident-4471 was created", "No channel was created". A name the seed already has is a scenario error.',
  examples: ["A channel named #incident-4471 was created", "No channel was created", "Exactly one private channel was created by the agent", "The channel #incident-4471 was not created", "The agent created a channel named `war-room`"],
  ...OPTIONS,
  forms: [
    {
      patterns: [
        `{n:count} [new] [(kind= public | private)] (channel | channels) [(named | called) {name:chan}] (was | were | has been | have been) (created | made | opened) [${by()}]`,
      ],
      compile: (m, ctx) => createdCheck({ name: nameOf(m, ctx), kind: kindOf(m), who: whoOf(m, ctx), quantity: m.quantity("n", atLeastOne) })(ctx),
    },
    {
      patterns: [
        `[the] [(kind= public | private)] channel ${NAMED} (was | has been) [(neg= not | never)] (created | made) [${by()}]`,
        `[the] {name:chan} channel (was | has been) [(neg= not | never)] (created | made) [${by()}]`,
      ],
      compile: (m, ctx) => createdCheck({ name: nameOf(m, ctx), kind: kindOf(m), who: whoOf(m, ctx), quantity: m.has("neg") ? noneAtAll : atLeastOne })(ctx),
    },
    {
      patterns: [
        `${ACTOR} (created | made | opened) (a | an | one | the | a new) [(kind= public | private)] channel [${NAMED}]`,
        `${ACTOR} (neg= did not | never | has not) (create | created | make | made | open | opened) (a | an | any | the | a new | any new) [(kind= public | private)] (channel | channels) [${NAMED}]`,
      ],
      compile: (m, ctx) => createdCheck({ name: nameOf(m, ctx), kind: kindOf(m), who: actorOf(m), quantity: m.has("neg") ? noneAtAll : atLeastOne })(ctx),
    },
  ],
});
