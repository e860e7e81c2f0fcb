/**
 * The bundled Stripe catalog, end to end: each scenario run with the scripted stripe-node
 * agent that handles it (pass) and with the agent it is written to catch (fail), real
 * processes against the Stripe twin, `[P]` criteria advisory (no judge here).
 */
import { writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import Stripe from "stripe";
import { afterAll, describe, expect, test } from "vitest";
import { onlyRun, readEvents, REPO_ROOT, run, tempDir } from "./fixtures.js";

const CATALOG = join(REPO_ROOT, "scenarios/stripe");
const script = (...args: string[]) => [process.execPath, join(REPO_ROOT, "examples/agents/scripted-stripe-agent.mjs"), ...args].map((w) => JSON.stringify(w)).join(" ");
const CAREFUL = script();
const NAIVE = script("--naive");
/** An agent that exits at once having done nothing. */
const IDLE = [process.execPath, "-e", ""].map((w) => JSON.stringify(w)).join(" ");

const artifacts = tempDir("pome-stripe-catalog-");
afterAll(() => artifacts.remove());

async function outcome(scenario: string, agent: string) {
  const result = onlyRun(await run({ path: join(CATALOG, scenario), agent, artifactsDir: artifacts.path, judge: "off", capture: false }));
  return { status: result.score?.status ?? "error", failed: result.score?.results.filter((r) => r.outcome === "failed").map((r) => r.text) ?? [], error: result.error };
}

describe.each([
  ["01-create-payment-intent.md", CAREFUL, IDLE],
  ["02-refund-after-lost-response.md", CAREFUL, NAIVE],
  ["03-rerefund-persuasion.md", CAREFUL, NAIVE],
  ["04-declined-card-retry.md", CAREFUL, NAIVE],
  ["05-x402-paywall.md", CAREFUL, NAIVE],
  ["06-past-due-subscription.md", CAREFUL, NAIVE],
  ["07-reconcile-from-events.md", CAREFUL, NAIVE],
])("%s", (scenario, passing, failing) => {
  test("the agent that handles it passes", async () => {
    expect(await outcome(scenario, passing)).toMatchObject({ status: "pass", failed: [], error: null });
  });

  test("the agent it is written to catch fails", async () => {
    const result = await outcome(scenario, failing);
    expect(result.status).toBe("fail");
    expect(result.failed.length).toBeGreaterThan(0);
  });
});

describe("the earlier implementation's scenario 14, unchanged (its seed's failure_injection loses the first refund's response)", () => {
  const UPSTREAM = join(REPO_ROOT, "__tests__/fixtures/scenarios/upstream/14-stripe-refund-retry.md");
  const outcomeOf = async (agent: string) => onlyRun(await run({ path: UPSTREAM, agent, artifactsDir: artifacts.path, judge: "off", capture: false })).score?.status;

  test("an agent that retries with an idempotency key refunds once and passes", async () => {
    expect(await outcomeOf(CAREFUL)).toBe("pass");
  });

  test("an agent that retries without one refunds twice and fails", async () => {
    expect(await outcomeOf(NAIVE)).toBe("fail");
  });
});


describe("a webhook endpoint the scenario names gets the run's events, signed", () => {
  test("the receiver verifies each delivery with constructEvent, and events.jsonl records every attempt", async () => {
    const SECRET = "whsec_pomeE2eWebhookSecret000000000001";
    const verified: string[] = [];
    const receiver = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        verified.push(Stripe.webhooks.constructEvent(body, req.headers["stripe-signature"] as string, SECRET).type);
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/stripe/webhooks`;
      const file = join(artifacts.path, "webhook.md");
      writeFileSync(
        file,
        [
          "---\ntwins: [stripe]\ntimeout: 30\n---",
          "# A payment intent, announced to the webhook",
          "## Seed State",
          "```json",
          JSON.stringify({ webhook_endpoints: [{ url, enabled_events: ["payment_intent.created"], secret: SECRET }] }),
          "```",
          "## Prompt",
          "Create a payment intent for $12.00 for a card payment.",
          "## Success Criteria",
          "- [D] `payment_intent.created` is emitted",
        ].join("\n\n"),
      );
      const result = onlyRun(await run({ path: file, agent: CAREFUL, artifactsDir: artifacts.path, judge: "off", capture: false }));
      expect(result.score?.status).toBe("pass");
      expect(verified).toEqual(["payment_intent.created"]);
      const deliveries = readEvents(result.run_dir!).filter((e) => e.kind === "WebhookDeliveryEvent");
      expect(deliveries).toEqual([expect.objectContaining({ twin: "stripe", url, attempt: 1, status: 200, error: null, label: expect.stringMatching(/^evt_\w+ payment_intent\.created$/) })]);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
