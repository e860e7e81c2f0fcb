import { afterAll, beforeAll, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer } from "./github-session.js";
import { extended } from "./seed-fixtures.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

/** A fixed sequence of calls touching issues, labels, comments and assignees. */
async function act(world: ReturnType<typeof openWorld>) {
  const { octokit } = world;
  const repo = { owner: "carol", repo: "tool" };
  await octokit.rest.issues.create({ ...repo, title: "New", labels: ["fresh"], assignees: ["dan"] });
  await octokit.rest.issues.createComment({ ...repo, issue_number: 5, body: "hello" });
  await octokit.rest.issues.update({ ...repo, issue_number: 5, state: "closed", state_reason: "not_planned" });
  await octokit.rest.issues.addLabels({ ...repo, issue_number: 7, labels: ["review"] });
  await octokit.rest.issues.createLabel({ ...repo, name: "zeta", color: "123456" });
  return world.snapshot();
}

test("the same seed and the same calls give the same snapshot JSON", async () => {
  const first = JSON.stringify(await act(openWorld(extended, "key-1")));
  const second = JSON.stringify(await act(openWorld(extended, "key-1")));
  expect(second).toBe(first);
});

test("the snapshot reflects the calls", async () => {
  const snap = await act(openWorld(extended, "key-1"));
  const repo = snap.repositories[0];
  expect(repo.issues.map((i: any) => [i.number, i.state])).toEqual([
    [4, "closed"],
    [5, "closed"],
    [9, "open"],
  ]);
  expect(repo.labels.map((l: any) => l.name)).toEqual(["fresh", "review", "zeta"]);
});

test("reseeding restores the initial snapshot", async () => {
  const world = openWorld(extended, "key-2");
  const initial = JSON.stringify(world.snapshot());
  await act(world);
  world.session.reseed();
  expect(JSON.stringify(world.snapshot())).toBe(initial);
});
