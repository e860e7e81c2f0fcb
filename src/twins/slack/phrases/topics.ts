/**
 * Channel topics and purposes: "The topic of #oncall was set to `INC-4471: DNS outage`",
 * "The topic of #oncall was set to a topic containing `INC-4471`" (some setting during the
 * run: a successful `conversations_setTopic`/`setPurpose`, or a changed value), "The topic
 * of #general was not changed", "The purpose of #ops contains `on-call`" / "is `…`" (the
 * final value), "No topic was set in any public channel".
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily, Quantity } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, noneAtAll, plural, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import { CONTAINING } from "./messages.js";
import {
  ACTOR,
  ANYWHERE,
  argsOf,
  channelIdOf,
  channelLabel,
  channelRef,
  excerpt,
  foldText,
  OPTIONS,
  responseOf,
  type Scope,
  scopeOf,
  scopeTest,
  stateOf,
  successfulCalls,
  textMatcher,
  where,
} from "./world.js";

type Field = "topic" | "purpose";

interface Setting {
  channel: string;
  value: string;
  call?: RecordedCall;
}

/** Every setting of the field during the run, in order. */
function settings(input: CheckInput, ctx: CompileContext, field: Field): Setting[] {
  const initial = stateOf(input, "initial", ctx.twin);
  const final = stateOf(input, "final", ctx.twin);
  const out: Setting[] = successfulCalls(input, ctx, field === "topic" ? "conversations_setTopic" : "conversations_setPurpose").flatMap((call) => {
    const channel = responseOf(call).channel as { id?: string; topic?: { value?: string }; purpose?: { value?: string } } | undefined;
    const id = channel?.id ?? channelIdOf(final, argsOf(call).channel);
    const value = channel?.[field]?.value ?? String(argsOf(call)[field] ?? "");
    return id === undefined ? [] : [{ channel: id, value, call }];
  });
  for (const channel of final.channels) {
    const before = initial.channels.find((c) => c.id === channel.id)?.[field];
    const changed = before ? before.value !== channel[field].value || before.last_set !== channel[field].last_set : channel[field].value !== "";
    if (changed && !out.some((s) => s.channel === channel.id)) out.push({ channel: channel.id, value: channel[field].value });
  }
  return out;
}

type ValueTest = { kind: "equals"; value: string } | { kind: "contains"; value: string } | undefined;

function valueTest(test: ValueTest): (value: string) => boolean {
  if (!test) return () => true;
  if (test.kind === "contains") return (value) => textMatcher(test.value)([value]);
  const wanted = foldText(test.value).trim();
  return (value) => foldText(value).trim() === wanted;
}

const describeTest = (test: ValueTest) => (!test ? "" : test.kind === "equals" ? ` to ${code(test.value)}` : ` to a value containing ${code(test.value)}`);

function setCheck(field: Field, scope: Scope, test: ValueTest, quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const all = settings(input, ctx, field).filter((s) => inScope(s.channel));
    const found = all.filter((s) => valueTest(test)(s.value));
    const shown = all.slice(0, 4).map((s) => `${channelLabel(final, s.channel)} → "${excerpt(s.value)}"${s.call ? ` (${s.call.operation} ${s.call.event_id})` : ""}`);
    const one = scope.kind === "channel" || scope.kind === "new";
    const subject = one ? `the ${field} of ${scope.label}` : `${field}s${scope === ANYWHERE ? "" : ` in ${scope.label}`}`;
    return {
      passed: quantity.test(found.length),
      reason: `${subject}: ${plural(found.length, "setting")}${describeTest(test)} during the run${shown.length ? ` (all settings: ${shown.join("; ")})` : ""}; expected ${quantity.none ? "none" : quantity.describe}`,
      evidence: found.flatMap((s) => (s.call ? [s.call.event_id] : [])),
    };
  };
}

function finalCheck(field: Field, scope: Scope, test: NonNullable<ValueTest>, expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const final = stateOf(input, "final", ctx.twin);
    const inScope = scopeTest(scope, final);
    const channel = final.channels.find((c) => inScope(c.id))!;
    const value = channel[field].value;
    const holds = valueTest(test)(value);
    return {
      passed: holds === expected,
      reason: `the ${field} of ${scope.label} is "${excerpt(value, 120)}" at the end of the run (expected it ${expected ? "" : "not "}${test.kind === "equals" ? "to be" : "to contain"} ${code(test.value)})`,
    };
  };
}

const FIELD = "(field= topic | purpose | channel topic | channel purpose)";
const OF = `(of | for | in | on) ${channelRef()}`;
const TO_VALUE = `[((eq= to {value:text}) | (to | with) [(a | an)] [(topic | purpose | text | value | string)] ${CONTAINING} {ctext:text})]`;
const SET = "(set | changed | updated | edited)";

const fieldOf = (m: PhraseMatch): Field => (m.word("field")!.includes("purpose") ? "purpose" : "topic");
const testOf = (m: PhraseMatch): ValueTest => (m.has("value") ? { kind: "equals", value: m.value("value")! } : m.has("ctext") ? { kind: "contains", value: m.value("ctext")! } : undefined);

export const topicFamily: PhraseFamily = definePhraseFamily({
  id: "slack.topics",
  summary:
    'Channel topics and purposes: set during the run ("The topic of #oncall was set to `…`", "… was set to a topic containing `INC-4471`", ' +
    '"The topic of #general was not changed", "No topic was set in any public channel"), or their value at the end ("The purpose of #ops contains `on-call`", "… is `…`").',
  examples: [
    "The topic of #general was set to a topic containing `INC-4471`",
    "The topic of #general was set to `INC-4471: DNS outage`",
    "The purpose of #general was not changed",
    "The topic of #general contains `INC-4471`",
    "The topic of #general is not `All quiet`",
    "No topic was set in any public channel",
    "The agent set the topic of #general",
  ],
  ...OPTIONS,
  forms: [
    {
      patterns: [`[the] ${FIELD} ${OF} (was | has been | got) [(neg= not | never)] ${SET} ${TO_VALUE}`],
      compile: (m, ctx) => setCheck(fieldOf(m), scopeOf(m, ctx)!, testOf(m), m.has("neg") ? noneAtAll : atLeastOne)(ctx),
    },
    {
      patterns: [`${ACTOR} [(neg= did not | never | has not)] (set | changed | updated | change | update) the ${FIELD} ${OF} ${TO_VALUE}`],
      compile: (m, ctx) => setCheck(fieldOf(m), scopeOf(m, ctx)!, testOf(m), m.has("neg") ? noneAtAll : atLeastOne)(ctx),
    },
    {
      patterns: [
        `[the] ${FIELD} ${OF} (is | is still | remains | equals | reads) [(neg= not)] {value:text}`,
        `[the] ${FIELD} ${OF} (contains | mentions | includes) {ctext:text}`,
        `[the] ${FIELD} ${OF} (neg= does not contain | does not mention | does not include) {ctext:text}`,
      ],
      compile: (m, ctx) => finalCheck(fieldOf(m), scopeOf(m, ctx)!, testOf(m)!, !m.has("neg"))(ctx),
    },
    {
      patterns: [`{n:count} [channel] (field= topic | topics | purpose | purposes) (was | were | has been | have been) ${SET} [${where("s")}] ${TO_VALUE}`],
      compile: (m, ctx) => setCheck(fieldOf(m), scopeOf(m, ctx, "s") ?? ANYWHERE, testOf(m), m.quantity("n", atLeastOne))(ctx),
    },
  ],
});
