/**
 * Seeds for the git side of the GitHub twin: a repository with files on `main`, a
 * feature branch that edits and adds files, an open PR from it, and variants with branch
 * protection or a restricted agent.
 */
export const APP_V1 = ["export function handler(req) {", "  const order = parse(req);", "  save(order);", "  return 201;", "}", ""].join("\n");
export const APP_V2 = [
  "export function handler(req) {",
  "  const order = parse(req);",
  "  retry(() => save(order), 3);",
  "  log(order.id);",
  "  return 201;",
  "}",
  "",
].join("\n");
export const RETRY = "export function retry(fn, times) {\n  for (let i = 0; i < times; i++) {\n    try { return fn(); } catch {}\n  }\n}\n";

export const repo = { owner: "acme", repo: "api" };

export function gitSeed(extra: Record<string, unknown> = {}) {
  return {
    users: [
      { login: "acme", type: "Organization", name: "Acme" },
      { login: "alice", name: "Alice" },
      { login: "bob", name: "Bob" },
    ],
    repositories: [
      {
        owner: "acme",
        name: "api",
        collaborators: ["alice", "bob"],
        labels: [{ name: "bug", color: "d73a4a" }],
        files: [
          { path: "README.md", content: "# api\n" },
          { path: "src/app.ts", content: APP_V1 },
          { path: "src/app.ts", content: APP_V2, branch: "feature/retry" },
          { path: "src/retry.ts", content: RETRY, branch: "feature/retry" },
          { path: "docs/guide.md", content: "# Guide\n", branch: "docs" },
        ],
        issues: [{ number: 1, title: "500 error on POST /orders", author: "alice" }],
        pull_requests: [{ number: 2, title: "Retry order saves", body: "Fixes #1", head: "feature/retry", base: "main", author: "alice" }],
        ...extra,
      },
    ],
  };
}

/** `main` requires the `ci/build` context and one approving review. */
export function protectedSeed(protection: Record<string, unknown> = { required_status_checks: ["ci/build"], required_approving_review_count: 1 }) {
  return gitSeed({ branch_protection: { main: protection } });
}

/** The agent may read but not push. */
export function readOnlyAgentSeed() {
  return gitSeed({ collaborators: ["alice", "bob", { login: "pome-agent", permission: "pull" }] });
}

/** `repos.getContent`, typed loosely: Octokit types its answer as a file/dir/symlink/submodule union. */
export function getContent(octokit: { rest: { repos: { getContent: (params: any) => Promise<unknown> } } }, params: Record<string, unknown>): Promise<{ status: number; data: any }> {
  return octokit.rest.repos.getContent(params) as Promise<{ status: number; data: any }>;
}
