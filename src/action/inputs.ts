/**
 * Every input of action.yml, parsed with one zod schema. GitHub hands inputs over as
 * strings (`INPUT_<NAME>`, empty when unset), so the schema turns "" into "not given" and
 * spells out what a bad value should have been.
 */
import { z } from "zod";
import { shardSchema, usageError } from "../index.js";

const text = z
  .string()
  .transform((s) => s.trim())
  .transform((s) => (s === "" ? undefined : s));

const bool = (fallback: boolean) =>
  text.pipe(
    z
      .enum(["true", "True", "TRUE", "false", "False", "FALSE"], { message: "expected true or false" })
      .optional()
      .transform((v) => (v === undefined ? fallback : v.toLowerCase() === "true")),
  );

const int = (min: number, max: number) =>
  text.pipe(
    z
      .string()
      .regex(/^\d+$/, "expected a whole number")
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`))
      .optional(),
  );

const choice = <T extends string>(values: readonly [T, ...T[]], fallback: T) =>
  text.pipe(
    z
      .enum(values, { message: `expected one of ${values.join(", ")}` })
      .optional()
      .transform((v) => v ?? fallback),
  );

export const actionInputsSchema = z.object({
  path: text.transform((v) => v ?? "scenarios"),
  agent: text,
  "artifacts-dir": text.transform((v) => v ?? "runs"),
  "agent-model": text.transform((v) => v ?? "unknown"),
  "fix-prompt": bool(true),
  capture: bool(true),
  trials: int(1, 1000),
  concurrency: int(1, 64).transform((v) => v ?? 1),
  // The same parsing as `--shard`, so the action and the CLI accept the same values.
  shard: text.pipe(shardSchema.optional()),
  "pass-threshold": text.pipe(
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, "expected a number from 0 to 100")
      .transform(Number)
      .pipe(z.number().min(0).max(100, "must be at most 100"))
      .optional(),
  ),
  "fail-on": choice(["failure", "error", "never"], "failure"),
  "github-token": text,
  "check-name": text,
  check: bool(true),
  comment: choice(["always", "on-failure", "on-change", "off"], "on-failure"),
  summary: bool(true),
  annotations: int(0, 10_000).transform((v) => v ?? 50),
  "upload-artifacts": bool(true),
  "artifact-name": text.pipe(
    z
      .string()
      .regex(/^[^":<>|*?\r\n\\/]+$/, 'must not contain " : < > | * ? \\ / or line breaks')
      .optional(),
  ),
  "retention-days": int(1, 90),
  mode: choice(["run", "report"], "run"),
  baseline: choice(["", "previous"], ""),
  "api-url": text.pipe(z.url({ message: "expected a URL" }).optional()),
  "api-key": text,
});

export type ActionInputs = z.output<typeof actionInputsSchema>;
export const INPUT_NAMES = Object.keys(actionInputsSchema.shape) as Array<keyof ActionInputs>;

/** Parse every input; a bad one is a usage error naming the input and what it expects. */
export function parseInputs(read: (name: string) => string): ActionInputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name) ?? ""]));
  const parsed = actionInputsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue.path[0] ?? "inputs");
  throw usageError(`invalid input "${name}": ${issue.message} (got "${raw[name] ?? ""}")`);
}

/** `pome`, or `pome (2/3)` for a matrix leg, unless the workflow names the check. */
export function checkNameOf(inputs: ActionInputs): string {
  if (inputs["check-name"]) return inputs["check-name"];
  return inputs.shard && inputs.mode === "run" ? `pome (${inputs.shard})` : "pome";
}

/** `pome-runs`, plus the shard and the attempt, so matrix legs and re-runs never collide. */
export function artifactNameOf(inputs: ActionInputs, attempt: string | undefined): string {
  if (inputs["artifact-name"]) return inputs["artifact-name"];
  const shard = inputs.shard ? `-${inputs.shard.replace("/", "-of-")}` : "";
  const retry = attempt && attempt !== "1" ? `-attempt-${attempt}` : "";
  return `pome-runs${shard}${retry}`;
}
