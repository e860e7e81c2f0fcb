/**
 * The GitHub Action: inputs → results (run the scenarios, or merge other jobs' results in
 * `mode: report`) → the surfaces (artifact, check run, PR comment, job summary) → outputs →
 * the job status from `fail-on`. A reporting problem becomes a warning and a fallback; only
 * the scenarios' results decide whether the job fails. Every byte sent or written passes
 * through one output redactor built from the runner's credentials and the token inputs:
 * the results (run here, or another job's in report mode) before anything is rendered from
 * them, and the rendered text, notices, log lines and outputs on their way out.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as core from "@actions/core";
import {
  checkTitle,
  exitCodeFor,
  exitCodeOf,
  onStopSignals,
  outputRedactor,
  PomeError,
  renderCheckAnnotations,
  renderCheckOutput,
  renderJobSummary,
  renderJson,
  renderJunit,
  renderScenarioBlock,
  reportModel,
  runScenarios,
  type BatchResult,
  type MarkdownOptions,
  type Redactor,
} from "../index.js";
import { agentEnvironment } from "./agent-environment.js";
import { readPayload, runContext, type RunContext } from "./event.js";
import { gate } from "./gate.js";
import {
  closeCheckRun,
  completeCheckRun,
  createCheckRun,
  describeFailure,
  octokitFor,
  writeStepSummary,
  writeWorkflowAnnotations,
  type CheckRunRef,
  type UploadedArtifact,
} from "./github.js";
import { artifactNameOf, checkNameOf, parseInputs, type ActionInputs } from "./inputs.js";
import { CONTEXT_FILE, findResultsFiles, mergeBatches, readContextFile, readResultsFile, RESULTS_FILE, type ContextFile } from "./results-files.js";
import { comment, previousResults, upload } from "./surfaces.js";

type Env = Record<string, string | undefined>;

interface Results {
  batch: BatchResult;
  cancelled: boolean;
  /** Other jobs' context files (report mode): hints for finding the PR. */
  contexts: ContextFile[];
  /** Where results.json, junit.xml and summary.md are written. */
  outDir: string;
}

export async function run(env: Env = process.env): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = parseInputs((name) => core.getInput(name));
  } catch (error) {
    core.setOutput("exit-code", String(exitCodeOf(error)));
    core.setOutput("result", "fail");
    core.setFailed(`pome: exit ${exitCodeOf(error)}: ${(error as Error).message}`);
    return;
  }
  try {
    await runWith(inputs, env);
  } catch (error) {
    // Only a bug in the action itself lands here: results and reporting handle their own errors.
    const message = error instanceof Error ? error.message : String(error);
    core.setFailed(`pome: exit ${exitCodeFor({ kind: "error", code: "INTERNAL" })}: internal error in the action: ${message}`);
  }
}

