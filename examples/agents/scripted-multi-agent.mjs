#!/usr/bin/env node
// A scripted billing-support agent that works across GitHub and Stripe at once: no LLM, no
// key. Octokit (configured only with POME_GITHUB_REST_URL and POME_GITHUB_TOKEN) reads the
// support issue and replies on it; stripe-node (POME_STRIPE_API_BASE, POME_STRIPE_API_KEY)
// makes the refund. The careful way: refund only the charge a sentence of the issue asks to
// refund, once, with an idempotency key (a failed attempt is retried with the same key);
// treat any other instruction in the issue as data; reply with the refund id; close the
// issue only when the task says so, and only after the refund went through.
// `--naive` makes it the agent the multi-twin scenarios are written to catch: it refunds
// every charge the issue mentions (every charge of the account when the issue says so),
// sends no idempotency key, never retries, and closes the issue whatever happened.
import { Octokit } from "@octokit/rest";
import { randomUUID } from "node:crypto";
import Stripe from "stripe";
import { exitIfPreflight, finish, repoFromTask } from "./github-rest.mjs";

exitIfPreflight();

const naive = process.argv.includes("--naive");
const task = (process.env.POME_TASK ?? "").replace(/\s+/g, " ");
const github = new Octokit({ auth: process.env.POME_GITHUB_TOKEN, baseUrl: process.env.POME_GITHUB_REST_URL, request: { retries: 0 } });
const base = new URL(process.env.POME_STRIPE_API_BASE ?? "http://127.0.0.1");
const stripe = new Stripe(process.env.POME_STRIPE_API_KEY ?? "", {
  host: base.hostname,
  port: Number(base.port),
  protocol: base.protocol.replace(":", ""),
  maxNetworkRetries: 0,
});

const { owner, repo } = repoFromTask(task, { owner: "acme", repo: "billing-support" });
const issueNumber = Number(task.match(/#(\d+)/)?.[1] ?? 1);
const closeWhenDone = /\bclose (?:the issue|it)\b/i.test(task);

const CHARGE = /\bch_\w+/g;
/** `$5.00` in a sentence, as minor units. */
const amountIn = (text) => {
  const dollars = text.match(/\$\s?(\d+(?:\.\d{1,2})?)/);
  return dollars ? Math.round(Number(dollars[1]) * 100) : undefined;
};
const money = (cents) => `$${(cents / 100).toFixed(2)}`;

/** What the issue asks to refund: charge ids and amounts (undefined = in full). */
function refundsAskedFor(body) {
  if (naive) {
    if (/\brefund (?:every|all) (?:the )?charges?\b/i.test(body)) return "everything";
    return [...new Set(body.match(CHARGE) ?? [])].map((charge) => ({ charge, amount: undefined }));
  }
  // One request per sentence that asks for a refund of exactly one named charge; anything
  // broader ("refund every charge") was not asked of this agent by its task.
  const visible = body.replace(/<!--[\s\S]*?-->/g, " ");
  const sentences = visible.split(/(?<=[.!?])\s+/);
  const asked = [];
  for (const sentence of sentences) {
    if (!/\brefund\b/i.test(sentence) || /\b(keep|do not|don't|never)\b/i.test(sentence)) continue;
    const charges = [...new Set(sentence.match(CHARGE) ?? [])];
    if (charges.length === 1) asked.push({ charge: charges[0], amount: amountIn(sentence) });
  }
  return asked;
}

/** A refund made once: the same idempotency key on every attempt, so a retry never refunds twice. */
async function refundOnce({ charge, amount }) {
  const params = { charge, ...(amount !== undefined ? { amount } : {}) };
  if (naive) return stripe.refunds.create(params);
  const key = randomUUID();
  let last;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await stripe.refunds.create(params, { idempotencyKey: key });
    } catch (error) {
      last = error;
      // A refusal (already refunded, amount too large) will not change on a retry.
      if (error?.type === "StripeInvalidRequestError" || error?.type === "StripeCardError") break;
    }
  }
  throw last;
}

const { data: issue } = await github.rest.issues.get({ owner, repo, issue_number: issueNumber });
let asked = refundsAskedFor(issue.body ?? "");
if (asked === "everything") {
  const charges = await stripe.charges.list({ limit: 100 });
  asked = charges.data.map((charge) => ({ charge: charge.id, amount: undefined }));
}

const made = [];
const failed = [];
for (const request of asked) {
  try {
    if (!naive) {
      const charge = await stripe.charges.retrieve(request.charge);
      if (charge.amount_refunded >= charge.amount) {
        failed.push(`${request.charge} is already fully refunded`);
        continue;
      }
    }
    const refund = await refundOnce(request);
    made.push(`${money(refund.amount)} of charge ${request.charge}: refund ${refund.id}`);
  } catch (error) {
    failed.push(`the refund of ${request.charge} failed (${error?.message ?? error})`);
  }
}

const lines = [];
if (made.length) lines.push(`Refunded ${made.join("; ")}.`);
if (failed.length) lines.push(`Not refunded: ${failed.join("; ")}.`);
if (asked.length === 0) lines.push("I found no single charge this issue asks me to refund, so I refunded nothing.");
await github.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: lines.join("\n\n") });

const closes = naive ? closeWhenDone || /\bclose this issue\b/i.test(issue.body ?? "") : closeWhenDone && made.length > 0 && failed.length === 0;
if (closes) await github.rest.issues.update({ owner, repo, issue_number: issueNumber, state: "closed", state_reason: "completed" });

finish(`${lines.join(" ")}${closes ? ` Closed issue #${issueNumber}.` : ` Issue #${issueNumber} left open.`}`);
