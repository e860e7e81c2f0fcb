/**
 * Seed → state. Every login named anywhere becomes a user; `pome-agent` always exists and
 * is a push collaborator everywhere; each repository gets a real git history (an initial
 * commit on the default branch, one commit per other seeded branch) so shas, contents and
 * PR diffs are consistent from the first call.
 *
 * schema.ts is the format scenarios write (the earlier twin's spellings included, such as
 * `user` beside `author`); this file settles those alternatives so storage has one shape.
 */
import type { Clock, IdSource } from "../../engine/operation.js";
import { newIssueRecord } from "../issue-record.js";
import {
  AGENT_LOGIN,
  allocateId,
  findBranch,
  findUser,
  gitIdentity,
  writeBlob,
  writeCommit,
  type Branch,
  type BranchProtection,
  type GitHubState,
  type IssueComment,
  type Label,
  type PullRequest,
  type Repository,
  type User,
} from "../state.js";
import { type CommentSeed, type GitHubSeed, type ProtectionSeed, type PullSeed, type RepoSeed } from "./schema.js";

export { githubSeedSchema, type GitHubSeed, type GitHubSeedInput } from "./schema.js";
export { defaultGitHubSeed } from "./default.js";

type SeedContext = { clock: Clock; ids: IdSource };

/** Every login a seed mentions as a person (not only as an owner): lower-case → first spelling. */
function peopleOf(seed: GitHubSeed): Map<string, string> {
  const people = new Map<string, string>();
  const add = (l: string | undefined | null | { login: string }) => {
    const login = typeof l === "string" ? l : l?.login;
    if (login && !people.has(login.toLowerCase())) people.set(login.toLowerCase(), login);
  };
  for (const repo of seed.repositories) {
    repo.collaborators.forEach((c) => add(typeof c === "string" ? c : c.login));
    for (const issue of repo.issues) {
      add(issue.author ?? issue.user);
      add(issue.assignee);
      issue.assignees.forEach(add);
      issue.comments.forEach((c) => add(c.author));
    }
    for (const pr of repo.pull_requests) {
      add(pr.author ?? pr.user);
      pr.assignees.forEach(add);
      pr.requested_reviewers.forEach(add);
      pr.reviews.forEach((r) => add(r.author ?? r.user));
      pr.statuses.forEach((s) => add(s.creator));
      pr.comments.forEach((c) => add(c.author));
    }
  }
  return people;
}

function createUsers(state: GitHubState, seed: GitHubSeed, ctx: SeedContext): void {
  const now = ctx.clock.now();
  state.reserved_ids.user = seed.users.flatMap((u) => (u.id ? [u.id] : []));
  state.reserved_ids.repository = seed.repositories.flatMap((r) => (r.id ? [r.id] : []));
  for (const u of seed.users) {
    state.users.push({ id: u.id ?? allocateId(state, ctx.ids, "user"), login: u.login, type: u.type, name: u.name, email: u.email, created_at: now });
  }
  const people = peopleOf(seed);
  const addUser = (login: string, type: User["type"]) => {
    if (findUser(state, login)) return;
    state.users.push({ id: allocateId(state, ctx.ids, "user"), login, type, name: null, email: null, created_at: now });
  };
  addUser(AGENT_LOGIN, "User");
  // An owner nobody acts as (like `acme`) is an organization, as the earlier twin treated it.
  for (const repo of seed.repositories) addUser(repo.owner, people.has(repo.owner.toLowerCase()) ? "User" : "Organization");
  for (const key of [...people.keys()].sort()) addUser(people.get(key)!, "User");
}

/** Who authored a seeded object that names no author: the owner if a person, else the first collaborator. */
function defaultAuthor(state: GitHubState, repo: Repository): string {
  if (findUser(state, repo.owner)?.type === "User") return repo.owner;
  return repo.collaborators.find((c) => c.login !== AGENT_LOGIN)?.login ?? AGENT_LOGIN;
}

function protectionOf(p: ProtectionSeed): BranchProtection {
  const reviews =
    p.required_approving_review_count !== undefined
      ? { required_approving_review_count: p.required_approving_review_count }
      : p.required_pull_request_reviews;
  return { required_status_checks: p.required_status_checks, required_pull_request_reviews: reviews, enforce_admins: p.enforce_admins };
}

