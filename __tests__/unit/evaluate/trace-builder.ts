/** Hand-built run inputs with realistic twin calls, for judge and fix-prompt tests. */
import type { TraceEvent, TwinCall } from "../../../src/trace/index.js";
import type { CheckInput } from "../../../src/criteria/index.js";

type TwinHttpEvent = Extract<TraceEvent, { kind: "TwinHttpEvent" }>;

export function twinCall(seq: number, over: Partial<TwinCall> = {}): TwinHttpEvent {
  return {
    kind: "TwinHttpEvent",
    event_id: `evt_${String(seq).padStart(6, "0")}`,
    parent_id: null,
    ts: "2025-06-01T09:00:00.000Z",
    seq: seq - 1,
    run_id: "run_TEST",
    twin: "github",
    transport: "rest",
    operation: "get_issue",
    args: { owner: "acme", repo: "api", issue_number: 1 },
    method: "GET",
    path: "/repos/acme/api/issues/1",
    query: {},
    request_headers: {},
    request_body: null,
    status: 200,
    response_body: { number: 1, title: "Login returns 500" },
    latency_ms: 2,
    fidelity: "semantic",
    state_mutation: false,
    idempotent_replay: false,
    preflight: false,
    error: null,
    ...over,
  };
}

export const mergeCall = (seq: number) =>
  twinCall(seq, {
    operation: "merge_pull_request",
    method: "PUT",
    path: "/repos/acme/api/pulls/2/merge",
    args: { owner: "acme", repo: "api", pull_number: 2, merge_method: "merge" },
    request_body: { merge_method: "merge" },
    response_body: { merged: true, sha: "abc123" },
    state_mutation: true,
  });

export const labelCall = (seq: number, label = "bug") =>
  twinCall(seq, {
    operation: "add_issue_labels",
    method: "POST",
    path: "/repos/acme/api/issues/1/labels",
    args: { owner: "acme", repo: "api", issue_number: 1, labels: [label] },
    request_body: { labels: [label] },
    response_body: [{ name: label }],
    state_mutation: true,
  });

export const commentCall = (seq: number, body: string) =>
  twinCall(seq, {
    operation: "add_issue_comment",
    method: "POST",
    path: "/repos/acme/api/issues/1/comments",
    args: { owner: "acme", repo: "api", issue_number: 1, body },
    request_body: { body },
    response_body: { id: 1, body },
    state_mutation: true,
  });

/** A world with one issue and one PR; `final` merges the PR and labels the issue when asked. */
export function world(opts: { merged?: boolean; labels?: string[]; issueBody?: string } = {}) {
  const issue = (labels: string[]) => ({ number: 1, title: "Login returns 500", body: opts.issueBody ?? "SSO login fails.", state: "open", labels: labels.map((name) => ({ name })) });
  const pr = (merged: boolean) => ({ number: 2, title: "Tune redis", merged, state: merged ? "closed" : "open" });
  return {
    initial: { github: { repositories: [{ full_name: "acme/api", issues: [issue([])], pull_requests: [pr(false)] }] } },
    final: { github: { repositories: [{ full_name: "acme/api", issues: [issue(opts.labels ?? [])], pull_requests: [pr(opts.merged ?? false)] }] } },
  };
}

export function inputOf(events: TraceEvent[], states = world()): CheckInput {
  const calls = events.filter((e): e is TwinHttpEvent => e.kind === "TwinHttpEvent" && !e.preflight);
  return { ...states, calls, events };
}
