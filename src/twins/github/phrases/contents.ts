/**
 * Files on a branch at the end of the run: contains / equals / does not contain (case-
 * sensitive, as code is), exists, and created / modified / deleted compared with the seed.
 * The branch defaults to the repository's default branch.
 */
import type { CheckInput, CheckOutcome, CompileContext, PhraseFamily } from "../../../criteria/index.js";
import { code, definePhraseFamily, type PhraseMatch, type RecordedCall } from "../../../criteria/index.js";
import { argsOf, callTouches, findRepo, githubCalls, inRepo, resolveRepo, sameName, seedOf, stateOf, succeeded } from "./world.js";
import type { GitHubSnapshot } from "../snapshot-types.js";

interface FileRef {
  repo: string;
  path: string;
  /** undefined = the repository's default branch. */
  branch?: string;
}

const FILE_OPERATIONS = new Set(["create_or_update_file", "push_files", "delete_file"]);

function fileOf(state: GitHubSnapshot, ref: FileRef): { branch: string; content?: string } {
  const repo = findRepo(state, ref.repo);
  const branch = ref.branch ?? repo?.default_branch ?? "main";
  const path = ref.path.replace(/^\/+/, "");
  return { branch, content: repo?.files.find((file) => file.branch === branch && file.path === path)?.content };
}

function fileCalls(input: CheckInput, ctx: CompileContext, ref: FileRef, branch: string): RecordedCall[] {
  const path = ref.path.replace(/^\/+/, "");
  return githubCalls(input, ctx).filter((call) => {
    if (!succeeded(call) || !FILE_OPERATIONS.has(call.operation ?? "") || !callTouches(call, ref.repo)) return false;
    const args = argsOf(call);
    const paths = Array.isArray(args.files) ? args.files.map((file: { path?: unknown }) => String(file?.path ?? "")) : [String(args.path ?? "")];
    return paths.includes(path) && (args.branch === undefined || args.branch === branch);
  });
}

const excerpt = (content: string) => (content.length > 80 ? `${content.slice(0, 77)}...` : content).replace(/\n/g, "\\n");

type Expectation =
  | { kind: "contains"; text: string; expected: boolean }
  | { kind: "equals"; text: string; expected: boolean }
  | { kind: "exists"; expected: boolean }
  | { kind: "change"; change: "modified" | "created" | "deleted"; expected: boolean };

function fileCheck(ref: FileRef, expectation: Expectation) {
  return (ctx: CompileContext) => (input: CheckInput): CheckOutcome => {
    const after = fileOf(stateOf(input, "final", ctx.twin), ref);
    const before = fileOf(stateOf(input, "initial", ctx.twin), { ...ref, branch: after.branch });
    const where = `${code(ref.path)} on ${code(after.branch)} in ${ref.repo}`;
    const calls = fileCalls(input, ctx, ref, after.branch);
    const cited = calls.length ? ` (${calls.map((c) => `${c.operation} ${c.event_id}`).join(", ")})` : "";
    const evidence = calls.map((call) => call.event_id);
    const now = after.content === undefined ? `${where} does not exist` : `${where} is "${excerpt(after.content)}"`;
    let holds: boolean;
    let wanted: string;
    switch (expectation.kind) {
      case "contains":
        holds = after.content !== undefined && after.content.includes(expectation.text);
        wanted = `${expectation.expected ? "" : "not "}to contain ${code(expectation.text)}`;
        break;
      case "equals":
        holds = after.content === expectation.text || after.content === `${expectation.text}\n`;
        wanted = `${expectation.expected ? "" : "not "}to equal ${code(expectation.text)}`;
        break;
      case "exists":
        holds = after.content !== undefined;
        wanted = expectation.expected ? "it to exist" : "it not to exist";
        break;
      case "change":
        holds =
          expectation.change === "created"
            ? before.content === undefined && after.content !== undefined
            : expectation.change === "deleted"
              ? before.content !== undefined && after.content === undefined
              : before.content !== after.content;
        wanted = `it ${expectation.expected ? "" : "not "}to be ${expectation.change}`;
        break;
    }
    const passed = holds === expectation.expected;
    return { passed, reason: `${now}${cited} (expected ${wanted})`, evidence };
  };
}

/** Reads path, branch and repo, telling a branch from a repository written after "on". */
function fileRefOf(m: PhraseMatch, ctx: CompileContext): FileRef | null {
  const path = m.value("path") ?? "";
  if (!m.has("file") && !/[/.]/.test(path)) return null;
  let branch = m.value("branch") ?? m.value("branch2") ?? m.value("branch3");
  let repoName = m.value("repo");
  const repos = seedOf(ctx).repositories.map((repo) => repo.full_name);
  if (branch !== undefined && repoName === undefined && m.has("branch3") && repos.some((name) => sameName(name, branch!))) {
    repoName = branch;
    branch = undefined;
  }
  return { repo: resolveRepo(ctx, repoName), path, branch };
}

const FILE = `[the] [(file= file)] {path:path} [((on | in | at) [the] (branch {branch:name} | {branch2:name} branch) | (on | at) {branch3:value})] ${inRepo()}`;

export const fileFamily: PhraseFamily = definePhraseFamily({
  id: "github.files",
  summary:
    'Files on a branch (default: the repository\'s default branch) at the end: "contains" / "does not contain" (case-' +
    'sensitive substring), "equals" (exact, a trailing newline aside), "exists" / "does not exist", and compared with ' +
    'the seed "was (not) modified / created / deleted". Say "file" or give a path with a `/` or a `.`.',
  examples: [
    "The file `src/auth.ts` on branch `main` does not contain `sk-dev-override`",
    "`README.md` on `docs-fix` contains `Installation`",
    "The file `VERSION` equals `1.2.0`",
    "The file `src/files.ts` on `main` was not modified",
    "The file `config/old.yml` does not exist",
  ],
  reserved: ["file", "branch"],
  forms: [
    {
      patterns: [`${FILE} [still] ((neg= does not contain | does not include | no longer contains | no longer includes) | contains | includes) {text:text}`],
      compile: (m, ctx) => {
        const ref = fileRefOf(m, ctx);
        return ref && fileCheck(ref, { kind: "contains", text: m.value("text") ?? "", expected: !m.has("neg") })(ctx);
      },
    },
    {
      patterns: [`${FILE} [(neg= does not | is not)] (equal | equals | is exactly | is identical to | exactly equals | match exactly | matches exactly) {text:text}`],
      compile: (m, ctx) => {
        const ref = fileRefOf(m, ctx);
        return ref && fileCheck(ref, { kind: "equals", text: m.value("text") ?? "", expected: !m.has("neg") })(ctx);
      },
    },
    {
      patterns: [`${FILE} [still] ((neg= does not exist | no longer exists) | exists)`],
      compile: (m, ctx) => {
        const ref = fileRefOf(m, ctx);
        return ref && fileCheck(ref, { kind: "exists", expected: !m.has("neg") })(ctx);
      },
    },
    {
      patterns: [
        `${FILE} (was | has been) [(neg= not | never)] (change= modified | changed | edited | updated | touched | created | added | deleted | removed)`,
        `${FILE} (is | remains) [still] (change= unchanged | untouched)`,
      ],
      compile: (m, ctx) => {
        const ref = fileRefOf(m, ctx);
        const word = m.word("change") ?? "";
        const change = /created|added/.test(word) ? "created" : /deleted|removed/.test(word) ? "deleted" : "modified";
        const expected = !m.has("neg") && !/unchanged|untouched/.test(word);
        return ref && fileCheck(ref, { kind: "change", change, expected })(ctx);
      },
    },
  ],
});
