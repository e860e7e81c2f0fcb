/**
 * Bodies that are not JSON objects: GitHub refuses them instead of reading "no fields".
 * Raw HTTP, because no SDK sends such a body on purpose — agents do, by mistake (a body
 * JSON-encoded twice, a list where an object belongs).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { gitSeed, repo } from "./git-fixtures.js";
import { openWorld, startGitHubServer, stopGitHubServer } from "./github-session.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

function rawClient(world: ReturnType<typeof openWorld>) {
  return (method: string, path: string, body: string) =>
    fetch(`${world.session.urls.github!.rest}${path}`, {
      method,
      headers: { authorization: `Bearer ${world.session.tokens.github}`, "content-type": "application/json" },
      body,
    });
}

const NON_OBJECTS: Array<[string, string, string]> = [
  ["a string", '"str"', '"str"'],
  ["null", "null", "null"],
  ["a number", "123", "123"],
  ["a boolean", "true", "true"],
  ["an array", "[]", "[]"],
  ["an object JSON-encoded twice", JSON.stringify(JSON.stringify({ merge_method: "squash" })), JSON.stringify(JSON.stringify({ merge_method: "squash" }))],
];

describe("a JSON body that is not an object", () => {
  test.each(NON_OBJECTS)("PUT …/pulls/2/merge with %s is GitHub's 400 and merges nothing", async (_name, body, shown) => {
    const world = openWorld(gitSeed());
    const res = await rawClient(world)("PUT", `/repos/${repo.owner}/${repo.repo}/pulls/2/merge`, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      message: `Invalid request.\n\nFor 'links/0/schema', ${shown} is not an object.`,
      documentation_url: "https://docs.github.com/rest",
      status: "400",
    });
    expect(world.snapshot().repositories[0].pull_requests[0]).toMatchObject({ state: "open", merged: false });
    expect(world.calls.at(-1)).toMatchObject({ operation: "merge_pull_request", status: 400, state_mutation: false });
  });

  test("PATCH /issues/1 with [] is refused and changes nothing", async () => {
    const world = openWorld(gitSeed());
    const before = world.snapshot().repositories[0].issues[0];
    const res = await rawClient(world)("PATCH", `/repos/${repo.owner}/${repo.repo}/issues/1`, "[]");
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toBe("Invalid request.\n\nFor 'links/0/schema', [] is not an object.");
    expect(world.snapshot().repositories[0].issues[0]).toEqual(before);
  });

  test("broken JSON is still GitHub's 'Problems parsing JSON'", async () => {
    const world = openWorld(gitSeed());
    const res = await rawClient(world)("PATCH", `/repos/${repo.owner}/${repo.repo}/issues/1`, '{"title":');
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toBe("Problems parsing JSON");
  });

  test("JSON nested deeper than 100 levels is refused as unparsable, without a stack overflow", async () => {
    const world = openWorld(gitSeed());
    const deep = `{"title":"x","extra":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    const res = await rawClient(world)("PATCH", `/repos/${repo.owner}/${repo.repo}/issues/1`, deep);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).message).toBe("Problems parsing JSON");
    const ok = await rawClient(world)("PATCH", `/repos/${repo.owner}/${repo.repo}/issues/1`, JSON.stringify({ title: "still usable" }));
    expect(ok.status).toBe(200);
  });

  test("an object body still works", async () => {
    const world = openWorld(gitSeed());
    const res = await rawClient(world)("PUT", `/repos/${repo.owner}/${repo.repo}/pulls/2/merge`, JSON.stringify({ merge_method: "squash" }));
    expect(res.status).toBe(200);
    expect(world.snapshot().repositories[0].pull_requests[0]).toMatchObject({ merged: true });
  });
});