const seedBytes = (file: { content: string; encoding: "utf-8" | "base64" }) => (file.encoding === "base64" ? Buffer.from(file.content, "base64") : file.content);

function createGit(state: GitHubState, repo: Repository, seed: RepoSeed, now: string): void {
  const author = gitIdentity(state, defaultAuthor(state, repo), now);
  const filesOf = (branch: string) => seed.files.filter((f) => (f.branch ?? seed.default_branch) === branch);
  const tree: Record<string, string> = {};
  for (const f of filesOf(seed.default_branch)) tree[f.path] = writeBlob(repo, seedBytes(f));
  const root = writeCommit(repo, { message: "Initial seed commit", parents: [], tree, author, committer: author });
  repo.branches.push({ name: seed.default_branch, sha: root.sha, protection: null });

  const wanted = new Map<string, string | undefined>();
  for (const b of seed.branches) wanted.set(b.name, b.from);
  for (const f of seed.files) if (f.branch && f.branch !== seed.default_branch && !wanted.has(f.branch)) wanted.set(f.branch, undefined);
  for (const pr of seed.pull_requests) {
    for (const name of [pr.base ?? seed.default_branch, pr.head]) if (name !== seed.default_branch && !wanted.has(name)) wanted.set(name, undefined);
  }
  for (const [name, from] of wanted) {
    if (name === seed.default_branch) continue;
    const parent = findBranch(repo, from ?? seed.default_branch) ?? findBranch(repo, seed.default_branch)!;
    const files = filesOf(name);
    let sha = parent.sha;
    if (files.length > 0) {
      const branchTree = { ...repo.commits[parent.sha]!.tree };
      for (const f of files) branchTree[f.path] = writeBlob(repo, seedBytes(f));
      sha = writeCommit(repo, { message: `Seed ${name}`, parents: [parent.sha], tree: branchTree, author, committer: author }).sha;
    }
    repo.branches.push({ name, sha, protection: null });
  }
  const protections = seed.branch_protection
    ? Array.isArray(seed.branch_protection)
      ? seed.branch_protection.map((p) => [p.branch, p] as const)
      : Object.entries(seed.branch_protection)
    : [];
  for (const [name, p] of protections) {
    let branch: Branch | undefined = findBranch(repo, name);
    if (!branch) {
      branch = { name, sha: findBranch(repo, seed.default_branch)!.sha, protection: null };
      repo.branches.push(branch);
    }
    branch.protection = protectionOf(p);
  }
  repo.branches.sort((a, b) => a.name.localeCompare(b.name));
}

function ensureLabel(state: GitHubState, repo: Repository, name: string, ctx: SeedContext): string {
  const existing = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (existing) return existing.name;
  repo.labels.push({ id: allocateId(state, ctx.ids, "label"), name, color: "ededed", description: null, default: false });
  return name;
}

function seedComments(state: GitHubState, repo: Repository, comments: CommentSeed[], ctx: SeedContext, fallback: string): IssueComment[] {
  return comments.map((c) => {
    const at = c.created_at ?? ctx.clock.now();
    return { id: allocateId(state, ctx.ids, "issue_comment"), body: c.body, user: c.author ?? fallback, created_at: at, updated_at: at };
  });
}

function loginOf(u: string | { login: string } | undefined): string | undefined {
  return typeof u === "string" ? u : u?.login;
}

/**
 * The number of a seeded issue or PR, in seed order (issues, then PRs): an explicit number
 * is kept and moves the shared counter up; others take the next number no seeded item claims.
 */
function seedNumber(repo: Repository, seed: RepoSeed, explicit: number | undefined): number {
  if (explicit !== undefined) {
    repo.last_number = Math.max(repo.last_number, explicit);
    return explicit;
  }
  const claimed = new Set([...seed.issues, ...seed.pull_requests].flatMap((i) => (i.number === undefined ? [] : [i.number])));
  const taken = new Set(repo.issues.map((i) => i.number));
  let n = repo.last_number + 1;
  while (claimed.has(n) || taken.has(n)) n += 1;
  repo.last_number = n;
  return n;
}

