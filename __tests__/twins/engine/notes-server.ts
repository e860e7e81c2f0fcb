/** A twin server with the test twins, one session, and a recorder of its calls. */
import type { TwinCall } from "../../../src/trace/index.js";
import { createTwinServer, type Session, type SessionSpec, type TwinServer } from "../../../src/twins/index.js";
import { ledgerTwin, notesTwin } from "./notes-twin.js";

export const NOTES = "notes";
export const LEDGER = "ledger";

export interface NotesWorld {
  server: TwinServer;
  session: Session;
  calls: TwinCall[];
  /** REST root of the notes twin. */
  rest: string;
  /** fetch under the notes REST root with the session JWT (override `authorization` to change it). */
  call(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; raw?: string | Buffer }): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  close(): Promise<void>;
}

export async function notesWorld(spec: Partial<SessionSpec> = {}): Promise<NotesWorld> {
  const server = await createTwinServer([notesTwin, ledgerTwin]);
  const calls: TwinCall[] = [];
  const session = server.openSession({ twins: [NOTES], ...spec, onCall: (call) => calls.push(call) });
  const rest = session.urls[NOTES]?.rest ?? "";
  return {
    server,
    session,
    calls,
    rest,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${session.jwt}`, ...init.headers };
      let body: string | Buffer | undefined = init.raw;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      const response = await fetch(rest + path, { method, headers, body });
      const text = await response.text();
      let parsed: unknown = undefined;
      try {
        parsed = text === "" ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: response.status, headers: response.headers, body: parsed, text };
    },
    close: () => server.close(),
  };
}
