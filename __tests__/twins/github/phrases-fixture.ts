/**
 * Hand-made GitHub snapshots and recorded calls for the phrase-catalog tests: small
 * builders with GitHub's field names, so each test states only what it is about.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../src/criteria/index.js";
import type { RecordedCall } from "../../../src/criteria/index.js";
import { githubPhrases } from "../../../src/twins/github/phrases/index.js";
import { githubTwin } from "../../../src/twins/github/index.js";
import type {
  GitHubSnapshot,
  SnapshotCheckRun,
  SnapshotComment,
  SnapshotIssue,
  SnapshotPullRequest,
  SnapshotRepository,
  SnapshotReview,
  SnapshotStatus,
} from "../../../src/twins/github/snapshot-types.js";

/** The operation names of the GitHub twin's table, as the scenario parser hands them over. */
export const OPERATION_NAMES = githubTwin.operations.map((operation) => operation.name);

const TS = "2026-01-01T09:00:00Z";

export function label(name: string) {
  return { name, color: "ededed", description: null };
}

export function comment(id: number, body: string, login = "pome-agent"): SnapshotComment {
  return { id, body, user: { login }, created_at: TS, updated_at: TS };
}

export function issue(number: number, over: Partial<SnapshotIssue> & { labelNames?: string[]; assigneeLogins?: string[] } = {}): SnapshotIssue {
  const { labelNames = [], assigneeLogins = [], ...rest } = over;
  return {
    number,
    title: `Issue ${number}`,
    body: "",
    state: "open",
    state_reason: null,
    locked: false,
    user: { login: "alice" },
    labels: labelNames.map(label),
    assignee: assigneeLogins[0] ? { login: assigneeLogins[0] } : null,
    assignees: assigneeLogins.map((login) => ({ login })),
    comments: [],
    created_at: TS,
    updated_at: TS,
    closed_at: null,
    ...rest,
  };
}

export function review(id: number, state: SnapshotReview["state"], login: string): SnapshotReview {
  return { id, user: { login }, state, body: "", commit_id: "head1", submitted_at: TS };
}

export function pull(number: number, over: Partial<SnapshotPullRequest> = {}): SnapshotPullRequest {
  return {
    number,
    title: `PR ${number}`,
    body: "",
    state: "open",
    draft: false,
    merged: false,
    merged_at: null,
    merged_by: null,
    merge_commit_sha: null,
    user: { login: "dave" },
    head: { ref: `feature-${number}`, sha: `head${number}`, label: `acme:feature-${number}` },
    base: { ref: "main", sha: "base0" },
    labels: [],
    assignees: [],
    requested_reviewers: [],
    reviews: [],
    comments: [],
    review_comments: [],
    created_at: TS,
    updated_at: TS,
    closed_at: null,
    ...over,
  };
}

export function status(id: number, sha: string, state: SnapshotStatus["state"], context = "ci/test"): SnapshotStatus {
  return { id, sha, context, state, description: null, target_url: null, creator: { login: "pome-agent" }, created_at: TS };
}

export function checkRun(id: number, headSha: string, name: string, conclusion: string | null): SnapshotCheckRun {
  return {
    id,
    name,
    head_sha: headSha,
    status: conclusion ? "completed" : "in_progress",
    conclusion,
    output: { title: null, summary: null, text: null, annotations_count: 0 },
    annotations: [],
    started_at: TS,
    completed_at: conclusion ? TS : null,
  };
}

export function repo(fullName: string, over: Partial<SnapshotRepository> = {}): SnapshotRepository {
  const [owner, name] = fullName.split("/");
  return {
    id: 1,
    full_name: fullName,
    owner: { login: owner },
    name,
    description: null,
    private: false,
    default_branch: "main",
    collaborators: [{ login: "alice", permission: "push" }, { login: "pome-agent", permission: "push" }],
    labels: ["bug", "feature", "question"].map(label),
    branches: [{ name: "main", sha: "main1", protected: false, protection: null }],
    files: [],
    issues: [],
    pull_requests: [],
    statuses: [],
    check_runs: [],
    ...over,
  };
}

export function world(...repositories: SnapshotRepository[]): GitHubSnapshot {
  return { users: [{ login: "alice", id: 1, type: "User", name: "Alice" }], repositories };
}

/** A deep copy to mutate into the final state. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

let nextEvent = 1;

/** A recorded, successful (unless `status` says otherwise) call of the GitHub twin. */
export function call(operation: string | null, args: Record<string, unknown>, over: Partial<RecordedCall> = {}): RecordedCall {
  const id = `evt_${String(nextEvent++).padStart(3, "0")}`;
  return {
    event_id: id,
    twin: "github",
    transport: "rest",
    operation,
    args,
    method: "POST",
    path: "/repos/acme/api/…",
    query: {},
    request_headers: {},
    request_body: args,
    status: 200,
    response_body: {},
    latency_ms: 1,
    fidelity: operation === null ? "unsupported" : "semantic",
    state_mutation: operation !== null && !/^(get|list)_/.test(operation),
    idempotent_replay: false,
    preflight: false,
    error: null,
    ...over,
  };
}

export function ctxOf(initial: GitHubSnapshot): CompileContext {
  return { twin: "github", operations: OPERATION_NAMES, initial, identityKeys: githubTwin.identityKeys };
}

/** Compile with the whole catalog, as the scenario parser does; throws on no match or a compile error. */
export function compile(text: string, initial: GitHubSnapshot, families: PhraseFamily[] = githubPhrases) {
  for (const family of families) {
    const result = family.compile(text, ctxOf(initial));
    if (result === null) continue;
    if (!result.ok) throw new Error(`${result.family}: ${result.error}`);
    return result;
  }
  throw new Error(`no family understood: ${text}`);
}

/** Compile `text` against `initial`, run it on `final` + `calls`. */
export function check(text: string, initial: GitHubSnapshot, final: GitHubSnapshot = initial, calls: RecordedCall[] = []): CheckOutcome {
  const input: CheckInput = { initial: { github: initial }, final: { github: final }, calls, events: [] };
  return compile(text, initial).predicate(input) as CheckOutcome;
}

/** What every family makes of a sentence: the ids of those that claim it (compiled or errored). */
export function claimants(text: string, initial: GitHubSnapshot): string[] {
  return githubPhrases.filter((family) => family.compile(text, ctxOf(initial)) !== null).map((family) => family.id);
}
