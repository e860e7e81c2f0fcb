/** The world a scenario without a GitHub seed gets. */
import { githubSeedSchema, type GitHubSeed } from "./schema.js";

/** pome's local default world (upstream-scenarios-evaluator §1.8: issue #1 unlabelled). */
export const defaultGitHubSeed: GitHubSeed = githubSeedSchema.parse({
  users: [
    { login: "acme", type: "Organization", name: "Acme" },
    { login: "alice", name: "Alice" },
    { login: "bob", name: "Bob" },
  ],
  repositories: [
    {
      owner: "acme",
      name: "api",
      description: "Example API service used by GitHub twin tests.",
      collaborators: ["alice", "bob"],
      labels: [
        { name: "bug", color: "d73a4a", description: "Something isn't working" },
        { name: "feature", color: "a2eeef", description: "New feature or request" },
        { name: "question", color: "d876e3", description: "Further information is requested" },
      ],
      files: [
        { path: "README.md", content: "# api\n\nAcme's order API.\n" },
        {
          path: "src/index.ts",
          content: 'import { createServer } from "node:http";\n\ncreateServer((req, res) => {\n  res.end("ok");\n}).listen(3000);\n',
        },
      ],
      issues: [
        {
          number: 1,
          title: "500 error on POST /orders after deploy",
          body: "Since this morning's deploy, every POST /orders returns HTTP 500. GET /orders still works.",
          author: "alice",
        },
      ],
    },
  ],
});
