/**
 * The agent's own summary: the last stdout line that is a JSON object with a string
 * `summary` (spec/scenario.md "The agent's summary"). Lines are inspected as they stream,
 * so the summary survives output truncation and stdout is never held whole.
 */

const MAX_LINE_BYTES = 1024 * 1024;

export class SummaryTracker {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private overlong = false;
  private last: string | null = null;

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.append(chunk.subarray(start, nl));
      this.endLine();
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk.subarray(start));
  }

  /** The summary, once the stream ended (a final line without a newline counts too). */
  finish(): string | null {
    this.endLine();
    return this.last;
  }

  private append(part: Buffer): void {
    if (this.overlong) return;
    if (this.partialBytes + part.length > MAX_LINE_BYTES) {
      this.overlong = true;
      this.partial = [];
      this.partialBytes = 0;
      return;
    }
    this.partial.push(part);
    this.partialBytes += part.length;
  }

  private endLine(): void {
    const line = this.overlong ? "" : Buffer.concat(this.partial).toString("utf8").trim();
    this.partial = [];
    this.partialBytes = 0;
    this.overlong = false;
    const summary = summaryOf(line);
    if (summary !== null) this.last = summary;
  }
}

export function summaryOf(line: string): string | null {
  if (!line.startsWith("{") || !line.endsWith("}")) return null;
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === "object" && typeof (value as { summary?: unknown }).summary === "string") {
      return (value as { summary: string }).summary;
    }
  } catch {
    // Not JSON: an ordinary log line.
  }
  return null;
}
