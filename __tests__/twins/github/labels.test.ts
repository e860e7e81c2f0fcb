import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openWorld, startGitHubServer, stopGitHubServer, toolJson } from "./github-session.js";
import { shapeProblems } from "./openapi-shape.js";
import { promptInjection } from "./seed-fixtures.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

const repo = { owner: "acme", repo: "api" };
const readOnlyWorld = () =>
  openWorld({ repositories: [{ owner: "acme", name: "api", collaborators: [{ login: "pome-agent", permission: "pull" }], labels: ["bug"], issues: [{ number: 1, title: "t" }] }] });

describe("repository labels", () => {
  test("list_repository_labels returns label objects", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.issues.listLabelsForRepo(repo);
    expect(data.map((l) => l.name)).toEqual(["bug", "feature", "question"]);
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/labels", 200, data)).toEqual([]);
  });

  test("get_label finds a label case-insensitively", async () => {
    const { octokit } = openWorld();
    const { data } = await octokit.rest.issues.getLabel({ ...repo, name: "BUG" });
    expect(data).toMatchObject({ name: "bug", color: "d73a4a", default: false });
    expect(shapeProblems("GET", "/repos/{owner}/{repo}/labels/{name}", 200, data)).toEqual([]);
  });

  test("create_label answers 201 and strips a leading #", async () => {
    const { octokit, snapshot } = openWorld();
    const { status, data } = await octokit.rest.issues.createLabel({ ...repo, name: "security", color: "#B60205", description: "Security issue" });
    expect(status).toBe(201);
    expect(data).toMatchObject({ name: "security", color: "b60205", description: "Security issue" });
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/labels", 201, data)).toEqual([]);
    expect(snapshot().repositories[0].labels.map((l: any) => l.name)).toContain("security");
  });

  test("create_label of an existing name answers 422 already_exists", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.issues.createLabel({ ...repo, name: "Bug", color: "000000" }).catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data).toMatchObject({ message: "Validation Failed", status: "422", errors: [{ resource: "Label", code: "already_exists", field: "name" }] });
  });

  test("create_label needs push access", async () => {
    const { octokit } = readOnlyWorld();
    const error = await octokit.rest.issues.createLabel({ ...repo, name: "new" }).catch((e) => e);
    expect(error.status).toBe(403);
  });

  test("update_label renames the label on every issue", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug"] });
    const { data } = await octokit.rest.issues.updateLabel({ ...repo, name: "bug", new_name: "defect", color: "ff0000" });
    expect(data).toMatchObject({ name: "defect", color: "ff0000" });
    expect(snapshot().repositories[0].issues[0].labels.map((l: any) => l.name)).toEqual(["defect"]);
  });

  test("delete_label answers 204 and removes it from issues", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug"] });
    const { status } = await octokit.rest.issues.deleteLabel({ ...repo, name: "bug" });
    expect(status).toBe(204);
    const repoSnap = snapshot().repositories[0];
    expect(repoSnap.labels.map((l: any) => l.name)).toEqual(["feature", "question"]);
    expect(repoSnap.issues[0].labels).toEqual([]);
  });
});

