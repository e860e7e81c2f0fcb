// A minimal GitHub REST client for the example agents: plain fetch, no dependencies.
// It reads the twin's URL and token from the variables pome gives every agent, exactly as
// a real agent would read GITHUB_API_URL and GITHUB_TOKEN.

const baseUrl = process.env.POME_GITHUB_REST_URL ?? "https://api.github.com";
const token = process.env.POME_GITHUB_TOKEN ?? process.env.GITHUB_TOKEN;

export class GitHubError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} -> ${status}: ${body?.message ?? JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
  }
}

export async function gh(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      accept: "application/vnd.github+json",
      authorization: `token ${token}`,
      "x-github-api-version": "2022-11-28",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) throw new GitHubError(method, path, response.status, parsed);
  return parsed;
}

/** `owner/repo` named in the task, or the fallback. */
export function repoFromTask(task, fallback) {
  const match = task.match(/\b([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)\b/);
  return match ? { owner: match[1], repo: match[2] } : fallback;
}

/** Print the agent's final summary: pome shows it in reports and the judge reads it. */
export function finish(summary, extra = {}) {
  process.stdout.write(`${JSON.stringify({ summary, ...extra })}\n`);
}

/** Preflight: pome runs the agent once with POME_PREFLIGHT=1; it must exit 0 without work. */
export function exitIfPreflight() {
  if (process.env.POME_PREFLIGHT === "1") {
    process.stdout.write("preflight ok\n");
    process.exit(0);
  }
}