async function runWith(inputs: ActionInputs, env: Env): Promise<void> {
  const tokens = [inputs["github-token"], inputs["api-key"]].filter((secret): secret is string => Boolean(secret));
  for (const secret of tokens) core.setSecret(secret);
  const redactor = outputRedactor(env, tokens);
  const cwd = process.cwd();
  const ctx = runContext(env, readPayload(env), cwd);
  const checkName = checkNameOf(inputs);
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const notices: string[] = [];
  const warn = (message: string) => {
    const clean = redactor.text(message);
    core.warning(clean);
    notices.push(clean);
  };
  const octokit = inputs["github-token"] && ctx.owner ? octokitFor(inputs["github-token"], ctx.apiUrl) : null;
  if (ctx.fork) {
    notices.push(
      "This run is for a pull request from a fork: GitHub gives it a read-only token and no secrets, so the check run and the PR comment may be refused. Use the two-workflow pattern (pull_request uploads, workflow_run reports with mode: report) to publish them.",
    );
  }
  if (!octokit && (inputs.check || inputs.comment !== "off")) notices.push("No github-token: the check run and the PR comment were skipped.");

  let check: CheckRunRef | null = null;
  if (octokit && inputs.check && ctx.headSha) {
    try {
      check = await createCheckRun(octokit, repo, { name: checkName, headSha: ctx.headSha, detailsUrl: ctx.runUrl, title: inputs.mode === "run" ? "Running scenarios" : "Merging results" });
    } catch (error) {
      warn(describeFailure(error, "check run skipped"));
    }
  }

  const results = inputs.mode === "run" ? await runBatch(inputs, env, ctx, cwd, redactor) : reportBatch(inputs, cwd, redactor);
  const { batch } = results;
  const workspace = results.contexts.find((c) => c.workspace)?.workspace ?? ctx.workspace;
  const verdict = gate({ exitCode: batch.exit_code, failOn: inputs["fail-on"], ran: batch.scenarios.length, cancelled: results.cancelled });
  if (!verdict.fails && batch.exit_code !== 0) notices.push(`fail-on is ${inputs["fail-on"]}: these results do not fail the job.`);

  let artifact: UploadedArtifact | null = null;
  const artifactName = artifactNameOf(inputs, ctx.runAttempt);
  if (inputs.mode === "run" && inputs["upload-artifacts"]) {
    artifact = await upload({ name: artifactName, root: results.outDir, retentionDays: inputs["retention-days"], ctx, env, warn });
  }

  const baseline = inputs.baseline === "previous" ? await previousResults(octokit, ctx, checkName, check, warn) : null;
  const opts: MarkdownOptions = {
    title: checkName,
    workspace,
    blobUrl: ctx.blobUrl,
    artifact: artifact ? { name: artifactName, url: artifact.url } : null,
    checkRunUrl: check?.url ?? null,
    runUrl: ctx.runUrl,
    notices,
    baseline,
  };
  const annotations = redactor.value(renderCheckAnnotations(batch, { workspace, max: inputs.annotations }));
  if (check && octokit) {
    try {
      await completeCheckRun(octokit, repo, check.id, { conclusion: verdict.conclusion, output: redactor.value(renderCheckOutput(batch, opts)), annotations });
    } catch (error) {
      warn(describeFailure(error, "check run report not attached"));
      await closeCheckRun(octokit, repo, check.id, verdict.conclusion, checkTitle(batch)).catch(() => undefined);
      check = null;
    }
  }
  if (!check && annotations.length > 0) {
    const dropped = writeWorkflowAnnotations(annotations);
    if (dropped > 0) core.info(`${dropped} annotation(s) left out: GitHub shows at most 10 per level per step; the job summary lists every criterion.`);
  }

  if (octokit && inputs.comment !== "off") {
    await comment(octokit, { mode: inputs.comment, ctx, contexts: results.contexts, batch, opts: { ...opts, checkRunUrl: check?.url ?? null }, checkName, workspace, warn, redact: redactor.text });
  }

  const summary = redactor.text(renderJobSummary(batch, { ...opts, checkRunUrl: check?.url ?? null }));
  const summaryFile = join(results.outDir, "summary.md");
  writeFileSync(summaryFile, summary);
  if (inputs.summary) {
    try {
      await writeStepSummary(summary);
    } catch (error) {
      core.warning(describeFailure(error, "job summary not written"));
    }
  }

  setOutputs(batch, { workspace, results: results.outDir, summaryFile, check, artifact }, redactor);
  if (verdict.fails) core.setFailed(verdict.reason);
  else core.info(verdict.reason);
}

