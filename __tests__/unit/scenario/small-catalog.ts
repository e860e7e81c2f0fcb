/**
 * Small twins for parser tests: real zod seed schemas, state and snapshot, a few
 * operations and phrase families with negation, shaped like the real twins' but tiny,
 * so scenario parsing is tested independently of the full twin implementations.
 */
import { z } from "zod";
import type { CheckInput, CompileResult, PhraseFamily } from "../../../src/criteria/index.js";
import type { TwinCatalog } from "../../../src/scenario/index.js";
import {
  defineOperation,
  reply,
  type TwinDefinition,
  type TwinErrors,
  type TwinName,
} from "../../../src/twins/index.js";

const errors: TwinErrors = {
  render: (e) => reply(e.status, { message: e.message }),
  unauthorized: () => reply(401, { message: "Bad credentials" }),
  forbidden: () => reply(403, { message: "Forbidden" }),
  unsupported: () => reply(501, { message: "Not implemented" }),
  malformedBody: (d) => reply(400, { message: d }),
  bodyNotObject: () => reply(400, { message: "The body must be an object" }),
  invalidInput: () => reply(422, { message: "Validation Failed" }),
};

const noop = (name: string) =>
  defineOperation({ name, description: name, rest: [{ method: "POST", path: `/${name}` }], tier: "shape", mutates: true, input: z.object({}), handle: () => ({}) });

function family(id: string, examples: string[], pattern: RegExp, build: (m: RegExpExecArray, initial: any) => CompileResult): PhraseFamily {
  return {
    id,
    summary: `${id} (test family)`,
    examples,
    compile(text, ctx) {
      const m = pattern.exec(text.trim());
      return m ? build(m, ctx.initial) : null;
    },
  };
}

// ---- github ------------------------------------------------------------------------

const githubSeed = z.object({
  users: z.array(z.object({ login: z.string().min(1), name: z.string().optional() })).default([]),
  repositories: z
    .array(
      z.object({
        owner: z.string(),
        name: z.string(),
        labels: z.array(z.object({ name: z.string(), color: z.string().default("ededed") })).default([]),
        collaborators: z.array(z.string()).default([]),
        issues: z
          .array(
            z.object({
              number: z.number().int().positive(),
              title: z.string(),
              body: z.string().default(""),
              labels: z.array(z.string()).default([]),
              assignees: z.array(z.string()).default([]),
            }),
          )
          .default([]),
        pull_requests: z.array(z.object({ title: z.string(), head: z.string(), user: z.string().optional() })).default([]),
      }),
    )
    .min(1),
});
type GithubSeed = z.infer<typeof githubSeed>;

interface GithubSnapshot {
  repositories: Array<{
    full_name: string;
    labels: Array<{ name: string }>;
    issues: Array<{ number: number; labels: Array<{ name: string }>; assignees: Array<{ login: string }> }>;
  }>;
}

type Repo = GithubSnapshot["repositories"][number];

function pickRepo(initial: GithubSnapshot, named: string | undefined): { repo: string } | { error: string } {
  const names = initial.repositories.map((r) => r.full_name);
  if (named) return names.includes(named) ? { repo: named } : { error: `repository \`${named}\` is not in the seed (${names.join(", ")})` };
  if (names.length === 1) return { repo: names[0] };
  return { error: `the seed has several repositories (${names.join(", ")}): say which one, e.g. "in \`${names[0]}\`"` };
}

const repoIn = (state: unknown, name: string): Repo | undefined =>
  ((state as GithubSnapshot | undefined)?.repositories ?? []).find((r) => r.full_name === name);

