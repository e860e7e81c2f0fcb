/**
 * GitHub's length limits on what people write, and its 422 "Validation Failed" answers
 * when one is broken. The numbers and wording are GitHub's as its API reports them:
 * `{"resource":"Issue","code":"custom","field":"body","message":"body is too long (maximum is 65536 characters)"}`
 * for an issue or pull request body; a label name over 50 characters is refused (with the
 * whole issue that would have created it); an issue title over 256; a release body over
 * 125,000. An issue comment is measured in bytes: GitHub takes up to 262,144 bytes of
 * UTF-8 (65,536 four-byte characters) and refuses more with
 * `{"resource":"IssueComment","code":"unprocessable","field":"data","message":"Body is too long (maximum is 65536 characters)"}`.
 * Limits on characters count code points, as Ruby does, not UTF-16 units.
 */
import { unprocessable } from "../engine/operation.js";
import { type FieldError, validationFailed } from "./errors.js";

export const LIMITS = {
  issueTitle: 256,
  issueBody: 65_536,
  labelName: 50,
  labelDescription: 100,
  commentBytes: 262_144,
  reviewCommentBody: 65_536,
  releaseBody: 125_000,
} as const;

/** Characters as Ruby counts them; a string no longer than `limit` UTF-16 units is within it. */
function longerThan(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let count = 0;
  for (const _ of text) if (++count > limit) return true;
  return false;
}

const tooLong = (resource: string, field: string, limit: number): FieldError => ({
  resource,
  code: "custom",
  field,
  message: `${field} is too long (maximum is ${limit} characters)`,
});

function refuse(errors: FieldError[], docs: string): void {
  if (errors.length > 0) throw unprocessable("Validation Failed", validationFailed(errors, docs));
}

/**
 * An issue's or pull request's title and body (both live on the issue, hence `Issue`): a
 * blank title is `missing_field`. `undefined` means the request leaves the field alone.
 */
export function checkIssueText(text: { title?: string | null; body?: string | null }, docs: string): void {
  const errors: FieldError[] = [];
  if (typeof text.title === "string") {
    if (text.title.trim() === "") errors.push({ resource: "Issue", code: "missing_field", field: "title" });
    else if (longerThan(text.title, LIMITS.issueTitle)) errors.push(tooLong("Issue", "title", LIMITS.issueTitle));
  }
  if (typeof text.body === "string" && longerThan(text.body, LIMITS.issueBody)) errors.push(tooLong("Issue", "body", LIMITS.issueBody));
  refuse(errors, docs);
}

/** Label names (created explicitly or by naming them on an issue) and descriptions. */
export function checkLabel(label: { name?: string; description?: string | null }, docs: string): void {
  const errors: FieldError[] = [];
  if (label.name !== undefined && longerThan(label.name, LIMITS.labelName)) errors.push(tooLong("Label", "name", LIMITS.labelName));
  if (typeof label.description === "string" && longerThan(label.description, LIMITS.labelDescription)) {
    errors.push(tooLong("Label", "description", LIMITS.labelDescription));
  }
  refuse(errors, docs);
}

export function checkIssueCommentBody(body: string, docs: string): void {
  if (Buffer.byteLength(body, "utf8") > LIMITS.commentBytes) {
    refuse([{ resource: "IssueComment", code: "unprocessable", field: "data", message: `Body is too long (maximum is ${LIMITS.issueBody} characters)` }], docs);
  }
}

export function checkReviewCommentBody(body: string, docs: string): void {
  if (longerThan(body, LIMITS.reviewCommentBody)) refuse([tooLong("PullRequestReviewComment", "body", LIMITS.reviewCommentBody)], docs);
}

export function checkReleaseBody(body: string | null | undefined, docs: string): void {
  if (typeof body === "string" && longerThan(body, LIMITS.releaseBody)) refuse([tooLong("Release", "body", LIMITS.releaseBody)], docs);
}
