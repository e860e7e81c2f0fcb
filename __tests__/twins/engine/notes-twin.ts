/**
 * Small twins for testing the engine, each with its own error envelope, token shape and
 * wire habits, so nothing vendor-specific hides in the engine:
 * - notes: path params next to static segments, a greedy `{path+}`, 201/204 statuses, a
 *   `Reply`, GitHub's page/Link pagination of a list and of `{ items }`, a handler crash,
 *   idempotency keys and raw bodies, `token` in the query or body, an extra token role;
 * - ledger: mounted at the root too (like Stripe), form-encoded bodies only, cursor
 *   pagination (`starting_after` / `limit` → `has_more`), idempotency keys, a success
 *   envelope.
 */
import { z } from "zod";
import { githubPagination } from "../../../src/twins/github/wire/pagination.js";
import {
  badRequest,
  defineOperation,
  notFound,
  type OperationContext,
  type PaginationStrategy,
  toolAlias,
  TwinError,
  readBodyByContentType,
  reply,
  type TwinDefinition,
  type TwinErrors,
  unprocessable,
} from "../../../src/twins/index.js";

export interface Note {
  id: number;
  title: string;
  body: string;
  tags: string[];
  author: string;
  sha: string;
  created_at: string;
  updated_at: string;
}

export interface NotesState {
  notes: Note[];
  files: Record<string, string>;
}

const seedSchema = z.object({
  notes: z
    .array(z.object({ id: z.number().int().positive().optional(), title: z.string().min(1), body: z.string().default(""), tags: z.array(z.string()).default([]) }))
    .default([]),
  files: z.record(z.string(), z.string()).default({}),
});
type NotesSeed = z.infer<typeof seedSchema>;

const noteId = z.coerce.number().int().positive();

function find(state: NotesState, id: number): Note {
  const note = state.notes.find((n) => n.id === id);
  if (!note) throw notFound(`note ${id} not found`, { code: "note_not_found" });
  return note;
}

const envelope = (status: number, code: string, message: string, extra: Record<string, unknown> = {}) => reply(status, { error: { code, message, ...extra } });

export const notesErrors: TwinErrors = {
  render: (error) => envelope(error.status, String(error.details.code ?? `http_${error.status}`), error.message),
  unauthorized: (kind) => envelope(401, "unauthorized", kind === "missing" ? "Authentication required" : "Bad credentials"),
  forbidden: () => envelope(403, "forbidden", "This token belongs to another session"),
  unsupported: (method, path) => envelope(501, "unsupported", `${method} ${path} is not supported by the notes twin`, { fidelity: "unsupported" }),
  malformedBody: (detail) => envelope(400, "malformed_body", `Problems parsing the body: ${detail}`),
  bodyNotObject: () => envelope(400, "body_not_object", "The body must be a JSON object"),
  invalidInput: (issues) => envelope(422, "invalid_input", "Validation failed", { issues: issues.map((i) => ({ path: i.path.join("."), message: i.message })) }),
};

const listNotes = defineOperation({
  name: "list_notes",
  description: "List notes, optionally by tag.",
  rest: [{ method: "GET", path: "/notes" }],
  tier: "semantic",
  mutates: false,
  paginate: "array",
  input: z.object({ tag: z.string().optional() }),
  handle: ({ state }: { state: NotesState }, { tag }) => state.notes.filter((n) => tag === undefined || n.tags.includes(tag)),
});

const searchNotes = defineOperation({
  name: "search_notes",
  description: "Search notes by a word of their title.",
  rest: [{ method: "GET", path: "/notes/search" }],
  tier: "shape",
  mutates: false,
  paginate: { items: "items" },
  input: z.object({ q: z.string().default("") }),
  handle: ({ state }: { state: NotesState }, { q }) => {
    const items = state.notes.filter((n) => n.title.toLowerCase().includes(q.toLowerCase()));
    return { total_count: items.length, items };
  },
});

const getNote = defineOperation({
  name: "get_note",
  description: "Get a note.",
  rest: [{ method: "GET", path: "/notes/{note_id}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ note_id: noteId }),
  handle: ({ state }: { state: NotesState }, { note_id }) => find(state, note_id),
});

const createNote = defineOperation({
  name: "create_note",
  description: "Create a note.",
  rest: [{ method: "POST", path: "/notes", status: 201 }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ title: z.string().min(1), body: z.string().default(""), tags: z.array(z.string()).default([]) }),
  handle: (ctx: OperationContext<NotesState>, input) => {
    const { state } = ctx;
    const note: Note = {
      id: ctx.ids.next("note") + 100,
      ...input,
      author: ctx.actor,
      sha: ctx.ids.hex("sha", 40),
      created_at: ctx.clock.now(),
      updated_at: ctx.clock.now(),
    };
    state.notes.push(note);
    return note;
  },
});

const updateNote = defineOperation({
  name: "update_note",
  description: "Change a note's title, body or tags.",
  rest: [
    { method: "PATCH", path: "/notes/{note_id}" },
    { method: "POST", path: "/notes/{note_id}" },
  ],
  tier: "semantic",
  mutates: true,
  input: z.object({ note_id: noteId, title: z.string().min(1).optional(), body: z.string().optional(), tags: z.array(z.string()).optional() }),
  handle: ({ state, clock }: { state: NotesState; clock: { now(): string } }, { note_id, ...changes }) => {
    const note = find(state, note_id);
    if (changes.title === note.title) throw unprocessable("title unchanged", { code: "unchanged" });
    Object.assign(note, Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)), { updated_at: clock.now() });
    return note;
  },
});

