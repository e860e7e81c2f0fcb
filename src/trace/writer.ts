/**
 * The run's event stream: stamps the envelope, validates the row, appends it (redacted) to
 * events.jsonl the moment it happens, and keeps the unredacted event for the checks.
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { PomeError } from "../errors.js";
import { traceEventSchema, type EventBody, type EventOf, type TraceEvent, type TraceEventKind } from "./events.js";
import type { Redactor } from "./redaction.js";

export interface TraceWriterOptions {
  runId: string;
  /** events.jsonl; its folder is created if needed, an existing file is appended to. */
  file: string;
  redactor: Redactor;
  now?: () => Date;
}

/** What a producer hands `emit`: the body, with or without its `kind` repeated. */
export type EmitBody<K extends TraceEventKind> = Omit<EventBody<K>, "kind"> & { kind?: K };

export class TraceWriter {
  readonly runId: string;
  readonly file: string;
  private readonly redactor: Redactor;
  private readonly now: () => Date;
  private readonly rows: TraceEvent[] = [];
  private fd: number | null;
  private lateEvents = 0;

  constructor(opts: TraceWriterOptions) {
    this.runId = opts.runId;
    this.file = opts.file;
    this.redactor = opts.redactor;
    this.now = opts.now ?? (() => new Date());
    mkdirSync(dirname(opts.file), { recursive: true });
    // Synchronous appends: rows reach the disk in order, and survive a crash or Ctrl-C of pome.
    this.fd = openSync(opts.file, "a");
  }

  /** Every event emitted so far, unredacted, in order. */
  get events(): TraceEvent[] {
    return this.rows;
  }

  /** Events emitted after close(): kept in memory but not in the file (a late proxy tunnel). */
  get unwritten(): number {
    return this.lateEvents;
  }

  /**
   * Stamps event_id ("evt_000001"…), seq, ts, run_id, parent_id (null unless given);
   * appends the redacted row to `file` as it happens; keeps the unredacted event in memory.
   */
  emit<K extends TraceEventKind>(kind: K, body: EmitBody<K>): EventOf<K> {
    const seq = this.rows.length;
    const { kind: _ignored, parent_id, ...fields } = body as EmitBody<K> & { parent_id?: string | null };
    const row = {
      kind,
      event_id: `evt_${String(seq + 1).padStart(6, "0")}`,
      parent_id: parent_id ?? null,
      ts: this.now().toISOString(),
      seq,
      run_id: this.runId,
      ...fields,
    };
    const checked = traceEventSchema.safeParse(row);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join(".") || "(row)"}: ${i.message}`).join("; ");
      throw new PomeError("INTERNAL", `invalid ${kind} event: ${issues}`);
    }
    const event = row as unknown as EventOf<K>;
    this.rows.push(event);
    if (this.fd === null) this.lateEvents++;
    else writeSync(this.fd, `${JSON.stringify(this.redactor.value(event))}\n`);
    return event;
  }

  /** Flush and close the file. Safe to call twice. */
  async close(): Promise<void> {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }
}
