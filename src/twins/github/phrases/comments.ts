/**
 * Conversation comments on issues and PRs: how many were posted, containing what, by whom.
 * "Posted" counts comments created during the run, including ones deleted before the end
 * (a successful `add_issue_comment` call is a posted comment).
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, listing, noneAtAll, type PhraseMatch, type Quantity, type RecordedCall } from "../../../criteria/index.js";
import {
  argsOf,
  callTouches,
  describeItem,
  findItem,
  githubCalls,
  inRepo,
  ITEM,
  itemOf,
  type ItemRef,
  repoScope,
  repositoriesIn,
  sameName,
  stateOf,
  succeeded,
} from "./world.js";
import type { SnapshotComment } from "../snapshot-types.js";

interface CommentFilter {
  texts: string[];
  author?: string;
}

const contains = (body: string, text: string) => body.toLowerCase().includes(text.toLowerCase());
const matches = (comment: SnapshotComment, filter: CommentFilter) =>
  filter.texts.every((text) => contains(comment.body, text)) && (!filter.author || sameName(comment.user.login, filter.author.replace(/^@/, "")));

function describeFilter(filter: CommentFilter): string {
  const parts = [];
  if (filter.texts.length) parts.push(`containing ${listing(filter.texts.map((text) => code(text)))}`);
  if (filter.author) parts.push(`by ${filter.author}`);
  return parts.length ? ` ${parts.join(" ")}` : "";
}

/** Successful comment calls matching the filter's text (authors are only known from the state). */
function postingCalls(input: CheckInput, ctx: CompileContext, repo: string | undefined, number: number | undefined, filter: CommentFilter): RecordedCall[] {
  return githubCalls(input, ctx).filter(
    (call) =>
      succeeded(call) &&
      call.operation === "add_issue_comment" &&
      callTouches(call, repo, number) &&
      filter.texts.every((text) => contains(String(argsOf(call).body ?? ""), text)),
  );
}

interface Where {
  item?: ItemRef;
  /** Without an item: a repository, or undefined = every repository. */
  scope?: string;
}

