import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GITHUB_TOKEN_PATTERN } from "../../../src/twins/github/auth.js";
import { openWorld, startGitHubServer, stopGitHubServer } from "./github-session.js";

beforeAll(startGitHubServer);
afterAll(stopGitHubServer);

describe("auth", () => {
  test("the session token looks like a classic personal access token", () => {
    const { session } = openWorld();
    expect(session.tokens.github).toMatch(GITHUB_TOKEN_PATTERN);
    expect(session.env.POME_GITHUB_TOKEN).toBe(session.tokens.github);
  });

  test("no credentials answer 401 Requires authentication", async () => {
    const { session } = openWorld();
    const error = await new Octokit({ baseUrl: session.urls.github!.rest }).rest.issues.get({ owner: "acme", repo: "api", issue_number: 1 }).catch((e) => e);
    expect(error.status).toBe(401);
    expect(error.response.data).toEqual({ message: "Requires authentication", documentation_url: "https://docs.github.com/rest", status: "401" });
  });

  test("a wrong token answers 401 Bad credentials", async () => {
    const { session } = openWorld();
    const octokit = new Octokit({ auth: `ghp_${"a".repeat(36)}`, baseUrl: session.urls.github!.rest });
    const error = await octokit.rest.users.getAuthenticated().catch((e) => e);
    expect(error.status).toBe(401);
    expect(error.response.data.message).toBe("Bad credentials");
  });

  // GitHub takes a token over Basic auth as the password (`curl -u login:TOKEN`) or as the user (`TOKEN:x-oauth-basic`).
  test.each([
    ["login:token", (token: string) => `pome-agent:${token}`],
    ["token:x-oauth-basic", (token: string) => `${token}:x-oauth-basic`],
    ["token alone as the user", (token: string) => `${token}:`],
  ])("Basic auth with %s is accepted", async (_name, credentials) => {
    const { session } = openWorld();
    const basic = Buffer.from(credentials(session.tokens.github!)).toString("base64");
    const res = await fetch(`${session.urls.github!.rest}/user`, { headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ login: "pome-agent" });
  });

  test("Basic auth with a wrong token answers 401 Bad credentials", async () => {
    const { session } = openWorld();
    const basic = Buffer.from(`pome-agent:ghp_${"a".repeat(36)}`).toString("base64");
    const res = await fetch(`${session.urls.github!.rest}/user`, { headers: { authorization: `Basic ${basic}` } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).message).toBe("Bad credentials");
  });

  test("another session's token answers 403", async () => {
    const mine = openWorld();
    const other = openWorld();
    const octokit = new Octokit({ auth: other.session.tokens.github, baseUrl: mine.session.urls.github!.rest });
    const error = await octokit.rest.users.getAuthenticated().catch((e) => e);
    expect(error.status).toBe(403);
    expect(error.response.data.status).toBe("403");
  });
});

describe("error envelopes", () => {
  test("an unsupported endpoint answers 501 with the fidelity marker", async () => {
    const { octokit } = openWorld();
    const error = await octokit.rest.actions.listRepoWorkflows({ owner: "acme", repo: "api" }).catch((e) => e);
    expect(error.status).toBe(501);
    expect(error.response.data).toMatchObject({
      message: "This endpoint is not supported by the pome GitHub twin",
      documentation_url: "https://docs.github.com/rest",
      status: "501",
      fidelity: "unsupported",
    });
  });

  test("a body that is not JSON answers 400 Problems parsing JSON", async () => {
    const { session } = openWorld();
    const response = await fetch(`${session.urls.github!.rest}/repos/acme/api/issues`, {
      method: "POST",
      headers: { authorization: `token ${session.tokens.github}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "Problems parsing JSON", documentation_url: "https://docs.github.com/rest", status: "400" });
  });

  test("any body is read as JSON whatever its content type, as GitHub does (curl -d sends a form type)", async () => {
    const { session } = openWorld();
    const post = (body: string) =>
      fetch(`${session.urls.github!.rest}/repos/acme/api/issues`, {
        method: "POST",
        headers: { authorization: `token ${session.tokens.github}`, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    const bad = await post("{bad");
    expect([bad.status, ((await bad.json()) as { message: string }).message]).toEqual([400, "Problems parsing JSON"]);
    const good = await post(JSON.stringify({ title: "Filed with curl -d" }));
    expect([good.status, ((await good.json()) as { title: string }).title]).toEqual([201, "Filed with curl -d"]);
  });

  test("a wrong type answers 422 Invalid request naming the field", async () => {
    const { octokit } = openWorld();
    const error = await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { owner: "acme", repo: "api", issue_number: 1, labels: "bug" } as any).catch((e) => e);
    expect(error.status).toBe(422);
    expect(error.response.data.message).toMatch(/^Invalid request\.\n\nFor 'properties\/labels'/);
  });

  test("every reply carries a request id and rate-limit headers", async () => {
    const { octokit } = openWorld();
    const { headers } = await octokit.rest.users.getAuthenticated();
    expect(headers["x-github-request-id"]).toMatch(/^[0-9A-F]{4}:[0-9A-F]{5}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{3}$/);
    expect(headers["x-ratelimit-limit"]).toBe("5000");
  });
});