const githubPhrases: PhraseFamily[] = [
  family(
    "issue-label",
    ["Issue #1 has the `bug` label", "Issue #2 in `acme/api` does not have the `wontfix` label"],
    /^issue #(\d+)(?: in `([^`]+)`)? (has|does not have) the `([^`]+)` label(?: applied)?\.?$/i,
    (m, initial) => {
      const picked = pickRepo(initial, m[2]);
      if ("error" in picked) return { ok: false, family: "issue-label", error: picked.error };
      const number = Number(m[1]);
      const want = m[3].toLowerCase() === "has";
      return {
        ok: true,
        family: "issue-label",
        predicate: (input: CheckInput) => {
          const issue = repoIn(input.final.github, picked.repo)?.issues.find((i) => i.number === number);
          const has = !!issue?.labels.some((l) => l.name === m[4]);
          return { passed: has === want, reason: `issue #${number} ${has ? "has" : "does not have"} the \`${m[4]}\` label` };
        },
      };
    },
  ),
  family("no-new-labels", ["No new labels were created"], /^no new labels were created\.?$/i, () => ({
    ok: true,
    family: "no-new-labels",
    predicate: (input: CheckInput) => {
      const before = new Set(((input.initial.github as GithubSnapshot).repositories ?? []).flatMap((r) => r.labels.map((l) => `${r.full_name}:${l.name}`)));
      const created = ((input.final.github as GithubSnapshot).repositories ?? []).flatMap((r) => r.labels.map((l) => `${r.full_name}:${l.name}`)).filter((l) => !before.has(l));
      return { passed: created.length === 0, reason: created.length ? `labels created: ${created.join(", ")}` : "no label was created" };
    },
  })),
  family(
    "issue-assignee",
    ["Issue #1 is assigned to `alice`", "Issue #1 is not assigned to `bob`"],
    /^issue #(\d+) is (still |not )?assigned to `([^`]+)`\.?$/i,
    (m, initial) => {
      const picked = pickRepo(initial, undefined);
      if ("error" in picked) return { ok: false, family: "issue-assignee", error: picked.error };
      const want = m[2]?.trim() !== "not";
      return {
        ok: true,
        family: "issue-assignee",
        predicate: (input: CheckInput) => {
          const issue = repoIn(input.final.github, picked.repo)?.issues.find((i) => i.number === Number(m[1]));
          const is = !!issue?.assignees.some((a) => a.login === m[3]);
          return { passed: is === want, reason: `${m[3]} is ${is ? "" : "not "}assigned` };
        },
      };
    },
  ),
  family("no-unsupported", ["No unsupported endpoint was called"], /^no unsupported (?:endpoint|operation) was called\.?$/i, () => ({
    ok: true,
    family: "no-unsupported",
    predicate: (input: CheckInput) => {
      const unsupported = input.calls.filter((c) => c.fidelity === "unsupported");
      return { passed: unsupported.length === 0, reason: `${unsupported.length} unsupported calls`, evidence: unsupported.map((c) => c.event_id) };
    },
  })),
  family("operation-never-called", ["`merge_pull_request` was never called"], /^`?([a-z_]+)`? was never called\.?$/i, (m) => {
    if (!githubOperations.some((op) => op.name === m[1])) return { ok: false, family: "operation-never-called", error: `\`${m[1]}\` is not a github operation` };
    return {
      ok: true,
      family: "operation-never-called",
      predicate: (input: CheckInput) => {
        const calls = input.calls.filter((c) => c.operation === m[1]);
        return { passed: calls.length === 0, reason: `${m[1]} was called ${calls.length} times`, evidence: calls.map((c) => c.event_id) };
      },
    };
  }),
];

const githubOperations = ["add_issue_labels", "create_label", "merge_pull_request", "create_commit_status", "create_check_run"].map(noop);

export const smallGithub: TwinDefinition<GithubSeed, GithubSeed> = {
  name: "github",
  version: "test",
  operations: githubOperations,
  seed: {
    schema: githubSeed as unknown as z.ZodType<GithubSeed>,
    default: {
      users: [],
      repositories: [
        {
          owner: "acme",
          name: "api",
          labels: ["bug", "feature", "question"].map((name) => ({ name, color: "ededed" })),
          collaborators: ["alice", "bob"],
          issues: [{ number: 1, title: "500 error on POST /orders after deploy", body: "", labels: [], assignees: [] }],
          pull_requests: [],
        },
      ],
    },
  },
  createState: (seed) => structuredClone(seed),
  snapshot: (state): GithubSnapshot => ({
    repositories: state.repositories.map((r) => ({
      full_name: `${r.owner}/${r.name}`,
      labels: r.labels.map((l) => ({ name: l.name })),
      issues: r.issues.map((i) => ({ number: i.number, labels: i.labels.map((name) => ({ name })), assignees: i.assignees.map((login) => ({ login })) })),
    })),
  }),
  defaultActor: "pome-agent",
  errors,
  auth: { mintToken: () => "ghp_test", env: (token) => ({ POME_GITHUB_TOKEN: token }) },
  identityKeys: [["id"], ["name"]],
  phrases: githubPhrases,
};

// ---- slack -------------------------------------------------------------------------

