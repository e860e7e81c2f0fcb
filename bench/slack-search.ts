/**
 * search.messages over a workspace seeded with 10,000 messages in eight channels (two of
 * them private ones the caller is not in), through WebClient one call at a time, as an
 * agent searches: the latency of a few query shapes next to auth.test on the same session.
 *
 * Why auth.test is the baseline: it is the cheapest call the twin answers — the same
 * WebClient, socket, routing, token lookup, envelope and call recording, and a handler
 * that reads two fields — so search's ratio to it is the cost of searching itself, whatever
 * the machine's speed. (conversations.history would not do: it reads a whole channel too,
 * so it grows with the seed just as search does.) Calls alternate, so drift and GC land
 * on both sides.
 */
import { startTwinServer } from "../src/twins/index.js";
import { agentWebClient } from "./slack-throughput.js";
import { median, percentile, round } from "./stats.js";

const MESSAGES = 10_000;
const USERS = ["alice", "bob", "carol", "dan", "erin", "frank", "grace", "heidi", "ivan", "judy"];
/** [name, private, caller is a member] */
const CHANNELS: Array<[string, boolean, boolean]> = [
  ["general", false, true],
  ["eng", false, true],
  ["deploys", false, false],
  ["support", false, true],
  ["random", false, false],
  ["incidents", true, true],
  ["leadership", true, false],
  ["hr-private", true, false],
];
const WORDS = ["deploy", "rollback", "build", "green", "red", "flaky", "test", "review", "merge", "release", "customer", "ticket", "refund", "outage", "latency", "database", "cache", "queue", "retry", "lunch"];
const START = 1_764_547_200; // 2025-12-01T00:00:00Z

/** The same workspace every run: a small linear congruential generator instead of Math.random. */
export function searchSeed(messages = MESSAGES) {
  let x = 42;
  const next = (n: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((x / 2 ** 31) * n); // the high bits: an LCG's low bits repeat quickly
  };
  const channels = CHANNELS.map(([name, isPrivate, withCaller]) => ({
    name,
    is_private: isPrivate,
    members: [...(withCaller ? ["pome-agent"] : []), ...USERS],
    messages: [] as Array<Record<string, unknown>>,
  }));
  for (let i = 0; i < messages; i++) {
    const words = Array.from({ length: 6 + next(10) }, () => WORDS[next(WORDS.length)]);
    const link = i % 7 === 0 ? ` see https://ci.example.com/runs/${i}` : "";
    channels[next(channels.length)].messages.push({
      // One message every 4 minutes from 2025-12-01: a month of history.
      ts: `${START + i * 240}.${String(i % 1_000_000).padStart(6, "0")}`,
      user: USERS[next(USERS.length)],
      text: `${words.join(" ")}${link}`,
      ...(i % 11 === 0 ? { reactions: [{ name: "eyes", users: [USERS[next(USERS.length)]] }] } : {}),
    });
  }
  return { users: USERS.map((name) => ({ name, real_name: name[0].toUpperCase() + name.slice(1) })), channels };
}

/**
 * The figures are only worth having if search answers right: a word's total is the number
 * of messages holding it in the channels the caller sees, and a channel it is not in
 * gives nothing.
 */
async function checkVisibility(slack: ReturnType<typeof agentWebClient>, seed: ReturnType<typeof searchSeed>) {
  const visible = new Set(CHANNELS.filter(([, isPrivate, withCaller]) => !isPrivate || withCaller).map(([name]) => name));
  const expected = seed.channels.filter((c) => visible.has(c.name)).reduce((n, c) => n + c.messages.filter((m) => String(m.text).includes("outage")).length, 0);
  const word = await slack.search.messages({ query: "outage" });
  const hidden = await slack.search.messages({ query: "in:#leadership outage" });
  if (word.messages?.total !== expected || hidden.messages?.total !== 0) {
    throw new Error(`search.messages answered wrong: "outage" ${word.messages?.total} (expected ${expected}), in a hidden channel ${hidden.messages?.total} (expected 0)`);
  }
}

/** Query shapes an agent sends: a channel and a word, an author, a link, one word. */
const QUERIES: Record<string, string> = {
  in_channel_word: "in:#eng rollback",
  from_user: "from:@alice",
  has_link: "has:link",
  plain_word: "outage",
  two_words_private: "refund customer",
};

export async function slackSearch(iterations: number) {
  const server = await startTwinServer();
  try {
    const seed = searchSeed();
    const seedStart = performance.now();
    const session = server.openSession({ twins: ["slack"], seeds: { slack: seed } });
    const seedMs = performance.now() - seedStart;
    const slack = agentWebClient(session.urls.slack!.rest, session.tokens.slack!);
    await checkVisibility(slack, seed);
    const baseline: number[] = [];
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, []]));
    const totals: Record<string, number> = {};
    const warmup = Math.min(20, iterations);
    for (let i = 0; i < iterations + warmup; i++) {
      const keep = i >= warmup;
      let start = performance.now();
      await slack.auth.test();
      if (keep) baseline.push(performance.now() - start);
      for (const [shape, query] of Object.entries(QUERIES)) {
        start = performance.now();
        const res = await slack.search.messages({ query });
        if (keep) samples[shape].push(performance.now() - start);
        totals[shape] = res.messages?.total ?? 0;
      }
    }
    const base = median(baseline);
    const shapes = Object.fromEntries(
      Object.entries(QUERIES).map(([shape, query]) => {
        const s = samples[shape];
        return [
          shape,
          {
            query,
            matches: totals[shape],
            p50_ms: round(median(s)),
            p95_ms: round(percentile(s, 95)),
            ratio_to_auth_test: { p50: round(median(s) / base, 2), p95: round(percentile(s, 95) / percentile(baseline, 95), 2) },
            added_ms: round(median(s) - base),
          },
        ];
      }),
    );
    return {
      messages: MESSAGES,
      channels: CHANNELS.length,
      hidden_channels: CHANNELS.filter(([, isPrivate, withCaller]) => isPrivate && !withCaller).length,
      iterations,
      seed_ms: round(seedMs, 1),
      auth_test_ms: { p50: round(base), p95: round(percentile(baseline, 95)) },
      queries: shapes,
    };
  } finally {
    await server.close();
  }
}
