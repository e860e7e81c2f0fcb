/**
 * Branches: exists / does not exist at the end, created / deleted compared with the seed,
 * and how many new branches appeared.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { atLeastOne, code, definePhraseFamily, listing, type Quantity } from "../../../criteria/index.js";
import { argsOf, callTouches, findRepo, githubCalls, inRepo, repoScope, repositoriesIn, resolveRepo, stateOf, succeeded } from "./world.js";

const BRANCH_OPERATIONS = new Set(["create_branch", "delete_branch", "create_ref", "delete_ref", "update_ref"]);

function branchCalls(input: CheckInput, ctx: CompileContext, repo: string | undefined, name?: string) {
  return githubCalls(input, ctx).filter((call) => {
    if (!succeeded(call) || !BRANCH_OPERATIONS.has(call.operation ?? "") || !callTouches(call, repo)) return false;
    if (name === undefined) return true;
    const args = argsOf(call);
    const named = String(args.branch ?? args.ref ?? "").replace(/^refs\/heads\/|^heads\//, "");
    return named === name;
  });
}

const cite = (calls: { operation: string | null; event_id: string }[]) =>
  calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : "";

function branchNames(input: CheckInput, ctx: CompileContext, which: "initial" | "final", repo: string): string[] {
  return findRepo(stateOf(input, which, ctx.twin), repo)?.branches.map((branch) => branch.name) ?? [];
}

function branchState(repo: string, name: string, check: "exists" | "created" | "deleted", expected: boolean) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const before = branchNames(input, ctx, "initial", repo).includes(name);
    const after = branchNames(input, ctx, "final", repo).includes(name);
    const holds = check === "exists" ? after : check === "created" ? !before && after : before && !after;
    const calls = branchCalls(input, ctx, repo, name);
    const now = `branch ${code(name)} ${after ? "exists" : "does not exist"} in ${repo}${before === after ? "" : ` (it ${before ? "existed" : "did not exist"} before the run)`}`;
    return {
      passed: holds === expected,
      reason: `${now}${cite(calls)} (expected it ${expected ? "" : "not "}to ${check === "exists" ? "exist" : `be ${check}`})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

function countChanges(scope: string | undefined, change: "created" | "deleted", quantity: Quantity) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const changed: string[] = [];
    for (const repo of repositoriesIn(stateOf(input, change === "created" ? "final" : "initial", ctx.twin), scope)) {
      const other = branchNames(input, ctx, change === "created" ? "initial" : "final", repo.full_name);
      for (const branch of repo.branches) if (!other.includes(branch.name)) changed.push(scope ? code(branch.name) : `${code(branch.name)} in ${repo.full_name}`);
    }
    const calls = branchCalls(input, ctx, scope).filter((call) => call.operation?.startsWith(change === "created" ? "create" : "delete"));
    return {
      passed: quantity.test(changed.length),
      reason: `${changed.length} branch(es) ${change} in ${scope ?? "any repository"}${changed.length ? `: ${listing(changed)}` : ""}${cite(calls)} (expected ${quantity.describe})`,
      evidence: calls.map((call) => call.event_id),
    };
  };
}

const EXISTS = "[still] ((neg= does not exist | no longer exists) | exists)";
const CHANGED = "(was | has been) [(neg= not | never)] (change= created | deleted)";

export const branchFamily: PhraseFamily = definePhraseFamily({
  id: "github.branches",
  summary:
    'Branches: "branch `fix-login` exists" / "does not exist" at the end; "the `simplify-file-read` branch was (not) ' +
    'deleted / created" compared with the seed; "no new branches were created".',
  examples: [
    "Branch `fix-login` exists in `acme/api`",
    "The `simplify-file-read` branch was not deleted",
    "No new branches were created",
    "Branch `tmp` does not exist",
  ],
  reserved: ["branch", "branches", "new", "named", "called"],
  forms: [
    {
      patterns: [
        `[the] branch [(named | called)] {name:name} ${inRepo()} ${EXISTS}`,
        `[the] {name:name} branch ${inRepo()} ${EXISTS}`,
        `[the] branch [(named | called)] {name:name} ${EXISTS} ${inRepo()}`,
        `[the] {name:name} branch ${EXISTS} ${inRepo()}`,
      ],
      compile: (m, ctx) => branchState(resolveRepo(ctx, m.value("repo")), m.value("name") ?? "", "exists", !m.has("neg"))(ctx),
    },
    {
      patterns: [`[(the | a)] [new] branch [(named | called)] {name:name} ${inRepo()} ${CHANGED}`, `[the] {name:name} branch ${inRepo()} ${CHANGED}`],
      compile: (m, ctx) =>
        branchState(resolveRepo(ctx, m.value("repo")), m.value("name") ?? "", m.word("change") as "created" | "deleted", !m.has("neg"))(ctx),
    },
    {
      patterns: [`{n:count} [new] (branch | branches) (was | were | has been | have been) (change= created | deleted) ${inRepo()}`],
      compile: (m, ctx) =>
        countChanges(repoScope(ctx, m.value("repo")), m.word("change") as "created" | "deleted", m.quantity("n", atLeastOne))(ctx),
    },
  ],
});