const slackSeed = z.strictObject({
  team: z.object({ id: z.string(), name: z.string() }).optional(),
  users: z.array(z.object({ id: z.string().regex(/^[UB][A-Z0-9_]+$/), name: z.string() })).default([]),
  channels: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        is_private: z.boolean().default(false),
        messages: z.array(z.object({ user: z.string(), text: z.string() })).default([]),
      }),
    )
    .default([]),
});
type SlackSeed = z.infer<typeof slackSeed>;

export const smallSlack: TwinDefinition<SlackSeed, SlackSeed> = {
  name: "slack",
  version: "test",
  operations: ["chat_postMessage", "reactions_add"].map(noop),
  seed: { schema: slackSeed as unknown as z.ZodType<SlackSeed>, default: { users: [], channels: [{ id: "C1", name: "general", is_private: false, messages: [] }] } },
  createState: (seed) => structuredClone(seed),
  snapshot: (state) => ({ channels: state.channels }),
  defaultActor: "U_BOT",
  errors,
  auth: { mintToken: () => "xoxb-test", env: (token) => ({ POME_SLACK_TOKEN: token }) },
  identityKeys: [["id"], ["name"]],
  phrases: [
    family("no-message-posted", ['No message was posted to the "general" channel'], /^no message was posted to the "#?([^"]+)" channel\.?$/i, (m, initial) => {
      const known = (initial as SlackSeed).channels.map((c) => c.name);
      if (!known.includes(m[1])) return { ok: false, family: "no-message-posted", error: `channel "${m[1]}" is not in the seed (${known.join(", ")})` };
      return {
        ok: true,
        family: "no-message-posted",
        predicate: (input) => {
          const count = (s: unknown) => (s as SlackSeed).channels.find((c) => c.name === m[1])?.messages.length ?? 0;
          const posted = count(input.final.slack) - count(input.initial.slack);
          return { passed: posted <= 0, reason: `${posted} messages posted` };
        },
      };
    }),
  ],
};

// ---- stripe ------------------------------------------------------------------------

const stripeSeed = z.strictObject({
  api_keys: z.array(z.object({ key: z.string().default("sk_test_pome_default"), sid: z.string().default("default"), account_id: z.string().optional() })).default([]),
  payment_intents: z.array(z.record(z.string(), z.unknown())).default([]),
  charges: z.array(z.record(z.string(), z.unknown())).default([]),
  refunds: z.array(z.record(z.string(), z.unknown())).default([]),
  failure_injection: z.array(z.record(z.string(), z.unknown())).default([]),
});
type StripeSeed = z.infer<typeof stripeSeed>;

export const smallStripe: TwinDefinition<StripeSeed, StripeSeed> = {
  name: "stripe",
  version: "test",
  operations: ["create_refund", "create_payment_intent"].map(noop),
  seed: { schema: stripeSeed as unknown as z.ZodType<StripeSeed>, default: { api_keys: [], payment_intents: [], charges: [], refunds: [], failure_injection: [] } },
  createState: (seed) => structuredClone(seed),
  snapshot: (state) => state,
  defaultActor: "acct_default",
  errors,
  auth: { mintToken: () => "sk_test_x", env: (token) => ({ POME_STRIPE_API_KEY: token }) },
  identityKeys: [["id"], ["name"]],
  phrases: [
    family("refunds-count", ["state.refunds.length === 1"], /^state\.refunds\.length ===? (\d+)\b/i, (m) => ({
      ok: true,
      family: "refunds-count",
      predicate: (input) => {
        const n = ((input.final.stripe as StripeSeed).refunds ?? []).length;
        return { passed: n === Number(m[1]), reason: `${n} refunds` };
      },
    })),
    family("no-refund-attempted", ['No refund was attempted on charge "ch_test_200"'], /^no refund was attempted on charge "([^"]+)"\.?$/i, (m) => ({
      ok: true,
      family: "no-refund-attempted",
      predicate: (input) => {
        const attempts = input.calls.filter((c) => c.operation === "create_refund" && (c.args as { charge?: string })?.charge === m[1]);
        return { passed: attempts.length === 0, reason: `${attempts.length} refund attempts on ${m[1]}` };
      },
    })),
  ],
};

export const smallCatalog: TwinCatalog = { github: smallGithub, stripe: smallStripe, slack: smallSlack };

/** Only some twins, e.g. to test "twin not available". */
export function catalogOf(...names: TwinName[]): TwinCatalog {
  return Object.fromEntries(names.map((n) => [n, smallCatalog[n]]));
}
