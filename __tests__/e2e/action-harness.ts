/**
 * Runs the built action (`dist/index.js`) the way the runner does: a Node process with
 * `INPUT_*`, an event payload file, `GITHUB_*` variables, the step summary and output files,
 * `GITHUB_API_URL` at pome's own GitHub twin and the artifact variables at a local fake of
 * the artifact service. `POME_ACTION_NODE` picks the Node binary (CI runs it on Node 24 too).
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll } from "vitest";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Octokit } from "@octokit/rest";
import { createTwinServer, type FaultRule, type Session, type TwinServer } from "../../src/twins/index.js";
import { githubTwin } from "../../src/twins/github/index.js";
import { startFakeArtifactService, type FakeArtifactService } from "../fixtures/fake-artifact-service/server.js";
import { AGENTS, REPO_ROOT, SCENARIOS, tempDir } from "./fixtures.js";

export const ACTION = join(REPO_ROOT, "dist/index.js");
/** The action's source, run through tsx: for tests of behaviour the committed bundle may not have yet. */
export const ACTION_SOURCE = join(REPO_ROOT, "src/action/index.ts");
const TSX = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
export const OWNER = "acme";
export const REPO = "agent-repo";
export const PR_NUMBER = 7;

/** The repository the workflow runs in: an open PR from `feature/agent`. */
export function repoSeed(): unknown {
  return {
    users: [{ login: "acme", type: "Organization" }, { login: "dana" }],
    repositories: [
      {
        owner: OWNER,
        name: REPO,
        collaborators: ["dana", { login: "pome-agent", permission: "push" }],
        files: [
          { path: "README.md", content: "# agent\n" },
          { path: "agent.mjs", content: "export {}\n", branch: "feature/agent" },
        ],
        issues: [{ number: 1, title: "Track the agent", author: "dana" }],
        pull_requests: [{ number: PR_NUMBER, title: "Teach the agent to assign", head: "feature/agent", base: "main", author: "dana" }],
      },
    ],
  };
}

/** GitHub's answer to a write with a fork's read-only token. */
export function forkFaults(): FaultRule[] {
  const body = { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest", status: "403" };
  return ["create_check_run", "update_check_run", "add_issue_comment", "update_issue_comment"].map((operation) => ({ twin: "github", operation, status: 403, body }));
}

export interface GitHubWorld {
  server: TwinServer;
  session: Session;
  octokit: Octokit;
  headSha: string;
}

export async function openGitHub(faults: FaultRule[] = []): Promise<GitHubWorld> {
  const server = await createTwinServer([githubTwin]);
  const session = server.openSession({ twins: ["github"], seeds: { github: repoSeed() }, seedKey: "action-e2e", faults });
  const octokit = new Octokit({ auth: session.tokens.github, baseUrl: session.urls.github!.rest });
  const headSha = (await octokit.rest.repos.getBranch({ owner: OWNER, repo: REPO, branch: "feature/agent" })).data.commit.sha;
  return { server, session, octokit, headSha };
}

/**
 * A workspace with the triage scenario and an agent that labels issue #1 and, unless
 * `lazy`, assigns it; it also records the names of the variables it was given.
 */
export function workspace(dir: string): { path: string; agent(mode: "good" | "lazy"): string; criterionLine(text: string): number } {
  mkdirSync(join(dir, "scenarios"), { recursive: true });
  copyFileSync(join(SCENARIOS, "triage.md"), join(dir, "scenarios", "triage.md"));
  const helper = pathToFileURL(join(AGENTS, "github.mjs")).href;
  writeFileSync(
    join(dir, "agent.mjs"),
    [
      `import { writeFileSync } from "node:fs";`,
      `import { join } from "node:path";`,
      `import { gh } from ${JSON.stringify(helper)};`,
      `if (process.env.POME_PREFLIGHT === "1") process.exit(0);`,
      `writeFileSync(join(process.env.POME_ARTIFACTS_DIR, "agent-env.json"), JSON.stringify(Object.keys(process.env).sort()));`,
      `await gh("POST", "/repos/acme/api/issues/1/labels", { labels: ["bug"] });`,
      `if (process.argv[2] !== "lazy") await gh("POST", "/repos/acme/api/issues/1/assignees", { assignees: ["alice"] });`,
      `console.log(JSON.stringify({ summary: "Triaged #1." }));`,
    ].join("\n"),
  );
  const scenario = readFileSync(join(dir, "scenarios", "triage.md"), "utf8").split("\n");
  return {
    path: dir,
    agent: (mode) => `${JSON.stringify(process.execPath)} ${JSON.stringify(join(dir, "agent.mjs"))} ${mode}`,
    criterionLine: (text) => scenario.findIndex((l) => l.includes(text)) + 1,
  };
}

export function pullRequestEvent(headSha: string, headRepo = `${OWNER}/${REPO}`): unknown {
  return {
    action: "synchronize",
    number: PR_NUMBER,
    pull_request: {
      number: PR_NUMBER,
      head: { sha: headSha, ref: "feature/agent", repo: { full_name: headRepo } },
      base: { ref: "main", sha: "0".repeat(40), repo: { full_name: `${OWNER}/${REPO}` } },
    },
    repository: { full_name: `${OWNER}/${REPO}`, default_branch: "main" },
  };
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The raw GITHUB_OUTPUT file. */
  outputFile: string;
}

/** `name<<delimiter\nvalue\ndelimiter` blocks, as @actions/core writes them. */
function readOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]] = m[3];
  return out;
}