describe("issue labels", () => {
  test("add_issue_labels adds to the set and returns all labels", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["question"] });
    const { status, data } = await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug"] });
    expect(status).toBe(200);
    expect(data.map((l) => l.name)).toEqual(["bug", "question"]);
    expect(shapeProblems("POST", "/repos/{owner}/{repo}/issues/{issue_number}/labels", 200, data)).toEqual([]);
  });

  test("adding a missing label creates it with color ededed and no description", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["needs-triage"] });
    const created = snapshot().repositories[0].labels.find((l: any) => l.name === "needs-triage");
    expect(created).toEqual({ name: "needs-triage", color: "ededed", description: null });
  });

  test("adding a missing label without push access creates nothing", async () => {
    const { octokit, snapshot } = readOnlyWorld();
    const { data } = await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["new"] });
    expect(data).toEqual([]);
    expect(snapshot().repositories[0].labels.map((l: any) => l.name)).toEqual(["bug"]);
  });

  test("labels can be added to a pull request by its number", async () => {
    const { octokit, snapshot } = openWorld(promptInjection);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 2, labels: ["bug"] });
    expect(snapshot().repositories[0].pull_requests[0].labels.map((l: any) => l.name)).toEqual(["bug"]);
  });

  test("set_issue_labels replaces the set", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug", "question"] });
    const { data } = await octokit.rest.issues.setLabels({ ...repo, issue_number: 1, labels: ["feature"] });
    expect(data.map((l) => l.name)).toEqual(["feature"]);
  });

  test("list_issue_labels lists the issue's labels", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["question", "bug"] });
    const { data } = await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: 1 });
    expect(data.map((l) => l.name)).toEqual(["bug", "question"]);
  });

  test("remove_issue_label returns the remaining labels", async () => {
    const { octokit } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug", "question"] });
    const { data } = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "bug" });
    expect(data.map((l) => l.name)).toEqual(["question"]);
  });

  test("removing a label the issue lacks answers 404 Label does not exist", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.issues.removeLabel({ ...repo, issue_number: 1, name: "bug" }).catch((e) => e);
    expect(error.status).toBe(404);
    expect(error.response.data.message).toBe("Label does not exist");
  });

  test("remove_all_issue_labels answers 204", async () => {
    const { octokit, snapshot } = openWorld();
    await octokit.rest.issues.addLabels({ ...repo, issue_number: 1, labels: ["bug"] });
    const { status } = await octokit.rest.issues.removeAllLabels({ ...repo, issue_number: 1 });
    expect(status).toBe(204);
    expect(snapshot().repositories[0].issues[0].labels).toEqual([]);
  });
});

describe("label tools over MCP", () => {
  test("create_label, add_issue_labels, set_issue_labels and remove_issue_label change the state", async () => {
    const world = openWorld();
    const client = await world.mcp();
    await client.callTool({ name: "create_label", arguments: { ...repo, name: "p1", color: "ff0000" } });
    await client.callTool({ name: "add_issue_labels", arguments: { ...repo, issue_number: 1, labels: ["p1", "bug"] } });
    await client.callTool({ name: "set_issue_labels", arguments: { ...repo, issue_number: 1, labels: ["p1", "bug", "question"] } });
    const result = await client.callTool({ name: "remove_issue_label", arguments: { ...repo, issue_number: 1, name: "bug" } });
    expect(toolJson(result).map((l: any) => l.name)).toEqual(["p1", "question"]);
  });

  test("read tools answer like REST", async () => {
    const world = openWorld();
    const client = await world.mcp();
    const names = async (name: string, args: object) => toolJson(await client.callTool({ name, arguments: { ...repo, ...args } }));
    expect((await names("list_repository_labels", {})).map((l: any) => l.name)).toEqual(["bug", "feature", "question"]);
    expect((await names("get_label", { name: "bug" })).color).toBe("d73a4a");
    expect(await names("list_issue_labels", { issue_number: 1 })).toEqual([]);
  });

  test("update_label, delete_label and remove_all_issue_labels work over MCP", async () => {
    const world = openWorld();
    const client = await world.mcp();
    await client.callTool({ name: "add_issue_labels", arguments: { ...repo, issue_number: 1, labels: ["bug"] } });
    await client.callTool({ name: "update_label", arguments: { ...repo, name: "feature", new_name: "enhancement" } });
    await client.callTool({ name: "delete_label", arguments: { ...repo, name: "question" } });
    await client.callTool({ name: "remove_all_issue_labels", arguments: { ...repo, issue_number: 1 } });
    const snap = world.snapshot().repositories[0];
    expect(snap.labels.map((l: any) => l.name)).toEqual(["bug", "enhancement"]);
    expect(snap.issues[0].labels).toEqual([]);
  });

  test("a missing label on remove comes back as an MCP error with GitHub's body", async () => {
    const world = openWorld();
    const result = await (await world.mcp()).callTool({ name: "remove_issue_label", arguments: { ...repo, issue_number: 1, name: "bug" } });
    expect(result.isError).toBe(true);
    expect(toolJson(result)).toMatchObject({ message: "Label does not exist", status: "404" });
  });
});
