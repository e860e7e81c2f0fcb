/**
 * The GitHub seed as scenarios write it: the earlier twin's format (upstream-twins §2.1,
 * upstream-scenarios-evaluator §1.8) accepted unchanged, extended with display names,
 * permissions, closed/merged PRs, reviews, statuses, check runs, comments and branch
 * protection. Unknown keys are stripped, as the earlier schema did.
 */
import { z } from "zod";
import { fileDirectoryClash, isMalformedPath, withoutLeadingSlashes } from "../git/paths.js";

const login = z.string().trim().min(1, "login must not be empty");
const permission = z.enum(["pull", "triage", "push", "maintain", "admin"]);
const isoDate = z.iso.datetime({ offset: true });
const color = z
  .string()
  .transform((c) => c.replace(/^#/, "").toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{6}$/, "color must be six hex digits"));

export const userSeed = z.object({
  id: z.number().int().positive().optional(),
  login,
  type: z.enum(["User", "Organization", "Bot"]).default("User"),
  /** The earlier schema defaulted to ""; an empty name means "no display name". */
  name: z.string().nullish().transform((n) => (n ? n : null)),
  email: z.string().nullish().transform((e) => e ?? null),
});

const collaboratorSeed = z.union([login, z.object({ login, permission: permission.default("push") })]);

const labelSeed = z.union([
  z.string().min(1).transform((name) => ({ name, color: "ededed", description: null as string | null })),
  z.object({
    name: z.string().min(1),
    color: color.default("ededed"),
    description: z.string().nullish().transform((d) => (d ? d : null)),
  }),
]);

/** Labels on an issue: names, or label objects as an API response would show them. */
const labelRef = z.union([z.string().min(1), z.object({ name: z.string().min(1) }).transform((l) => l.name)]);

const commentSeed = z.union([
  z.string().min(1).transform((body) => ({ body, author: undefined as string | undefined, created_at: undefined as string | undefined })),
  z
    .object({ body: z.string().min(1), author: login.optional(), user: login.optional(), created_at: isoDate.optional() })
    .transform((c) => ({ body: c.body, author: c.author ?? c.user, created_at: c.created_at })),
]);

const fileSeed = z.object({
  path: z
    .string()
    .min(1)
    .transform(withoutLeadingSlashes)
    .refine((p) => !isMalformedPath(p), "path must be a plain relative path (no empty, '.', '..' or '.git' segment, no NUL)"),
  content: z.string(),
  /** `base64` for a binary file: `content` is then its bytes in base64. */
  encoding: z.enum(["utf-8", "base64"]).default("utf-8"),
  branch: z.string().min(1).optional(),
});

const protectionSeed = z.object({
  /** `["ci/test"]` is short for `{ strict: false, contexts: ["ci/test"] }`. */
  required_status_checks: z
    .union([z.array(z.string().min(1)), z.object({ strict: z.boolean().default(false), contexts: z.array(z.string().min(1)).default([]) })])
    .nullish()
    .transform((c) => (c == null ? null : Array.isArray(c) ? { strict: false, contexts: c } : c)),
  required_pull_request_reviews: z
    .object({ required_approving_review_count: z.number().int().min(0).max(6).default(1) })
    .nullish()
    .transform((r) => r ?? null),
  /** Shorthand for `required_pull_request_reviews.required_approving_review_count`. */
  required_approving_review_count: z.number().int().min(0).max(6).optional(),
  enforce_admins: z.boolean().default(false),
});

const issueSeed = z.object({
  number: z.coerce.number().int().positive().optional(),
  title: z.string().min(1),
  body: z.string().nullish().transform((b) => b ?? ""),
  state: z.enum(["open", "closed"]).default("open"),
  state_reason: z.enum(["completed", "not_planned", "reopened"]).nullish(),
  locked: z.boolean().default(false),
  labels: z.array(labelRef).default([]),
  /** Legacy singular field of the earlier seed format. */
  assignee: login.nullish(),
  assignees: z.array(login).default([]),
  author: login.optional(),
  user: z.union([login, z.object({ login })]).optional(),
  comments: z.array(commentSeed).default([]),
  created_at: isoDate.optional(),
});

const reviewSeed = z.object({
  author: login.optional(),
  user: login.optional(),
  state: z
    .enum(["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "approved", "changes_requested", "commented", "APPROVE", "REQUEST_CHANGES", "COMMENT"])
    .default("APPROVED")
    .transform((s) => {
      const upper = s.toUpperCase();
      if (upper === "APPROVE") return "APPROVED" as const;
      if (upper === "REQUEST_CHANGES") return "CHANGES_REQUESTED" as const;
      if (upper === "COMMENT") return "COMMENTED" as const;
      return upper as "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
    }),
  body: z.string().default(""),
});

const statusSeed = z.object({
  context: z.string().min(1).default("ci/build"),
  state: z.enum(["error", "failure", "pending", "success"]).default("success"),
  description: z.string().nullish().transform((d) => d ?? null),
  target_url: z.string().nullish().transform((u) => u ?? null),
  creator: login.optional(),
});

const annotationSeed = z.object({
  path: z.string().min(1),
  start_line: z.number().int().positive(),
  end_line: z.number().int().positive().optional(),
  annotation_level: z.enum(["notice", "warning", "failure"]).default("failure"),
  message: z.string().min(1),
  title: z.string().nullish().transform((t) => t ?? null),
  raw_details: z.string().nullish().transform((t) => t ?? null),
});

const checkRunSeed = z.object({
  name: z.string().min(1),
  status: z.enum(["queued", "in_progress", "completed"]).default("completed"),
  conclusion: z
    .enum(["success", "failure", "neutral", "cancelled", "timed_out", "action_required", "skipped", "stale"])
    .nullish(),
  details_url: z.string().nullish(),
  output: z
    .object({ title: z.string().nullish(), summary: z.string().nullish(), text: z.string().nullish() })
    .optional(),
  annotations: z.array(annotationSeed).default([]),
});

const pullSeed = z.object({
  number: z.coerce.number().int().positive().optional(),
  title: z.string().min(1),
  body: z.string().nullish().transform((b) => b ?? ""),
  head: z.string().min(1),
  base: z.string().min(1).optional(),
  state: z.enum(["open", "closed"]).default("open"),
  merged: z.boolean().default(false),
  draft: z.boolean().default(false),
  author: login.optional(),
  user: z.union([login, z.object({ login })]).optional(),
  labels: z.array(labelRef).default([]),
  assignees: z.array(login).default([]),
  requested_reviewers: z.array(login).default([]),
  reviews: z.array(reviewSeed).default([]),
  statuses: z.array(statusSeed).default([]),
  check_runs: z.array(checkRunSeed).default([]),
  comments: z.array(commentSeed).default([]),
  created_at: isoDate.optional(),
});

const repoSeed = z
  .object({
    id: z.number().int().positive().optional(),
    owner: login,
    name: z.string().trim().regex(/^[A-Za-z0-9._-]+$/, "repository name may only contain letters, digits, '.', '-' and '_'"),
    description: z.string().nullish().transform((d) => (d ? d : null)),
    private: z.boolean().default(false),
    default_branch: z.string().min(1).default("main"),
    collaborators: z.array(collaboratorSeed).default([]),
    labels: z.array(labelSeed).default([]),
    files: z.array(fileSeed).default([]),
    branches: z
      .array(z.union([z.string().min(1).transform((name) => ({ name, from: undefined as string | undefined })), z.object({ name: z.string().min(1), from: z.string().min(1).optional() })]))
      .default([]),
    branch_protection: z
      .union([z.record(z.string(), protectionSeed), z.array(protectionSeed.extend({ branch: z.string().min(1) }))])
      .optional(),
    issues: z.array(issueSeed).default([]),
    pull_requests: z.array(pullSeed).default([]),
  })
  .superRefine((repo, ctx) => {
    // A branch's tree is the default branch's files with its own on top: no path may be both a file and a directory there.
    const branchesWithFiles = new Set(repo.files.map((f) => f.branch ?? repo.default_branch));
    const reported = new Set<string>();
    for (const branch of branchesWithFiles) {
      const paths = repo.files.filter((f) => (f.branch ?? repo.default_branch) === branch || f.branch === undefined || f.branch === repo.default_branch).map((f) => f.path);
      const clash = fileDirectoryClash(paths);
      if (clash && !reported.has(clash.under)) {
        reported.add(clash.under);
        const k = repo.files.findIndex((f) => f.path === clash.under);
        ctx.addIssue({ code: "custom", path: ["files", k, "path"], message: `"${clash.under}" lies under "${clash.file}", which is a file` });
      }
    }
    // Issues and PRs share one number sequence: an explicit number may appear once.
    const seen = new Map<number, string>();
    const check = (n: number | undefined, path: (string | number)[]) => {
      if (n === undefined) return;
      if (seen.has(n)) ctx.addIssue({ code: "custom", path, message: `number ${n} is already used by ${seen.get(n)}` });
      else seen.set(n, path.slice(0, 2).join("[") + "]");
    };
    repo.issues.forEach((i, k) => check(i.number, ["issues", k, "number"]));
    repo.pull_requests.forEach((p, k) => check(p.number, ["pull_requests", k, "number"]));
    const labelNames = new Set<string>();
    repo.labels.forEach((l, k) => {
      const key = l.name.toLowerCase();
      if (labelNames.has(key)) ctx.addIssue({ code: "custom", path: ["labels", k, "name"], message: `duplicate label "${l.name}"` });
      labelNames.add(key);
    });
    repo.pull_requests.forEach((p, k) => {
      if (p.merged && p.state === "open") {
        ctx.addIssue({ code: "custom", path: ["pull_requests", k, "state"], message: "a merged pull request must have state \"closed\"" });
      }
      if (p.head === (p.base ?? repo.default_branch)) {
        ctx.addIssue({ code: "custom", path: ["pull_requests", k, "head"], message: "head and base must be different branches" });
      }
    });
    repo.pull_requests.forEach((p, k) =>
      p.check_runs.forEach((c, j) => {
        if (c.status === "completed" && c.conclusion === null) {
          ctx.addIssue({ code: "custom", path: ["pull_requests", k, "check_runs", j, "conclusion"], message: "a completed check run needs a conclusion" });
        }
        if (c.status !== "completed" && c.conclusion) {
          ctx.addIssue({ code: "custom", path: ["pull_requests", k, "check_runs", j, "conclusion"], message: "only a completed check run has a conclusion" });
        }
      }),
    );
  });

export const githubSeedSchema = z
  .object({
    users: z.array(userSeed).default([]),
    repositories: z.array(repoSeed).default([]),
  })
  .superRefine((seed, ctx) => {
    const logins = new Set<string>();
    seed.users.forEach((u, k) => {
      const key = u.login.toLowerCase();
      if (logins.has(key)) ctx.addIssue({ code: "custom", path: ["users", k, "login"], message: `duplicate user "${u.login}"` });
      logins.add(key);
    });
    const repos = new Set<string>();
    seed.repositories.forEach((r, k) => {
      const key = `${r.owner}/${r.name}`.toLowerCase();
      if (repos.has(key)) ctx.addIssue({ code: "custom", path: ["repositories", k, "name"], message: `duplicate repository "${r.owner}/${r.name}"` });
      repos.add(key);
    });
  });

export type GitHubSeed = z.output<typeof githubSeedSchema>;
export type GitHubSeedInput = z.input<typeof githubSeedSchema>;
export type RepoSeed = GitHubSeed["repositories"][number];
export type PullSeed = RepoSeed["pull_requests"][number];
export type IssueSeed = RepoSeed["issues"][number];
export type CommentSeed = IssueSeed["comments"][number];
export type ProtectionSeed = z.output<typeof protectionSeed>;