const deleteNote = defineOperation({
  name: "delete_note",
  description: "Delete a note.",
  rest: [{ method: "DELETE", path: "/notes/{note_id}", status: 204 }],
  tier: "semantic",
  mutates: true,
  input: z.object({ note_id: noteId }),
  handle: ({ state }: { state: NotesState }, { note_id }) => {
    find(state, note_id);
    state.notes = state.notes.filter((n) => n.id !== note_id);
    return undefined;
  },
});

const archiveNote = defineOperation({
  name: "archive_note",
  description: "Queue a note for archiving.",
  rest: [{ method: "POST", path: "/notes/{note_id}/archive" }],
  tier: "shape",
  mutates: true,
  input: z.object({ note_id: noteId }),
  handle: ({ state }: { state: NotesState }, { note_id }) => reply(202, { queued: find(state, note_id).id }, { "x-queue": "archive" }),
});

const getFile = defineOperation({
  name: "get_file",
  description: "Read a file by path (slashes allowed).",
  rest: [{ method: "GET", path: "/files/{path+}" }],
  tier: "semantic",
  mutates: false,
  input: z.object({ path: z.string() }),
  handle: ({ state }: { state: NotesState }, { path }) => {
    const content = state.files[path];
    if (content === undefined) throw notFound(`no file ${path}`);
    return { path, content };
  },
});

const echo = defineOperation({
  name: "echo",
  description: "Answer the validated input (engine tests of input merging).",
  rest: [
    { method: "POST", path: "/echo/{a}/{b}" },
    { method: "GET", path: "/echo/{a}/{b}" },
  ],
  tier: "shape",
  mutates: false,
  input: z.looseObject({ a: z.string(), b: z.string() }),
  handle: (ctx, input) => ({ input, raw_bytes: ctx.rawBody?.length ?? 0, transport: ctx.transport, credential: ctx.credential, urls: ctx.urls }),
});

const crash = defineOperation({
  name: "crash",
  description: "Throws an unexpected error.",
  rest: [{ method: "GET", path: "/crash" }],
  tier: "shape",
  mutates: false,
  input: z.object({}),
  handle: () => {
    throw new Error("boom: internal detail that must not leak");
  },
});

export const notesTwin: TwinDefinition<NotesState, NotesSeed> = {
  name: "notes",
  version: "1.0.0",
  operations: [listNotes, searchNotes, getNote, createNote, updateNote, deleteNote, archiveNote, getFile, echo, crash],
  seed: {
    schema: seedSchema,
    default: { notes: [{ title: "Welcome", body: "Hello", tags: ["intro"] }], files: { "README.md": "# notes" } },
  },
  createState(seed, { clock, ids }) {
    const notes = seed.notes.map((n) => ({
      id: n.id ?? ids.next("note") + 100,
      title: n.title,
      body: n.body,
      tags: n.tags,
      author: "seed",
      sha: ids.hex("sha", 40),
      created_at: clock.now(),
      updated_at: clock.now(),
    }));
    return { notes, files: { ...seed.files } };
  },
  snapshot: (state) => ({ notes: [...state.notes].sort((a, b) => a.id - b.id), files: state.files }),
  defaultActor: "note-taker",
  errors: notesErrors,
  auth: {
    mintToken: (random) => `nt_${random().slice(0, 30)}`,
    env: (token, restUrl, extra) => ({ POME_NOTES_TOKEN: token, POME_NOTES_ORIGIN: new URL(restUrl).origin, POME_NOTES_READER_TOKEN: extra.reader }),
    extraTokens: { reader: (random) => `nr_${random().slice(0, 30)}` },
    tokenParameter: "token",
  },
  bodyReader: readBodyByContentType,
  pagination: githubPagination,
  idempotency: {
    header: "idempotency-key",
    argument: "idempotency_key",
    mismatch: (key) => envelope(400, "idempotency_mismatch", `Keys for idempotent requests can only be used with the same parameters they were first used with (key ${key})`),
  },
  identityKeys: [["id"], ["path"]],
  phrases: [],
};

