/**
 * The one place an `Issue` record is built: a new issue, the issue side of a new pull
 * request, and seeded issues and PRs. A field added to `Issue` then gets its starting value
 * everywhere at once, and the field order snapshots and determinism tests pin stays one.
 */
import type { IdSource } from "../engine/operation.js";
import { allocateId, type GitHubState, type Issue, type IssueComment, type IssueStateReason } from "./state.js";

/** What differs between new issue records; the rest starts open, unlocked and empty. */
export interface IssueFields {
  number: number;
  title: string;
  body: string | null;
  /** Author login. */
  user: string;
  /** True for the issue side of a pull request. */
  pull_request: boolean;
  /** Also the record's first `updated_at`. */
  created_at: string;
  state?: Issue["state"];
  state_reason?: IssueStateReason;
  locked?: boolean;
  labels?: string[];
  assignees?: string[];
  comments?: IssueComment[];
  closed_at?: string | null;
}

/** A new `Issue` record with a fresh id; the caller puts it into `repo.issues`. */
export function newIssueRecord(state: GitHubState, ids: IdSource, fields: IssueFields): Issue {
  return {
    id: allocateId(state, ids, "issue"),
    number: fields.number,
    title: fields.title,
    body: fields.body,
    state: fields.state ?? "open",
    state_reason: fields.state_reason ?? null,
    locked: fields.locked ?? false,
    active_lock_reason: null,
    user: fields.user,
    labels: fields.labels ?? [],
    assignees: fields.assignees ?? [],
    comments: fields.comments ?? [],
    pull_request: fields.pull_request,
    created_at: fields.created_at,
    updated_at: fields.created_at,
    closed_at: fields.closed_at ?? null,
    closed_by: null,
  };
}
