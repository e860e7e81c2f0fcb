/**
 * The Slack twin through `@slack/web-api`'s WebClient, unmodified, configured as an agent
 * configures it (`slackApiUrl` = POME_SLACK_REST_URL + "/", the bot token), with retries
 * off so an error surfaces instead of being retried. Two methods: chat.postMessage and
 * conversations.history (default seed: #general, one page).
 *
 * Two baselines, both measured in this run, both at the same concurrency (10 in flight):
 *  - the bare `node:http` ceiling over raw HTTP (twin-throughput's), which the earlier
 *    implementation's figures were quoted against (1.5k and 2.1k req/s next to a 63k bare
 *    server): the goal is 5× those shares;
 *  - the same WebClient against a bare server answering `{"ok":true}`: WebClient's own
 *    ceiling, so the twin's cost reads apart from the client's.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { LogLevel, WebClient } from "@slack/web-api";
import { startTwinServer } from "../src/twins/index.js";
import { median, percentile, round } from "./stats.js";
import { ceiling } from "./twin-throughput.js";
import type { LoadResult } from "./load.js";

const CONNECTIONS = 10;

/** The earlier implementation, through WebClient: req/s and the bare server it was quoted against. */
const EARLIER = { bare_req_per_s: 63_000, chat_postMessage: 1_500, conversations_history: 2_100 };
const GOAL_FACTOR = 5;

/** WebClient as an agent builds it from the session env; retries off, so a failed call throws at once. */
export function agentWebClient(restUrl: string, token: string): WebClient {
  return new WebClient(token, { slackApiUrl: `${restUrl}/`, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
}

/**
 * `total` calls over `CONNECTIONS` concurrent workers (WebClient's own queue allows 100 in
 * flight, so it never throttles these 10; global fetch keeps the connections alive). A call
 * that throws counts as an error.
 */
export async function drive(total: number, call: (i: number) => Promise<unknown>, concurrency = CONNECTIONS): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const worker = async () => {
    while (issued < total) {
      const i = issued++;
      const start = performance.now();
      try {
        await call(i);
      } catch {
        errors++;
      }
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  return { requests: latencies.length, errors, req_per_s: round(latencies.length / seconds, 1), p50_ms: round(percentile(latencies, 50)), p99_ms: round(percentile(latencies, 99)) };
}

/** A server answering every request `{"ok":true}`: WebClient's ceiling. */
async function bareSlack(): Promise<{ origin: string; close(): Promise<void> }> {
  const body = JSON.stringify({ ok: true });
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Rounds of one series joined: requests and errors summed, req/s over the summed time
 * (each round's requests / its req/s), p50 and p99 the median of the rounds'.
 */
function joined(rounds: LoadResult[]): LoadResult & { per_round_req_per_s: number[] } {
  const requests = rounds.reduce((n, r) => n + r.requests, 0);
  const seconds = rounds.reduce((n, r) => n + r.requests / r.req_per_s, 0);
  return {
    requests,
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    req_per_s: round(requests / seconds, 1),
    p50_ms: round(median(rounds.map((r) => r.p50_ms))),
    p99_ms: round(median(rounds.map((r) => r.p99_ms))),
    per_round_req_per_s: rounds.map((r) => r.req_per_s),
  };
}

function judged(twin: LoadResult, bare: LoadResult, onBare: LoadResult, earlier: number) {
  const share = twin.req_per_s / bare.req_per_s;
  const earlierShare = earlier / EARLIER.bare_req_per_s;
  return {
    ...twin,
    share_of_ceiling: round(share),
    share_of_webclient_on_bare: round(twin.req_per_s / onBare.req_per_s),
    p99_added_over_webclient_on_bare_ms: round(twin.p99_ms - onBare.p99_ms),
    earlier_share_of_ceiling: round(earlierShare),
    goal_share_of_ceiling_min: round(GOAL_FACTOR * earlierShare),
    times_earlier_share: round(share / earlierShare, 2),
    pass: share >= GOAL_FACTOR * earlierShare && twin.errors === 0,
  };
}

const ROUNDS = 3;

/**
 * Every series is measured in `ROUNDS` rounds, interleaved (ceiling, WebClient on the bare
 * server, WebClient on the twin, for each method), after a warm-up of each: on a shared
 * 2-core machine the load drifts, and interleaving puts the drift on every side.
 */
export async function slackThroughput(total: number) {
  const perRound = Math.ceil(total / ROUNDS);
  const warmup = Math.min(500, perRound);
  const fixed = await bareSlack();
  const server = await startTwinServer();
  try {
    const bareClient = agentWebClient(fixed.origin, "xoxb-bench");
    // A fresh default-seed session per method, so the posts do not weigh on the history reads.
    const posting = server.openSession({ twins: ["slack"] });
    const poster = agentWebClient(posting.urls.slack!.rest, posting.tokens.slack!);
    const reading = server.openSession({ twins: ["slack"] });
    const reader = agentWebClient(reading.urls.slack!.rest, reading.tokens.slack!);
    let posted = 0;
    const calls = {
      barePost: () => bareClient.chat.postMessage({ channel: "C_GENERAL", text: "deploy finished" }),
      bareHistory: () => bareClient.conversations.history({ channel: "C_GENERAL" }),
      twinPost: () => poster.chat.postMessage({ channel: "C_GENERAL", text: `deploy ${++posted} finished` }),
      twinHistory: () => reader.conversations.history({ channel: "C_GENERAL" }),
    };
    await ceiling(warmup);
    for (const call of Object.values(calls)) await drive(warmup, call);

    const rounds = { ceiling: [] as LoadResult[], barePost: [] as LoadResult[], twinPost: [] as LoadResult[], bareHistory: [] as LoadResult[], twinHistory: [] as LoadResult[] };
    for (let r = 0; r < ROUNDS; r++) {
      rounds.ceiling.push(await ceiling(perRound));
      for (const name of ["barePost", "twinPost", "bareHistory", "twinHistory"] as const) rounds[name].push(await drive(perRound, calls[name]));
    }
    const bare = joined(rounds.ceiling);
    const onBare = { chat_postMessage: joined(rounds.barePost), conversations_history: joined(rounds.bareHistory) };
    const post = joined(rounds.twinPost);
    const history = joined(rounds.twinHistory);
    const historyMessages = ((await reader.conversations.history({ channel: "C_GENERAL" })).messages ?? []).length;
    return {
      connections: CONNECTIONS,
      rounds: ROUNDS,
      ceiling_bare_http: bare,
      webclient_on_bare_server: { ...onBare, note: "the same WebClient against a node:http server answering {ok:true}: the client's own ceiling" },
      chat_postMessage: judged(post, bare, onBare.chat_postMessage, EARLIER.chat_postMessage),
      conversations_history: { ...judged(history, bare, onBare.conversations_history, EARLIER.conversations_history), messages_per_page: historyMessages },
      goals: {
        note: `${GOAL_FACTOR}x the earlier implementation's share of its bare server: chat.postMessage ${EARLIER.chat_postMessage} and conversations.history ${EARLIER.conversations_history} req/s through WebClient against ${EARLIER.bare_req_per_s} req/s bare`,
        chat_postMessage_share_of_ceiling_min: round((GOAL_FACTOR * EARLIER.chat_postMessage) / EARLIER.bare_req_per_s),
        conversations_history_share_of_ceiling_min: round((GOAL_FACTOR * EARLIER.conversations_history) / EARLIER.bare_req_per_s),
      },
    };
  } finally {
    await server.close();
    await fixed.close();
  }
}
