/**
 * Where commit statuses and check runs land, and their state words. A PR's head means
 * every head sha it had during the run; a branch means every sha it pointed at; anything
 * else is read as a commit sha (prefix).
 */
import type { CheckInput, CompileContext } from "../../../criteria/index.js";
import { PhraseError, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import {
  argsOf,
  callTouches,
  findItem,
  findRepo,
  githubCalls,
  inRepo,
  itemOf,
  type ItemRef,
  repoScope,
  resolveRepo,
  sameName,
  stateOf,
  succeeded,
} from "./world.js";
import type { GitHubSnapshot } from "../snapshot-types.js";

/** Where a status or check run was put: a PR's head, a ref, or anywhere in a repository scope. */
export type Target =
  | { kind: "pull"; ref: ItemRef }
  | { kind: "ref"; repo: string; ref: string }
  | { kind: "scope"; repo: string | undefined };

/** Appended to status/check sentences: "on PR #1", "on `main`", "on commit `abc1234` in acme/api". */
export const TARGET =
  `((on | for | against | of) [the] [(head of | head commit of)] (noun= pr | pull request | pull-request) {num:number} ${inRepo()} | ` +
  `(on | for | against | of) [the] [(branch | ref | commit | sha)] {ref:name} [(branch | ref | commit)] ${inRepo("refrepo")})`;
export const IN_SCOPE = inRepo("scoperepo");

export function targetOf(m: PhraseMatch, ctx: CompileContext): Target {
  if (m.has("num")) return { kind: "pull", ref: itemOf(m, ctx) };
  const ref = m.value("ref");
  if (ref !== undefined) return { kind: "ref", repo: resolveRepo(ctx, m.value("refrepo")), ref };
  return { kind: "scope", repo: repoScope(ctx, m.value("scoperepo")) };
}

export function describeTarget(target: Target): string {
  if (target.kind === "pull") return `the head of PR #${target.ref.number} in ${target.ref.repo}`;
  if (target.kind === "ref") return `\`${target.ref}\` in ${target.repo}`;
  return target.repo ?? "any repository";
}

/** Does `sha` belong to the target, in either snapshot? */
export function shaMatcher(target: Target, states: GitHubSnapshot[]): (repo: string, sha: string) => boolean {
  if (target.kind === "scope") return (repo) => target.repo === undefined || sameName(repo, target.repo);
  const repoName = target.kind === "pull" ? target.ref.repo : target.repo;
  const shas = new Set<string>();
  let prefix: string | undefined;
  for (const state of states) {
    if (target.kind === "pull") {
      const pull = findItem(state, target.ref).pull;
      if (pull) shas.add(pull.head.sha);
    } else {
      const branch = findRepo(state, target.repo)?.branches.find((candidate) => candidate.name === target.ref);
      if (branch) shas.add(branch.sha);
    }
  }
  if (target.kind === "ref" && shas.size === 0 && /^[0-9a-f]{4,40}$/i.test(target.ref)) prefix = target.ref.toLowerCase();
  return (repo, sha) => sameName(repo, repoName) && (shas.has(sha) || (prefix !== undefined && sha.toLowerCase().startsWith(prefix)));
}

/** Successful calls of `operations` aimed at the target (by `sha`/`head_sha`/`ref` argument). */
export function callsAt(
  input: CheckInput,
  ctx: CompileContext,
  target: Target,
  operations: string[],
  onTarget: (repo: string, sha: string) => boolean,
  /** The sha a call acts on when its arguments do not name one (an update by object id). */
  shaOf?: (call: RecordedCall) => string | undefined,
): RecordedCall[] {
  const repo = target.kind === "pull" ? target.ref.repo : target.repo;
  return githubCalls(input, ctx).filter((call) => {
    if (!operations.includes(call.operation ?? "") || !callTouches(call, repo)) return false;
    if (target.kind === "scope") return true;
    const args = argsOf(call);
    const sha = String(args.sha ?? args.head_sha ?? args.headSha ?? args.ref ?? shaOf?.(call) ?? "");
    const callRepo = typeof args.owner === "string" && typeof args.repo === "string" ? `${args.owner}/${args.repo}` : (repo ?? "");
    return onTarget(callRepo, sha) || (target.kind === "ref" && sha === target.ref);
  });
}

export const failedCalls = (calls: RecordedCall[]) => calls.filter((call) => !succeeded(call));

export function bothStates(input: CheckInput, ctx: CompileContext): GitHubSnapshot[] {
  return [stateOf(input, "initial", ctx.twin), stateOf(input, "final", ctx.twin)];
}

export type StatusState = "success" | "failure" | "error" | "pending";

/** Bare status words; a quoted value is read as a state when it is one, else as a context. */
export const STATUS_STATE_SOURCE = "success|successful|succeeded|passing|passed|green|failure|failing|failed|red|error|errored|pending";

export function statusStateOf(text: string): StatusState | undefined {
  const word = text.trim().toLowerCase();
  if (/^(success|successful|succeeded|passing|passed|green)$/.test(word)) return "success";
  if (/^(failure|failing|failed|red)$/.test(word)) return "failure";
  if (/^(error|errored)$/.test(word)) return "error";
  if (word === "pending") return "pending";
  return undefined;
}

export type Conclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "timed_out" | "action_required" | "stale";

export const CONCLUSION_SOURCE =
  "success|successful|succeeded|passing|passed|green|failure|failing|failed|red|neutral|cancelled|canceled|skipped|timed out|timed_out|action required|action_required|stale";

export function conclusionOf(text: string): Conclusion | undefined {
  const word = text.trim().toLowerCase().replace(/[\s-]+/g, "_");
  const state = statusStateOf(word);
  if (state === "success" || state === "failure") return state;
  if (word === "canceled") return "cancelled";
  const known: Conclusion[] = ["neutral", "cancelled", "skipped", "timed_out", "action_required", "stale"];
  return known.find((conclusion) => conclusion === word);
}

export function requireStatusState(text: string): StatusState {
  const state = statusStateOf(text);
  if (!state) throw new PhraseError(`\`${text}\` is not a commit status state (success, failure, error, pending)`);
  return state;
}