function createIssues(state: GitHubState, repo: Repository, seed: RepoSeed, ctx: SeedContext): void {
  const now = ctx.clock.now();
  const fallback = defaultAuthor(state, repo);
  for (const s of seed.issues) {
    const number = seedNumber(repo, seed, s.number);
    const at = s.created_at ?? now;
    const closed = s.state === "closed";
    const assignees = [...new Set([...(s.assignee ? [s.assignee] : []), ...s.assignees])];
    const issue = newIssueRecord(state, ctx.ids, {
      number,
      title: s.title,
      body: s.body,
      state: s.state,
      state_reason: s.state_reason ?? (closed ? "completed" : null),
      locked: s.locked,
      user: s.author ?? loginOf(s.user) ?? fallback,
      labels: s.labels.map((l) => ensureLabel(state, repo, l, ctx)),
      assignees,
      comments: seedComments(state, repo, s.comments, ctx, fallback),
      pull_request: false,
      created_at: at,
      closed_at: closed ? at : null,
    });
    repo.issues.push(issue);
  }
}

/** Changes of `head` since it left `base`'s first-parent line, applied on top of `base`. */
function mergedTree(repo: Repository, baseSha: string, headSha: string): Record<string, string> {
  const baseLine = new Set<string>();
  for (let c: string | undefined = baseSha; c; c = repo.commits[c]?.parents[0]) baseLine.add(c);
  let fork: string | undefined = headSha;
  while (fork && !baseLine.has(fork)) fork = repo.commits[fork]?.parents[0];
  const forkTree = fork ? repo.commits[fork]!.tree : {};
  const headTree = repo.commits[headSha]!.tree;
  const tree = { ...repo.commits[baseSha]!.tree };
  for (const path of new Set([...Object.keys(forkTree), ...Object.keys(headTree)])) {
    if (headTree[path] === forkTree[path]) continue;
    if (headTree[path] === undefined) delete tree[path];
    else tree[path] = headTree[path]!;
  }
  return tree;
}

function createPull(state: GitHubState, repo: Repository, seed: RepoSeed, s: PullSeed, ctx: SeedContext): void {
  const now = ctx.clock.now();
  const number = seedNumber(repo, seed, s.number);
  const at = s.created_at ?? now;
  const author = s.author ?? loginOf(s.user) ?? defaultAuthor(state, repo);
  const baseRef = s.base ?? seed.default_branch;
  const head = findBranch(repo, s.head)!;
  const base = findBranch(repo, baseRef)!;
  const closed = s.state === "closed";
  const pull: PullRequest = {
    id: allocateId(state, ctx.ids, "pull_request"),
    number,
    head: { ref: head.name, sha: head.sha },
    base: { ref: base.name, sha: base.sha },
    draft: s.draft,
    merged: false,
    merged_at: null,
    merged_by: null,
    merge_commit_sha: null,
    maintainer_can_modify: false,
    requested_reviewers: [...new Set(s.requested_reviewers)],
    reviews: s.reviews.map((r) => ({
      id: allocateId(state, ctx.ids, "review"),
      user: r.author ?? r.user ?? defaultAuthor(state, repo),
      state: r.state,
      body: r.body,
      commit_id: head.sha,
      submitted_at: at,
    })),
    review_comments: [],
  };
  if (s.merged) {
    const identity = gitIdentity(state, defaultAuthor(state, repo), at);
    const merge = writeCommit(repo, {
      message: `Merge pull request #${number} from ${repo.owner}/${head.name}\n\n${s.title}`,
      parents: [base.sha, head.sha],
      tree: mergedTree(repo, base.sha, head.sha),
      author: identity,
      committer: identity,
    });
    base.sha = merge.sha;
    Object.assign(pull, { merged: true, merged_at: at, merged_by: defaultAuthor(state, repo), merge_commit_sha: merge.sha });
  }
  const issue = newIssueRecord(state, ctx.ids, {
    number,
    title: s.title,
    body: s.body,
    state: s.state,
    user: author,
    labels: s.labels.map((l) => ensureLabel(state, repo, l, ctx)),
    assignees: [...new Set(s.assignees)],
    comments: seedComments(state, repo, s.comments, ctx, defaultAuthor(state, repo)),
    pull_request: true,
    created_at: at,
    closed_at: closed ? at : null,
  });
  repo.issues.push(issue);
  repo.pull_requests.push(pull);
  for (const st of s.statuses) {
    repo.statuses.push({
      id: allocateId(state, ctx.ids, "status"),
      sha: head.sha,
      context: st.context,
      state: st.state,
      description: st.description,
      target_url: st.target_url,
      creator: st.creator ?? defaultAuthor(state, repo),
      created_at: at,
      updated_at: at,
    });
  }
  for (const c of s.check_runs) {
    const suite = repo.check_runs.find((r) => r.head_sha === head.sha)?.check_suite_id ?? allocateId(state, ctx.ids, "check_suite");
    repo.check_runs.push({
      id: allocateId(state, ctx.ids, "check_run"),
      name: c.name,
      head_sha: head.sha,
      status: c.status,
      conclusion: c.status === "completed" ? (c.conclusion ?? null) : null,
      external_id: null,
      details_url: c.details_url ?? null,
      output: { title: c.output?.title ?? null, summary: c.output?.summary ?? null, text: c.output?.text ?? null },
      annotations: c.annotations.map((a) => ({
        path: a.path,
        start_line: a.start_line,
        end_line: a.end_line ?? a.start_line,
        start_column: null,
        end_column: null,
        annotation_level: a.annotation_level,
        message: a.message,
        title: a.title,
        raw_details: a.raw_details,
      })),
      started_at: c.status === "queued" ? null : at,
      completed_at: c.status === "completed" ? at : null,
      check_suite_id: suite,
    });
  }
}

