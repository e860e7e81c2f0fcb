/**
 * The balance (sum of balance transactions by currency, available once `available_on`
 * has passed on the session clock) and the balance transactions behind it.
 */
import { z } from "zod";
import { expand, id, inCreated, listParams } from "../inputs.js";
import { requireById, stripeOperation } from "../lookup.js";
import { newestFirst } from "../state.js";
import { expand as expandWire } from "../wire/expand.js";
import { listEnvelope } from "../wire/list.js";
import { wireBalanceTransaction } from "../wire/objects.js";

type Funds = { amount: number; currency: string; source_types: { card: number } };

export const retrieveBalance = stripeOperation({
  name: "retrieve_balance",
  description: "Retrieve the account balance, available and pending per currency (GET /v1/balance).",
  rest: [{ method: "GET", path: "/v1/balance" }],
  tier: "semantic",
  mutates: false,
  input: z.object({}),
  handle(ctx) {
    const now = ctx.clock.unix();
    const available = new Map<string, Funds>();
    const pending = new Map<string, Funds>();
    const add = (into: Map<string, Funds>, currency: string, net: number) => {
      const funds = into.get(currency) ?? { amount: 0, currency, source_types: { card: 0 } };
      funds.amount += net;
      funds.source_types.card += net;
      into.set(currency, funds);
    };
    for (const txn of ctx.state.balance_transactions) {
      const settled = txn.status === "available" || txn.available_on <= now;
      add(settled ? available : pending, txn.currency, txn.net);
      add(settled ? pending : available, txn.currency, 0);
    }
    const currency = ctx.state.account.default_currency;
    const list = (m: Map<string, Funds>) => (m.size === 0 ? [{ amount: 0, currency, source_types: { card: 0 } }] : [...m.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)));
    return { object: "balance", available: list(available), pending: list(pending), livemode: false };
  },
});

export const listBalanceTransactions = stripeOperation({
  name: "list_balance_transactions",
  description: "List balance transactions, newest first, optionally by type or source (GET /v1/balance_transactions).",
  rest: [{ method: "GET", path: "/v1/balance_transactions" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ ...listParams, type: z.string().optional(), source: z.string().optional(), currency: z.string().optional() }),
  handle(ctx, input) {
    const found = newestFirst(ctx.state.balance_transactions).filter(
      (t) =>
        inCreated(input.created, t.created) &&
        (input.type === undefined || t.type === input.type) &&
        (input.source === undefined || t.source === input.source) &&
        (input.currency === undefined || t.currency === input.currency.toLowerCase()),
    );
    return expandWire(ctx.state, listEnvelope("/v1/balance_transactions", found.map(wireBalanceTransaction)), input.expand);
  },
});

export const retrieveBalanceTransaction = stripeOperation({
  name: "retrieve_balance_transaction",
  description: "Retrieve a balance transaction (GET /v1/balance_transactions/{id}).",
  rest: [{ method: "GET", path: "/v1/balance_transactions/{id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ id, expand }),
  handle(ctx, input) {
    return expandWire(ctx.state, wireBalanceTransaction(requireById(ctx.state.balance_transactions, "balance transaction", input.id, "id")), input.expand);
  },
});

export const balanceOperations = [retrieveBalance, listBalanceTransactions, retrieveBalanceTransaction];
