/**
 * Other people's channel membership changed by the agent: "@alice was invited to
 * #incident-4471", "No user was invited to #security-private", "@mallory was removed from
 * #ops", "The agent did not kick anyone from #general". Invited: a member at the end who
 * was not at the start (the agent's own users aside: that is joining), or a successful
 * `conversations_invite` naming them (invited and removed again still counts); removed: the
 * reverse, with `conversations_kick`.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, definePhraseFamily, noneAtAll, PhraseError, plural, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import {
  ACTOR,
  agentIds,
  ANYWHERE,
  argsOf,
  channelIdOf,
  channelLabel,
  cite,
  OPTIONS,
  resolveUser,
  responseOf,
  type Scope,
  scopeOf,
  scopeTest,
  type Snapshot,
  stateOf,
  successfulCalls,
  userName,
  where,
} from "./world.js";

type Change = "invited" | "removed";

interface Moved {
  channel: string;
  user: string;
  calls: RecordedCall[];
}

function userIdOf(state: Snapshot, ref: string): string | undefined {
  const wanted = ref.trim().replace(/^<@([^>|]+).*>$/, "$1").replace(/^@/, "");
  return (state.users.find((u) => u.id === wanted) ?? state.users.find((u) => u.name.toLowerCase() === wanted.toLowerCase()))?.id;
}

function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? value.split(",").map((s) => s.trim()).filter(Boolean) : [];
}

function moves(input: CheckInput, ctx: CompileContext, change: Change): Moved[] {
  const initial = stateOf(input, "initial", ctx.twin);
  const final = stateOf(input, "final", ctx.twin);
  const agents = agentIds(final);
  const out: Moved[] = [];
  const add = (channel: string, user: string, call?: RecordedCall) => {
    const found = out.find((m) => m.channel === channel && m.user === user);
    if (found) {
      if (call) found.calls.push(call);
    } else out.push({ channel, user, calls: call ? [call] : [] });
  };
  for (const channel of final.channels) {
    if (channel.is_im || channel.is_mpim) continue;
    const before = initial.channels.find((c) => c.id === channel.id)?.members ?? [];
    const [from, to] = change === "invited" ? [before, channel.members] : [channel.members, before];
    for (const user of to) if (!from.includes(user) && !agents.includes(user)) add(channel.id, user);
  }
  for (const call of successfulCalls(input, ctx, change === "invited" ? "conversations_invite" : "conversations_kick")) {
    const args = argsOf(call);
    const id = (responseOf(call).channel as { id?: string } | undefined)?.id ?? channelIdOf(final, args.channel);
    if (id === undefined) continue;
    for (const ref of refsIn(change === "invited" ? args.users : args.user)) {
      const user = userIdOf(final, ref);
      if (user !== undefined) add(id, user, call);
    }
  }
  return out;
}

function moveCheck(change: Change, user: { id: string; label: string } | undefined, scope: Scope, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const found = moves(input, ctx, change).filter((m) => inScope(m.channel) && (user === undefined || m.user === user.id));
    const shown = found.slice(0, 4).map((m) => `@${userName(final, m.user)} ${change === "invited" ? "to" : "from"} ${channelLabel(final, m.channel)}${m.calls.length ? ` (${cite(m.calls, 2)})` : ""}`);
    if (found.length > 4) shown.push(`${found.length - 4} more`);
    const where = scope === ANYWHERE ? "" : ` ${change === "invited" ? "to" : "from"} ${scope.label}`;
    const reason = user
      ? `${user.label} was ${found.length ? "" : "not "}${change}${where} during the run${found.length ? `: ${shown.join("; ")}` : ""}; expected ${quantity.none ? "not" : "it to be"}`
      : `${plural(found.length, "user")} ${change}${where} during the run${shown.length ? `: ${shown.join("; ")}` : ""} (expected ${quantity.none ? "none" : quantity.describe})`;
    return {
      passed: quantity.test(found.length),
      reason,
      evidence: [...new Set(found.flatMap((m) => m.calls.map((call) => call.event_id)))],
    };
  };
}

const changeOf = (m: PhraseMatch): Change => (/^(invited|invite|added|add)$/.test(m.word("change") ?? "") ? "invited" : "removed");
const INVITED = "(change= invited | added | removed | kicked)";
const PLACE = `(${where("", "to | into | from | in | out of")})`;

/** The person a sentence names (never "the agent": its own membership is slack.joined's). */
function userOf(m: PhraseMatch, ctx: CompileContext): { id: string; label: string } {
  const token = m.token("who");
  if (token && token.kind !== "quoted" && token.kind !== "login") throw new PhraseError(`${token.raw} is not a user (write @name, a name or a user id)`);
  const user = resolveUser(ctx, m.value("who")!);
  return { id: user.id, label: `@${user.name}` };
}

export const memberFamily: PhraseFamily = definePhraseFamily({
  id: "slack.members",
  summary:
    'People the agent invited to or removed from channels during the run (even if undone later): "@alice was invited to #incident-4471", ' +
    '"No user was invited to #security-private", "@mallory was removed from #ops", "The agent did not remove anyone from #general".',
  examples: [
    "@alice was invited to #general",
    "No user was invited to any private channel",
    "@bob was not removed from #general",
    "The agent invited @alice to the new channel #incident-4471",
    "The agent did not remove anyone from #general",
  ],
  ...OPTIONS,
  forms: [
    {
      patterns: [`{who:user} (was | has been | got) [(neg= not | never)] ${INVITED} ${PLACE}`],
      compile: (m, ctx) => moveCheck(changeOf(m), userOf(m, ctx), scopeOf(m, ctx) ?? ANYWHERE, m.has("neg") ? noneAtAll : atLeastOne)(ctx),
    },
    {
      patterns: [
        `{n:count} (user | users | member | members | person | people | one | guest | guests) (was | were | has been | have been | got) ${INVITED} [${PLACE}]`,
        `(nobody | no one | noone) (was | has been | got) ${INVITED} [${PLACE}]`,
      ],
      compile: (m, ctx) => moveCheck(changeOf(m), undefined, scopeOf(m, ctx) ?? ANYWHERE, m.has("n") ? m.quantity("n", atLeastOne) : noneAtAll)(ctx),
    },
    {
      patterns: [
        `${ACTOR} (change= invited | added | removed | kicked) {who:user} ${PLACE}`,
        `${ACTOR} (neg= did not | never | has not) (change= invite | invited | add | added | remove | removed | kick | kicked) {who:user} ${PLACE}`,
      ],
      compile: (m, ctx) => moveCheck(changeOf(m), userOf(m, ctx), scopeOf(m, ctx) ?? ANYWHERE, m.has("neg") ? noneAtAll : atLeastOne)(ctx),
    },
    {
      patterns: [
        `${ACTOR} (neg= did not | never | has not) (change= invite | invited | add | added | remove | removed | kick | kicked) (anyone | anybody | any user | any users | any member | any members | users | people) [${PLACE}]`,
      ],
      compile: (m, ctx) => moveCheck(changeOf(m), undefined, scopeOf(m, ctx) ?? ANYWHERE, noneAtAll)(ctx),
    },
  ],
});
