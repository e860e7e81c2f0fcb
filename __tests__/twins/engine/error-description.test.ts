import { afterEach, describe, expect, test } from "vitest";
import { z } from "zod";
import type { TwinCall } from "../../../src/trace/index.js";
import { createTwinServer, defineOperation, reply, type TwinDefinition, type TwinServer } from "../../../src/twins/index.js";
import { notesTwin } from "./notes-twin.js";
import { NOTES } from "./notes-server.js";

/** A Slack-like twin: errors are HTTP 200 with `ok:false`. */
const chatTwin: TwinDefinition = {
  ...notesTwin,
  operations: [
    defineOperation({
      name: "post_message",
      description: "Post a message.",
      rest: [{ method: "POST", path: "/chat.postMessage" }],
      tier: "semantic",
      mutates: true,
      input: z.object({ channel: z.string() }),
      handle: (_ctx, { channel }) => (channel === "C1" ? { ok: true, ts: "1.0" } : reply(200, { ok: false, error: "channel_not_found" })),
    }),
  ],
  errors: {
    ...notesTwin.errors,
    describe: (status, body) => {
      const b = body as { ok?: boolean; error?: string };
      if (b?.ok === false) return { code: b.error ?? null, message: b.error ?? "error" };
      return status >= 400 ? { code: null, message: `HTTP ${status}` } : null;
    },
  },
};

let server: TwinServer | undefined;
afterEach(() => server?.close());

describe("how calls' errors are named", () => {
  test("a twin's describe() names errors the vendor sends with HTTP 200", async () => {
    server = await createTwinServer([chatTwin]);
    const calls: TwinCall[] = [];
    const session = server.openSession({ twins: [NOTES], onCall: (c) => calls.push(c) });
    const post = (channel: string) =>
      fetch(`${session.urls[NOTES]!.rest}/chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${session.jwt}`, "content-type": "application/x-www-form-urlencoded" },
        body: `channel=${channel}`,
      });
    expect((await post("C9")).status).toBe(200);
    await post("C1");
    expect(calls.map((c) => [c.error, c.state_mutation])).toEqual([
      [{ code: "channel_not_found", message: "channel_not_found" }, false],
      [null, true],
    ]);
  });

  test("without describe(), status >= 400 bodies are read for a code and message", async () => {
    server = await createTwinServer([notesTwin]);
    const calls: TwinCall[] = [];
    const session = server.openSession({ twins: [NOTES], onCall: (c) => calls.push(c) });
    await fetch(`${session.urls[NOTES]!.rest}/notes/12345`, { headers: { authorization: `Bearer ${session.jwt}` } });
    expect(calls[0].error).toEqual({ code: "note_not_found", message: "note 12345 not found" });
  });

  test("a handler exception is reported to onInternalError with the twin and operation", async () => {
    const seen: Array<{ message: string; twin: string; operation: string | null }> = [];
    server = await createTwinServer([notesTwin], { onInternalError: (error, where) => seen.push({ message: (error as Error).message, ...where }) });
    const session = server.openSession({ twins: [NOTES] });
    const res = await fetch(`${session.urls[NOTES]!.rest}/crash`, { headers: { authorization: `Bearer ${session.jwt}` } });
    expect(res.status).toBe(500);
    expect(seen).toEqual([{ message: "boom: internal detail that must not leak", twin: "notes", operation: "crash" }]);
  });

  test("an onCall observer that throws does not change the answer", async () => {
    server = await createTwinServer([notesTwin]);
    const session = server.openSession({
      twins: [NOTES],
      onCall: () => {
        throw new Error("observer broke");
      },
    });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on("warning", onWarning);
    const res = await fetch(`${session.urls[NOTES]!.rest}/notes`, { headers: { authorization: `Bearer ${session.jwt}` } });
    await new Promise((r) => setImmediate(r));
    process.off("warning", onWarning);
    expect(res.status).toBe(200);
    expect(warnings.some((w) => w.includes("observer broke"))).toBe(true);
  });
});
