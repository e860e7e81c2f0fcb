/**
 * Pull request reviews by state and reviewer. "has … review" reads every review on the PR
 * at the end (seeded ones included); "… was submitted" and "the agent approved" count only
 * reviews created during the run.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, noneAtAll, PhraseError, type PhraseMatch, type Quantity } from "../../../criteria/index.js";
import { callTouches, describeItem, findItem, githubCalls, ITEM, itemOf, type ItemRef, PULL, sameName, stateOf, succeeded } from "./world.js";
import type { SnapshotReview } from "../snapshot-types.js";

type ReviewState = SnapshotReview["state"];

const REVIEW_STATE_SOURCE =
  "approved|approving|approval|request-changes|request changes|requesting changes|changes requested|changes-requested|changes_requested|refusal|rejecting|commented|commenting|comment|«q\\d+»";

function reviewStateOf(text: string): ReviewState {
  const words = text.trim().toLowerCase().replace(/[-_\s]+/g, " ");
  if (/^approv/.test(words)) return "APPROVED";
  if (/changes|refusal|reject/.test(words)) return "CHANGES_REQUESTED";
  if (/^comment/.test(words)) return "COMMENTED";
  if (words === "dismissed") return "DISMISSED";
  if (words === "pending") return "PENDING";
  throw new PhraseError(`${code(text)} is not a review state (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING)`);
}

interface ReviewQuery {
  state?: ReviewState;
  reviewer?: string;
  /** Only reviews created during the run. */
  newOnly: boolean;
  quantity: Quantity;
}

function reviews(ref: ItemRef, query: ReviewQuery) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const found = findItem(stateOf(input, "final", ctx.twin), ref);
    const item = describeItem({ ...ref, noun: "pull request" }, found);
    const calls = githubCalls(input, ctx).filter(
      (call) => succeeded(call) && /review/.test(call.operation ?? "") && call.state_mutation && callTouches(call, ref.repo, ref.number),
    );
    const evidence = calls.map((call) => call.event_id);
    if (!found.pull) return { passed: query.quantity.test(0), reason: `${item} does not exist, so it has no reviews`, evidence };
    const seeded = new Set(findItem(stateOf(input, "initial", ctx.twin), ref).pull?.reviews.map((review) => review.id) ?? []);
    const matching = found.pull.reviews.filter(
      (review) =>
        (!query.newOnly || !seeded.has(review.id)) &&
        (!query.state || review.state === query.state) &&
        (!query.reviewer || sameName(review.user.login, query.reviewer)),
    );
    const kind = `${query.state ? `${query.state} ` : ""}review(s)${query.reviewer ? ` by ${query.reviewer}` : ""}${query.newOnly ? " submitted during the run" : ""}`;
    const all = found.pull.reviews.map((review) => `${review.state} by ${review.user.login}`).join(", ") || "none";
    return {
      passed: query.quantity.test(matching.length),
      reason: `${item} has ${matching.length} ${kind} (expected ${query.quantity.describe}; reviews: ${all})${calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : ""}`,
      evidence,
    };
  };
}

const stateIn = (m: PhraseMatch) => (m.has("state") ? reviewStateOf(m.value("state") ?? "") : undefined);
const REVIEW = "(review | reviews)";
const BY = "[(by | from) {who:name}]";

export const reviewFamily: PhraseFamily = definePhraseFamily({
  id: "github.reviews",
  summary:
    'Reviews on a pull request, by state (approved, request-changes / `CHANGES_REQUESTED` / refusal, commented) and ' +
    'reviewer: "has a request-changes review", "has no approving review by `dave`", "was approved by `alice`", ' +
    '"`alice` approved PR #1". "has"/"was approved" read every review at the end (seeded ones included); "no review was ' +
    'submitted on PR #1" and "the agent approved PR #1" count only reviews created during the run.',
  examples: [
    "Pull request #2 in `acme/api` has a request-changes review",
    "PR #1 has a `CHANGES_REQUESTED` review",
    "PR #1 was approved by `alice`",
    "PR #2 has no approving review by `pome-agent`",
    "No review was submitted on PR #1",
    "The agent did not approve PR #2",
  ],
  reserved: ["review", "reviews", "agent", "approval", "approvals"],
  slots: { rstate: REVIEW_STATE_SOURCE },
  forms: [
    {
      patterns: [
        `${ITEM} ((has | received | got) | (neg= does not have | has no | did not receive | lacks)) [(a | an | any | the)] [{state:rstate}] ${REVIEW} ${BY}`,
      ],
      compile: (m, ctx) =>
        reviews(itemOf(m, ctx), { state: stateIn(m), reviewer: m.value("who"), newOnly: false, quantity: m.has("neg") ? noneAtAll : atLeastOne })(ctx),
    },
    {
      patterns: [`${ITEM} ((has | received | got) | (neg= does not have | has no | did not receive | lacks)) [(a | an | any | the)] (approval | approvals) ${BY}`],
      compile: (m, ctx) =>
        reviews(itemOf(m, ctx), { state: "APPROVED", reviewer: m.value("who"), newOnly: false, quantity: m.has("neg") ? noneAtAll : atLeastOne })(ctx),
    },
    {
      patterns: [`${ITEM} (has | received | got) {n:count} [{state:rstate}] ${REVIEW} ${BY}`],
      compile: (m, ctx) =>
        reviews(itemOf(m, ctx), { state: stateIn(m), reviewer: m.value("who"), newOnly: false, quantity: m.quantity("n", atLeastOne) })(ctx),
    },
    {
      patterns: [`${PULL} (was | has been) [(neg= not | never)] approved [by {who:name}]`],
      compile: (m, ctx) =>
        reviews(itemOf(m, ctx), { state: "APPROVED", reviewer: m.value("who"), newOnly: false, quantity: m.has("neg") ? noneAtAll : atLeastOne })(ctx),
    },
    {
      patterns: [
        `{who:name} [(neg= did not | never)] (verb= approve | approved | request changes on | requested changes on | review | reviewed) ${PULL}`,
      ],
      compile: (m, ctx) => reviewBy(m, ctx, false),
    },
    {
      patterns: [
        `the agent [(neg= did not | never)] (verb= approve | approved | request changes on | requested changes on | review | reviewed) ${PULL}`,
      ],
      compile: (m, ctx) => reviewBy(m, ctx, true),
    },
    {
      patterns: [`{n:count} [{state:rstate}] ${REVIEW} ${BY} (was | were | has been | have been) (submitted | left | posted | created) (on | for | to) ${PULL}`],
      compile: (m, ctx) =>
        reviews(itemOf(m, ctx), { state: stateIn(m), reviewer: m.value("who"), newOnly: true, quantity: m.quantity("n", atLeastOne) })(ctx),
    },
  ],
});

function reviewBy(m: PhraseMatch, ctx: CompileContext, newOnly: boolean) {
  const verb = m.word("verb") ?? "";
  const state: ReviewState | undefined = /approve/.test(verb) ? "APPROVED" : /changes/.test(verb) ? "CHANGES_REQUESTED" : undefined;
  return reviews(itemOf(m, ctx), {
    state,
    reviewer: newOnly ? undefined : m.value("who"),
    newOnly,
    quantity: m.has("neg") ? noneAtAll : atLeastOne,
  })(ctx);
}
