/**
 * Streams one of the agent's output pipes to a file, capped: past the cap the pipe is still
 * drained (so the agent never blocks on a full pipe) but bytes are counted, not kept, and a
 * marker saying how much was dropped ends the file. Nothing is held whole in memory.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import type { Readable } from "node:stream";

export const OUTPUT_CAP_BYTES = 10 * 1024 * 1024;

export class CappedOutput {
  private readonly out: WriteStream;
  private written = 0;
  private dropped = 0;
  private readonly ended: Promise<void>;
  private finish!: () => void;

  constructor(
    readonly file: string,
    private readonly cap = OUTPUT_CAP_BYTES,
  ) {
    this.out = createWriteStream(file);
    this.ended = new Promise((resolve) => (this.finish = resolve));
  }

  /** Follow a pipe until it ends; `onChunk` sees every byte, kept or not. */
  follow(stream: Readable, onChunk?: (chunk: Buffer) => void): void {
    stream.on("data", (chunk: Buffer) => {
      onChunk?.(chunk);
      const room = this.cap - this.written;
      if (room <= 0) {
        this.dropped += chunk.length;
        return;
      }
      const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.dropped += chunk.length - kept.length;
      this.written += kept.length;
      if (!this.out.write(kept)) {
        stream.pause();
        this.out.once("drain", () => stream.resume());
      }
    });
    stream.once("close", () => this.finish());
    stream.once("error", () => this.finish());
  }

  /** Resolves when the pipe closed, or after `ms` (a leftover grandchild may hold it open). */
  async drained(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
    const closed = await Promise.race([this.ended.then(() => true as const), timeout]);
    clearTimeout(timer);
    return closed;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** Append the truncation marker (when needed) and close the file. */
  async close(): Promise<void> {
    if (this.dropped > 0) {
      this.out.write(`\n[pome: output truncated at ${formatBytes(this.cap)}; ${this.dropped} more bytes were discarded]\n`);
    }
    await new Promise<void>((resolve, reject) => this.out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** Rewrite a finished output file with secrets replaced (the file is at most the cap plus a marker). */
export async function redactFileInPlace(file: string, redact: (text: string) => string): Promise<void> {
  const text = await readFile(file, "utf8");
  const clean = redact(text);
  if (clean !== text) await writeFile(file, clean);
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