function comments(where: Where, filter: CommentFilter, quantity: Quantity, newOnly: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const initial = stateOf(input, "initial", ctx.twin);
    const final = stateOf(input, "final", ctx.twin);
    const targets = where.item
      ? [{ ref: where.item, found: findItem(final, where.item) }]
      : repositoriesIn(final, where.scope).flatMap((repo) =>
          [...repo.issues, ...repo.pull_requests].map((entry) => {
            const ref: ItemRef = { repo: repo.full_name, number: entry.number, noun: undefined };
            return { ref, found: findItem(final, ref) };
          }),
        );
    const hits: string[] = [];
    let stateCount = 0;
    for (const { ref, found } of targets) {
      const seeded = new Set(findItem(initial, ref).common?.comments.map((comment) => comment.id) ?? []);
      for (const comment of found.common?.comments ?? []) {
        if ((newOnly && seeded.has(comment.id)) || !matches(comment, filter)) continue;
        stateCount++;
        hits.push(`${describeItem(ref, found)}: ${comment.user.login} "${comment.body.length > 60 ? `${comment.body.slice(0, 57)}...` : comment.body}"`);
      }
    }
    const calls = postingCalls(input, ctx, where.item?.repo ?? where.scope, where.item?.number, filter);
    // A posted-then-deleted comment is still posted; authors are only known from the state.
    const count = newOnly && !filter.author ? Math.max(stateCount, calls.length) : stateCount;
    const place = where.item ? describeItem(where.item, targets[0].found) : where.scope ?? "any repository";
    const what = `${count} ${newOnly ? "new " : ""}comment(s)${describeFilter(filter)} on ${place}`;
    const cited = calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : "";
    return {
      passed: quantity.test(count),
      reason: `${what}${hits.length ? `: ${hits.slice(0, 3).join("; ")}` : ""}${cited} (expected ${quantity.describe})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

const CONTAINING = "(containing | that contains | which contains | that include | that includes | including | mentioning | that mentions | saying | that says | with the text | with text)";
const FILTERS = `[${CONTAINING} {text:text}] [(by | from) {who:name}] [${CONTAINING} {text2:text}]`;
const COMMENT = "(comment | comments)";
const POSTED = "(was | were | has been | have been) (posted | added | left | made | created | written)";
const ANY_ITEM = "[(on | to) (any | an) (issue | issues | pr | prs | pull request | pull requests)]";

const filterOf = (m: PhraseMatch): CommentFilter => ({
  texts: [m.value("text"), m.value("text2")].filter((text): text is string => text !== undefined),
  author: m.value("who") ?? m.value("whoafter"),
});

export const commentFamily: PhraseFamily = definePhraseFamily({
  id: "github.comments",
  summary:
    'Conversation comments on an issue or PR: "a comment was posted on issue #1", "no comment was posted" (anywhere), ' +
    '"exactly one comment containing `duplicate` was posted on issue #3", "issue #1 has a new comment by `pome-agent`", ' +
    '"`alice` did not comment on PR #2". "Posted"/"new" count comments made during the run (a deleted one still counts); ' +
    '"issue #1 has 3 comments" counts all. Text matches case-insensitively.',
  examples: [
    "A comment was posted on issue #1",
    "No comment was posted",
    "Exactly one comment containing `duplicate` was posted on issue #3",
    "Issue #1 has a new comment by `pome-agent`",
    "No comment was posted on PR #2 in `acme/api`",
    "The agent commented on issue #1",
  ],
  reserved: ["comment", "comments", "agent", "new"],
  forms: [
    {
      patterns: [`{n:count} [new] ${COMMENT} ${FILTERS} ${POSTED} (on | to | in) ${ITEM} [(by | from) {whoafter:name}]`],
      compile: (m, ctx) => comments({ item: itemOf(m, ctx) }, filterOf(m), m.quantity("n", atLeastOne), true)(ctx),
    },
    {
      patterns: [`{n:count} [new] ${COMMENT} ${FILTERS} ${POSTED} ${ANY_ITEM} ${inRepo()}`],
      compile: (m, ctx) => comments({ scope: repoScope(ctx, m.value("repo")) }, filterOf(m), m.quantity("n", atLeastOne), true)(ctx),
    },
    {
      patterns: [`${ITEM} (has | received | got) {n:count} (new= new) ${COMMENT} ${FILTERS}`, `${ITEM} (received | got) {n:count} ${COMMENT} ${FILTERS}`],
      compile: (m, ctx) => comments({ item: itemOf(m, ctx) }, filterOf(m), m.quantity("n", atLeastOne), true)(ctx),
    },
    {
      patterns: [`${ITEM} has {n:count} ${COMMENT} ${FILTERS}`],
      compile: (m, ctx) => comments({ item: itemOf(m, ctx) }, filterOf(m), m.quantity("n", atLeastOne), false)(ctx),
    },
    {
      patterns: [`${ITEM} (did not receive | has not received | got no) [(any | a)] [new] ${COMMENT} ${FILTERS}`],
      compile: (m, ctx) => comments({ item: itemOf(m, ctx) }, filterOf(m), noneAtAll, true)(ctx),
    },
    {
      patterns: [
        `{who:name} [(neg= did not | never | has not)] (commented | comment | posted a comment | post a comment) on ${ITEM} [${CONTAINING} {text:text}]`,
        `the agent [(neg= did not | never | has not)] (commented | comment | posted a comment | post a comment) on ${ITEM} [${CONTAINING} {text:text}]`,
      ],
      compile: (m, ctx) => comments({ item: itemOf(m, ctx) }, filterOf(m), m.has("neg") ? noneAtAll : atLeastOne, true)(ctx),
    },
  ],
});
