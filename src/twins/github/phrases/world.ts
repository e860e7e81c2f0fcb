/**
 * What every GitHub phrase family needs: the snapshots, which repository and issue/PR a
 * sentence means, and the arguments of recorded calls (the same for REST and MCP).
 */
import type { CheckInput, CompileContext } from "../../../criteria/index.js";
import { callsOf, code, listing, PhraseError, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import type { GitHubSnapshot, SnapshotIssue, SnapshotPullRequest, SnapshotRepository } from "../snapshot-types.js";

/** `in acme/api`, `in the \`acme/api\` repository` (the slot is optional). */
export const inRepo = (slot = "repo") => `[(in | of | on | from | for) [the] {${slot}:repo} [(repo | repository)]]`;
/** An issue or pull request by number: "Issue #1", "PR #2 in `acme/api`", "acme/api#3". */
export const ITEM = `[the] [(noun= issue | pr | pull request | pull-request | pull)] {num:number} ${inRepo()}`;
export const ISSUE = `[the] (noun= issue) {num:number} ${inRepo()}`;
export const PULL = `[the] (noun= pr | pull request | pull-request | pull) {num:number} ${inRepo()}`;

function isSnapshot(value: unknown): value is GitHubSnapshot {
  return !!value && typeof value === "object" && Array.isArray((value as GitHubSnapshot).repositories);
}

/** The seeded state a sentence is compiled against. */
export function seedOf(ctx: CompileContext): GitHubSnapshot {
  if (!isSnapshot(ctx.initial)) throw new PhraseError("the GitHub seed state has no `repositories` list");
  return ctx.initial;
}

/** The GitHub snapshot before or after the agent; a run without one fails the check (guarded). */
export function stateOf(input: CheckInput, which: "initial" | "final", twin = "github"): GitHubSnapshot {
  const state = input[which][twin];
  if (!isSnapshot(state)) throw new Error(`no ${which} GitHub state was captured`);
  return state;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The full name of the repository a sentence names, or of the seed's only repository. */
export function resolveRepo(ctx: CompileContext, named: string | undefined): string {
  const repos = seedOf(ctx).repositories.map((repo) => repo.full_name);
  const known = listing(repos.map(code));
  if (named !== undefined) {
    const found =
      repos.find((name) => same(name, named)) ??
      (named.includes("/") ? undefined : only(repos.filter((name) => same(name.split("/")[1], named))));
    if (!found) throw new PhraseError(`repository ${code(named)} is not in the seed (repositories: ${known})`);
    return found;
  }
  if (repos.length === 1) return repos[0];
  if (repos.length === 0) throw new PhraseError("the GitHub seed has no repositories");
  throw new PhraseError(`this criterion names no repository and the seed has ${repos.length}: ${known}; say which, e.g. "in ${repos[0]}"`);
}

function only<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/**
 * For sentences about "anything anywhere" ("No new labels were created"): the named or
 * only repository, or undefined = every repository of the run.
 */
export function repoScope(ctx: CompileContext, named: string | undefined): string | undefined {
  if (named === undefined && seedOf(ctx).repositories.length > 1) return undefined;
  return resolveRepo(ctx, named);
}

export interface ItemRef {
  repo: string;
  number: number;
  /** What the sentence called it; the state decides what it is. */
  noun: "issue" | "pull request" | undefined;
}

/**
 * The issue/PR a sentence names. Numbers absent from the seed are fine (the agent may
 * create the issue); a repository absent from the seed is a scenario error.
 */
export function itemOf(m: PhraseMatch, ctx: CompileContext, prefix = ""): ItemRef {
  const token = m.token(`${prefix}num`);
  const named = m.value(`${prefix}repo`);
  if (token?.repo && named !== undefined && !same(token.repo, named)) {
    throw new PhraseError(`${token.raw} and ${code(named)} name different repositories`);
  }
  const noun = m.word(`${prefix}noun`);
  return {
    repo: resolveRepo(ctx, token?.repo ?? named),
    number: m.number(`${prefix}num`) ?? NaN,
    noun: noun === undefined ? undefined : noun === "issue" ? "issue" : "pull request",
  };
}

export function findRepo(state: GitHubSnapshot, fullName: string): SnapshotRepository | undefined {
  return state.repositories.find((repo) => same(repo.full_name, fullName));
}

export interface FoundItem {
  issue?: SnapshotIssue;
  pull?: SnapshotPullRequest;
  /** Labels, assignees, comments, state: the fields issues and PRs share. */
  common?: SnapshotIssue | SnapshotPullRequest;
}

/** Issues and PRs share numbers, so "issue #2" finds PR #2 too, as GitHub's issues API does. */
export function findItem(state: GitHubSnapshot, ref: { repo: string; number: number }): FoundItem {
  const repo = findRepo(state, ref.repo);
  const issue = repo?.issues.find((candidate) => candidate.number === ref.number);
  const pull = repo?.pull_requests.find((candidate) => candidate.number === ref.number);
  return { issue, pull, common: pull ?? issue };
}

/** "issue #1 in acme/api" / "PR #2 in acme/api", by what the state says it is. */
export function describeItem(ref: ItemRef, found?: FoundItem): string {
  const isPull = found?.pull ? true : found?.issue ? false : ref.noun === "pull request";
  return `${isPull ? "PR" : "issue"} #${ref.number} in ${ref.repo}`;
}

export function repositoriesIn(state: GitHubSnapshot, scope: string | undefined): SnapshotRepository[] {
  return scope === undefined ? state.repositories : state.repositories.filter((repo) => same(repo.full_name, scope));
}

export function githubCalls(input: CheckInput, ctx: CompileContext): RecordedCall[] {
  return callsOf(input, ctx.twin);
}

export function argsOf(call: RecordedCall): Record<string, unknown> {
  return call.args && typeof call.args === "object" ? (call.args as Record<string, unknown>) : {};
}

export const succeeded = (call: RecordedCall) => call.status < 400;

/** `owner/repo` of a call, when its arguments carry one. */
export function callRepo(call: RecordedCall): string | undefined {
  const args = argsOf(call);
  return typeof args.owner === "string" && typeof args.repo === "string" ? `${args.owner}/${args.repo}` : undefined;
}

/**
 * The issue/PR number a call acts on (`issue_number`, `pull_number`, either spelling), or
 * for a call that created one, the number in its response.
 */
export function callNumber(call: RecordedCall): number | undefined {
  const args = argsOf(call);
  const response = call.response_body && typeof call.response_body === "object" ? (call.response_body as Record<string, unknown>) : {};
  const created = call.operation === "create_issue" || call.operation === "create_pull_request" ? response.number : undefined;
  const raw = args.issue_number ?? args.pull_number ?? args.issueNumber ?? args.pullNumber ?? created;
  const number = typeof raw === "string" ? Number(raw) : raw;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

/** Does a call act on this repository (and issue/PR, when given)? */
export function callTouches(call: RecordedCall, repo: string | undefined, number?: number): boolean {
  const target = callRepo(call);
  if (repo !== undefined && target !== undefined && !same(target, repo)) return false;
  return number === undefined || callNumber(call) === number;
}

/** Label / login lists as calls give them: strings, `{name}` objects, or one string. */
export function namesIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) =>
    typeof item === "string" ? [item] : item && typeof item === "object" && typeof item.name === "string" ? [item.name] : [],
  );
}

export function includesName(names: readonly string[], wanted: string): boolean {
  return names.some((name) => same(name, wanted));
}

export { same as sameName };
