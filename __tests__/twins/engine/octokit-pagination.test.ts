import { Octokit } from "@octokit/rest";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { NOTES, notesWorld, type NotesWorld } from "./notes-server.js";

let world: NotesWorld;
beforeEach(async () => {
  const notes = Array.from({ length: 7 }, (_, i) => ({ title: `Note ${i + 1}`, tags: i % 2 === 0 ? ["odd"] : ["even"] }));
  world = await notesWorld({ seeds: { [NOTES]: { notes } } });
});
afterEach(() => world.close());

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const octokit = () => new Octokit({ auth: world.session.jwt, baseUrl: world.rest, log: quiet });

describe("pagination through Octokit", () => {
  test("octokit.paginate walks every page by the Link header", async () => {
    const all = await octokit().paginate("GET /notes", { per_page: 2 });
    expect(all.map((n: any) => n.title)).toEqual(["Note 1", "Note 2", "Note 3", "Note 4", "Note 5", "Note 6", "Note 7"]);
    expect(world.calls.filter((c) => c.operation === "list_notes")).toHaveLength(4);
  });

  test("other query parameters survive into the next pages", async () => {
    const odd = await octokit().paginate("GET /notes", { per_page: 1, tag: "odd" });
    expect(odd.map((n: any) => n.title)).toEqual(["Note 1", "Note 3", "Note 5", "Note 7"]);
  });

  test("a { total_count, items } result is paginated on its items", async () => {
    const found = await octokit().paginate("GET /notes/search", { q: "note", per_page: 3 });
    expect(found).toHaveLength(7);
  });

  test("a vendor error surfaces as a RequestError with its status", async () => {
    await expect(octokit().request("GET /notes/{note_id}", { note_id: 999 })).rejects.toMatchObject({ status: 404 });
  });

  test("Octokit's `token` scheme is accepted", async () => {
    const res = await new Octokit({ auth: `token ${world.session.tokens[NOTES]}`, baseUrl: world.rest, log: quiet }).request("GET /notes");
    expect(res.status).toBe(200);
  });
});
