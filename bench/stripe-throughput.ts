/**
 * The Stripe twin under load (issue 9's goal): payment intent creates and idempotent
 * replays over raw HTTP next to the bare node:http ceiling, and create + confirm through
 * stripe-node next to the same client against a bare server that answers a fixed payment
 * intent — so the client's own cost is in both sides of that ratio.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startTwinServer } from "../src/twins/index.js";
import { load } from "./load.js";
import { percentile, round } from "./stats.js";
import { ceiling, compare } from "./twin-throughput.js";

const CONNECTIONS = 10;
const FORM = "amount=2000&currency=usd&payment_method_types[]=card";

function client(origin: string, key: string): Stripe {
  const url = new URL(origin);
  return new Stripe(key, { host: url.hostname, port: Number(url.port), protocol: "http", maxNetworkRetries: 0 });
}

/** `total` operations over `CONNECTIONS` concurrent workers; each operation may make several calls. */
async function drive(total: number, operation: () => Promise<unknown>) {
  const latencies: number[] = [];
  let issued = 0;
  const worker = async () => {
    while (issued < total) {
      issued++;
      const start = performance.now();
      await operation();
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { operations: latencies.length, ops_per_s: round(latencies.length / ((performance.now() - start) / 1000), 1), p50_ms: round(percentile(latencies, 50)), p99_ms: round(percentile(latencies, 99)) };
}

/** A server answering every request with one fixed payment intent: stripe-node's ceiling. */
async function bareStripe(): Promise<{ origin: string; close(): Promise<void> }> {
  const body = JSON.stringify({ id: "pi_1", object: "payment_intent", amount: 2000, currency: "usd", status: "succeeded" });
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json", "request-id": "req_1" }).end(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function stripeThroughput(total: number) {
  const bare = await ceiling(total);
  const server = await startTwinServer();
  try {
    const session = server.openSession({ twins: ["stripe"] });
    const key = session.tokens.stripe!;
    const headers = { authorization: `Bearer ${key}`, "content-type": "application/x-www-form-urlencoded" };
    const create = await load(server.origin, () => ({ method: "POST", path: "/v1/payment_intents", headers, body: FORM }), { total, connections: CONNECTIONS });
    const replay = await load(server.origin, () => ({ method: "POST", path: "/v1/payment_intents", headers: { ...headers, "idempotency-key": "bench-replay" }, body: FORM }), { total, connections: CONNECTIONS });

    const sdkTotal = Math.max(20, Math.floor(total / 5));
    const stripe = client(server.origin, key);
    const createAndConfirm = () => stripe.paymentIntents.create({ amount: 2000, currency: "usd" }).then((pi) => stripe.paymentIntents.confirm(pi.id, { payment_method: "pm_card_visa" }));
    const twinSdk = await drive(sdkTotal, createAndConfirm);
    const fixed = await bareStripe();
    try {
      const bareClient = client(fixed.origin, "sk_test_bench");
      const bareSdk = await drive(sdkTotal, () => bareClient.paymentIntents.create({ amount: 2000, currency: "usd" }).then(() => bareClient.paymentIntents.confirm("pi_1", { payment_method: "pm_card_visa" })));
      return {
        connections: CONNECTIONS,
        ceiling_bare_http: bare,
        create_payment_intent: compare(create, bare),
        idempotent_replay: compare(replay, bare),
        stripe_node_create_and_confirm: { twin: twinSdk, bare_server: bareSdk, share_of_bare: round(twinSdk.ops_per_s / bareSdk.ops_per_s), p99_added_ms: round(twinSdk.p99_ms - bareSdk.p99_ms) },
        goals: { creates_per_s_min: 5 * 1100, note: "5x the earlier twin's 1.1k creates/s, measured there against a 63k req/s bare server" },
      };
    } finally {
      await fixed.close();
    }
  } finally {
    await server.close();
  }
}