function createRepository(state: GitHubState, seed: RepoSeed, ctx: SeedContext): Repository {
  const now = ctx.clock.now();
  const repo: Repository = {
    id: seed.id ?? allocateId(state, ctx.ids, "repository"),
    owner: findUser(state, seed.owner)?.login ?? seed.owner,
    name: seed.name,
    description: seed.description,
    private: seed.private,
    default_branch: seed.default_branch,
    created_at: now,
    updated_at: now,
    pushed_at: now,
    collaborators: [],
    labels: seed.labels.map((l): Label => ({ id: allocateId(state, ctx.ids, "label"), name: l.name, color: l.color, description: l.description, default: false })),
    issues: [],
    pull_requests: [],
    last_number: 0,
    branches: [],
    commits: {},
    blobs: {},
    statuses: [],
    check_runs: [],
    reactions: [],
    tags: [],
    releases: [],
  };
  const grant = (login: string, permission: Repository["collaborators"][number]["permission"]) => {
    const spelled = findUser(state, login)?.login ?? login;
    const existing = repo.collaborators.find((c) => c.login.toLowerCase() === spelled.toLowerCase());
    if (existing) existing.permission = permission;
    else repo.collaborators.push({ login: spelled, permission });
  };
  // GitHub lists a personal repository's owner among its collaborators, as admin.
  if (findUser(state, repo.owner)?.type === "User") grant(repo.owner, "admin");
  grant(AGENT_LOGIN, "push");
  for (const c of seed.collaborators) {
    if (typeof c === "string") grant(c, "push");
    else grant(c.login, c.permission);
  }
  createGit(state, repo, seed, now);
  createIssues(state, repo, seed, ctx);
  for (const pr of seed.pull_requests) createPull(state, repo, seed, pr, ctx);
  repo.issues.sort((a, b) => a.number - b.number);
  repo.pull_requests.sort((a, b) => a.number - b.number);
  return repo;
}

export function createGitHubState(seed: GitHubSeed, ctx: SeedContext): GitHubState {
  const state: GitHubState = { users: [], repositories: [], reserved_ids: {} };
  createUsers(state, seed, ctx);
  for (const repo of seed.repositories) state.repositories.push(createRepository(state, repo, ctx));
  return state;
}
