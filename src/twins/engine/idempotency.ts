/**
 * Idempotency keys, for every twin whose vendor has them (Stripe's `Idempotency-Key`): the
 * first reply to a key is kept per session and twin; the same key with the same arguments
 * gets that reply again without running anything (recorded as a replay, never as a
 * mutation), and with other arguments gets the vendor's error. A retried request after a
 * lost response is then safe, which is what the keys are for.
 */
import { canonicalJson } from "../../canonical-json.js";
import type { Reply } from "./operation.js";

/** How a vendor takes idempotency keys (`TwinDefinition.idempotency`). */
export interface IdempotencyRules {
  /** Request header carrying the key on REST, lower-case (`idempotency-key`). */
  header: string;
  /** Tool argument carrying the key on MCP (taken out before the input is validated). */
  argument: string;
  /** The vendor's answer to a key reused with other arguments or for another operation. */
  mismatch(key: string): Reply;
  /** Headers a replayed reply carries (Stripe: `idempotent-replayed: true`). */
  replayHeaders?: Record<string, string>;
}

interface KeptReply {
  operation: string;
  /** Canonical JSON of the validated arguments. */
  fingerprint: string;
  reply: Reply;
}

/** Per session and twin; a reseed empties it with the state. */
export class IdempotencyBook {
  private readonly kept = new Map<string, KeptReply>();

  lookup(key: string, operation: string, args: unknown): { kind: "new"; keep(reply: Reply): void } | { kind: "replay"; reply: Reply } | { kind: "mismatch" } {
    const fingerprint = canonicalJson(args);
    const earlier = this.kept.get(key);
    if (!earlier) return { kind: "new", keep: (reply) => void this.kept.set(key, { operation, fingerprint, reply }) };
    if (earlier.operation !== operation || earlier.fingerprint !== fingerprint) return { kind: "mismatch" };
    return { kind: "replay", reply: earlier.reply };
  }

  clear(): void {
    this.kept.clear();
  }
}

/** The key a request carries, if its twin takes keys and the operation is keyed. */
export function idempotencyKeyOf(rules: IdempotencyRules, transport: "rest" | "mcp", headers: Record<string, string>, input: Record<string, unknown>): string | undefined {
  const key = transport === "rest" ? headers[rules.header] : input[rules.argument];
  return typeof key === "string" && key !== "" ? key : undefined;
}