async function runBatch(inputs: ActionInputs, env: Env, ctx: RunContext, cwd: string, redactor: Redactor): Promise<Results> {
  // The runner sends SIGINT, then SIGTERM, on cancel: finish the run folders and report what ran.
  const stop = onStopSignals({ repeat: "ignore" });
  let batch: BatchResult;
  try {
    batch = await runScenarios({
      path: inputs.path,
      agent: inputs.agent,
      artifactsDir: inputs["artifacts-dir"],
      agentModel: inputs["agent-model"],
      fixPrompt: inputs["fix-prompt"],
      capture: inputs.capture,
      trials: inputs.trials,
      concurrency: inputs.concurrency,
      shard: inputs.shard,
      passThreshold: inputs["pass-threshold"],
      apiUrl: inputs["api-url"],
      cwd,
      env: agentEnvironment(env, { apiKey: inputs["api-key"] }),
      signal: stop.signal,
      onProgress: (event) => {
        if (event.type === "notice") core.info(redactor.text(`note: ${event.message}`));
        if (event.type === "scenario-finished") core.info(redactor.text(renderScenarioBlock(event.result, { color: true, cwd }).trimEnd()));
      },
    });
    batch = redactor.value(batch);
  } catch (error) {
    const message = error instanceof PomeError ? error.describe() : (error as Error)?.message ?? String(error);
    core.error(redactor.text(`pome: ${message}`));
    batch = emptyBatch(exitCodeOf(error), resolve(cwd, inputs["artifacts-dir"]), inputs.shard ?? null);
  } finally {
    stop.dispose();
  }
  const outDir = batch.artifacts_dir;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, RESULTS_FILE), renderJson(batch));
  writeFileSync(join(outDir, "junit.xml"), renderJunit(batch));
  const context: ContextFile = {
    head_sha: ctx.headSha,
    pull_request: ctx.pullRequest?.number ?? null,
    repository: `${ctx.owner}/${ctx.repo}`,
    fork: ctx.fork,
    workspace: ctx.workspace,
  };
  if (/^[0-9a-f]{40}$/i.test(ctx.headSha)) writeFileSync(join(outDir, CONTEXT_FILE), `${JSON.stringify(context, null, 2)}\n`);
  return { batch, cancelled: stop.stoppedBy() !== null, contexts: [], outDir };
}

function reportBatch(inputs: ActionInputs, cwd: string, redactor: Redactor): Results {
  const outDir = resolve(cwd, inputs["artifacts-dir"]);
  mkdirSync(outDir, { recursive: true });
  let batch: BatchResult;
  let contexts: ContextFile[] = [];
  try {
    const files = findResultsFiles(inputs.path, cwd);
    // Another job wrote these (a fork's, perhaps): held to this job's redaction before any use.
    batch = redactor.value(mergeBatches(files.map(readResultsFile), resolve(cwd, inputs.path)));
    contexts = files.map(readContextFile).filter((c): c is ContextFile => c !== null);
    core.info(`merged ${files.length} results file(s): ${batch.scenarios.length} scenario(s)`);
  } catch (error) {
    core.error(redactor.text(`pome: ${(error as Error).message}`));
    batch = emptyBatch(exitCodeOf(error), outDir, null);
  }
  writeFileSync(join(outDir, RESULTS_FILE), renderJson(batch));
  return { batch, cancelled: false, contexts, outDir };
}

function emptyBatch(exitCode: number, artifactsDir: string, shard: string | null): BatchResult {
  return { scenarios: [], exit_code: exitCode, started_at: new Date().toISOString(), duration_ms: 0, artifacts_dir: artifactsDir, shard, pome_version: "" };
}

function setOutputs(
  batch: BatchResult,
  out: { workspace: string; results: string; summaryFile: string; check: CheckRunRef | null; artifact: UploadedArtifact | null },
  redactor: Redactor,
): void {
  const { tally } = reportModel(batch, { workspace: out.workspace });
  const values: Record<string, string> = {
    result: batch.exit_code === 0 ? "pass" : "fail",
    "exit-code": String(batch.exit_code),
    satisfaction: tally.satisfaction === null ? "" : String(tally.satisfaction),
    scenarios: String(tally.scenarios),
    passed: String(tally.passed),
    failed: String(tally.failed),
    unevaluated: String(tally.unevaluated),
    errored: String(tally.errored),
    "results-file": join(out.results, RESULTS_FILE),
    "summary-file": out.summaryFile,
    "check-run-id": out.check ? String(out.check.id) : "",
    "check-run-url": out.check?.url ?? "",
    "artifact-id": out.artifact?.id === null || out.artifact?.id === undefined ? "" : String(out.artifact.id),
    "artifact-url": out.artifact?.url ?? "",
  };
  for (const [name, value] of Object.entries(values)) core.setOutput(name, redactor.text(value));
}