export async function runAction(opts: {
  github: GitHubWorld;
  artifacts: FakeArtifactService;
  workspace: string;
  inputs: Record<string, string>;
  event: unknown;
  eventName?: string;
  /** A label for the files of this run inside the workspace. */
  name: string;
  /** Extra runner variables (GITHUB_SHA, GITHUB_REF_NAME for a push). */
  env?: Record<string, string>;
  /** Run src/action/index.ts through tsx instead of the bundle (default: POME_ACTION_SOURCE=1). */
  source?: boolean;
}): Promise<ActionRun> {
  const dir = resolve(opts.workspace, ".runner", opts.name);
  mkdirSync(dir, { recursive: true });
  const files = { event: join(dir, "event.json"), summary: join(dir, "summary.md"), output: join(dir, "output.txt") };
  writeFileSync(files.event, JSON.stringify(opts.event));
  writeFileSync(files.summary, "");
  writeFileSync(files.output, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_EVENT_NAME: opts.eventName ?? "pull_request",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_SHA: "f".repeat(40),
    GITHUB_API_URL: opts.github.session.urls.github!.rest,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_RUN_ID: "4242",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: "CI",
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_TOKEN: opts.github.session.tokens.github!,
    ACTIONS_RESULTS_URL: opts.artifacts.url,
    ACTIONS_RUNTIME_TOKEN: opts.artifacts.token,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc-request-token-value",
    ...opts.env,
  };
  const inputs = { "github-token": opts.github.session.tokens.github!, ...opts.inputs };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const node = process.env.POME_ACTION_NODE ?? process.execPath;
  const args = (opts.source ?? process.env.POME_ACTION_SOURCE === "1") ? ["--import", TSX, ACTION_SOURCE] : [ACTION];
  const child = spawn(node, args, { cwd: opts.workspace, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise<number | null>((done) => child.on("close", done));
  return { code, stdout, stderr, outputs: readOutputs(files.output), summary: readFileSync(files.summary, "utf8"), outputFile: readFileSync(files.output, "utf8") };
}

/**
 * One describe block's world: a workspace, a GitHub twin (with `faults`) and a fake
 * artifact service, opened before the block's own `beforeAll` hooks and closed after it.
 */
export function useActionWorld(faults?: () => FaultRule[]): { ws: ReturnType<typeof workspace>; github: GitHubWorld; artifacts: FakeArtifactService } {
  const dir = tempDir("pome-action-");
  const world = { ws: workspace(dir.path) } as { ws: ReturnType<typeof workspace>; github: GitHubWorld; artifacts: FakeArtifactService };
  beforeAll(async () => {
    world.github = await openGitHub(faults?.());
    world.artifacts = await startFakeArtifactService();
  });
  afterAll(async () => {
    await world.artifacts.close();
    await world.github.server.close();
    dir.remove();
  });
  return world;
}
