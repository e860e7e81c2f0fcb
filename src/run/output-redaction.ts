/**
 * The one redaction every output surface shares (spec/run.md "Artifacts"). A run's results
 * leave it through the run's own redactor (it alone knows the session's credentials); what a
 * batch, the CLI or the action adds around them — notices, errors, rendered reports, files,
 * the check run, the comment, outputs — passes through this one, built from the credentials
 * of the environment pome runs in.
 */
import { createRedactor, type Redactor } from "../trace/index.js";
import { secretValues } from "./agent-env.js";

export function outputRedactor(env: Record<string, string | undefined>, extraSecrets: readonly string[] = []): Redactor {
  return createRedactor({ secrets: [...secretValues(env), ...extraSecrets] });
}
