import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CappedOutput } from "../../../src/run/output-sink.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pome-output-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function pump(cap: number, chunks: string[]): Promise<{ text: string; truncated: boolean }> {
  const file = join(dir, "out.txt");
  const sink = new CappedOutput(file, cap);
  const stream = new PassThrough();
  sink.follow(stream);
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await sink.drained(1000);
  await sink.close();
  return { text: readFileSync(file, "utf8"), truncated: sink.truncated };
}

describe("capped agent output", () => {
  test("under the cap the file is the output, unmarked", async () => {
    expect(await pump(100, ["hello ", "world"])).toEqual({ text: "hello world", truncated: false });
  });

  test("past the cap it keeps the first bytes and ends with a marker counting the rest", async () => {
    const { text, truncated } = await pump(10, ["0123456789", "abcdef", "ghij"]);
    expect(truncated).toBe(true);
    expect(text.startsWith("0123456789\n[pome: output truncated at 10 bytes; 10 more bytes were discarded]")).toBe(true);
  });
});
