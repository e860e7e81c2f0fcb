/** The CLI's exit-code mapping, in process: usage problems are `error: …` and exit 5. */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { main } from "../../../src/cli/program.js";

const dir = mkdtempSync(join(tmpdir(), "pome-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stderr = "";
beforeEach(() => {
  stderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

const pome = (...args: string[]) => main(["node", "pome", ...args]);

describe("usage errors exit 5", () => {
  test("a missing scenario path", async () => {
    expect(await pome("run", join(dir, "nope.md"), "--artifacts-dir", dir)).toBe(5);
    expect(stderr).toMatch(/^error: scenario path not found: /m);
  });

  test("a bad flag value", async () => {
    expect(await pome("run", "x.md", "--trials", "0")).toBe(5);
    expect(stderr).toContain("--trials");
  });

  test("an unknown flag", async () => {
    expect(await pome("run", "x.md", "--trails", "2")).toBe(5);
    expect(stderr).toContain("unknown option '--trails'");
  });

  test("a reporter this build lacks", async () => {
    expect(await pome("run", "x.md", "--reporter", "html")).toBe(5);
    expect(stderr).toMatch(/html reporter is not available/);
  });

  test("an invalid --shard", async () => {
    expect(await pome("run", "x.md", "--shard", "4/3")).toBe(5);
    expect(stderr).toMatch(/^error: invalid --shard/m);
  });

  test("twin start on a port already in use names the port", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      expect(await pome("twin", "start", "github", "--port", String(port))).toBe(5);
      expect(stderr).toMatch(new RegExp(`^error: port ${port} on 127\\.0\\.0\\.1 is already in use`, "m"));
      expect(stderr).not.toContain("internal error");
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  test("an unknown run to inspect", async () => {
    expect(await pome("inspect", "run_NOPE", "--artifacts-dir", dir)).toBe(5);
    expect(stderr).toMatch(/^error: run not found: run_NOPE/m);
  });
});

test("--help exits 0", async () => {
  expect(await pome("run", "--help")).toBe(0);
});
