/**
 * action/: the GitHub Action's entry (action.yml → dist/index.js). Takes the workflow's
 * inputs and event; gives a check run, a PR comment, a job summary, an artifact, outputs and
 * the job status. Everything is in main.ts so tests and `@github/local-action` can call run().
 */
import { run } from "./main.js";

await run();