/** Cursor pagination: `limit` (default 10, at most 100) after `starting_after` (an entry id); `has_more` says whether more follow. */
export const cursorPagination: PaginationStrategy = {
  page(items, { input }) {
    const limit = Math.min(100, Math.max(1, Number.parseInt(String(input.limit ?? "10"), 10) || 10));
    const after = input.starting_after === undefined ? -1 : items.findIndex((item) => (item as { id?: unknown }).id === input.starting_after);
    const rest = items.slice(after + 1);
    return { items: rest.slice(0, limit), fields: { has_more: rest.length > limit } };
  },
};

interface Entry {
  id: string;
  amount: number;
  memo: { note?: string; tags?: string[] };
}

const ledgerSeed = z.object({ entries: z.array(z.number()).default([]) });

const listEntries = defineOperation({
  name: "list_entries",
  description: "List ledger entries.",
  rest: [{ method: "GET", path: "/v1/entries" }],
  tier: "semantic",
  mutates: false,
  paginate: { items: "data" },
  input: z.object({ limit: z.coerce.number().int().optional(), starting_after: z.string().optional() }),
  handle: ({ state }: { state: { entries: Entry[] } }) => ({ object: "list", url: "/v1/entries", data: state.entries }),
});

const addEntry = defineOperation({
  name: "add_entry",
  description: "Add an entry.",
  rest: [{ method: "POST", path: "/v1/entries" }],
  tier: "semantic",
  mutates: true,
  idempotencyKeyed: true,
  input: z.object({ amount: z.coerce.number().int(), memo: z.object({ note: z.string().optional(), tags: z.array(z.string()).optional() }).default({}) }),
  handle: ({ state, ids }: { state: { entries: Entry[] }; ids: { next(kind: string): number } }, { amount, memo }) => {
    if (amount === 0) throw badRequest("amount must not be zero", { code: "amount_zero" });
    const entry: Entry = { id: `ent_${ids.next("entry")}`, amount, memo };
    state.entries.push(entry);
    return { object: "entry", ...entry };
  },
});

/** The ledger's own operation ids, for its generic `ledger_api` tool. */
const OPERATION_IDS: Record<string, string> = { GetEntries: "list_entries", PostEntries: "add_entry" };

/** A second twin, mounted at the root as well (like Stripe), with Stripe-like wire habits. */
export const ledgerTwin: TwinDefinition<{ entries: Entry[] }, z.infer<typeof ledgerSeed>> = {
  name: "ledger",
  version: "1.0.0",
  rootMount: true,
  operations: [listEntries, addEntry],
  toolRoutes: [
    toolAlias("create_entry", addEntry),
    {
      name: "ledger_api",
      description: "Call any ledger operation by its operation id.",
      input: z.object({ operation_id: z.string(), parameters: z.record(z.string(), z.unknown()).default({}) }),
      mutates: true,
      to: ({ operation_id, parameters }) => {
        const operation = OPERATION_IDS[operation_id];
        if (!operation) throw new TwinError(404, `Unknown operation id ${operation_id}`, { code: "unknown_operation" });
        return { operation, input: parameters };
      },
    },
  ],
  seed: { schema: ledgerSeed, default: { entries: [1] } },
  createState: (seed, { ids }) => ({ entries: seed.entries.map((amount) => ({ id: `ent_${ids.next("entry")}`, amount, memo: {} })) }),
  snapshot: (state) => ({ entries: state.entries }),
  defaultActor: "acct_1",
  errors: {
    ...notesErrors,
    unsupported: (method, path) => envelope(501, "endpoint_not_supported", `${method} ${path} is not supported by the ledger twin`),
  },
  auth: {
    mintToken: (random) => `lk_test_${random().slice(0, 24)}`,
    env: (token) => ({ POME_LEDGER_KEY: token }),
  },
  // Form bodies only: anything else is refused as malformed.
  bodyReader: (contentType, raw) =>
    raw.length === 0 || contentType?.startsWith("application/x-www-form-urlencoded")
      ? readBodyByContentType(contentType, raw)
      : { kind: "malformed", detail: "the body must be application/x-www-form-urlencoded" },
  pagination: cursorPagination,
  idempotency: {
    header: "idempotency-key",
    argument: "idempotency_key",
    mismatch: (key) => envelope(400, "idempotency_error", `Keys for idempotent requests can only be used with the same parameters they were first used with (${key})`),
    replayHeaders: { "idempotent-replayed": "true" },
  },
  success: (out) => reply(out.status, { livemode: false, ...Object(out.body) }, out.headers),
  identityKeys: [["id"]],
  responseHeaders: ({ ids }) => ({ "request-id": `req_${ids.hex("request", 14)}` }),
  phrases: [],
};
